"""A finding of `rancang check`: severity (error: the document is wrong; warning: a
published figure disagrees or a rule of good drafting is bent, the draft still builds;
info), a stable code, a message in plain words, and where it is: a file and line of the
input, or a unit of an output document."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from rancang.errors import Problem, Unit, Where, where_as_dict, where_of
from rancang.i18n import N_, _
from rancang.model.tree import Source

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


@dataclass
class Finding:
    severity: str
    code: str
    message: str
    where: Source | Unit | str | None = None
    # the output documents an input finding concerns ('perbup-lebak', 'mou-lebak')
    documents: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.where = where_of(self.where)

    @property
    def document(self) -> str:
        """The output document a unit finding is in ('' for input findings)."""
        return self.where.document if isinstance(self.where, Unit) else ""

    def as_dict(self) -> dict:
        out = {"severity": self.severity, "code": self.code, "message": self.message,
               "where": where_as_dict(self.where)}
        if self.documents:
            out["documents"] = list(self.documents)
        return out

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{_(SEVERITY_LABELS[self.severity])} [{self.code}] {where}{self.message}"


def from_problem(problem: Problem, severity: str) -> Finding:
    return Finding(severity, problem.code or "build", problem.message, problem.where)


def in_document(finding: Finding, document: str) -> Finding:
    """The finding placed in `document`: a unit gets its document, an input place lists
    the documents it concerns."""
    where: Where | None = finding.where
    if isinstance(where, Unit):
        finding.where = where.in_document(document)
    elif document not in finding.documents:
        finding.documents.append(document)
    return finding


def as_imported(findings: list[Finding]) -> list[Finding]:
    """An imported library carries its source's wording as accepted: what breaks a
    drafting rule there is a warning, listed, not an error that stops the build."""
    return [replace(f, severity="warning",
                    message=_("{message} (the wording of the imported source, kept)")
                    .format(message=f.message)) if f.severity == "error" else f
            for f in findings]
