"""`rancang build` end to end for one regency: the documents asked for, in the formats
asked for, PDF converted from the DOCX in one batch. The command line and the web page
both build through `Batch`, so a document is the same whichever made it.

`rancang build --all` builds every regency of the workspace through `NationalBatch`:
one task per regency in worker processes that load the clause libraries once."""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rancang.commands.build import Builder, Output, Shared, load, write_all
from rancang.errors import BuildError, Problem, RancangError, Unit
from rancang.i18n import _
from rancang.sources.regency import load_regency
from rancang.sources.workspace import Workspace, display_path
from rancang.views.docx import load_template


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
    from rancang.views import pdf       # here: it starts programs, a DOCX build does not

    done = pdf.convert(jobs, soffice=soffice, on_done=on_done)
    return {item.source.resolve(): item.pdf for item in done}


class Batch:
    """Everything is checked before anything is written: LibreOffice when PDF is asked
    for, the regency file (and the participant list), the input's own findings, the
    documents, hand-edited files in the way."""

    def __init__(self, ws: Workspace, regency_arg: str, docs: tuple[str, ...],
                 out_dir: Path, formats: tuple[str, ...] = ("docx",), opd: str | None = None,
                 final: bool = False, force: bool = False, participants: Path | None = None):
        self.out_dir, self.formats, self.final = Path(out_dir), tuple(formats), final
        self.soffice = None
        if "pdf" in self.formats:
            from rancang.views import pdf       # here: it starts programs, DOCX does not

            self.soffice = pdf.require_soffice()
        self.builder = Builder(ws, load(ws, regency_arg), final=final, force=force,
                               participants=participants)
        self.jobs = self.builder.jobs(docs, opd)
        refused = self.builder.refused_overwrites(self.jobs, self.out_dir, self.formats)
        if refused:
            raise BuildError(refused, _("nothing was written: hand-edited files are in the way"))
        found = self.builder.data_findings()
        errors = [Problem(f.message, f.where, f.code) for f in found if f.severity == "error"]
        if errors:
            raise BuildError(errors, _("the input has errors; nothing was written (`rancang "
                                       "check` lists every finding)"), _(
                "the input has errors; nothing was written (the findings of the regency's "
                "page list every one)"))
        # what the input says that is worth reading (warnings) or only telling (info)
        self.warnings = [Problem(f.message, f.where, f.code) for f in found
                         if f.severity == "warning"]
        self.infos = [Problem(f.message, f.where, f.code) for f in found
                      if f.severity != "warning"]

    @property
    def notes(self) -> list[str]:
        """A document the package leaves out, and why."""
        return self.builder.notes

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


# --- the national batch: every regency of the workspace ----------------------------------------

@dataclass
class Failure:
    """Why one regency was not built: the error as it crosses from a worker process
    (an exception with its own constructor does not)."""
    headline: str | None
    problems: list[Problem]
    exit_code: int

    @classmethod
    def of(cls, exc: RancangError) -> "Failure":
        return cls(getattr(exc, "headline", None), list(exc.problems), exc.exit_code)

    def __str__(self) -> str:
        return self.shown(len(self.problems))

    def shown(self, limit: int, regency: str = "") -> str:
        """The headline and the first `limit` problems: a national batch names every
        regency that failed without filling the screen with one of them."""
        if self.headline is None and len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"  - {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append("  - " + _("… and {n} more; `rancang build {regency}` lists them "
                                    "all").format(n=len(self.problems) - limit,
                                                  regency=regency))
        return (self.headline or _("the document cannot be built")) + ":\n" + "\n".join(lines)


