"""The editing loop: what runs while someone edits records.

`serve` (a live preview of the site, rebuilt as files change) and `lsp` (a language
server: the checker's diagnostics, completion, hover and navigation in the editor). Both
stand on the stages before them (check, query's index, render) and know nothing of the
terminal; cli/commands/serve.py and lsp.py start them.
"""
