"""The findings of `rancang check` for the page: the same `run_check`, per document,
each finding linked to the form field it is about.

A finding names its field either in its message ('officials.bupati',
'opds[0].pks.date', "field 'perbup.year'") or by the line of the regency file it
points at; the line is mapped to the field through the line numbers the YAML loader
keeps. A finding about a unit of a document (Pasal 7 ayat (2)) has no field.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rancang.checks.findings import SEVERITIES, Finding
from rancang.commands.build import document_types
from rancang.commands.check import run_check
from rancang.errors import RancangError
from rancang.i18n import N_, _
from rancang.model.tree import Source
from rancang.sources.loader import YamlList, YamlMap, load_yaml_text
from rancang.sources.workspace import Workspace, display_path
from rancang.web.forms import dom_id, label_of
from rancang.web.labels import LABELS

DATA_GROUP = N_("The regency file")
SEVERITY_WORDS = (N_("error"), N_("warning"), N_("info"))     # as the panel shows them
_QUOTED_PATH = re.compile(r"'([a-z_][a-z0-9_]*(?:(?:\.[a-z0-9_]+)|(?:\[\d+\]))*)'")


@dataclass
class Linked:
    finding: Finding
    target: str = ""            # a form element id, '' when the finding has none

    @property
    def severity(self) -> str:
        return self.finding.severity


@dataclass
class Group:
    name: str                   # a document type, or DATA_GROUP
    items: list[Linked] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.items if f.severity == severity)


def row_label(row: int, name: str | None) -> str:
    """A participant list's row as staff see it in their sheet: its number and the name."""
    if name:
        return _("row {row} of the participant list ({name})").format(row=row, name=name)
    return _("row {row} of the participant list").format(row=row)


@dataclass
class Report:
    groups: list[Group]
    status: int
    list_file: str = ""                                     # the participant list, as shown
    names: dict[int, str] = field(default_factory=dict)     # its rows' names

    def where_text(self, finding: Finding) -> str:
        """Where a finding points, a participant list's row named by row and person."""
        where = finding.where
        if self.list_file and isinstance(where, Source) and where.file == self.list_file \
                and where.line:
            return row_label(where.line, self.names.get(where.line))
        return str(where) if where else ""

    def count(self, severity: str) -> int:
        return sum(g.count(severity) for g in self.groups)

    def targets(self) -> dict[str, list[str]]:
        """{form element id: messages}: what the form shows beside each field."""
        out: dict[str, list[str]] = {}
        for group in self.groups:
            for item in group.items:
                if item.target and item.severity == "error":
                    out.setdefault(item.target, []).append(labelled(item.finding.message))
        return out


def line_paths(text: str) -> dict[int, tuple]:
    """{line: the shortest field path whose value starts on that line}."""
    try:
        data = load_yaml_text(text, "regency")
    except RancangError:
        return {}
    out: dict[int, tuple] = {}

    def walk(node, path):
        if isinstance(node, YamlMap):
            items = [(k, node.lines.get(k), v) for k, v in node.items()]
        elif isinstance(node, YamlList):
            items = [(i, node.lines[i], v) for i, v in enumerate(node)]
        else:
            return
        for key, line, value in items:
            sub = path + (key,)
            if line is not None and (line not in out or len(sub) < len(out[line])):
                out[line] = sub
            walk(value, sub)

    walk(data, ())
    return out


def path_label(path: tuple) -> str:
    """'opds[0].pks.date' as the form names it: Perangkat Daerah (OPD) 1 › PKS › Tanggal."""
    out: list[str] = []
    for key in path:
        if isinstance(key, int) and out:
            out[-1] += " " + label_of(key)
        else:
            out.append(label_of(key))
    return " › ".join(out)


def labelled(message: str) -> str:
    """The message with each field path it quotes ('participants.active') replaced by the
    field's label on the form, which is what staff see."""
    def name(match: re.Match) -> str:
        parts = tuple(int(p) if p.isdigit() else p
                      for p in re.findall(r"[a-z_][a-z0-9_]*|\d+", match.group(1)))
        if not parts or parts[0] not in LABELS or \
                not all(isinstance(p, int) or p in LABELS for p in parts):
            return match.group(0)
        return "«" + path_label(parts) + "»"
    return _QUOTED_PATH.sub(name, message)