@dataclass
class RegencyBuilt:
    """One regency of the national batch: its documents, or why there are none."""
    slug: str
    regency_file: Path
    out_dir: Path
    outputs: list[Output] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    failure: Failure | None = None

    def warnings(self) -> list[Problem]:
        """The regency's findings, then each document's warnings, a unit named with its
        document ('perbup-x: Mengingat angka 7')."""
        return self.findings + [
            Problem(w.message, w.where.in_document(o.stem), w.code)
            if isinstance(w.where, Unit) else w for o in self.outputs for w in o.warnings]

    def as_dict(self) -> dict:
        """`rancang build --all --json`: one entry a regency."""
        return {
            "regency": self.slug, "file": display_path(self.regency_file),
            "folder": display_path(self.out_dir),
            "documents": [{"document": o.stem, "kind": o.doc_type,
                           "files": [display_path(p) for p in o.paths],
                           "open_parameters": o.placeholders,
                           "backups": [display_path(b) for b in o.backups]}
                          for o in self.outputs],
            "warnings": [w.as_dict() for w in self.warnings()],
            "error": None if self.failure is None else {
                "error": self.failure.headline or str(self.failure.problems[0]),
                "problems": [p.as_dict() for p in self.failure.problems]}}


def regency_files(ws: Workspace) -> list[Path]:
    """The regency files of the workspace, as `rancang regencies` lists them."""
    return sorted(ws.regencies.glob("*.y*ml"))


def build_regency(ws: Workspace, path: Path, docs: tuple[str, ...], out_dir: Path,
                  formats: tuple[str, ...], final: bool = False, force: bool = False,
                  shared: Shared | None = None, docx_dir: Path | None = None) -> RegencyBuilt:
    """One regency into `out_dir`: every document composed, checked and laid out before
    the first is written, so a regency that fails leaves nothing of it behind (and a
    file written is written whole)."""
    result = RegencyBuilt(path.stem, path, out_dir)
    try:
        builder = Builder(ws, load_regency(path), final=final, force=force, shared=shared)
        jobs = builder.jobs(docs)
        refused = builder.refused_overwrites(jobs, out_dir, formats)
        if refused:
            raise BuildError(refused, _("nothing was written: hand-edited files are in the way"))
        # the input's own findings, as for one regency (`Batch`): an error stops it whole
        found = builder.data_findings()
        errors = [Problem(f.message, f.where, f.code) for f in found if f.severity == "error"]
        if errors:
            raise BuildError(errors, _("the input has errors; nothing was written (`rancang "
                                       "check` lists every finding)"), _(
                "the input has errors; nothing was written (the findings of the regency's "
                "page list every one)"))
        result.findings = [Problem(f.message, f.where, f.code) for f in found
                           if f.severity == "warning"]
        prepared = [builder.prepare(job) for job in jobs]
        if any(f in formats for f in ("docx", "pdf")):
            # the templates before the first file: a broken one stops the regency whole
            for template in sorted({builder.template_of(item.job) for item in prepared}):
                if not template.is_file():
                    raise RancangError(_("Word template not found"), display_path(template))
                load_template(template)
        for item in prepared:
            result.outputs.append(builder.emit(item, out_dir, formats, docx_dir))
    except RancangError as exc:
        result.failure = Failure.of(exc)
    return result


# Set in each worker: the workspace, and what its regencies share (loaded once a process).
_WORKER: dict = {}


def _start_worker(ws: Workspace, lang: str | None, shared: Shared | None) -> None:
    from rancang.i18n import set_language

    if lang:
        set_language(lang)
    _WORKER["ws"], _WORKER["shared"] = ws, shared


def _build_in_worker(args) -> RegencyBuilt:
    path, docs, out_dir, formats, final, force, docx_dir = args
    ws = _WORKER["ws"]
    if _WORKER.get("shared") is None:
        try:
            _WORKER["shared"] = Shared.load(ws)
        except RancangError as exc:
            return RegencyBuilt(path.stem, path, out_dir, failure=Failure.of(exc))
    return build_regency(ws, path, docs, out_dir, formats, final, force, _WORKER["shared"],
                         docx_dir)


