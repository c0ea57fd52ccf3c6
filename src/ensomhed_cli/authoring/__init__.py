"""Stage 6, authoring: new records at their conventional paths, and new repositories."""
