import sys

from rancang.entry import run

sys.exit(run())
