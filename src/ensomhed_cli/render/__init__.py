"""Stage 4, rendering: templates, their context, charts and labels, one document or the whole site."""
