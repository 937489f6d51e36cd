"""Where the data folders are. A bureau's workspace is found like git finds a
repository: from the current directory upwards, the first folder that holds the marker
`rancang.toml` (written by `rancang workspace`) or a `clauses/` or `regencies/` folder
(or a `templates/` folder with rancang's document kinds). Its `clauses/`, `regencies/`
and `templates/` are used; a folder it lacks comes from the data bundled with rancang."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rancang.errors import RancangError
from rancang.i18n import _

_PACKAGE = Path(__file__).resolve().parent.parent   # the rancang package
FOLDERS = ("clauses", "regencies", "templates")
MARKER = "rancang.toml"
DOC_KINDS = ("perbup", "mou", "pks")

MARKER_TEXT = """\
# rancang workspace: this bureau's clause libraries, regency files and Word templates.
# rancang uses this folder when run here or in any folder inside it.
# Ruang kerja rancang: pustaka pasal, berkas kabupaten, dan templat Word milik Bagian Hukum.
[workspace]
made_with = "rancang {version}"
"""

GITIGNORE_TEXT = """\
# the drafts rancang builds (rebuild them any time)
out/
*.tmp
"""


def bundled_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RancangError(_("the bundled '{name}' folder is missing from this installation; "
                         "reinstall rancang").format(name=name))


def _looks_like_workspace(folder: Path) -> bool:
    if (folder / MARKER).is_file() or (folder / "clauses").is_dir() \
            or (folder / "regencies").is_dir():
        return True
    templates = folder / "templates"
    return templates.is_dir() and any((templates / kind).is_dir() for kind in DOC_KINDS)


def find_root(start: Path) -> Path | None:
    """The workspace that holds `start` (a resolved folder), or None."""
    for folder in (start, *start.parents):
        if _looks_like_workspace(folder):
            return folder
    return None


@dataclass(frozen=True)
class Workspace:
    clauses: Path
    regencies: Path
    templates: Path
    root: Path | None = None             # the bureau's folder; None: only bundled data
    # what the user should know about the data in use (printed by the CLI)
    notices: list[str] = field(default_factory=list, compare=False)

    @classmethod
    def discover(cls, cwd: Path | None = None) -> "Workspace":
        start = Path(cwd or Path.cwd()).resolve()
        root = find_root(start)
        found, notices = {}, []
        for name in FOLDERS:
            local = root / name if root else None
            if local is not None and local.is_dir():
                found[name] = local
                continue
            found[name] = bundled_dir(name)
            if root is not None and (root / MARKER).is_file():
                notices.append(_("the workspace {root} has no {name}/ folder: using the one "
                                 "bundled with rancang").format(root=display_path(root),
                                                                name=name))
        return cls(**found, root=root, notices=notices)

    @classmethod
    def bundled(cls) -> "Workspace":
        return cls(**{name: bundled_dir(name) for name in FOLDERS})

    def origin(self, name: str) -> str:
        """'workspace' or 'bundled', for `-v` and `--json`."""
        folder = Path(getattr(self, name)).resolve()
        return "workspace" if self.root and folder.is_relative_to(self.root) else "bundled"

    def describe(self) -> dict:
        return {"root": str(self.root) if self.root else None,
                "folders": {name: {"path": display_path(getattr(self, name)),
                                   "origin": self.origin(name)} for name in FOLDERS}}

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
                raise RancangError(_("regency file not found"), name_or_path)
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
                    if folder is not self.regencies and self.root is not None:
                        self.notices.append(_(
                            "{root} has no regencies/{name}.yaml: using the example bundled "
                            "with rancang (copy it into your workspace to edit it)").format(
                                root=display_path(self.root), name=name_or_path))
                    return candidate
        known = ", ".join(sorted({q.stem for f in folders for q in f.glob("*.y*ml")})) or "-"
        raise RancangError(_("no regency '{name}' in {folder} (known: {known})").format(
            name=name_or_path, folder=display_path(self.regencies), known=known))


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current directory, or to it through
    '..' inside the workspace; a file bundled with rancang as '[bundled] regencies/...',
    never as a path into the installation that nobody should edit."""
    path = Path(path)
    try:
        resolved = path.resolve()
        cwd = Path.cwd().resolve()
    except OSError:
        return str(path)
    if resolved.is_relative_to(cwd):
        return str(resolved.relative_to(cwd)) or "."
    root = find_root(cwd)
    if root is not None and resolved.is_relative_to(root):
        return os.path.relpath(resolved, cwd)
    for name in FOLDERS:
        try:
            data = bundled_dir(name).resolve()
        except RancangError:
            continue
        if resolved.is_relative_to(data):
            inside = Path(name, resolved.relative_to(data)).as_posix()
            return _("[bundled] {path}").format(path=inside)
    return str(path)


def create_workspace(target: Path, version: str) -> list[Path]:
    """Copy the bundled clauses, templates and regency files into the new folder
    `target`, with the marker file and a .gitignore. All or nothing: the copy is made
    beside it and renamed into place."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RancangError(_("{folder} exists and is not empty; choose a new folder").format(
            folder=display_path(target)))
    sources = {name: bundled_dir(name) for name in FOLDERS}
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        for name, source in sources.items():
            shutil.copytree(source, staging / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.tmp", ".*"))
        (staging / MARKER).write_text(MARKER_TEXT.format(version=version), encoding="utf-8")
        (staging / ".gitignore").write_text(GITIGNORE_TEXT, encoding="utf-8")
        if target.exists():
            target.rmdir()          # empty, checked above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in (*FOLDERS, MARKER, ".gitignore")]
