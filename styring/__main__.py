from styring.cli import main

main()
