"""A regency file as an HTML form, generated from its JSON Schema, and the posted form
read back into data.

Nothing here knows a field of the regency file: the widgets come from the schema
(`REGENCY_SCHEMA`), so a field added to the schema appears on the page by itself. Enums
become selects, arrays of enums checkboxes, `format: date` a date picker, arrays of
objects tables (or cards when an item holds a table of its own) with rows to add and
remove. A field that may be open (`anyOf` with the placeholder '...') gets a box
"not known yet"; a value typed into the field wins over the box.

Form names are paths: `f.opds.0.groups.1.count` for a value, `o.<path>` for its open
box, `row.<path>` for a row of a table (its value is the row's index in the file, so a
row keeps its comments when another is removed), `m.<path>` marks a group of checkboxes
that was on the page (none ticked posts nothing).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from rancang.i18n import _
from rancang.sources.regency import PLACEHOLDER

SCALARS = ("text", "integer", "textint", "date", "boolean", "enum")
MISSING = object()


@dataclass
class Spec:
    kind: str                      # a SCALARS kind, object, multi, list, table, cards, raw
    schema: dict
    can_be_open: bool = False
    description: str = ""
    options: list = field(default_factory=list)
    props: dict[str, "Spec"] = field(default_factory=dict)
    required: frozenset = frozenset()
    item: "Spec | None" = None


def _resolve(schema: dict, root: dict) -> dict:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target = root
        for part in ref[2:].split("/"):
            target = target.get(part, {})
        merged = {k: v for k, v in schema.items() if k != "$ref"}
        return {**_resolve(target, root), **merged}
    return schema


def spec_of(schema: dict, root: dict | None = None) -> Spec:
    root = root if root is not None else schema
    schema = _resolve(schema, root)
    description = schema.get("description") or schema.get("title") or ""
    can_be_open = False
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        options = [_resolve(o, root) for o in options]
        rest = [o for o in options if o.get("const") != PLACEHOLDER]
        can_be_open = len(rest) < len(options)
        if rest and all("const" in o for o in rest):
            base = {"enum": [o["const"] for o in rest]}
        elif len(rest) == 1:
            base = rest[0]
        else:
            return Spec("raw", schema, can_be_open, description)
        inner = spec_of({**base, **{k: v for k, v in schema.items()
                                    if k not in ("anyOf", "oneOf")}}, root)
        inner.can_be_open = inner.can_be_open or can_be_open
        inner.description = inner.description or description
        return inner
    kind = _kind(schema)
    spec = Spec(kind, schema, can_be_open, description)
    if kind == "enum":
        spec.options = list(schema["enum"]) if "enum" in schema else [schema["const"]]
    elif kind == "object":
        spec.props = {k: spec_of(v, root) for k, v in schema["properties"].items()}
        spec.required = frozenset(schema.get("required", ()))
    elif kind == "array":
        item = spec_of(schema.get("items") or {}, root)
        spec.item = item
        if item.kind == "enum":
            spec.kind, spec.options = "multi", item.options
        elif item.kind in SCALARS:
            spec.kind = "list"
        elif item.kind == "object":
            nested = any(p.kind in ("table", "cards", "object") for p in item.props.values())
            spec.kind = "cards" if nested else "table"
        else:
            spec.kind = "raw"
    return spec


def _kind(schema: dict) -> str:
    if "enum" in schema or "const" in schema:
        return "enum"
    types = schema.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if types == {"integer", "string"}:
        return "textint"
    if types == {"boolean"}:
        return "boolean"
    if types <= {"integer", "number"} and types != {None}:
        return "integer"
    if types == {"string"}:
        return "date" if schema.get("format") == "date" else "text"
    if types == {"object"}:
        return "object" if schema.get("properties") else "raw"
    if types == {"array"}:
        return "array"
    return "raw"


# --- names and labels -----------------------------------------------------------------

def name_of(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def dom_id(path: tuple) -> str:
    return "f-" + "-".join(str(p) for p in path) if path else "f"


def label_of(key) -> str:
    if isinstance(key, int):
        return str(key + 1)
    text = str(key).replace("_", " ")
    return text[:1].upper() + text[1:]


# --- widgets: what the template draws ----------------------------------------------------

@dataclass
class Widget:
    spec: Spec
    path: tuple
    key: Any
    required: bool = False
    value: Any = MISSING
    children: list["Widget"] = field(default_factory=list)     # object fields
    rows: list["Row"] = field(default_factory=list)            # list, table, cards

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def name(self) -> str:
        return name_of(self.path)

    @property
    def id(self) -> str:
        return dom_id(self.path)

    @property
    def label(self) -> str:
        title = self.spec.schema.get("title") if self.path else None
        return _(title) if title else label_of(self.key)

    @property
    def hint(self) -> str:
        if not self.path or not self.spec.description:
            return ""
        return _(self.spec.description)

    @property
    def caption(self) -> str:
        """A row's own name, when it has one: what a card is headed with."""
        if isinstance(self.value, dict) and isinstance(self.value.get("name"), str):
            return self.value["name"]
        return ""

    @property
    def joined(self) -> str:
        """A list of short values in one input (a table cell): 'jkk, jkm'."""
        return ", ".join(str(v) for v in self.value) if isinstance(self.value, list) else ""

    @property
    def is_open(self) -> bool:
        return self.value == PLACEHOLDER

    @property
    def text(self) -> str:
        """The value as the input shows it."""
        if self.value is MISSING or self.value is None or self.is_open:
            return ""
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, (dt.date, dt.datetime)):
            return self.value.isoformat()[:10]
        return str(self.value)

    @property
    def chosen(self) -> list:
        """For checkboxes: the ticked values first, in the file's order, then the rest."""
        ticked = [v for v in self.value] if isinstance(self.value, list) else []
        return ticked + [o for o in self.spec.options if o not in ticked]

    @property
    def ticked(self) -> set:
        return set(self.value) if isinstance(self.value, list) else set()

    @property
    def columns(self) -> list[tuple[str, Spec]]:
        return list(self.spec.item.props.items()) if self.spec.item else []

    @property
    def item_required(self) -> frozenset:
        return self.spec.item.required if self.spec.item else frozenset()


