"""A regency parameter file: loaded, validated against its schema, placeholders found."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rancang import cache
from rancang.errors import InputError, Problem, RancangError
from rancang.files import slug
from rancang.i18n import N_, _, ngettext
from rancang.model.tree import Source
from rancang.sources.loader import YamlList, YamlMap, load_yaml
from rancang.sources.workspace import display_path

PLACEHOLDER = "..."

_open = {"const": PLACEHOLDER, "description": N_("not known yet: '...' (rendered '...' in a draft)")}
FACT_KEYS = ("value", "confirmed", "source", "note")


def _fact(schema: dict) -> dict:
    """A value with its confidence: {value: ..., confirmed: false, source: ..., note: ...}.
    An unconfirmed value is highlighted in a draft like an open parameter and refused by
    --final."""
    return {"type": "object", "additionalProperties": False, "required": ["value", "confirmed"],
            "description": N_("a value with its confidence: {value, confirmed, source, note}"),
            "properties": {"value": schema, "confirmed": {"type": "boolean"},
                           "source": {"type": "string"}, "note": {"type": "string"}}}


def _or_open(schema: dict) -> dict:
    """A value, '...' (not known yet) or a value with its confidence."""
    return {"anyOf": [schema, _open, _fact(schema)]}


_text = {"type": "string", "minLength": 1}
_date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
         "description": N_("a date, YYYY-MM-DD")}
_slug = {"type": "string", "pattern": "^[a-z0-9_]+$"}
_int_or_null = {"type": ["integer", "null"], "minimum": 1}

# A law as Mengingat cites it (L-II 44-47), with its last amendment (L-II 41a-41c as
# inserted by UU 13/2022): the same shape as an entry of clauses/citations.yaml.
_law_props = {
    "type": {"enum": ["Undang-Undang", "Undang-Undang Darurat",
                      "Peraturan Pemerintah Pengganti Undang-Undang", "Peraturan Pemerintah"]},
    "number": {"type": "integer", "minimum": 1},
    "year": {"type": "integer", "minimum": 1945, "maximum": 2100},
    "title": {**_text, "description": N_("the title after 'tentang', as the law writes it")},
    "ln": {"type": ["object", "null"], "additionalProperties": False,
           "properties": {"year": _int_or_null, "number": _int_or_null},
           "description": N_("Lembaran Negara: {year, number}; null where unknown")},
    "tln": {**_int_or_null, "description": N_("Tambahan Lembaran Negara number; null where unknown")},
    "gazette": {**_text, "description": N_("for a law published outside the Lembaran Negara, "
                                        "e.g. 'Berita Negara Republik Indonesia Tahun 1950'")},
    "enacted": _date,
    "confirmed": {"type": "boolean", "description": N_("true only when the numbers were read "
                                                    "off the law itself")},
    "source": _text, "note": _text,
}
_amendment = {"type": "object", "additionalProperties": False,
              "required": ["type", "number", "year", "title", "confirmed"],
              "properties": _law_props}
LAW_SCHEMA = {"type": "object", "additionalProperties": False,
              "required": ["type", "number", "year", "title", "confirmed"],
              "properties": {**_law_props, "amended": {
                  "type": "object", "additionalProperties": False, "required": ["times", "last"],
                  "properties": {"times": {"enum": ["once", "many"],
                                           "description": N_("once: 'sebagaimana telah diubah "
                                                          "dengan'; many: 'sebagaimana telah "
                                                          "beberapa kali diubah terakhir dengan'")},
                                 "last": _amendment}}}}

_penetapan = ("number", "ditetapkan", "diundangkan", "berita_daerah")

# An instrument signed before (an MoU of a previous Bupati), as the recitals cite it.
_EARLIER = {
    "type": "object", "additionalProperties": False,
    "required": ["title", "number_pemda", "date", "confirmed"],
    "properties": {
        "title": {**_text, "description": N_("the title after 'tentang'")},
        "number_pemda": _or_open({"type": ["string", "integer"]}),
        "number_bpjs": _or_open({"type": ["string", "integer"]}),
        "date": _or_open(_date),
        "stated_weekday": {"enum": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu",
                                    "Minggu"]},
        "place": _or_open(_text),
        "signed_by": {"type": "object", "additionalProperties": False,
                      "properties": {"bupati": _or_open(_text), "bpjs": _or_open(_text)}},
        "confirmed": {"type": "boolean", "description": N_("true only when read off the "
                                                        "instrument itself")},
        "source": _text, "note": _text,
    },
}

# The published figures a regency file may decide against the computed ones: the number
# of participants, the budget, the counts of the groups against the participant list's.
DECIDABLE = ("participants.rentan_total", "financing.stated_total", "participant_list.counts")

REGENCY_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "rancang regency file",
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "province", "seat", "officials", "perbup", "segments", "formation_law"],
    "properties": {
        "name": {**_text, "description": N_("name without 'Kabupaten', e.g. Rejang Lebong")},
        "type": {"enum": ["kabupaten"], "description": N_("kabupaten (a Perbup is a regency's)")},
        "province": _or_open({**_text, "description": N_("province without 'Provinsi'")}),
        "seat": _or_open({**_text, "description": N_("seat of government: Ditetapkan di / "
                                                  "Diundangkan di")}),
        "kode_wilayah": _or_open({"type": "string", "pattern": r"^\d{4}$",
                                  "description": N_("Kemendagri region code, 4 digits ('1702')")}),
        "formation_law": {"anyOf": [LAW_SCHEMA, {"type": "array", "minItems": 1,
                                                 "items": LAW_SCHEMA}, _open],
                          "description": N_("the law(s) forming the regency, cited in Mengingat "
                                         "after Pasal 18 ayat (6) UUD (L-II 39)")},
        "officials": {
            "type": "object", "additionalProperties": False,
            "required": ["bupati", "sekretaris_daerah"],
            "properties": {"bupati": _or_open(_text), "sekretaris_daerah": _or_open(_text)},
        },
        "perbup": {
            "type": "object", "additionalProperties": False,
            "required": ["status", "year"],
            "description": N_("the instrument: a draft (no number until penetapan) or enacted "
                           "(number, dates, Berita Daerah); `replaces` names the enacted "
                           "Perbup it revokes"),
            "properties": {
                "status": {"enum": ["draft", "enacted"]},
                "number": _or_open({"type": ["integer", "string"]}),
                "year": {"type": "integer", "minimum": 1945, "maximum": 2100},
                "ditetapkan": _or_open(_date),
                "diundangkan": _or_open(_date),
                "berita_daerah": _or_open({"type": ["integer", "string"]}),
                "amendments": {
                    "type": "array",
                    "description": N_("the Peraturan Bupati that have amended this enacted "
                                      "one, oldest first: `rancang amend` then writes "
                                      "PERUBAHAN KEDUA (KETIGA, ...) ATAS and cites the last "
                                      "(L-II 7, 233 b)"),
                    "items": {"type": "object", "additionalProperties": False,
                              "required": ["number", "year", "confirmed"],
                              "properties": {
                                  "number": {"type": "integer", "minimum": 1},
                                  "year": {"type": "integer", "minimum": 1945, "maximum": 2100},
                                  "berita_daerah": _or_open({"type": ["integer", "string"]}),
                                  "confirmed": {"type": "boolean"},
                                  "source": _text, "note": _text}},
                },
                "replaces": {
                    "type": "object", "additionalProperties": False,
                    "required": ["number", "year", "title", "confirmed"],
                    "description": N_("the enacted Peraturan Bupati this one revokes (L-II 143-148)"),
                    "properties": {
                        "number": {"type": "integer", "minimum": 1},
                        "year": {"type": "integer", "minimum": 1945, "maximum": 2100},
                        "title": _text,
                        "berita_daerah": _or_open({"type": ["integer", "string"]}),
                        "confirmed": {"type": "boolean"},
                        "source": _text, "note": _text,
                    },
                },
            },
            "if": {"properties": {"status": {"const": "draft"}}},
            "then": {"properties": {k: _open for k in _penetapan}},
            "else": {"required": list(_penetapan)},
        },
        "segments": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _slug},
        "bantuan_iuran": {
            "type": "array",
            "description": N_("what the Pemda pays: which programmes, for which target group, "
                           "from which source"),
            "items": {"type": "object", "additionalProperties": False,
                      "required": ["target", "programmes", "source"],
                      "properties": {"target": _slug,
                                     "programmes": _or_open({"type": "array", "minItems": 1,
                                                             "uniqueItems": True,
                                                             "items": _slug}),
                                     "source": {"enum": ["apbd"]},
                                     "note": _text}},
        },
        "focus": {
            "type": "object", "additionalProperties": False,
            "properties": {k: {"type": "boolean"} for k in
                           ("kelembagaan", "perluasan_kepesertaan", "pembiayaan_inklusif",
                            "literasi")},
        },
        "financing": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "year": _or_open({"type": "integer", "minimum": 2000, "maximum": 2100}),
                "start": _or_open(_date),
                "months": _or_open({"type": "integer", "minimum": 1, "maximum": 120}),
                "stated_total": _or_open({"type": "integer", "minimum": 0,
                                          "description": N_("the budget as published, Rupiah")}),
                "monthly_per_worker": {"type": "integer", "minimum": 0,
                                       "description": N_("budgeted contribution a worker a month, "
                                                      "instead of clauses/rates.yaml")},
                "payment_day": {"type": "integer", "minimum": 1, "maximum": 28},
                "source": _text,
            },
        },
        "coordinator": {
            "type": "object", "additionalProperties": False,
            "properties": {"name": _or_open(_text), "head": _or_open(_text)},
        },
        "bpjs": {
            "type": "object", "additionalProperties": False,
            "required": ["office"],
            "properties": {
                "office": {**_text, "description": N_("the office as people name it: BPJS "
                                                  "Ketenagakerjaan Kantor Cabang Serang")},
                "branch": _or_open({**_text, "description": N_("the office as the party is named "
                                                        "after 'Badan Penyelenggara Jaminan "
                                                        "Sosial Ketenagakerjaan': Kantor "
                                                        "Cabang Serang")}),
                "head": _or_open(_text),
                "position": {**_text, "description": N_("the head's title before the office: "
                                                     "Kepala (the office's own name follows)")},
                "authority": _or_open({
                    "type": "object", "additionalProperties": False, "required": ["instrument"],
                    "description": N_("the instrument under which the branch head signs for BPJS "
                                   "Ketenagakerjaan (cited in the komparisi)"),
                    "properties": {"instrument": _or_open(_text),
                                   "number": _or_open({"type": ["string", "integer"]}),
                                   "date": _or_open(_date)}}),
                "address": _or_open(_text)},
        },
        "participants": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "active": _or_open({"type": "integer", "minimum": 0}),
                "rentan_total": _or_open({"type": "integer", "minimum": 0,
                                          "description": N_("stated number of APBD-paid workers")}),
                "claims": {"type": "object"},
                "source": _text,
            },
        },
        "initiative": {**_text, "description": N_("the regency's own name of its programme")},
        "other_opds": {"type": "array", "items": _text},
        "opds": {
            "type": "array",
            "items": {
                "type": "object", "additionalProperties": False, "required": ["name"],
                "properties": {
                    "name": _text,
                    "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
                    "head": _or_open(_text),
                    "groups": _or_open({"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["name"],
                        "properties": {
                            "name": _or_open(_text),
                            "count": _or_open({"type": "integer", "minimum": 0}),
                            "segment": _slug,
                            "programmes": {"type": "array", "items": _slug},
                            "months": _or_open({"type": "integer", "minimum": 1}),
                        }}}),
                    "perangkat_daerah": {**_text, "description": (
                        N_("for a unit that is not a Perangkat Daerah itself (a Bagian): the "
                        "Perangkat Daerah it belongs to, whose budget pays ('Sekretariat "
                        "Daerah')"))},
                    "head_nip": _or_open({"type": "string", "pattern": r"^\d{18}$",
                                          "description": N_("NIP of the head, 18 digits (Surat "
                                                         "Kuasa)")}),
                    "pks": {"type": "object", "additionalProperties": False, "properties": {
                        "number": _or_open({"type": ["string", "integer"]}),
                        "bpjs_number": _or_open({"type": ["string", "integer"]}),
                        "date": _or_open(_date),
                        "kuasa": _or_open({
                            "type": "object", "additionalProperties": False,
                            "description": N_("the Bupati's Surat Kuasa to the head to sign this "
                                           "PKS (PP 28/2018 Pasal 13 ayat (2))"),
                            "properties": {"number": _or_open({"type": ["string", "integer"]}),
                                           "date": _or_open(_date)}}),
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
                                   "description": N_("the weekday as published, checked")},
                "place": _or_open(_text),
                "term_years": _or_open({"type": "integer", "minimum": 1}),
                "source": _text,
                "earlier": {"type": "array", "items": _EARLIER,
                            "description": N_("earlier instruments of the same parties, cited in "
                                           "the recitals (an MoU signed by a previous Bupati)")},
            },
        },
        "pks": {
            "type": "object", "additionalProperties": False,
            "properties": {"date": _or_open(_date), "place": _or_open(_text),
                           "term_months": _or_open({"type": "integer", "minimum": 1}),
                           "court": _or_open({**_text, "description": (
                               N_("the court PARA PIHAK choose when musyawarah fails: "
                               "'Pengadilan Negeri Serang'"))})},
        },
        "keputusan": {
            "type": "object", "additionalProperties": False,
            "description": N_("the Keputusan Bupati of the programme: their numbers and dates "
                           "(given at penetapan)"),
            "properties": {k: {"type": "object", "additionalProperties": False, "properties": {
                "number": _or_open({"type": ["string", "integer"]}),
                "ditetapkan": _or_open(_date)}} for k in ("penerima", "tim")},
        },
        "tim_koordinasi": {
            "type": "object", "additionalProperties": False,
            "description": N_("the Tim Koordinasi's membership, when the regency decides it "
                           "(else: as clauses/kepbup-tim/document.yaml proposes it)"),
            "properties": {"susunan": {"type": "array", "minItems": 1, "items": {
                "type": "object", "additionalProperties": False, "required": ["peran", "jabatan"],
                "properties": {"peran": _text, "jabatan": _text}}}},
        },
        "decisions": {
            "type": "array",
            "description": N_("which figure the documents use where a published one disagrees "
                           "with the computed one: the figure, why, and who decided"),
            "items": {"type": "object", "additionalProperties": False,
                      "required": ["fact", "use", "why", "who"],
                      "properties": {
                          "fact": {"enum": list(DECIDABLE)},
                          "use": {"enum": ["computed", "published"]},
                          "why": _text, "who": _text, "date": _date}},
        },
        "sources": {"type": "array", "items": _text},
    },
}


@dataclass
class Fact:
    """A regency value written with its confidence ({value, confirmed, source, note})."""
    path: str
    value: object
    confirmed: bool
    where: Source | None
    source: str = ""
    note: str = ""


@dataclass
class Regency:
    slug: str
    data: YamlMap
    path: Path
    placeholders: list[tuple[str, Source]] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)   # path -> a value with confidence

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def display_name(self) -> str:
        return f"Kabupaten {self.data['name']}"

    @property
    def kode_wilayah(self) -> str | None:
        """The Kemendagri region code ('1702'), or None where unknown."""
        value = self.data.get("kode_wilayah")
        return None if value in (None, PLACEHOLDER) else str(value)

    def unconfirmed(self, path: str) -> Fact | None:
        """The unconfirmed fact at `path` or around it (a list marked unconfirmed makes
        everything in it unconfirmed)."""
        probe = path
        while probe:
            fact = self.facts.get(probe)
            if fact is not None:
                return None if fact.confirmed else fact
            probe = _parent_path(probe)
        return None

    @property
    def unconfirmed_facts(self) -> list[Fact]:
        return [f for f in self.facts.values() if not f.confirmed]


def schema_in_language(schema=None):
    """The regency schema with its descriptions in the user's language: the copy written
    beside a regency file, which an editor shows on hover."""
    schema = REGENCY_SCHEMA if schema is None else schema
    if isinstance(schema, dict):
        return {k: _(v) if k == "description" and isinstance(v, str)
                else schema_in_language(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [schema_in_language(v) for v in schema]
    return schema


def _parent_path(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


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


# Fields of earlier versions of the file, and what took their place.
_MOVED = {
    ("programmes",): N_("'programmes' was what the Pemda pays for: write it as "
                        "'bantuan_iuran' (target, programmes, source: apbd); which "
                        "programmes each segment must or may join is the law "
                        "(clauses/catalogue.yaml)"),
    ("financing", "apbd"): N_("'financing.apbd' is now 'bantuan_iuran' with source: apbd"),
}


def _schema_problems(err, data, problems: list[Problem]) -> None:
    path = list(err.absolute_path)
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})), key=str)
        allowed = ", ".join(err.schema.get("properties", {}))
        for key in extra:
            moved = _MOVED.get(tuple(str(p) for p in path + [key]))
            message = _(moved) if moved else _(
                "unknown field '{field}'; expected one of: {allowed}").format(
                field=_field(path + [key]), allowed=allowed)
            problems.append(Problem.coded("regency-schema", message,
                                          _locate(data, path + [key])))
        return
    if err.validator == "required":
        missing = err.message.split("'")[1]
        problems.append(Problem.coded("regency-schema", _("missing field '{field}'").format(
            field=_field(path + [missing])), _locate(data, path)))
        return
    if err.validator == "const" and path[:1] == ["perbup"] and len(path) == 2:
        problems.append(Problem.coded("regency-schema", _(
            "'{field}' is given at penetapan: a Rancangan (perbup.status: draft) has no "
            "number, dates or Berita Daerah yet (write '...'), an enacted Perbup says "
            "status: enacted").format(field=_field(path)), _locate(data, path)))
        return
    if err.validator == "anyOf":
        # the branch of the instance's own type, when there is one: its errors say more
        branches: dict[int, list] = {}
        for sub in err.context or []:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        fitting = [subs for subs in branches.values()
                   if not any(e.validator in ("type", "const") and not e.relative_path
                              for e in subs)]
        if isinstance(err.instance, (dict, list)) and len(fitting) == 1:
            for sub in fitting[0]:
                _schema_problems(sub, data, problems)
            return
        first = err.schema["anyOf"][0]
        expected = _(first["description"]) if first.get("description") else \
            _type_names(first["type"]) if first.get("type") else _("a value")
        problems.append(Problem.coded("regency-schema", _(
            "field '{field}': expected {expected} or '...', got {value}").format(
            field=_field(path), expected=expected, value=repr(err.instance)),
            _locate(data, path)))
        return
    problems.append(Problem.coded("regency-schema", _("field '{field}': {message}").format(
        field=_field(path), message=schema_message(err)), _locate(data, path)))


# jsonschema's own messages are English: the ones a regency file meets, in the catalog
_TYPES = {"string": N_("text"), "integer": N_("a whole number"), "number": N_("a number"),
          "boolean": N_("true or false"), "object": N_("a mapping (key: value)"),
          "array": N_("a list"), "null": "null"}


def _type_names(types) -> str:
    types = [types] if isinstance(types, str) else list(types)
    return " / ".join(_(_TYPES[t]) if t in _TYPES else str(t) for t in types)


def schema_message(err) -> str:
    """What a jsonschema error says, in the user's language for the validators a
    hand-edited file meets (its English message otherwise)."""
    kind, expected, value = err.validator, err.validator_value, repr(err.instance)
    if kind == "enum":
        return _("{value} is not one of the allowed values: {choices}").format(
            value=value, choices=", ".join(map(str, expected)))
    if kind == "const":
        return _("{value} must be {expected}").format(value=value, expected=repr(expected))
    if kind == "type":
        return _("{value} is not {type}").format(value=value, type=_type_names(expected))
    if kind == "minLength":
        return _("must not be empty") if expected == 1 else _(
            "{value} is shorter than {n} characters").format(value=value, n=expected)
    if kind == "maxLength":
        return _("{value} is longer than {n} characters").format(value=value, n=expected)
    if kind == "minimum":
        return _("{value} is less than the minimum {n}").format(value=value, n=expected)
    if kind == "maximum":
        return _("{value} is more than the maximum {n}").format(value=value, n=expected)
    if kind == "pattern":
        return _("{value} does not have the expected form ({pattern})").format(
            value=value, pattern=expected)
    if kind == "format":
        return _("{value} is not a valid {format}").format(
            value=value, format=_("date (YYYY-MM-DD)") if expected == "date" else expected)
    if kind == "minItems":
        return ngettext("the list needs at least {n} item", "the list needs at least {n} items",
                        expected).format(n=expected)
    if kind == "maxItems":
        return ngettext("the list may have at most {n} item",
                        "the list may have at most {n} items", expected).format(n=expected)
    if kind == "uniqueItems":
        return _("the list has the same item twice")
    return err.message


def validate(data, display: str) -> None:
    if not isinstance(data, YamlMap):
        raise RancangError(_("a regency file must be a mapping of fields (name, province, "
                             "...)"), display)
    plain = _json_ready(data)
    known = cache.valid_name(REGENCY_SCHEMA, plain)
    if cache.known_valid(known):
        return                  # this very content passed before: no jsonschema to import
    import jsonschema       # here, not at import: `rancang --help` need not pay for it

    validator = jsonschema.Draft202012Validator(REGENCY_SCHEMA,
                                                format_checker=jsonschema.FormatChecker())
    problems: list[Problem] = []
    for err in sorted(validator.iter_errors(plain),
                      key=lambda e: [str(p) for p in e.path]):
        _schema_problems(err, data, problems)
    if problems:
        raise InputError(problems, _("{file} is not a valid regency file").format(file=display))
    cache.remember_valid(known)


def _is_fact(value) -> bool:
    return isinstance(value, YamlMap) and "value" in value and set(value) <= set(FACT_KEYS)


def take_facts(value, path: str = "", facts: dict | None = None) -> dict[str, Fact]:
    """Replace every {value, confirmed, ...} in the data by its value, in place, and return
    them by path: the rest of the program reads plain values; the composer asks
    `Regency.unconfirmed(path)` where it shows one."""
    facts = {} if facts is None else facts
    if isinstance(value, YamlMap):
        for key, item in list(value.items()):
            sub = f"{path}.{key}" if path else str(key)
            if _is_fact(item):
                facts[sub] = Fact(sub, item["value"], bool(item["confirmed"]), value.where(key),
                                  str(item.get("source") or ""), str(item.get("note") or ""))
                value[key] = item = item["value"]
            take_facts(item, sub, facts)
    elif isinstance(value, YamlList):
        for i, item in enumerate(value):
            sub = f"{path}[{i}]"
            if _is_fact(item):
                facts[sub] = Fact(sub, item["value"], bool(item["confirmed"]),
                                  Source(value.source.file, value.lines[i]),
                                  str(item.get("source") or ""), str(item.get("note") or ""))
                value[i] = item = item["value"]
            take_facts(item, sub, facts)
    return facts


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


def formation_laws(data) -> list:
    """The regency's formation law(s), always as a list ('...' when not known yet)."""
    laws = data.get("formation_law")
    if laws == PLACEHOLDER:
        return [PLACEHOLDER]
    return list(laws) if isinstance(laws, list) else [laws] if laws else []


def load_regency(path: Path) -> Regency:
    display = display_path(path)
    data = load_yaml(path, display)
    validate(data, display)
    facts = take_facts(data)
    return Regency(slug=slug(path.stem, "kabupaten"), data=data, path=path,
                   placeholders=find_placeholders(data), facts=facts)
