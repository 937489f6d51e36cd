"""`rancang consolidate BASE AMENDMENT... -o FILE`: the base regulation as its amendments
made it, each changed unit noting the instrument that last changed it.

BASE and each AMENDMENT are read as `rancang diff` and `rancang amend` read them; the
Pasal I of each amendment is read into changes (readers/amendment.py) and applied in
order (composition/consolidation.py). Nothing is written when a point cannot be read or
names a unit the text lacks."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rancang.commands.documents import load_document
from rancang.composition.consolidation import consolidate
from rancang.errors import RancangError
from rancang.files import atomic_write_text
from rancang.i18n import _
from rancang.readers.amendment import Instrument, read_amendment
from rancang.sources.loader import load_yaml
from rancang.sources.workspace import Workspace, display_path
from rancang.views.blocks import layout_consolidated
from rancang.views.docx import render_docx
from rancang.views.text import render_markdown

WORDING = ("perubahan", "perubahan.yaml")
SUFFIXES = (".md", ".docx")


@dataclass
class Consolidated:
    path: Path
    instruments: list[Instrument]
    changes: int
    pasal: int
    notes: list[str] = field(default_factory=list)


def run_consolidate(ws: Workspace, base_arg: str, amendment_args: tuple[str, ...] | list[str],
                    out: Path, renumber: bool = False, force: bool = False) -> Consolidated:
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise RancangError(_("the consolidated text is written as Markdown or DOCX: give a "
                             "file name ending in .md or .docx"), display_path(out))
    docx = out.suffix.lower() == ".docx"
    if out.exists() and not force and not docx:     # a DOCX: render_docx asks whether edited
        raise RancangError(_("the file exists; give --force to replace it"), display_path(out))
    if not amendment_args:
        raise RancangError(_("name at least one amending regulation after BASE"))
    base = load_document(base_arg, ws)
    instruments = [read_amendment(load_document(arg, ws), Path(arg).stem)
                   for arg in amendment_args]
    wording_path = ws.clause_dir(*WORDING)
    wording = load_yaml(wording_path, display_path(wording_path))
    doc, notes = consolidate(base, instruments, wording, renumber)
    blocks = layout_consolidated(doc)
    if docx:
        title = next((n.text for n in doc.children if n.kind == "judul"), "")
        path = render_docx(blocks, ws.templates / "perbup" / "perbup.docx", out,
                           {"title": " ".join(title.split()), "subject": ""}, force=force)
    else:
        path = atomic_write_text(out, render_markdown(blocks))
    return Consolidated(path, instruments, sum(len(i.changes) for i in instruments),
                        sum(1 for n in doc.walk() if n.kind == "pasal"), notes)
