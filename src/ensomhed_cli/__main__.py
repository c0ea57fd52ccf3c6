from ensomhed_cli.cli import main

main()
