"""`rancang build` end to end for one regency: the documents asked for, in the formats
asked for, PDF converted from the DOCX in one batch. The command line and the web page
both build through `Batch`, so a document is the same whichever made it."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rancang.commands.build import Builder, Output, load, write_all
from rancang.errors import BuildError, Problem
from rancang.i18n import _
from rancang.sources.workspace import Workspace


@dataclass
class Built:
    """One document of the batch: what `Builder.write` reports, and every file written
    for it (its PDF included)."""
    output: Output
    paths: list[Path] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.output.stem


def to_pdf(jobs: list[tuple[Path, Path]], soffice: str,
           on_done: Callable[[object], None] | None = None) -> dict[Path, Path]:
    """The one place that converts a batch's DOCX to PDF: {resolved DOCX: PDF};
    `on_done(converted)` after each PDF is in place."""
    import inspect      # until convert() reports each PDF itself (the PDF work in progress)

    from rancang.views import pdf

    if "on_done" in inspect.signature(pdf.convert).parameters:
        done = pdf.convert(jobs, soffice=soffice, on_done=on_done)
    else:
        done = pdf.convert(jobs, soffice=soffice)
        for item in done:
            if on_done:
                on_done(item)
    return {item.source.resolve(): item.pdf for item in done}


class Batch:
    """Everything is checked before anything is written: LibreOffice when PDF is asked
    for, the regency file, the documents, hand-edited files in the way."""

    def __init__(self, ws: Workspace, regency_arg: str, docs: tuple[str, ...],
                 out_dir: Path, formats: tuple[str, ...] = ("docx",), opd: str | None = None,
                 final: bool = False, force: bool = False):
        self.out_dir, self.formats, self.final = Path(out_dir), tuple(formats), final
        self.soffice = None
        if "pdf" in self.formats:
            from rancang.views import pdf       # here: it starts programs, DOCX does not

            self.soffice = pdf.require_soffice()
        self.builder = Builder(ws, load(ws, regency_arg), final=final, force=force)
        self.jobs = self.builder.jobs(docs, opd)
        refused = self.builder.refused_overwrites(self.jobs, self.out_dir, self.formats)
        if refused:
            raise BuildError(refused, _("nothing was written: hand-edited files are in the way"))

    @property
    def findings(self) -> list[Problem]:
        return self.builder.findings

    def run(self, on_done: Callable[[], None] | None = None, parallel: bool = True,
            on_pdf: Callable[[], None] | None = None,
            on_pdf_done: Callable[[object], None] | None = None) -> list[Built]:
        """Write every document; `on_done` after each; then `on_pdf` as the PDF phase
        starts and `on_pdf_done` after each PDF. `parallel=False` keeps the work in this
        process (a threaded server must not fork)."""
        fmts = self.formats
        staged = "pdf" in fmts and "docx" not in fmts
        if staged:
            import tempfile
        with (tempfile.TemporaryDirectory(prefix="rancang-docx-") if staged
              else contextlib.nullcontext()) as staging:
            docx_dir = Path(staging) if staged else None
            if parallel:
                outputs = write_all(self.builder, self.jobs, self.out_dir, fmts, docx_dir,
                                    on_done=on_done)
            else:
                outputs = []
                for job in self.jobs:
                    outputs.append(self.builder.write(job, self.out_dir, fmts, docx_dir))
                    if on_done:
                        on_done()
            pdf_jobs = [(o.docx, self.out_dir / (o.docx.stem + ".pdf")) for o in outputs
                        if self.soffice and o.docx]
            if pdf_jobs and on_pdf:
                on_pdf()
            pdfs = to_pdf(pdf_jobs, self.soffice, on_pdf_done) if pdf_jobs else {}
        built = []
        for out in outputs:
            paths = list(out.paths)
            if out.docx and out.docx.resolve() in pdfs:
                paths.append(pdfs[out.docx.resolve()])
            built.append(Built(out, paths))
        return built
