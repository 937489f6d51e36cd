"""A regency parameter file: loaded, validated against its schema, placeholders found."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rancang.errors import InputError, Problem, RancangError
from rancang.files import slug
from rancang.files import slug as slugify    # the one slug function, by its old name
from rancang.model.tree import Source
from rancang.sources.loader import YamlList, YamlMap, load_yaml
from rancang.sources.workspace import display_path

PLACEHOLDER = "..."

_open = {"const": PLACEHOLDER, "description": "not known yet: '...' (rendered '...' in a draft)"}


def _or_open(schema: dict) -> dict:
    return {"anyOf": [schema, _open]}


_text = {"type": "string", "minLength": 1}
_date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
         "description": "a date, YYYY-MM-DD"}
_slug = {"type": "string", "pattern": "^[a-z0-9_]+$"}

REGENCY_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "rancang regency file",
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "province", "seat", "officials", "perbup", "programmes", "segments"],
    "properties": {
        "name": {**_text, "description": "name without 'Kabupaten', e.g. Rejang Lebong"},
        "type": {"enum": ["kabupaten"], "description": "kabupaten (a Perbup is a regency's)"},
        "province": _or_open({**_text, "description": "province without 'Provinsi'"}),
        "seat": _or_open({**_text, "description": "seat of government: Ditetapkan di / "
                                                  "Diundangkan di"}),
        "officials": {
            "type": "object", "additionalProperties": False,
            "required": ["bupati", "sekretaris_daerah"],
            "properties": {"bupati": _or_open(_text), "sekretaris_daerah": _or_open(_text)},
        },
        "perbup": {
            "type": "object", "additionalProperties": False,
            "required": ["number", "year"],
            "properties": {
                "number": _or_open({"type": ["integer", "string"]}),
                "year": {"type": "integer", "minimum": 1945, "maximum": 2100},
                "ditetapkan": _or_open(_date),
                "diundangkan": _or_open(_date),
                "berita_daerah": _or_open({"type": ["integer", "string"]}),
            },
        },
        "programmes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _slug},
        "segments": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _slug},
        "focus": {
            "type": "object", "additionalProperties": False,
            "properties": {k: {"type": "boolean"} for k in
                           ("kelembagaan", "perluasan_kepesertaan", "pembiayaan_inklusif",
                            "literasi")},
        },
        "financing": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "apbd": {"type": "boolean", "description": "the APBD pays the contributions"},
                "year": _or_open({"type": "integer", "minimum": 2000, "maximum": 2100}),
                "start": _or_open(_date),
                "months": _or_open({"type": "integer", "minimum": 1, "maximum": 120}),
                "stated_total": _or_open({"type": "integer", "minimum": 0,
                                          "description": "the budget as published, Rupiah"}),
                "monthly_per_worker": {"type": "integer", "minimum": 0,
                                       "description": "budgeted contribution a worker a month, "
                                                      "instead of clauses/rates.yaml"},
                "payment_day": {"type": "integer", "minimum": 1, "maximum": 28},
                "source": _text,
            },
        },
        "coordinator": {
            "type": "object", "additionalProperties": False,
            "properties": {"name": _text, "head": _or_open(_text)},
        },
        "bpjs": {
            "type": "object", "additionalProperties": False,
            "required": ["office"],
            "properties": {"office": _text, "head": _or_open(_text),
                           "position": _text, "address": _or_open(_text)},
        },
        "participants": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "active": _or_open({"type": "integer", "minimum": 0}),
                "rentan_total": _or_open({"type": "integer", "minimum": 0,
                                          "description": "stated number of APBD-paid workers"}),
                "claims": {"type": "object"},
                "source": _text,
            },
        },
        "initiative": {**_text, "description": "the regency's own name of its programme"},
        "other_opds": {"type": "array", "items": _text},
        "opds": {
            "type": "array",
            "items": {
                "type": "object", "additionalProperties": False, "required": ["name"],
                "properties": {
                    "name": _text,
                    "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
                    "head": _or_open(_text),
                    "groups": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["name"],
                        "properties": {
                            "name": _or_open(_text),
                            "count": _or_open({"type": "integer", "minimum": 0}),
                            "segment": _slug,
                            "programmes": {"type": "array", "items": _slug},
                            "months": _or_open({"type": "integer", "minimum": 1}),
                        }}},
                    "pks": {"type": "object", "additionalProperties": False, "properties": {
                        "number": _or_open({"type": ["string", "integer"]}),
                        "bpjs_number": _or_open({"type": ["string", "integer"]}),
                        "date": _or_open(_date),
                    }},
                },
            },
        },
        "mou": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "number_pemda": _or_open({"type": ["string", "integer"]}),
                "number_bpjs": _or_open({"type": ["string", "integer"]}),
                "date": _or_open(_date),
                "stated_weekday": {"enum": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat",
                                            "Sabtu", "Minggu"],
                                   "description": "the weekday as published, checked"},
                "place": _or_open(_text),
                "term_years": _or_open({"type": "integer", "minimum": 1}),
                "source": _text,
            },
        },
        "pks": {
            "type": "object", "additionalProperties": False,
            "properties": {"date": _or_open(_date), "place": _or_open(_text),
                           "term_months": _or_open({"type": "integer", "minimum": 1})},
        },
        "sources": {"type": "array", "items": _text},
    },
}


@dataclass
class Regency:
    slug: str
    data: YamlMap
    path: Path
    placeholders: list[tuple[str, Source]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def display_name(self) -> str:
        return f"Kabupaten {self.data['name']}"


def _json_ready(value):
    """YAML dates become ISO strings so the schema checks them as text."""
    if isinstance(value, dict):
        # a key YAML read as null or a number is still reported by its text
        return {k if isinstance(k, str) else str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _locate(data, path) -> Source:
    node, where = data, data.source if isinstance(data, (YamlMap, YamlList)) else None
    for key in path:
        if isinstance(node, YamlMap) and key in node:
            where = node.where(key)
        elif isinstance(node, YamlList) and isinstance(key, int) and key < len(node):
            where = Source(node.source.file, node.lines[key])
        else:
            break
        node = node[key]
    return where


def _field(path) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def validate(data, display: str) -> None:
    if not isinstance(data, YamlMap):
        raise RancangError("a regency file must be a mapping of fields (name, province, ...)",
                           display)
    import jsonschema       # here, not at import: `rancang --help` need not pay for it

    validator = jsonschema.Draft202012Validator(REGENCY_SCHEMA,
                                                format_checker=jsonschema.FormatChecker())
    problems = []
    for err in sorted(validator.iter_errors(_json_ready(data)),
                      key=lambda e: [str(p) for p in e.path]):
        path = list(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})), key=str)
            allowed = ", ".join(err.schema.get("properties", {}))
            for key in extra:
                problems.append(Problem.coded("regency-schema", f"unknown field '{_field(path + [key])}'; expected one "
                                        f"of: {allowed}", _locate(data, path + [key])))
            continue
        if err.validator == "required":
            missing = err.message.split("'")[1]
            problems.append(Problem.coded("regency-schema", f"missing field '{_field(path + [missing])}'",
                                    _locate(data, path)))
            continue
        if err.validator == "anyOf":
            expected = err.schema["anyOf"][0].get("description") or \
                err.schema["anyOf"][0].get("type") or "a value"
            problems.append(Problem.coded("regency-schema", f"field '{_field(path)}': expected {expected} or '...', "
                                    f"got {err.instance!r}", _locate(data, path)))
            continue
        problems.append(Problem.coded("regency-schema", f"field '{_field(path)}': {err.message}", _locate(data, path)))
    if problems:
        raise InputError(problems, f"{display} is not a valid regency file")


def find_placeholders(value, path="", where=None) -> list[tuple[str, Source]]:
    out = []
    if isinstance(value, YamlMap):
        for key, item in value.items():
            out += find_placeholders(item, f"{path}.{key}" if path else str(key),
                                     value.where(key))
    elif isinstance(value, YamlList):
        for i, item in enumerate(value):
            out += find_placeholders(item, f"{path}[{i}]",
                                     Source(value.source.file, value.lines[i]))
    elif value == PLACEHOLDER:
        out.append((path, where))
    return out


def load_regency(path: Path) -> Regency:
    display = display_path(path)
    data = load_yaml(path, display)
    validate(data, display)
    return Regency(slug=slug(path.stem, "kabupaten"), data=data, path=path,
                   placeholders=find_placeholders(data))
