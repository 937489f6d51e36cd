"""Building documents end to end: load, compute the financing, compose, lay out, write.

One `Builder` per regency and command: the clause libraries, the rates and the
financing are loaded and computed once, then every document (the Perbup, the MoU, one
PKS per OPD) is composed from them."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rancang.checks.data import regency_findings
from rancang.checks.drafting import allowances, document_findings
from rancang.checks.findings import Finding, as_imported, from_problem
from rancang.composition.base import Build
from rancang.composition.compose import compose
from rancang.composition.finance import (Financing, Opd, compute, decision_problems,
                                         load_rates)
from rancang.errors import BuildError, Problem, RancangError
from rancang.i18n import _
from rancang.files import atomic_write_text, edited_by_hand
from rancang.files import slug as safe_slug   # the one slug function
from rancang.model import bahasa
from rancang.model.tree import Unconfirmed
from rancang.sources.library import Library, load_library
from rancang.sources.loader import load_yaml
from rancang.sources.regency import Regency, load_regency
from rancang.sources.workspace import Workspace, display_path
from rancang.views.blocks import layout
from rancang.views.docx import render_docx

DOC_TYPES = ("perbup", "mou", "pks", "kepbup-penerima", "kepbup-tim", "kuasa")
FORMATS = ("docx", "md", "pdf", "html")
TITLES = {"perbup": "Peraturan Bupati", "mou": "Kesepakatan Bersama",
          "pks": "Perjanjian Kerja Sama", "kepbup-penerima": "Keputusan Bupati",
          "kepbup-tim": "Keputusan Bupati", "kuasa": ""}
# The documents made once per OPD, and the Word template of each kind that shares one.
PER_OPD = ("pks", "kuasa")
TEMPLATE_OF = {"kepbup-penerima": "keputusan", "kepbup-tim": "keputusan"}


@dataclass
class Job:
    doc_type: str
    stem: str
    opd: Opd | None = None


@dataclass
class Output:
    doc_type: str
    stem: str
    paths: list[Path] = field(default_factory=list)
    docx: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    placeholders: int = 0
    backups: list[Path] = field(default_factory=list)


def document_types(ws: Workspace) -> list[str]:
    """The three documents, and any clause library a bureau added (rancang import)."""
    extra = sorted({p.parent.name for p in ws.clauses.glob("*/document.yaml")
                    if p.parent.name not in DOC_TYPES})
    return list(DOC_TYPES) + extra


@dataclass
class Shared:
    """What every regency builds from: the catalogue, the rates and the clause libraries
    (each loaded when first used). One per workspace and process in a national batch, so
    514 regencies load them once; none of it is changed by a build."""
    catalogue: object
    rates: object
    libs: dict[str, Library] = field(default_factory=dict)

    @classmethod
    def load(cls, ws: Workspace) -> "Shared":
        catalogue_path = ws.clause_dir("catalogue.yaml")
        return cls(load_yaml(catalogue_path, display_path(catalogue_path)),
                   load_rates(ws.clause_dir("rates.yaml").parent))


@dataclass
class Prepared:
    """One document composed, checked and laid out: nothing written yet."""
    job: Job
    blocks: list
    title: str
    output: Output


class Builder:
    def __init__(self, ws: Workspace, regency: Regency, final: bool = False,
                 force: bool = False, participants: Path | None = None,
                 shared: Shared | None = None):
        self.ws, self.regency, self.final, self.force = ws, regency, final, force
        shared = shared or Shared.load(ws)
        self._libs: dict[str, Library] = shared.libs
        self._perbup: dict | None = None
        self.notes: list[str] = []
        self.catalogue = shared.catalogue
        # the participant list, when given: its counts are the figures of every document
        self.participants = None
        if participants is not None:
            from rancang.readers.participants import load_limits, read_participants
            self.participants = read_participants(
                participants, regency, limits=load_limits(ws.clause_dir("participants.yaml")))
        self.financing: Financing = compute(
            regency, shared.rates, self.catalogue,
            counts=self.participants.counts() if self.participants is not None else None)
        for opd in self.financing.opds + self.financing.unlisted:
            opd.slug = safe_slug(opd.slug)
        self._check_opd_slugs()

    @property
    def findings(self) -> list[Problem]:
        """What the calculator and the published facts disagree on: warnings, the
        documents still build."""
        return self.financing.findings + fact_findings(self.regency)

    def data_findings(self) -> list[Finding]:
        """Everything found in the input before a document is composed, with its
        severity: the calculator's and the published facts' disagreements (a warning in a
        draft; with --final an error unless the regency file records a decision), the
        regency file's own inconsistencies, the participant list's rows."""
        out: list[Finding] = []
        decided = {id(d.problem): d for d in self.financing.disagreements}
        list_counts = [f for f in (self.participants.findings if self.participants else [])
                       if f.code == "count-differs"]
        list_decision = next((d for d in self.regency.data.get("decisions") or []
                              if d.get("fact") == "participant_list.counts"), None)
        for problem in self.findings:
            item = decided.get(id(problem))
            if item is None:
                out.append(from_problem(problem, "warning"))
            else:
                out.append(self._settled(problem, item.decision))
        out += [from_problem(p, "error") for p in decision_problems(self.financing,
                                                                    self.regency)]
        out += regency_findings(self.regency, self.catalogue)
        for problem in (self.participants.findings if self.participants else []):
            if problem in list_counts:
                out.append(self._settled(problem, list_decision))
            else:
                out.append(from_problem(problem, problem.severity))
        return out

    def _settled(self, problem: Problem, decision) -> Finding:
        """A disagreement of a published figure: a warning in a draft, an error with
        --final, unless a decision records which figure, why and who (then info)."""
        if decision is not None:
            settled = (_("{message}; decided: the computed figure ({why}; {who})")
                       if decision.get("use") == "computed" else
                       _("{message}; decided: the published figure ({why}; {who})"))
            return Finding("info", problem.code, settled.format(
                message=problem.message, why=decision.get("why"), who=decision.get("who")),
                problem.where)
        if self.final:
            return Finding("error", problem.code, _(
                "{message}: the version to sign uses one figure; record in 'decisions' which "
                "one (fact, use: computed or published, why, who)").format(
                message=problem.message), problem.where)
        return from_problem(problem, "warning")

    def applies(self, doc_type: str) -> str | None:
        """Why a document is not made for this regency (None: it is)."""
        data = self.regency.data
        if doc_type == "kepbup-penerima" and not any(
                self.catalogue["segments"].get(str(b.get("target")), {}).get("target_group")
                for b in data.get("bantuan_iuran") or []):
            return _("{regency} pays no Bantuan Iuran for a target group (bantuan_iuran): "
                     "there is no Keputusan of its recipients").format(
                regency=self.regency.display_name)
        if doc_type == "kepbup-tim" and not (data.get("focus") or {}).get("kelembagaan"):
            return _("the Perbup of {regency} forms no Tim Koordinasi (focus.kelembagaan is "
                     "false): there is no Keputusan of it").format(
                regency=self.regency.display_name)
        return None

    def perbup(self) -> dict:
        """The Perbup this package drafts, as a Keputusan cites it: its title and where
        each unit stands ('Pasal 14 ayat (1)'), from the built tree."""
        if self._perbup is None:
            self._perbup = {"title": None, "labels": {}}
            try:
                lib = self.library("perbup")
                built = compose(lib, self.regency, financing=self.financing)
            except RancangError:
                return self._perbup
            self._perbup["title"] = str(lib.document.get("judul") or "") or None
            self._perbup["labels"] = {n.id: n.label for n in built.document.walk()
                                      if n.id and n.label}
        return self._perbup

    def _check_opd_slugs(self) -> None:
        seen: dict[str, str] = {}
        problems = []
        for opd in self.financing.opds:
            if opd.slug in seen:
                problems.append(Problem.coded("opd-slug-clash", _(
                    "OPD '{opd}' and '{other}' would share the file name part '{slug}'; give "
                    "one a 'slug'").format(opd=opd.name, other=seen[opd.slug], slug=opd.slug),
                    opd.spec.source))
            seen[opd.slug] = opd.name
        if problems:
            raise BuildError(problems, _("the regency file has OPDs that cannot be told "
                                         "apart"))

    def library(self, doc_type: str) -> Library:
        if not (self.ws.clause_dir(doc_type) / "document.yaml").is_file():
            raise RancangError(_("unknown document '{doc}'; choose one of: {choices}").format(
                doc=doc_type, choices=", ".join([*document_types(self.ws), "all"])))
        if doc_type not in self._libs:
            lib_dir = self.ws.clause_dir(doc_type).parent
            self._libs[doc_type] = load_library(lib_dir, doc_type,
                                                self.ws.clause_dir("citations.yaml").parent)
        return self._libs[doc_type]

    def jobs(self, doc_types: tuple[str, ...], opd_slug: str | None = None) -> list[Job]:
        """The documents to make: one for each kind, one PKS and one Surat Kuasa per OPD.
        A Keputusan that does not apply to the regency is left out of a batch (said in
        `notes`) and refused when asked for alone."""
        jobs = []
        for doc_type in doc_types:
            reason = self.applies(doc_type)
            if reason is not None:
                if len(doc_types) == 1:
                    raise RancangError(reason, display_path(self.regency.path))
                self.notes.append(reason)
                continue
            if doc_type not in PER_OPD:
                jobs.append(Job(doc_type, f"{doc_type}-{self.regency.slug}"))
                continue
            opds = self.financing.opds
            unlisted = self.financing.unlisted
            if opd_slug is not None:
                opds = [o for o in opds if o.slug == opd_slug]
                if not opds and any(o.slug == opd_slug for o in unlisted):
                    raise RancangError(_("the participant list names nobody of {opd}: there is "
                                         "no PKS or Surat Kuasa for it").format(
                        opd=next(o.name for o in unlisted if o.slug == opd_slug)),
                        display_path(self.participants.path))
                if not opds:
                    known = ", ".join(o.slug for o in self.financing.opds) or _("none")
                    raise RancangError(_("no OPD '{opd}' in {file} (known: {known}); a PKS is "
                                         "made only for an OPD the regency file lists").format(
                        opd=opd_slug, file=display_path(self.regency.path), known=known))
            elif not opds:
                raise RancangError(_("{file} lists no OPD under 'opds', so there is no PKS "
                                     "to build").format(file=display_path(self.regency.path)))
            if unlisted and opd_slug is None:
                note = _("the participant list names nobody of {opds}: no PKS or Surat Kuasa "
                         "for them").format(opds=", ".join(o.name for o in unlisted))
                if note not in self.notes:
                    self.notes.append(note)
            jobs += [Job(doc_type, f"{doc_type}-{self.regency.slug}-{o.slug}", o)
                     for o in opds]
        return jobs

    def tree(self, job: Job) -> Build:
        related = {"participants": self.participants}
        if job.doc_type.startswith("kepbup-"):
            related["perbup"] = self.perbup()
        return compose(self.library(job.doc_type), self.regency, final=self.final,
                       financing=self.financing, opd=job.opd, related=related)

    def check(self, job: Job, built: Build, lib: Library | None = None) -> list[Finding]:
        """The drafting-rule checks of `rancang check` on one composed document."""
        lib = lib or self.library(job.doc_type)
        findings = document_findings(built.document, allowances(lib.document, lib.definitions),
                                     final=self.final)
        return as_imported(findings) if lib.document.get("imported") else findings

    def refused_overwrites(self, jobs: list[Job], out_dir: Path, formats) -> list[Problem]:
        """DOCX files of this batch that a person edited: checked before anything is
        written, so a batch never stops halfway over one of them."""
        if self.force or "docx" not in formats:
            return []      # PDF-only output stages its DOCX elsewhere
        return [Problem.coded("edited-by-hand", _(
                    "this DOCX was changed after rancang generated it (or was not made by "
                    "rancang); it is not overwritten. Build into another folder with -o, or use "
                    "--force to replace it (the edited file is kept as a backup)"),
                    display_path(path))
                for path in (out_dir / f"{job.stem}.docx" for job in jobs)
                if edited_by_hand(path)]

    def write(self, job: Job, out_dir: Path, formats: tuple[str, ...] = ("docx",),
              docx_dir: Path | None = None) -> Output:
        """Write the DOCX (into `docx_dir` when given: a staging folder for PDF-only
        output) and the Markdown. PDF is converted from the DOCX afterwards, for a whole
        batch at once (see `pdf.convert`)."""
        return self.emit(self.prepare(job), out_dir, formats, docx_dir)

    def prepare(self, job: Job) -> Prepared:
        """Compose, check and lay out one document; a drafting-rule error stops it here,
        before anything is written."""
        built = self.tree(job)
        doc = built.document
        findings = self.check(job, built)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            raise BuildError([Problem(f.message, f.where, f.code) for f in errors],
                             _("{document} breaks the drafting rules; nothing was "
                               "written").format(document=job.stem))
        blocks = layout(doc, final=self.final)
        out = Output(job.doc_type, job.stem,
                     warnings=built.warnings + [Problem(f.message, f.where, f.code)
                                                for f in findings if f.severity == "warning"],
                     placeholders=len({p.path for p in doc.placeholders()
                                       if not isinstance(p, Unconfirmed)}))
        title = "".join(str(p) for p in doc.children[0].content) if doc.children else ""
        return Prepared(job, blocks, title, out)

    def template_of(self, job: Job) -> Path:
        name = TEMPLATE_OF.get(job.doc_type, job.doc_type)
        template = self.ws.templates / name / f"{name}.docx"
        if not template.is_file() and job.doc_type not in DOC_TYPES:
            # an imported regulation takes the Perbup's page and styles
            template = self.ws.templates / "perbup" / "perbup.docx"
        return template

    def emit(self, prepared: Prepared, out_dir: Path, formats: tuple[str, ...] = ("docx",),
             docx_dir: Path | None = None) -> Output:
        """Write a prepared document in each format (see `write`)."""
        job, blocks, title, out = prepared.job, prepared.blocks, prepared.title, prepared.output
        for fmt in formats:
            if fmt in ("docx", "pdf"):
                if out.docx is not None:
                    continue
                template = self.template_of(job)
                enacted = job.doc_type == "perbup" and \
                    (self.regency.data.get("perbup") or {}).get("status") == "enacted"
                draft = not self.final and not enacted
                words = ["Rancangan" if draft else "",
                         TITLES.get(job.doc_type, "Peraturan Bupati"), title,
                         job.opd.name if job.doc_type == "kuasa" and job.opd else ""]
                props = {"title": " ".join(w for w in words if w),
                         "subject": self.regency.display_name}
                target = (docx_dir or out_dir) / f"{job.stem}.docx"
                out.docx = render_docx(blocks, template, target, props, force=self.force,
                                       backups=out.backups)
                if docx_dir is None or "docx" in formats:
                    out.paths.append(out.docx)
            elif fmt == "md":
                from rancang.views.text import render_markdown

                out.paths.append(atomic_write_text(out_dir / f"{job.stem}.md",
                                                   render_markdown(blocks)))
            elif fmt == "html":
                from rancang.views.html import render_html_page

                out.paths.append(atomic_write_text(out_dir / f"{job.stem}.html",
                                                   render_html_page(blocks, title)))
            else:
                raise RancangError(_("unknown format '{format}'; choose from: {choices}").format(
                    format=fmt, choices=", ".join(FORMATS)))
        return out


# Set in the parent just before forking the pool: each worker inherits the Builder
# (libraries loaded, financing computed) instead of building it again.
_FORKED_BUILDER: "Builder | None" = None


def _write_in_worker(args) -> Output:
    job, out_dir, formats, docx_dir = args
    return _FORKED_BUILDER.write(job, out_dir, formats, docx_dir)


def _can_fork() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()


def write_all(builder: Builder, jobs: list[Job], out_dir: Path, formats: tuple[str, ...],
              docx_dir: Path | None = None, on_done=None) -> list[Output]:
    """Write every job; on a machine with two or more cores and enough documents, two
    forked workers share the batch (a PKS per OPD for a hundred OPDs). The outputs come
    back in the order of the jobs. A failure stops the batch with that job's error;
    files already finished stay whole (each is written atomically)."""
    global _FORKED_BUILDER
    workers = min(2, os.cpu_count() or 1)
    if len(jobs) < 6 or workers < 2 or not _can_fork():
        outputs = []
        for job in jobs:
            outputs.append(builder.write(job, out_dir, formats, docx_dir))
            if on_done:
                on_done()
        return outputs
    import multiprocessing as mp      # here: most builds are a few documents, in-process
    from concurrent.futures import ProcessPoolExecutor, as_completed

    _FORKED_BUILDER = builder
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            futures = [pool.submit(_write_in_worker, (job, out_dir, formats, docx_dir))
                       for job in jobs]
            for future in as_completed(futures):
                future.result()          # raise the first failure as it comes
                if on_done:
                    on_done()
            return [f.result() for f in futures]
    finally:
        _FORKED_BUILDER = None


def fact_findings(regency: Regency) -> list[Problem]:
    """A published weekday that is not the weekday of its date (the Kesepakatan Bersama's
    and an earlier instrument's). The documents always use the real weekday of the date."""
    out = []
    mou = regency.data.get("mou")
    if not isinstance(mou, dict):
        return out
    dated = [("mou.date", mou)] + [(f"mou.earlier[{i}].date", e)
                                   for i, e in enumerate(mou.get("earlier") or [])]
    for path, item in dated:
        if item.get("stated_weekday") and item.get("date") not in (None, "..."):
            real = bahasa.hari(item["date"])
            if real != item["stated_weekday"]:
                out.append(Problem.coded("weekday-mismatch", _(
                    "{path} {date} was a {real}, the published weekday is {stated}; the "
                    "documents say {real}").format(
                    path=path, date=bahasa.tanggal(item["date"]), real=real,
                    stated=item["stated_weekday"]), item.where("stated_weekday")))
    return out


def load(ws: Workspace, regency_arg: str) -> Regency:
    return load_regency(ws.regency_path(regency_arg))


def build_tree(ws: Workspace, regency: Regency, doc_type: str, final: bool = False) -> Build:
    builder = Builder(ws, regency, final)
    return builder.tree(builder.jobs((doc_type,))[0])


def write_document(ws: Workspace, regency: Regency, doc_type: str, out_dir: Path,
                   formats: tuple[str, ...] = ("docx",), final: bool = False,
                   docx_dir: Path | None = None) -> Output:
    """One document (the first PKS, for 'pks'); the CLI uses `Builder` for batches."""
    builder = Builder(ws, regency, final)
    return builder.write(builder.jobs((doc_type,))[0], out_dir, formats, docx_dir)
