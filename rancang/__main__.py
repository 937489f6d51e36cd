from rancang.cli import main

main()
