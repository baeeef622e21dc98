from fastlysync.cli.main import main

main()
