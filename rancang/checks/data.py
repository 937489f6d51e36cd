"""Checks of the regency data itself, before any document is composed."""
from __future__ import annotations

from rancang.checks.findings import Finding
from rancang.i18n import _
from rancang.sources.library import statutory_matrix
from rancang.sources.regency import Regency


def regency_findings(regency: Regency, catalogue) -> list[Finding]:
    """A participant group given a programme the law does not open to its segment, or
    fewer programmes than the law makes compulsory (the statutory matrix)."""
    out = []
    matrix = statutory_matrix(catalogue)
    abbr = {k: v["abbr"] for k, v in (catalogue.get("programmes") or {}).items()}
    for opd in regency.data.get("opds") or []:
        groups = opd.get("groups") or []
        for i, group in enumerate(groups):
            segment = str(group.get("segment", "pekerja_rentan"))
            cells = matrix.get(segment) or {}
            chosen = [str(p) for p in group.get("programmes") or []]
            if not chosen or not cells:
                continue
            where = f"{groups.source.file}:{groups.lines[i]}"
            open_to = [p for p, c in cells.items() if c.open]
            for programme in chosen:
                cell = cells.get(programme)
                if cell is None or not cell.open:
                    out.append(Finding("error", "programme-not-allowed", _(
                        "{programme} is not open to segment '{segment}' (open: {open}; "
                        "{basis})").format(programme=programme.upper(), segment=segment,
                                           open=", ".join(abbr.get(p, p) for p in open_to),
                                           basis=cell.basis if cell else "unknown programme"),
                        where))
            below = [p for p, c in cells.items()
                     if c.status == "wajib" and not c.phased and p not in chosen]
            if below:
                out.append(Finding("error", "programme-below-law", _(
                    "group '{group}' is given fewer programmes than the law makes compulsory "
                    "for segment '{segment}': {missing} missing ({basis})").format(
                    group=group.get("name"), segment=segment,
                    missing=", ".join(abbr.get(p, p) for p in below),
                    basis="; ".join(cells[p].basis for p in below)), where))
    return out
