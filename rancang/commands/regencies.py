"""`rancang regencies`: the regency files of a workspace, with name and province."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rancang.errors import RancangError
from rancang.sources.regency import load_regency
from rancang.sources.workspace import Workspace


@dataclass
class RegencyEntry:
    slug: str
    path: Path
    name: str = ""
    province: str = ""
    problem: str = ""           # the first line of why the file cannot be read


def list_regencies(ws: Workspace) -> list[RegencyEntry]:
    entries = []
    for path in sorted(ws.regencies.glob("*.y*ml")):
        try:
            reg = load_regency(path)
            entries.append(RegencyEntry(path.stem, path, reg.display_name,
                                        f"Provinsi {reg.data['province']}"))
        except RancangError as exc:
            entries.append(RegencyEntry(path.stem, path, problem=str(exc).splitlines()[0]))
    return entries
