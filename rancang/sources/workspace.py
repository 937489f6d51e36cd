"""Where the data folders are: a bureau's own `clauses/`, `regencies/` and `templates/`
in the current directory when present, the bundled ones otherwise."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rancang.errors import RancangError

_PACKAGE = Path(__file__).resolve().parent.parent   # the rancang package
FOLDERS = ("clauses", "regencies", "templates")


def bundled_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RancangError(f"the bundled '{name}' folder is missing from this installation")


@dataclass(frozen=True)
class Workspace:
    clauses: Path
    regencies: Path
    templates: Path

    @classmethod
    def discover(cls, cwd: Path | None = None) -> "Workspace":
        cwd = Path(cwd or Path.cwd())
        found = {}
        for name in FOLDERS:
            local = cwd / name
            found[name] = local if local.is_dir() else bundled_dir(name)
        return cls(**found)

    @classmethod
    def bundled(cls) -> "Workspace":
        return cls(**{name: bundled_dir(name) for name in FOLDERS})

    def clause_dir(self, *parts: str) -> Path:
        """clauses/<parts> of the bureau's own folder when it has it, else the bundled
        one: a folder made by `rancang import` need not copy the catalogue and the rates."""
        local = self.clauses.joinpath(*parts)
        if local.exists():
            return local
        try:
            bundled = bundled_dir("clauses").joinpath(*parts)
        except RancangError:
            return local
        return bundled if bundled.exists() else local

    def regency_path(self, name_or_path: str) -> Path:
        """A slug from regencies/ ('rejang-lebong') or a path to a YAML file."""
        p = Path(name_or_path)
        if p.suffix in (".yaml", ".yml") or os.sep in name_or_path or "/" in name_or_path:
            if not p.is_file():
                raise RancangError("regency file not found", name_or_path)
            return p
        # the bureau's own folder first, then the bundled seed regencies
        folders = [self.regencies]
        try:
            if bundled_dir("regencies").resolve() != self.regencies.resolve():
                folders.append(bundled_dir("regencies"))
        except RancangError:
            pass
        for folder in folders:
            for ext in (".yaml", ".yml"):
                candidate = folder / f"{name_or_path}{ext}"
                if candidate.is_file():
                    return candidate
        known = ", ".join(sorted({q.stem for f in folders for q in f.glob("*.y*ml")})) or "none"
        raise RancangError(f"no regency '{name_or_path}' in {display_path(self.regencies)} "
                           f"(known: {known})")


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
