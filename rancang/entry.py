"""The `rancang` console script. `rancang --help` prints the top-level help that
`tools/i18n.py` rendered with click for each language (a test keeps it equal to click's
own), without importing click: it starts about as fast as Python itself. Everything
else goes through `rancang.cli`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

HELP_WIDTH = 80        # click wraps help at min(terminal width, 80)


def _wide_enough() -> bool:
    columns = os.environ.get("COLUMNS", "")
    if columns:
        return columns.isdigit() and int(columns) >= HELP_WIDTH
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns >= HELP_WIDTH
    except (OSError, ValueError, AttributeError):
        return True     # not a terminal: click wraps at 80 too


def help_file(lang: str) -> Path:
    return Path(__file__).resolve().parent / "locale" / lang / "help.txt"


def _prerendered_help(args: list[str]) -> str | None:
    lang = None
    if len(args) == 3 and args[0] == "--lang":
        lang, args = args[1], args[2:]
    elif len(args) == 2 and args[0].startswith("--lang="):
        lang, args = args[0].split("=", 1)[1], args[1:]
    if args not in (["--help"], ["-h"]) or not _wide_enough():
        return None
    from rancang.i18n import LANGUAGES, language
    if lang is not None and lang not in LANGUAGES:
        return None         # click says what is wrong
    try:
        return help_file(lang or language()).read_text(encoding="utf-8")
    except OSError:
        return None


def run() -> int:
    text = _prerendered_help(sys.argv[1:])
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    from rancang.cli import main
    return main()
