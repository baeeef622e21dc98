from fastlysync.cli.entry import main

main()
