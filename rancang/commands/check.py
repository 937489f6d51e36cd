"""`rancang check`: every asked document built in memory, the findings collected."""
from __future__ import annotations

from rancang.checks.data import regency_findings
from rancang.checks.findings import Finding, from_problem
from rancang.commands.build import Builder, load
from rancang.errors import BuildError, RancangError


def run_check(ws, regency_arg: str, doc_types: tuple[str, ...], final: bool = False,
              opd: str | None = None) -> tuple[list[Finding], int]:
    """Build every asked document in memory and collect the findings. Returns them with
    the exit status: 0 no error, 1 an error, 2 unusable input."""
    findings: list[Finding] = []

    def add(items):
        for f in items:
            if not any(f == g for g in findings):
                findings.append(f)

    try:
        regency = load(ws, regency_arg)
        builder = Builder(ws, regency, final=final)
    except BuildError as exc:
        add(from_problem(p, "error") for p in exc.problems)
        return findings, exc.exit_code
    except RancangError as exc:
        add(from_problem(p, "error") for p in exc.problems)
        return findings, 2
    add(from_problem(p, "warning") for p in builder.findings)
    add(regency_findings(regency, builder.catalogue))
    try:
        jobs = builder.jobs(doc_types, opd)
    except RancangError as exc:
        code = "pks-unknown-opd" if opd else "no-documents"
        add(Finding("error", code, p.message, str(p.where or "")) for p in exc.problems)
        jobs = builder.jobs(tuple(d for d in doc_types if d != "pks"))
    for job in jobs:
        try:
            built = builder.tree(job)
        except BuildError as exc:
            add(from_problem(p, "error" if p.code != "placeholder-open" or final else "info")
                for p in exc.problems)
            if isinstance(exc, RancangError) and exc.exit_code == 2:
                return findings, 2
            continue
        add(from_problem(p, "warning") for p in built.warnings)
        add(builder.check(job, built))
    status = 1 if any(f.severity == "error" for f in findings) else 0
    return findings, status
