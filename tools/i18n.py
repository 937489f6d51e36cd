"""rancang's message catalog: extract, update, compile, and the sweep of what is left.

Message ids are the English texts in the code: `_("...")`, `N_("...")` and
`ngettext("...", "...", n)` in `rancang/`, and the texts of click ("Usage:", "No such
option: {name}") that click marks for gettext. The Indonesian lives in
`rancang/locale/id/LC_MESSAGES/rancang.po`; `rancang.mo` beside it is what rancang reads,
compiled from it and committed (so a wheel, an editable install and CI need no build
step; a test checks that it matches the .po).

    python tools/i18n.py                  # update the .po from the code, compile, list what is missing
    python tools/i18n.py missing          # untranslated (or fuzzy) messages, with where they are used
    python tools/i18n.py missing --tsv todo.tsv   # the same as a table: translate column 2 ...
    python tools/i18n.py fill todo.tsv    # ... and take the translations into the .po
    python tools/i18n.py compile          # .po -> .mo only
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rancang"
PO = PACKAGE / "locale" / "id" / "LC_MESSAGES" / "rancang.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HEADER = "Bahasa Indonesia for rancang; message ids are the English texts of the code."


def _click_dir() -> Path:
    import click
    return Path(click.__file__).resolve().parent


def extract() -> Catalog:
    """Every message id of rancang and of click, with where it is used."""
    template = Catalog(project="rancang", version="", domain="rancang", fuzzy=False)
    sources = [(PACKAGE, "rancang", KEYWORDS),
               (_click_dir(), "click", {"_": None, "ngettext": (1, 2)})]
    # the web page's templates call _() as Python does
    methods = [("**.py", "python"), ("web/templates/**.html", "jinja2.ext:babel_extract")]
    for folder, prefix, keywords in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
                folder, method_map=methods, keywords=keywords,
                comment_tags=("i18n:",), strip_comment_tags=True):
            template.add(message, None, [(f"{prefix}/{filename}", lineno)],
                         auto_comments=comments, context=context)
    return template


def read_catalog(path: Path = PO) -> Catalog:
    if not path.exists():
        return Catalog(locale="id", project="rancang", domain="rancang", fuzzy=False,
                       header_comment=f"# {HEADER}")
    with path.open("rb") as fh:
        return read_po(fh, locale="id", domain="rancang")


def write_catalog(catalog: Catalog, path: Path = PO) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    # no line numbers: the .po changes when a message does, not when code moves
    write_po(buffer, catalog, width=96, sort_output=False, include_previous=False,
             ignore_obsolete=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def compile_catalog(catalog: Catalog | None = None, path: Path = MO) -> bytes:
    catalog = catalog or read_catalog()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
        render_help()
    return data


def render_help() -> None:
    """The top-level `rancang --help` of each language, as click renders it at 80
    columns: `rancang --help` prints it without importing click (rancang/entry.py)."""
    from click.testing import CliRunner

    from rancang.cli import main
    from rancang.entry import help_file
    from rancang.i18n import LANGUAGES
    for lang in LANGUAGES:
        result = CliRunner().invoke(main, ["--lang", lang, "--help"], env={"COLUMNS": "80"})
        if result.exit_code != 0:
            raise SystemExit(f"rancang --help failed:\n{result.output}")
        help_file(lang).parent.mkdir(parents=True, exist_ok=True)
        help_file(lang).write_text(result.stdout, encoding="utf-8")


def update() -> Catalog:
    """The .po with every message id of the code: new ones untranslated, translations of
    messages the code no longer has dropped (no fuzzy guesses: a near match of a legal
    sentence is not its translation)."""
    catalog = read_catalog()
    catalog.update(extract(), no_fuzzy_matching=True, update_header_comment=False,
                   update_creation_date=False)
    catalog.header_comment = f"# {HEADER}"
    write_catalog(catalog)
    return catalog


def missing(catalog: Catalog | None = None) -> list:
    """Messages without a usable Indonesian translation."""
    catalog = catalog or read_catalog()
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(s and s.strip() for s in strings):
            out.append(message)
    return out


def _msgid(message) -> tuple[str, str]:
    if isinstance(message.id, (list, tuple)):
        return message.id[0], message.id[1]
    return message.id, ""


def write_todo(messages, path: Path) -> None:
    """A table to translate: msgid, Indonesian, (plural msgid, Indonesian plural), where."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        writer.writerow(["msgid", "id", "msgid_plural", "id_plural", "where"])
        for m in messages:
            singular, plural = _msgid(m)
            writer.writerow([singular, "", plural, "",
                             " ".join(f"{f}:{n}" for f, n in m.locations)])


def fill(path: Path) -> int:
    """Take translations from a table made by `missing --tsv` into the .po."""
    catalog = read_catalog()
    count = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            key = (row["msgid"], row["msgid_plural"]) if row.get("msgid_plural") else row["msgid"]
            message = catalog.get(key if isinstance(key, str) else key[0])
            if message is None or not row["id"].strip():
                continue
            if isinstance(message.id, (list, tuple)):
                message.string = (row["id"], row.get("id_plural") or row["id"])
            else:
                message.string = row["id"]
            message.flags.discard("fuzzy")
            count += 1
    write_catalog(catalog)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("update", help="update the .po from the code, compile it")
    todo = sub.add_parser("missing", help="list the untranslated messages")
    todo.add_argument("--tsv", type=Path, help="write them as a table to translate")
    take = sub.add_parser("fill", help="take translations from a table into the .po")
    take.add_argument("table", type=Path)
    sub.add_parser("compile", help="compile the .po into the .mo")
    args = parser.parse_args(argv)
    if args.command == "compile":
        compile_catalog()
        return 0
    if args.command == "fill":
        print(f"{fill(args.table)} translation(s) taken into {PO.relative_to(ROOT)}")
        compile_catalog()
        return 0
    catalog = update() if args.command in (None, "update") else read_catalog()
    if args.command in (None, "update"):
        compile_catalog(catalog)
    left = missing(catalog)
    if getattr(args, "tsv", None):
        write_todo(left, args.tsv)
        print(f"{len(left)} message(s) to translate written to {args.tsv}")
    else:
        for m in left:
            where = ", ".join(f"{f}:{n}" for f, n in m.locations[:2])
            print(f"{where}: {_msgid(m)[0]!r}")
        print(f"{len(left)} message(s) without an Indonesian translation", file=sys.stderr)
    return 1 if left and args.command == "missing" else 0


if __name__ == "__main__":
    sys.exit(main())
