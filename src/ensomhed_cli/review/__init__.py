"""Stage 5, review: what changed in the records between two git revisions."""
