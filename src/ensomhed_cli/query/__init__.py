"""Stage 3, querying: records as rows, filters, read-only SQL, follow-up actions, the calendar and the overview."""
