"""`python -m ensomhed_cli`: the same as the `ensomhed` command."""

from ensomhed_cli.cli.entry import main

main()
