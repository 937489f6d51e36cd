"""Checks of the regency data itself, before any document is composed."""
from __future__ import annotations

from rancang.checks.findings import Finding
from rancang.sources.regency import Regency


def regency_findings(regency: Regency, catalogue) -> list[Finding]:
    out = []
    segments = catalogue.get("segments") or {}
    for opd in regency.data.get("opds") or []:
        for i, group in enumerate(opd.get("groups") or []):
            segment = str(group.get("segment", "pekerja_rentan"))
            open_to = (segments.get(segment) or {}).get("programmes", [])
            groups = opd["groups"]
            where = f"{groups.source.file}:{groups.lines[i]}"
            for programme in group.get("programmes") or []:
                if programme not in open_to:
                    out.append(Finding(
                        "error", "programme-not-allowed",
                        f"{str(programme).upper()} is not open to segment '{segment}' (open: "
                        f"{', '.join(p.upper() for p in open_to)}); JP and JKP are for penerima "
                        "upah only", where))
    return out
