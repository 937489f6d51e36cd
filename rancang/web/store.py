"""Regency files read and saved for the web page, with nothing lost.

A save merges the form's data into the file as ruamel.yaml reads it round trip, so its
comments, key order and quoting stay; it is written atomically; the version it replaces
is kept (a git commit when the workspace is in a git repository, else a numbered copy
under `regencies/.history/`); and a save made from a page older than the file is refused
(`Conflict`), so one person never overwrites another's work unseen.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import PlainScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from rancang.errors import RancangError
from rancang.files import atomic_write, atomic_write_text, make_folder
from rancang.i18n import _
from rancang.sources.regency import PLACEHOLDER
from rancang.sources.workspace import Workspace
from rancang.web.forms import Spec

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
HISTORY = ".history"
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


class Conflict(Exception):
    """The file changed since the page was loaded."""

    def __init__(self, text: str, version: str):
        super().__init__("conflict")
        self.text, self.version = text, version


def version_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


_seen: "OrderedDict[str, str]" = OrderedDict()     # version -> text, for conflicts


def remember(text: str) -> str:
    version = version_of(text)
    with _locks_guard:
        _seen[version] = text
        _seen.move_to_end(version)
        while len(_seen) > 256:
            _seen.popitem(last=False)
    return version


def recall(version: str) -> str | None:
    """The text of a version this server showed, to tell what changed since."""
    with _locks_guard:
        return _seen.get(version)


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


@dataclass
class RegencyFile:
    slug: str
    path: Path              # where it is read from (the workspace's, or a bundled seed)
    target: Path            # where a save writes it: always the workspace's regencies/
    text: str

    @property
    def version(self) -> str:
        return version_of(self.text)


def check_slug(slug: str) -> str:
    if not SLUG.match(slug or ""):
        raise RancangError(_("'{name}' is not a regency name (lower-case letters, digits "
                             "and '-')").format(name=slug))
    return slug


def regencies_dir(root: Path) -> Path:
    return Path(root) / "regencies"


def target_path(root: Path, slug: str) -> Path:
    """The workspace's own file for `slug` (.yaml, or .yml when that is what it has);
    never outside `root/regencies`, even through a link."""
    folder = regencies_dir(root).resolve()
    path = folder / f"{check_slug(slug)}.yaml"
    if not path.exists() and path.with_suffix(".yml").exists():
        path = path.with_suffix(".yml")
    if path.resolve().parent != folder:
        raise RancangError(_("a regency file must stay in {folder}").format(folder=folder))
    return path


def open_regency(root: Path, ws: Workspace, slug: str) -> RegencyFile:
    """The workspace's file, or the bundled seed of that name (a save then writes the
    workspace's own copy)."""
    target = target_path(root, slug)
    path = target if target.is_file() else ws.regency_path(slug)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RancangError(_("cannot read the file: {why}").format(why=exc), str(path)) from None
    remember(text)
    return RegencyFile(slug, path, target, text)


# --- the participant list -------------------------------------------------------------

PARTICIPANT_KINDS = (".xlsx", ".csv")


def participants_dir(root: Path) -> Path:
    """The workspace's participant lists (names and NIKs: the bureau's own data, kept
    beside the regency files, never in the page's scratch folder)."""
    return Path(root) / "peserta"


def participants_path(root: Path, slug: str) -> Path | None:
    """The participant list the page keeps for `slug`, if there is one."""
    for suffix in PARTICIPANT_KINDS:
        path = participants_dir(root) / f"{check_slug(slug)}{suffix}"
        if path.is_file():
            return path
    return None


def keep_participants(root: Path, slug: str, uploaded: Path, suffix: str) -> Path:
    """The checked upload becomes the regency's list (written whole, the other kind
    removed so one list is the list)."""
    folder = make_folder(participants_dir(root))
    target = folder / f"{check_slug(slug)}{suffix}"
    atomic_write(target, lambda tmp: shutil.copyfile(uploaded, tmp))
    for other in PARTICIPANT_KINDS:
        if other != suffix:
            (folder / f"{slug}{other}").unlink(missing_ok=True)
    return target


# --- merging into the round-trip document -------------------------------------------------

def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    try:
        _data, indent, offset = load_yaml_guess_indent(text)
    except Exception:               # unreadable YAML: the loader reports it later
        indent, offset = 4, 2
    indent = indent or 4
    offset = min(offset or 0, max(indent - 2, 0))
    yaml.indent(mapping=2, sequence=indent, offset=offset)
    # ruamel writes a null as nothing ("tln:"); the bureau's files spell it out
    yaml.representer.add_representer(type(None), _null)
    return yaml


def _null(representer, _data):
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool) and old == new
    if type(old) is dt.datetime or type(new) is dt.datetime:
        return False
    return type(new) in (str, int, float, dt.date) and old == new


def _flow_like(seq: CommentedSeq) -> bool:
    return bool(seq) and isinstance(seq[0], CommentedMap) and seq[0].fa.flow_style()


def _fresh(value: Any, flow: bool = False) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(v)
        if flow:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        return CommentedSeq(_fresh(v) for v in value)
    return value


