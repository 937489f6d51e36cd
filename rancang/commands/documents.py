"""Any input the diff and `rancang parse` accept, as a document tree: a DOCX, ODT,
Markdown or text file read by the parser, or a regency YAML file (or slug) built with
its clause library. Composing "a regency file as a document" is a command's work, so it
lives here and the readers stay below the commands."""
from __future__ import annotations

from pathlib import Path

from rancang.commands.build import Builder, load
from rancang.errors import RancangError
from rancang.model.tree import Document
from rancang.readers.parse import parse_pair, parse_text, read_text
from rancang.sources.workspace import Workspace, display_path


def is_regency_argument(arg: str, ws: Workspace | None) -> bool:
    path = Path(arg)
    if path.suffix.lower() in (".yaml", ".yml"):
        return True
    return not path.exists() and ws is not None and "/" not in arg and "." not in arg


def load_document(arg: str, ws: Workspace | None = None, doc_type: str = "perbup") -> Document:
    """The document ARG names; a regency is built as its Perbup (or `doc_type`)."""
    if is_regency_argument(arg, ws):
        ws = ws or Workspace.discover()
        builder = Builder(ws, load(ws, arg))
        return builder.tree(builder.jobs((doc_type,))[0]).document
    path = Path(arg)
    text = read_text(path)
    try:
        return parse_text(text, path.stem)
    except RancangError as error:
        raise _named(error, path) from None


def _named(error: RancangError, *paths: Path) -> RancangError:
    """The parser names a text by its stem: say which file, as every other input error
    does (the first of `paths` with that stem)."""
    where = str(error.problems[0].where) if type(error) is RancangError else None
    path = next((p for p in paths if p.stem == where), None)
    return RancangError(error.problems[0].message, display_path(path)) if path else error


def load_pair(old: str, new: str, ws: Workspace | None = None) -> tuple[Document, Document]:
    """The two documents a diff compares: two texts are parsed together, so that what
    stands unchanged in both is parsed once."""
    if is_regency_argument(old, ws) or is_regency_argument(new, ws):
        return load_document(old, ws), load_document(new, ws)
    a, b = Path(old), Path(new)
    text_a, text_b = read_text(a), read_text(b)
    try:
        return parse_pair(text_a, text_b, a.stem, b.stem)
    except RancangError as error:
        raise _named(error, a, b) from None
