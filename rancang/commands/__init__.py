"""What each command does, over the library: the CLI (rancang/cli.py) and the web page call these."""