def _start_method() -> str:
    """fork shares the libraries already loaded; spawn (Windows, macOS) loads them once
    a worker."""
    import multiprocessing as mp

    return "fork" if "fork" in mp.get_all_start_methods() else "spawn"


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may give fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class NationalBatch:
    """`rancang build --all`: every regency file of the workspace, each into its own
    folder `out_dir/<regency>/`, in worker processes (one per usable core unless told).
    A regency that fails is reported by name; the others are built all the same."""

    def __init__(self, ws: Workspace, docs: tuple[str, ...], out_dir: Path,
                 formats: tuple[str, ...] = ("docx",), final: bool = False,
                 force: bool = False, workers: int | None = None):
        self.ws, self.docs, self.out_dir = ws, docs, Path(out_dir)
        self.formats, self.final, self.force = tuple(formats), final, force
        self.files = regency_files(ws)
        if not self.files:
            raise RancangError(_("no regency files in {folder}").format(
                folder=display_path(ws.regencies)))
        self.soffice = None
        if "pdf" in self.formats:
            from rancang.views import pdf       # here: it starts programs, DOCX does not

            self.soffice = pdf.require_soffice()
        self.workers = max(1, min(workers or usable_cores(), len(self.files)))

    def run(self, on_regency: Callable[[RegencyBuilt], None] | None = None,
            on_pdf: Callable[[int], None] | None = None,
            on_pdf_done: Callable[[object], None] | None = None) -> list[RegencyBuilt]:
        """Build every regency; `on_regency(result)` as each is done (in the order they
        finish); then the PDFs of all of them in one conversion, `on_pdf(count)` as it
        starts. The results come back in the order of the regency files."""
        staged = "pdf" in self.formats and "docx" not in self.formats
        if staged:
            import tempfile
        with (tempfile.TemporaryDirectory(prefix="rancang-docx-") if staged
              else contextlib.nullcontext()) as staging:
            tasks = [(path, self.docs, self.out_dir / path.stem, self.formats, self.final,
                      self.force, Path(staging) / path.stem if staged else None)
                     for path in self.files]
            results = self._build(tasks, on_regency)
            if self.soffice:
                self._pdfs(results, staged, on_pdf, on_pdf_done)
        return results

    def _build(self, tasks, on_regency) -> list[RegencyBuilt]:
        import multiprocessing as mp

        from rancang.i18n import chosen

        try:
            shared = Shared.load(self.ws)
        except RancangError:
            shared = None               # each regency reports it
        if self.workers == 1:
            _start_worker(self.ws, None, shared)
            results = []
            for task in tasks:
                results.append(_build_in_worker(task))
                if on_regency:
                    on_regency(results[-1])
            _WORKER.clear()
            return results
        from concurrent.futures import ProcessPoolExecutor, as_completed

        method = _start_method()
        inherit = shared if method == "fork" else None
        with ProcessPoolExecutor(self.workers, mp_context=mp.get_context(method),
                                 initializer=_start_worker,
                                 initargs=(self.ws, chosen(), inherit)) as pool:
            futures = {pool.submit(_build_in_worker, task): i for i, task in enumerate(tasks)}
            results: list[RegencyBuilt | None] = [None] * len(tasks)
            for future in as_completed(futures):
                i = futures[future]
                results[i] = future.result()
                if on_regency:
                    on_regency(results[i])
        return results

    def _pdfs(self, results, staged, on_pdf, on_pdf_done) -> None:
        jobs = [(out.docx, r.out_dir / (out.docx.stem + ".pdf"))
                for r in results if r.failure is None for out in r.outputs if out.docx]
        if not jobs:
            return
        if on_pdf:
            on_pdf(len(jobs))
        pdfs = to_pdf(jobs, self.soffice, on_pdf_done)
        for r in results:
            for out in r.outputs:
                if out.docx and out.docx.resolve() in pdfs:
                    out.paths.append(pdfs[out.docx.resolve()])