@dataclass
class Row:
    index: int
    origin: int | None          # the item's index in the file, None for a new row
    widget: Widget              # the item (an object for tables and cards)


def widgets(spec: Spec, value: Any, path: tuple = (), key: Any = None,
            required: bool = True, origins: dict | None = None) -> Widget:
    """The widget tree for `value` (data as loaded from YAML, or as read from a form)."""
    origins = origins or {}
    w = Widget(spec, path, key, required, value)
    if spec.kind == "object":
        data = value if isinstance(value, dict) else {}
        for k, sub in spec.props.items():
            w.children.append(widgets(sub, data.get(k, MISSING), path + (k,), k,
                                      k in spec.required, origins))
    elif spec.kind in ("list", "table", "cards"):
        items = value if isinstance(value, list) else []
        known = origins.get(path)
        for i, item in enumerate(items):
            origin = known[i] if known and i < len(known) else i
            w.rows.append(Row(i, origin, widgets(spec.item, item, path + (i,), i, True,
                                                 origins)))
    return w


def all_ids(w: Widget) -> set[str]:
    out = {w.id}
    for child in w.children:
        out |= all_ids(child)
    for row in w.rows:
        out |= all_ids(row.widget)
    return out


# --- reading a posted form -------------------------------------------------------------

_INT = re.compile(r"^[+-]?\d+$")


def _scalar(spec: Spec, raw: str | None, open_box: bool) -> Any:
    text = (raw or "").strip()
    if text == PLACEHOLDER or (not text and open_box and spec.can_be_open):
        return PLACEHOLDER
    if not text:
        return MISSING
    if spec.kind == "integer":
        return int(text) if _INT.match(text) else text   # the schema names a wrong value
    if spec.kind == "textint":
        return int(text) if _INT.match(text) and not text.startswith(("0", "+", "-")) else text
    if spec.kind == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if spec.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if spec.kind == "enum":
        for option in spec.options:
            if str(option) == text:
                return option
    return text


def _indices(form, prefix: str) -> list[int]:
    """The row numbers posted under `prefix` ('row.opds.' or 'f.sources.'), in order."""
    found = set()
    for name in form.keys():
        if name.startswith(prefix):
            head = name[len(prefix):].split(".", 1)[0]
            if head.isdigit():
                found.add(int(head))
    return sorted(found)


