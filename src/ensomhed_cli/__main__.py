from ensomhed_cli.entry import main

main()
