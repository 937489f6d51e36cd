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
from rancang.sources.regency import FACT_KEYS, PLACEHOLDER
from rancang.web.labels import HINTS, LABELS, OPTIONS

SCALARS = ("text", "integer", "textint", "date", "boolean", "enum")
MISSING = object()


@dataclass
class Spec:
    kind: str                      # a SCALARS kind, object, multi, list, table, cards, raw
    schema: dict
    can_be_open: bool = False
    description: str = ""
    can_be_fact: bool = False      # may be written {value, confirmed, source, note}
    nullable: bool = False         # null is a value of its own ('tln: null': not known)
    one_or_many: bool = False      # an item alone or a list of them: drawn as a list
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
        facts = [o for o in rest if _is_fact_schema(o)]
        rest = [o for o in rest if not _is_fact_schema(o)]
        one_or_many = False
        if rest and all("const" in o for o in rest):
            base = {"enum": [o["const"] for o in rest]}
        elif len(rest) == 1:
            base = rest[0]
        elif len(rest) == 2 and _one_or_many(rest[0], rest[1], root):
            base, one_or_many = (rest[1] if rest[1].get("type") == "array" else rest[0]), True
        else:
            return Spec("raw", schema, can_be_open, description)
        inner = spec_of({**base, **{k: v for k, v in schema.items()
                                    if k not in ("anyOf", "oneOf")}}, root)
        inner.can_be_open = inner.can_be_open or can_be_open
        inner.can_be_fact = inner.can_be_fact or bool(facts)
        inner.one_or_many = inner.one_or_many or one_or_many
        inner.description = inner.description or description
        return inner
    kind = _kind(schema)
    spec = Spec(kind, schema, can_be_open, description)
    types = schema.get("type")
    spec.nullable = isinstance(types, list) and "null" in types
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


def _one_or_many(a: dict, b: dict, root: dict) -> bool:
    """{X} and {array of X}: a field that holds one item or several."""
    single, many = (a, b) if b.get("type") == "array" else (b, a)
    return many.get("type") == "array" and _resolve(many.get("items") or {}, root) == single


def _is_fact_schema(schema: dict) -> bool:
    props = schema.get("properties") or {}
    return schema.get("type") == "object" and "value" in props and "confirmed" in props \
        and set(props) <= set(FACT_KEYS)


def is_fact(value: Any) -> bool:
    """A value written with its confidence: {value: ..., confirmed: false, ...}."""
    return isinstance(value, dict) and "value" in value and "confirmed" in value \
        and set(value) <= set(FACT_KEYS)


def _kind(schema: dict) -> str:
    if "enum" in schema or "const" in schema:
        return "enum"
    types = schema.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if len(types) > 1:
        types.discard("null")          # nullable: drawn as the type, empty is null
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
    # a fact's 'value' is drawn as the field itself (no field of the schema is named so)
    path = tuple(p for p in path if p != "value")
    return "f-" + "-".join(str(p) for p in path) if path else "f"


def option_label(value) -> str:
    """A drop-down option's text: the value itself unless it is a code (once, draft)."""
    return _(OPTIONS[value]) if isinstance(value, str) and value in OPTIONS else str(value)


