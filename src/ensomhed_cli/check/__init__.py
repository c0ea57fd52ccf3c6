"""Stage 2, checking: the rules within and across records, the loaded repository and the cached checker."""