class FormReader:
    """Reads a posted form back into data: `read()` gives the data and, per table, the
    file index of each row (for keeping comments: see `store.merge`)."""

    def __init__(self, spec: Spec, form, original: Any):
        self.spec, self.form, self.original = spec, form, original
        self.origins: dict[tuple, list[int | None]] = {}

    def read(self) -> Any:
        value = self._read(self.spec, (), self.original, True)
        return {} if value is MISSING else value

    def _read(self, spec: Spec, path: tuple, original: Any, required: bool) -> Any:
        name = name_of(path)
        if spec.kind in SCALARS:
            return _scalar(spec, self.form.get("f." + name), self.form.get("o." + name) == "1")
        if spec.kind == "object":
            orig = original if isinstance(original, dict) else {}
            out = {}
            for key, sub in spec.props.items():
                value = self._read(sub, path + (key,), orig.get(key), key in spec.required)
                if value is not MISSING:
                    out[key] = value
            for key, value in orig.items():        # fields the schema does not know: kept
                if key not in spec.props:
                    out[key] = value
            return out if out or required else MISSING
        if spec.kind == "multi":
            if ("m." + name) not in self.form:
                return original if original is not None else MISSING
            allowed = {str(o): o for o in spec.options}
            values = [allowed[v] for v in self.form.getlist("f." + name) if v in allowed]
            return values if values or required else MISSING
        if spec.kind == "list":
            values = []
            if ("f." + name) in self.form:          # one input, comma-separated
                for part in self.form.get("f." + name, "").split(","):
                    value = _scalar(spec.item, part, False)
                    if value is not MISSING:
                        values.append(value)
                return values if values or required else MISSING
            for i in _indices(self.form, f"f.{name}."):
                value = _scalar(spec.item, self.form.get(f"f.{name}.{i}"), False)
                if value is not MISSING:
                    values.append(value)
            if not values and ("m." + name) not in self.form:
                return original if original is not None else MISSING
            return values if values or required else MISSING
        if spec.kind in ("table", "cards"):
            orig = original if isinstance(original, list) else []
            rows = _indices(self.form, f"row.{name}.")
            if not rows and ("m." + name) not in self.form:
                return original if original is not None else MISSING
            items, origins = [], []
            for i in rows:
                marker = self.form.get(f"row.{name}.{i}", "")
                origin = int(marker) if marker.isdigit() and int(marker) < len(orig) else None
                new_path = path + (len(items),)
                item = self._read_item(spec.item, path + (i,), new_path,
                                       orig[origin] if origin is not None else None)
                items.append(item)
                origins.append(origin)
            self.origins[path] = origins
            return items if items or required else MISSING
        # raw: not on the form; what the file has is kept
        return original if original is not None else MISSING

    def _read_item(self, spec: Spec, posted: tuple, new_path: tuple, original: Any) -> Any:
        """An item posted under `posted` (its row number on the page) lands at `new_path`
        (its index in the new list): nested tables are keyed by the new path."""
        reader = FormReader(spec, _Prefixed(self.form, name_of(posted), name_of(new_path)),
                            original)
        value = reader._read(spec, new_path, original, True)
        self.origins.update(reader.origins)
        return {} if value is MISSING else value


class _Prefixed:
    """The form seen with one row's names renamed from its page number to its new index."""

    def __init__(self, form, old: str, new: str):
        self.form, self.old, self.new = form, old, new

    def _map(self, name: str) -> str:
        for tag in ("f.", "o.", "row.", "m."):
            if name.startswith(tag + self.new):
                rest = name[len(tag) + len(self.new):]
                if not rest or rest.startswith("."):
                    return tag + self.old + rest
        return name

    def get(self, name, default=None):
        return self.form.get(self._map(name), default)

    def getlist(self, name):
        return self.form.getlist(self._map(name))

    def __contains__(self, name):
        return self._map(name) in self.form

    def keys(self):
        out = []
        for name in self.form.keys():
            for tag in ("f.", "o.", "row.", "m."):
                if name.startswith(tag + self.old):
                    rest = name[len(tag) + len(self.old):]
                    if not rest or rest.startswith("."):
                        out.append(tag + self.new + rest)
                        break
        return out


# --- add and remove rows ------------------------------------------------------------------

def apply_op(spec: Spec, data: dict, origins: dict, op: str) -> None:
    """'add:opds.0.groups' appends an empty row, 'remove:opds.2' removes one."""
    action, _sep, where = op.partition(":")
    path = tuple(int(p) if p.isdigit() else p for p in where.split(".") if p)
    if action == "add":
        target, sub = _locate(spec, data, path, create=True)
        if isinstance(target, list) and sub is not None:
            target.append({} if sub.item and sub.item.kind == "object" else "")
            origins.setdefault(path, list(range(len(target) - 1)))
            origins[path] = origins[path][:len(target) - 1] + [None]
    elif action == "remove" and path and isinstance(path[-1], int):
        target, _sub = _locate(spec, data, path[:-1])
        if isinstance(target, list) and 0 <= path[-1] < len(target):
            del target[path[-1]]
            known = origins.get(path[:-1], list(range(len(target) + 1)))
            origins[path[:-1]] = known[:path[-1]] + known[path[-1] + 1:]
            _shift_origins(origins, path[:-1], path[-1])


def _shift_origins(origins: dict, table: tuple, removed: int) -> None:
    """Nested tables of the rows after a removed one move up by one."""
    depth = len(table)
    moved = {}
    for key in list(origins):
        if len(key) > depth and key[:depth] == table and isinstance(key[depth], int):
            if key[depth] == removed:
                del origins[key]
            elif key[depth] > removed:
                moved[key[:depth] + (key[depth] - 1,) + key[depth + 1:]] = origins.pop(key)
    origins.update(moved)


def _locate(spec: Spec, data: Any, path: tuple, create: bool = False):
    node, sub = data, spec
    for part in path:
        if sub is None:
            return None, None
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None, None
            node, sub = node[part], sub.item
        else:
            if not isinstance(node, dict) or part not in sub.props:
                return None, None
            if part not in node and create:
                child = sub.props[part]
                node[part] = [] if child.kind in ("list", "table", "cards", "multi") else {}
            if part not in node:
                return None, None
            node, sub = node[part], sub.props[part]
    return node, sub
