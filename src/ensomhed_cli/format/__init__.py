"""Stage 1, the record format: files, the YAML dialect, front matter, the schema, typed records and settings."""
