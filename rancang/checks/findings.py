"""A finding of `rancang check`: severity (error: the document is wrong; warning: a
published figure disagrees or a rule of good drafting is bent, the draft still builds;
info), a stable code, a message in plain words, and where it is."""
from __future__ import annotations

from dataclasses import dataclass, replace

from rancang.errors import Problem
from rancang.i18n import _

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    severity: str
    code: str
    message: str
    where: str = ""

    def as_dict(self) -> dict:
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "where": self.where}

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.severity} [{self.code}] {where}{self.message}"


def from_problem(problem: Problem, severity: str) -> Finding:
    return Finding(severity, problem.code or "build", problem.message,
                   str(problem.where) if problem.where else "")


def as_imported(findings: list[Finding]) -> list[Finding]:
    """An imported library carries its source's wording as accepted: what breaks a
    drafting rule there is a warning, listed, not an error that stops the build."""
    return [replace(f, severity="warning",
                    message=_("{message} (the wording of the imported source, kept)")
                    .format(message=f.message)) if f.severity == "error" else f
            for f in findings]