def _path_in_message(message: str) -> tuple | None:
    for match in _QUOTED_PATH.finditer(message):
        text = match.group(1)
        if "." not in text and "[" not in text and not text.isidentifier():
            continue
        parts = re.findall(r"[a-z_][a-z0-9_]*|\d+", text)
        return tuple(int(p) if p.isdigit() else p for p in parts)
    return None


def _target(finding: Finding, file_name: str, lines: dict[int, tuple],
            ids: set[str]) -> str:
    line_path = None
    where = finding.where
    if isinstance(where, Source) and where.file == file_name and where.line:
        line_path = lines.get(where.line)
    elif isinstance(where, str) and where.startswith(file_name + ":"):
        line = where[len(file_name) + 1:]
        line_path = lines.get(int(line)) if line.isdigit() else None
    for path in (_path_in_message(finding.message), line_path):
        if not path or dom_id(path[:1]) not in ids:
            continue
        while path:
            if dom_id(path) in ids:
                return dom_id(path)
            path = path[:-1]    # a field the form does not draw: its nearest container
    return ""


def check_text(ws: Workspace, slug: str, text: str, display: str, ids: set[str],
               final: bool = False, participants: Path | None = None) -> Report:
    """Check the regency file `text` (saved or not) as `rancang check` would, every
    document the workspace can build (with the regency's participant list, when the page
    keeps one), and link each finding to its field."""
    with tempfile.TemporaryDirectory(prefix="rancang-check-") as tmp:
        path = Path(tmp) / f"{slug}.yaml"
        path.write_text(text, encoding="utf-8")
        shown = {str(path), display_path(path)}
        runs = []
        status = 0
        for doc in document_types(ws):
            found, code = run_check(ws, str(path), (doc,), final=final,
                                    participants=participants)
            status = max(status, code)
            runs.append((doc, [_renamed(f, shown, display) for f in found]))
            if code == 2:          # the file itself is unusable: once is enough
                runs = [(DATA_GROUP, runs[-1][1])]
                break
        list_file, names = _list_names(participants, path, ws)
    lines = line_paths(text)
    order = {s: i for i, s in enumerate(SEVERITIES)}

    def linked(items):
        return [Linked(f, _target(f, display, lines, ids))
                for f in sorted(items, key=lambda f: order.get(f.severity, 9))]

    if len(runs) == 1:
        return Report([Group(runs[0][0], linked(runs[0][1]))], status, list_file, names)
    keys = [{_key(f) for f in found} for _doc, found in runs]
    common = set.intersection(*keys) if keys else set()
    data = [f for f in runs[0][1] if _key(f) in common]
    groups = [Group(DATA_GROUP, linked(data))]
    for doc, found in runs:
        groups.append(Group(doc, linked([f for f in found if _key(f) not in common])))
    return Report(groups, status, list_file, names)


def read_list(participants: Path, regency_path: Path, ws: Workspace):
    """The participant list read as `--participants` reads it, for the regency's file."""
    from rancang.readers.participants import load_limits, read_participants
    from rancang.sources.regency import load_regency
    return read_participants(participants, load_regency(regency_path),
                             limits=load_limits(ws.clause_dir("participants.yaml")))


def _list_names(participants: Path | None, regency_path: Path,
                ws: Workspace) -> tuple[str, dict[int, str]]:
    """(the list's file as findings name it, {row: the person's name})."""
    if participants is None:
        return "", {}
    try:
        found = read_list(participants, regency_path, ws)
    except RancangError:
        return display_path(participants), {}
    return display_path(participants), {p.row: p.name for p in found.rows if p.name}


def _key(f: Finding) -> tuple:
    return (f.severity, f.code, f.message, f.where)


def _renamed(f: Finding, shown: set[str], display: str) -> Finding:
    """The finding as about the workspace's file, not the checked temporary copy."""
    message, where = f.message, f.where
    for name in shown:
        message = message.replace(name, display)
        if isinstance(where, str):
            where = where.replace(name, display)
        elif isinstance(where, Source) and where.file == name:
            where = Source(display, where.line)
    return Finding(f.severity, f.code, message, where, list(f.documents))