def merge(old: Any, new: Any, spec: Spec | None, origins: dict, path: tuple = ()) -> Any:
    """`new` (plain data from the form) laid over `old` (ruamel nodes): unchanged values
    and every comment stay where they were."""
    if isinstance(new, dict):
        if not isinstance(old, CommentedMap):
            return _fresh(new)
        order = list(spec.props) if spec and spec.kind == "object" else []
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            sub = spec.props.get(key) if spec and spec.kind == "object" else None
            if key in old:
                merged = merge(old[key], value, sub, origins, path + (key,))
                if merged is not old[key]:
                    if isinstance(merged, str) and not isinstance(merged, ScalarString) \
                            and old[key] == PLACEHOLDER:
                        # ruamel would keep the quotes of '...' for the value typed over it
                        merged = PlainScalarString(merged)
                    old[key] = merged
            else:
                old.insert(_position(old, key, order), key, _fresh(value))
        return old
    if isinstance(new, list):
        if not isinstance(old, CommentedSeq):
            return _fresh(new)
        item_spec = spec.item if spec else None
        known = origins.get(path)
        out = CommentedSeq()
        if old.fa.flow_style():
            out.fa.set_flow_style()
        out.ca.comment = old.ca.comment
        if getattr(old.ca, "end", None):
            out.ca.end = old.ca.end        # the blank line or comment after the list
        flow = _flow_like(old)
        for i, value in enumerate(new):
            origin = known[i] if known is not None else (i if i < len(old) else None)
            if origin is not None and origin < len(old):
                out.append(merge(old[origin], value, item_spec, origins, path + (i,)))
                if origin in old.ca.items:
                    out.ca.items[i] = old.ca.items[origin]
            else:
                out.append(_fresh(value, flow=flow and isinstance(value, dict)))
        return out
    return old if _same(old, new) else new


def _position(old: CommentedMap, key: str, order: list) -> int:
    """Where a new key goes: after the last key the schema puts before it."""
    if key not in order:
        return len(old)
    rank = order.index(key)
    position = 0
    for i, existing in enumerate(old):
        if existing in order and order.index(existing) < rank:
            position = i + 1
    return position


_QUOTED_OPEN = re.compile(r"(?m)(?<=[:\-,\[{] )'\.\.\.'( *)(?=(?:\s#|$|,|\}|\]))")


def _plain_open(text: str) -> str:
    """ruamel quotes the placeholder ('...'); the bureau's files write it plain."""
    return _QUOTED_OPEN.sub(lambda m: "..." + ("  " + m.group(1) if m.group(1) else ""), text)


def render(text: str, data: dict, spec: Spec, origins: dict) -> str:
    """The file's text with `data` merged in."""
    yaml = _yaml(text)
    try:
        doc = yaml.load(text) if text.strip() else CommentedMap()
    except Exception:               # a file that is not YAML any more: start it afresh
        doc = CommentedMap()
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    doc = merge(doc, data, spec, origins)
    out = io.StringIO()
    yaml.dump(doc, out)
    return _plain_open(out.getvalue())


# --- saving, with the previous version kept ------------------------------------------------

def _git(folder: Path, *args: str) -> subprocess.CompletedProcess | None:
    if shutil.which("git") is None:
        return None
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _git_identity(folder: Path) -> list[str]:
    done = _git(folder, "config", "user.name")
    if done is not None and done.returncode == 0 and done.stdout.strip():
        return []
    return ["-c", "user.name=rancang serve", "-c", "user.email=rancang@localhost"]


def in_git(folder: Path) -> bool:
    done = _git(folder, "rev-parse", "--is-inside-work-tree")
    return done is not None and done.returncode == 0 and done.stdout.strip() == "true"


def _commit(path: Path, message: str) -> None:
    folder = path.parent
    identity = _git_identity(folder)
    _git(folder, "add", "--", path.name)
    done = _git(folder, *identity, "commit", "-q", "-m", message, "--", path.name)
    if done is None or done.returncode not in (0, 1):
        raise RancangError(_("git could not commit the file: {why}").format(
            why=(done.stderr.strip() if done else _("git is not available"))[:300]), str(path))


def _dirty(path: Path) -> bool:
    done = _git(path.parent, "status", "--porcelain", "--", path.name)
    return done is not None and bool(done.stdout.strip())


def history_dir(path: Path) -> Path:
    return path.parent / HISTORY / path.stem


def _keep_numbered(path: Path) -> Path:
    folder = history_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    numbers = [int(m.group(1)) for p in folder.glob(f"{path.stem}.*.yaml")
               if (m := re.match(rf"{re.escape(path.stem)}\.(\d+)\.yaml$", p.name))]
    kept = folder / f"{path.stem}.{max(numbers, default=0) + 1:04d}.yaml"
    atomic_write_text(kept, path.read_text(encoding="utf-8"))
    return kept


def save(root: Path, ws: Workspace, slug: str, text: str, version: str,
         who: str = "") -> str:
    """Write `text` as the workspace's file for `slug` when the file is still at
    `version`; returns the new version. Raises `Conflict` otherwise."""
    target = target_path(root, slug)
    with _lock(target):
        current = open_regency(root, ws, slug)
        if current.version != version:
            raise Conflict(current.text, current.version)
        target.parent.mkdir(parents=True, exist_ok=True)
        git = in_git(target.parent)
        display = f"regencies/{target.name}"
        if target.is_file():
            if git:
                if _dirty(target):
                    _commit(target, _("{file}: kept as it was before a save from rancang serve")
                            .format(file=display))
            else:
                _keep_numbered(target)
        atomic_write_text(target, text)
        if git:
            message = (_("{file}: saved from rancang serve by {who}") if who
                       else _("{file}: saved from rancang serve"))
            _commit(target, message.format(file=display, who=who))
        return version_of(text)
