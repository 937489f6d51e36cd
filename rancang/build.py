"""Building a document end to end: load, compose, lay out, write the chosen formats."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .compose import Build, compose
from .errors import Problem, RancangError
from .files import atomic_write_text
from .library import load_library
from .regency import Regency, load_regency
from .render.blocks import layout
from .render.docx import render_docx
from .render.text import render_markdown
from .workspace import Workspace

DOC_TYPES = ("perbup",)
FORMATS = ("docx", "md", "pdf")


@dataclass
class Output:
    doc_type: str
    paths: list[Path] = field(default_factory=list)
    docx: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    placeholders: int = 0


def build_tree(ws: Workspace, regency: Regency, doc_type: str, final: bool = False) -> Build:
    if doc_type not in DOC_TYPES:
        raise RancangError(f"unknown document '{doc_type}'; choose one of: {', '.join(DOC_TYPES)}")
    lib = load_library(ws.clauses, doc_type)
    return compose(lib, regency, final=final)


def write_document(ws: Workspace, regency: Regency, doc_type: str, out_dir: Path,
                   formats: tuple[str, ...] = ("docx",), final: bool = False,
                   docx_dir: Path | None = None) -> Output:
    """Write the DOCX (into `docx_dir` when given: a staging folder for PDF-only output)
    and the Markdown. PDF is converted from the DOCX afterwards, for a whole batch at
    once (see `pdf.convert`)."""
    built = build_tree(ws, regency, doc_type, final)
    doc = built.document
    blocks = layout(doc, final=final)
    stem = f"{doc_type}-{regency.slug}"
    out = Output(doc_type, warnings=built.warnings,
                 placeholders=len({p.path for p in doc.placeholders()}))
    title = "".join(str(p) for p in doc.children[0].content) if doc.children else ""
    for fmt in formats:
        if fmt in ("docx", "pdf") and out.docx is None:
            template = ws.templates / doc_type / f"{doc_type}.docx"
            props = {"title": f"{'Rancangan ' if not final else ''}Peraturan Bupati "
                              f"{regency.name} tentang {title}",
                     "subject": regency.display_name}
            target = (docx_dir or out_dir) / f"{stem}.docx"
            out.docx = render_docx(blocks, template, target, props)
            if docx_dir is None or "docx" in formats:
                out.paths.append(out.docx)
        elif fmt in ("docx", "pdf"):
            continue
        elif fmt == "md":
            out.paths.append(atomic_write_text(out_dir / f"{stem}.md", render_markdown(blocks)))
        else:
            raise RancangError(f"unknown format '{fmt}'; choose from: {', '.join(FORMATS)}")
    return out


def load(ws: Workspace, regency_arg: str) -> Regency:
    return load_regency(ws.regency_path(regency_arg))
