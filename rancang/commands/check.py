"""`rancang check`: every asked document built in memory, the findings collected, then
grouped as a reader goes through them: the input files in line order (each finding with
the documents it concerns), then each document in the order of its units."""
from __future__ import annotations

from pathlib import Path

from rancang.checks.findings import SEVERITIES, Finding, from_problem, in_document
from rancang.commands.build import PER_OPD, Builder, load
from rancang.errors import BuildError, RancangError, Unit
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Source
from rancang.sources.workspace import display_path


class _Collected:
    """Findings without repeats: one open field used by the Perbup and seven PKS is one
    finding that lists the eight documents."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, findings, document: str | None = None) -> None:
        for f in findings:
            if document:
                f = in_document(f, document)
            same = next((g for g in self.items if (g.severity, g.code, g.message, g.where)
                         == (f.severity, f.code, f.message, f.where)), None)
            if same is None:
                self.items.append(f)
            else:
                same.documents += [d for d in f.documents if d not in same.documents]


def run_check(ws, regency_arg: str, doc_types: tuple[str, ...], final: bool = False,
              opd: str | None = None, participants=None,
              figures: dict | None = None) -> tuple[list[Finding], int]:
    """Build every asked document in memory and collect the findings, in reading order
    (see `reading_order`). Returns them with the exit status: 0 no error, 1 an error,
    2 unusable input. `figures` (a dict) receives the package's figures: what every
    document prints."""
    found = _Collected()
    documents: list[str] = []
    unit_order: dict[str, dict[str, int]] = {}
    regency_file: list[str] = []

    def done(status: int) -> tuple[list[Finding], int]:
        return reading_order(found.items, documents, unit_order, regency_file), status

    if Path(regency_arg).suffix.lower() in AMENDMENT_FILES:
        return check_amendment_file(regency_arg, final)
    try:
        regency = load(ws, regency_arg)
        regency_file.append(display_path(regency.path))
        builder = Builder(ws, regency, final=final, participants=participants)
    except BuildError as exc:
        found.add(from_problem(p, "error") for p in exc.problems)
        return done(exc.exit_code)
    except RancangError as exc:
        found.add(from_problem(p, "error") for p in exc.problems)
        return done(2)
    found.add(builder.data_findings())
    if figures is not None:
        figures.update(package_figures(builder))
        data = regency.data
        found.add([Finding("info", "figures", figures_message(figures),
                           data.where("financing") if "financing" in data else data.source)])
    try:
        jobs = builder.jobs(doc_types, opd)
    except RancangError as exc:
        code = "pks-unknown-opd" if opd else "no-documents"
        found.add(Finding("error", code, p.message, p.where) for p in exc.problems)
        # the documents that do not depend on what failed: no OPD's, none left out
        rest = tuple(d for d in doc_types if d not in PER_OPD and builder.applies(d) is None)
        jobs = builder.jobs(rest) if rest else []
    data = regency.data
    found.add(Finding("info", "document-left-out", message, data.source)
              for message in builder.notes)
    for job in jobs:
        documents.append(job.stem)
        try:
            built = builder.tree(job)
        except BuildError as exc:
            found.add((from_problem(p, "error" if p.code != "placeholder-open" or final
                                    else "info") for p in exc.problems), job.stem)
            if isinstance(exc, RancangError) and exc.exit_code == 2:
                return done(2)
            continue
        unit_order[job.stem] = {}
        for i, node in enumerate(built.document.walk()):
            unit_order[job.stem].setdefault(node.label, i)
        found.add((from_problem(p, "warning") for p in built.warnings), job.stem)
        found.add(builder.check(job, built), job.stem)
    status = 1 if any(f.severity == "error" for f in found.items) else 0
    return done(status)


AMENDMENT_FILES = (".docx", ".odt", ".md", ".txt")


def check_amendment_file(arg: str, final: bool = False) -> tuple[list[Finding], int]:
    """`rancang check FILE`: the drafting rules of an amending regulation (L-II 230-236)
    on its text, as a person wrote or edited it; its blanks and unconfirmed citations
    (errors with `final`)."""
    from rancang.checks.amendment import amendment_findings, is_amendment, open_findings
    from rancang.readers.parse import read_text

    path = Path(arg)
    shown = display_path(path)
    try:
        text = read_text(path)
    except RancangError as exc:
        return [from_problem(p, "error") for p in exc.problems], 2
    if not is_amendment(text):
        return [Finding("error", "amend-not-amendment", _(
            "not an amending regulation (its title does not say 'PERUBAHAN ... ATAS' and it "
            "has no Pasal I): `rancang check` takes a regency, or an amending regulation as "
            "a file"), shown)], 2
    lines_known = path.suffix.lower() in (".md", ".txt")
    findings = amendment_findings(text, shown, lines_known) + \
        open_findings(text, shown, final, lines_known)
    return findings, 1 if any(f.severity == "error" for f in findings) else 0


def reading_order(findings: list[Finding], documents: list[str],
                  unit_order: dict[str, dict[str, int]],
                  first_files: list[str] = ()) -> list[Finding]:
    """Input files first — the regency file (`first_files`) before the clause files,
    each by line — then the documents in build order, each in the order of its units;
    findings with no place last. Within one place, errors before warnings before info."""
    severity = {s: i for i, s in enumerate(SEVERITIES)}

    def key(f: Finding):
        rank = severity[f.severity]
        if isinstance(f.where, Source):
            return (0, "" if f.where.file in first_files else f.where.file, 0,
                    f.where.line or 0, rank)
        if isinstance(f.where, Unit):
            doc = f.where.document
            position = documents.index(doc) if doc in documents else len(documents)
            return (1, "", position, unit_order.get(doc, {}).get(f.where.unit, 0), rank)
        return (2, "", 0, 0, rank)

    return sorted(findings, key=key)


def group_of(finding: Finding) -> str:
    """The heading a finding is listed under: its input file or its document."""
    if isinstance(finding.where, Source):
        return finding.where.file
    return finding.document


def package_figures(builder: Builder) -> dict:
    """The figures every document of the package prints: the participants and the
    budget of the regency, the months, and each OPD's count and amount (null where the
    regency file leaves them open)."""
    fin = builder.financing
    return {"participants": fin.workers_figure, "amount": fin.amount_figure,
            "months": fin.months, "year": fin.start.year if fin.start else None,
            "from_participant_list": fin.counted_from_list,
            "opds": [{"opd": o.slug, "participants": o.workers, "amount": o.amount}
                     for o in fin.opds]}


def figures_message(figures: dict) -> str:
    def shown(value, money=False):
        if value is None:
            return "..."
        return ("Rp" if money else "") + bahasa.format_angka(value)
    return _("the package's figures: {participants} participants, {amount} for {months} "
             "month(s) of {year}").format(participants=shown(figures["participants"]),
                                          amount=shown(figures["amount"], True),
                                          months=shown(figures["months"]),
                                          year=figures["year"] or "...")