def label_of(key) -> str:
    if isinstance(key, int):
        return str(key + 1)
    if key in LABELS:
        return _(LABELS[key])
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
    fact: dict | None = None                                   # confirmed, source, note
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
        return _(HINTS.get(self.spec.description, self.spec.description))

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
    def unconfirmed(self) -> bool:
        return bool(self.fact) and self.fact.get("confirmed") is False

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
    fact = None
    if spec.can_be_fact and is_fact(value):
        fact = {k: v for k, v in value.items() if k != "value"}
        value = value["value"]
        origins = _without_value(origins, path)
    if spec.one_or_many and isinstance(value, dict):
        value = [value]
    w = Widget(spec, path, key, required, value, fact)
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
        if not spec.can_be_fact:
            return self._read_value(spec, path, original, required)
        known = original if is_fact(original) else None
        value = self._read_value(spec, path, known["value"] if known else original, required)
        name = name_of(path)
        if value is MISSING or value == PLACEHOLDER:
            return value
        drawn = ("mu." + name) in self.form
        ticked = self.form.get("u." + name) == "1"
        if not (ticked or known):
            return value
        fact = {"value": value}
        if drawn:
            fact["confirmed"] = not ticked
        else:
            fact["confirmed"] = known.get("confirmed", False) if known else False
        for key, field_name in (("source", "us."), ("note", "un.")):
            posted = self.form.get(field_name + name)
            text = posted.strip() if isinstance(posted, str) else None
            if text:
                fact[key] = text
            elif posted is None and known and key in known:
                fact[key] = known[key]
        if known:                         # the file's order of keys
            fact = {k: fact[k] for k in known if k in fact} | \
                {k: v for k, v in fact.items() if k not in known}
        self.origins = _with_value(self.origins, path)
        return fact

    def _read_value(self, spec: Spec, path: tuple, original: Any, required: bool) -> Any:
        name = name_of(path)
        if spec.kind in SCALARS:
            value = _scalar(spec, self.form.get("f." + name), self.form.get("o." + name) == "1")
            if value is MISSING and spec.nullable and original is None and \
                    ("f." + name) in self.form:
                return None                    # 'tln: null' stays null, not removed
            return value
        if spec.kind == "object":
            orig = original if isinstance(original, dict) else {}
            out = {}
            for key, sub in spec.props.items():
                value = self._read(sub, path + (key,), orig.get(key, MISSING), key in spec.required)
                if value is not MISSING:
                    out[key] = value
            for key, value in orig.items():        # fields the schema does not know: kept
                if key not in spec.props:
                    out[key] = value
            if not out and original == PLACEHOLDER:  # an object not known yet, left so
                return PLACEHOLDER
            if spec.nullable and original is None and not any(v is not None
                                                                for v in out.values()):
                return None                    # 'ln: null' stays null
            if not out and original is MISSING:
                return MISSING                 # an optional group the file does not have
            return out if out or required else MISSING
        if spec.kind == "multi":
            if ("m." + name) not in self.form:
                return original
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
                return original
            return values if values or required else MISSING
        if spec.kind in ("table", "cards"):
            orig = original if isinstance(original, list) else []
            if spec.one_or_many and isinstance(original, dict):
                orig = [original]
            rows = _indices(self.form, f"row.{name}.")
            if not rows and ("m." + name) not in self.form:
                return original
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
            if not items and original == PLACEHOLDER:
                return PLACEHOLDER
            if spec.one_or_many and len(items) == 1 and not isinstance(original, list):
                self.origins.pop(path, None)
                return items[0]                # one item stays written as one
            return items if items or required else MISSING
        # raw: not on the form; what the file has is kept
        return original

    def _read_item(self, spec: Spec, posted: tuple, new_path: tuple, original: Any) -> Any:
        """An item posted under `posted` (its row number on the page) lands at `new_path`
        (its index in the new list): nested tables are keyed by the new path."""
        reader = FormReader(spec, _Prefixed(self.form, name_of(posted), name_of(new_path)),
                            original)
        value = reader._read(spec, new_path, original, True)
        self.origins.update(reader.origins)
        return {} if value is MISSING else value


def _with_value(origins: dict, path: tuple) -> dict:
    """Rows read under `path` live under `path + ('value',)` once it is a fact."""
    n = len(path)
    return {(k[:n] + ("value",) + k[n:] if k[:n] == path else k): v for k, v in origins.items()}


def _without_value(origins: dict, path: tuple) -> dict:
    n = len(path)
    return {(k[:n] + k[n + 1:] if k[:n] == path and k[n:n + 1] == ("value",) else k): v
            for k, v in origins.items()}


_TAGS = ("f.", "o.", "row.", "m.", "u.", "mu.", "us.", "un.")


class _Prefixed:
    """The form seen with one row's names renamed from its page number to its new index."""

    def __init__(self, form, old: str, new: str):
        self.form, self.old, self.new = form, old, new

    def _map(self, name: str) -> str:
        for tag in _TAGS:
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
            for tag in _TAGS:
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
    path = _data_path(spec, data, path)
    _listed(spec, data, path if action == "add" else path[:-1])
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


def _listed(spec: Spec, data: Any, path: tuple) -> None:
    """The field at `path` as a list, when it holds one item or '...' (a row added to it)."""
    if not path:
        return
    parent, _sub = _locate(spec, data, path[:-1])
    target, sub = _locate(spec, data, path, create=True)
    if sub is None or sub.kind not in ("table", "cards") or isinstance(target, list):
        return
    key = path[-1]
    if isinstance(parent, dict) and key in parent:
        parent[key] = [target] if isinstance(target, dict) and sub.one_or_many else []


def _data_path(spec: Spec, data: Any, path: tuple) -> tuple:
    """A form path as a path into the data: 'value' after each field written as a fact."""
    node, sub, out = data, spec, ()
    for i, part in enumerate(path):
        if sub is None or node is None:
            return out + path[i:]
        if sub.can_be_fact and is_fact(node):
            node, out = node["value"], out + ("value",)
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            sub = sub.item
        else:
            node = node.get(part) if isinstance(node, dict) else None
            sub = sub.props.get(part) if sub.kind == "object" else None
        out += (part,)
    if sub is not None and sub.can_be_fact and is_fact(node):
        out += ("value",)
    return out


def _locate(spec: Spec, data: Any, path: tuple, create: bool = False):
    node, sub = data, spec
    for part in path:
        if sub is None:
            return None, None
        if part == "value" and is_fact(node):
            node = node["value"]          # the same field, written with its confidence
            continue
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
