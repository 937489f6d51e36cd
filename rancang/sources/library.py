"""The clause library: a document's skeleton (document.yaml), its BAB files, the
definitions of the Ketentuan Umum, the programme/segment catalogue and the citations.
Loading checks the shape of every unit, so a misspelt key is an error with its line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rancang import cache
from rancang.errors import InputError, Problem, RancangError
from rancang.i18n import N_, _
from rancang.model.tree import Source
from rancang.sources.loader import YamlList, YamlMap, load_yaml
from rancang.sources.regency import _json_ready, _locate, schema_message
from rancang.sources.workspace import display_path

# What each kind of unit may contain in a clause file.
UNIT_KEYS = {
    "bab": {"id", "heading", "when", "bagian", "pasal"},
    "bagian": {"id", "heading", "when", "paragraf", "pasal"},
    "paragraf": {"id", "heading", "when", "pasal"},
    "pasal": {"id", "when", "text", "ayat", "rincian", "heading", "end"},
    "ayat": {"id", "when", "text", "rincian", "foreach", "as", "end"},
    "item": {"id", "when", "text", "rincian", "foreach", "as", "end"},
    # a Keputusan's diktum (KESATU, KEDUA, ...) and a letter's numbered paragraphs
    "diktum": {"id", "when", "text", "rincian", "foreach", "as"},
    "butir": {"id", "when", "text", "rincian", "foreach", "as"},
}
# The body of a document that has no BAB files: an agreement's Pasal, a Keputusan's
# diktum, a letter's numbered paragraphs.
FLAT_BODIES = ("pasal", "diktum", "butir")
RINCIAN_KEYS = {"join", "items", "numbering"}
DEFINITION_KEYS = ("id", "term", "text", "also", "group", "follows", "when", "lowercase_ok")
# join: the list's conjunction; 'none' keeps an imported list that has none.
JOINS = ("dan", "atau", "dan/atau", "none")
# numbering: 'angka' for definitions (1., each a sentence); a marker ('a.', '1.', 'a)',
# '1)') for a list that an imported text numbers otherwise than its level would.
NUMBERINGS = ("huruf", "angka", "a.", "1.", "a)", "1)")
CHILD_KINDS = {"bab": ("bagian", "pasal"), "bagian": ("paragraf", "pasal"),
               "paragraf": ("pasal",)}


# The names of the kinds of unit, as messages say them ("this pasal needs 'id'").
KIND_NAMES = (N_("bab"), N_("bagian"), N_("paragraf"), N_("pasal"), N_("ayat"), N_("item"),
              N_("diktum"), N_("butir"),
              N_("rincian"), N_("definitions file"), N_("definition"), N_("unit"))

COVERAGE_STATUSES = ("wajib", "sukarela", "tidak_terbuka")
_CELL_KEYS = {"status", "phased", "scales", "basis", "confirmed"}


@dataclass(frozen=True)
class Cell:
    """One cell of the statutory matrix: may a segment join a programme, by which law."""
    status: str                    # wajib | sukarela | tidak_terbuka
    basis: str
    confirmed: bool
    phased: bool = False           # compulsory by stages (penahapan kepesertaan)
    scales: tuple[str, ...] = ()
    where: Source | None = None

    @property
    def open(self) -> bool:
        return self.status != "tidak_terbuka"


def _cell(spec, where: Source, problems: list[Problem]) -> Cell | None:
    if not isinstance(spec, YamlMap):
        problems.append(Problem.coded("clause-file", _(
            "a cell of the statutory matrix is a mapping: status, basis, confirmed"), where))
        return None
    for key in spec:
        if key not in _CELL_KEYS:
            problems.append(Problem.coded("clause-file", _(
                "unknown key '{key}' in a cell of the statutory matrix; expected one of: "
                "{keys}").format(key=key, keys=", ".join(sorted(_CELL_KEYS))), spec.where(key)))
    if spec.get("status") not in COVERAGE_STATUSES:
        problems.append(Problem.coded("clause-file", _(
            "status of a cell must be one of: {statuses}").format(
            statuses=", ".join(COVERAGE_STATUSES)), spec.where("status")))
        return None
    if not spec.get("basis") or not isinstance(spec.get("confirmed"), bool):
        problems.append(Problem.coded("clause-file", _(
            "every cell of the statutory matrix names its legal basis and says confirmed: "
            "true or false"), spec.source))
        return None
    return Cell(str(spec["status"]), str(spec["basis"]), spec["confirmed"],
                bool(spec.get("phased")), tuple(str(x) for x in spec.get("scales") or ()),
                spec.source)


def statutory_matrix(catalogue) -> dict[str, dict[str, Cell]]:
    """segment -> programme -> Cell: a segment's own `coverage` cells over those of its
    legal class (clauses/catalogue.yaml). Every segment has a cell for every programme."""
    cached = getattr(catalogue, "_matrix", None)
    if cached is not None:
        return cached
    problems: list[Problem] = []
    programmes = list((catalogue or {}).get("programmes") or {})
    classes = (catalogue or {}).get("classes") or YamlMap()
    matrix: dict[str, dict[str, Cell]] = {}
    for key, seg in ((catalogue or {}).get("segments") or {}).items():
        cells: dict[str, Cell] = {}
        klass = seg.get("class")
        layers = []
        if klass is not None:
            if klass not in classes:
                problems.append(Problem.coded("clause-file", _(
                    "segment '{segment}' names class '{klass}', which classes: does not "
                    "define").format(segment=key, klass=klass), seg.where("class")))
            else:
                layers.append(classes[klass].get("coverage") or YamlMap())
        layers.append(seg.get("coverage") or YamlMap())
        for layer in layers:
            for programme, spec in layer.items():
                if programme not in programmes:
                    problems.append(Problem.coded("clause-file", _(
                        "unknown programme '{programme}' in the coverage of '{segment}'").format(
                        programme=programme, segment=key), layer.where(programme)))
                    continue
                cell = _cell(spec, layer.where(programme), problems)
                if cell is not None:
                    cells[programme] = cell
        missing = [p for p in programmes if p not in cells]
        if missing:
            problems.append(Problem.coded("clause-file", _(
                "the statutory matrix has no cell for segment '{segment}' and {programmes}: "
                "give its class or its own coverage").format(
                segment=key, programmes=", ".join(missing)), seg.source))
        matrix[str(key)] = cells
    if problems:
        raise InputError(problems, _("the statutory matrix in clauses/catalogue.yaml has "
                                     "errors"))
    try:
        catalogue._matrix = matrix
    except AttributeError:      # a plain dict (tests): not cached
        pass
    return matrix


@dataclass
class Library:
    root: Path
    doc_type: str
    document: YamlMap
    babs: dict[str, YamlMap]
    definitions: YamlMap | None
    catalogue: YamlMap
    citations: dict[str, YamlMap]
    problems: list[Problem] = field(default_factory=list)


def _load(path: Path):
    return load_yaml(path, display_path(path))


def _unit_schema(kind: str, children: dict | None = None) -> dict:
    """The schema of one kind of unit; `x-message` is the message a person reads when the
    unit breaks a rule that JSON Schema's own wording would make obscure."""
    text = {"type": "string", "description": N_("Jinja text: ref(), angka(), rupiah(), ...")}
    when = {"type": ["string", "boolean"],
            "description": N_("a condition on the regency's choices")}
    all_props = {"id": {"type": ["string", "integer"], "minLength": 1,
                        "description": N_("a stable name, e.g. kepesertaan.segmen")},
                 "when": when, "text": text,
                 "heading": {"type": "string", "minLength": 1},
                 "foreach": {"type": "string", "description": N_("a list to repeat the unit over")},
                 "as": {"type": "string", "description": N_("the name of each value of foreach")},
                 "end": {"type": "string",
                         "description": N_("the punctuation an imported text closes this unit "
                                           "with, kept where it differs from the rule")},
                 "rincian": {"$ref": "#/$defs/rincian"}}
    props = {k: v for k, v in all_props.items() if k in UNIT_KEYS[kind]}
    for child, target in (children or {}).items():
        props[child] = {"type": "array", "minItems": 1, "items": {"$ref": f"#/$defs/{target}"},
                        "x-message": N_("'{key}' must be a non-empty list")}
    schema: dict = {"type": "object", "additionalProperties": False, "properties": props,
                    "x-kind": kind,
                    "dependentRequired": {"as": ["foreach"]} if "as" in props else {}}
    if kind in ("bab", "pasal"):
        schema["required"] = ["id"]
    if kind in ("bab", "bagian", "paragraf"):
        schema["required"] = schema.get("required", []) + ["heading"]
        kinds = CHILD_KINDS[kind]
        # a real law may open a BAB (Bagian) with Pasal before its first Bagian (Paragraf):
        # then both keys, the Pasal first
        schema["anyOf"] = [{"required": [k]} for k in kinds]
        schema["x-anyOf"] = N_("a {kind} holds {choices} (or Pasal, then the other)")
    if kind == "pasal":
        schema["oneOf"] = [{"required": ["ayat"], "not": {"anyOf": [{"required": ["text"]},
                                                                    {"required": ["rincian"]}]}},
                           {"required": ["text"], "not": {"required": ["ayat"]}}]
        schema["x-oneOf"] = N_("a pasal has either ayat or its own text (and rincian), not both")
    if kind in ("ayat", "item", "diktum", "butir"):
        schema["required"] = ["text"]
    return schema


def clause_schema() -> dict:
    """The JSON Schema of a BAB file (and of the units inside an agreement's document.yaml)
    and of a definitions file: what `rancang schema --kind clause` gives editors, and what
    loading a library validates against — one validator."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rancang clause file (one BAB)",
        "type": "object", "additionalProperties": False, "required": ["bab"],
        "properties": {"bab": {"$ref": "#/$defs/bab"}},
        "$defs": {
            "bab": _unit_schema("bab", {"bagian": "bagian", "pasal": "pasal"}),
            "bagian": _unit_schema("bagian", {"paragraf": "paragraf", "pasal": "pasal"}),
            "paragraf": _unit_schema("paragraf", {"pasal": "pasal"}),
            "pasal": _unit_schema("pasal", {"ayat": "ayat"}),
            "ayat": _unit_schema("ayat"),
            "item": _unit_schema("item"),
            "rincian": {"type": "object", "additionalProperties": False, "required": ["items"],
                        "x-kind": "rincian",
                        "properties": {
                            "join": {"enum": list(JOINS),
                                     "description": N_("the list's conjunction")},
                            "numbering": {"enum": list(NUMBERINGS),
                                          "description": N_("angka: 1., 2. as definitions are; "
                                                            "a marker: the list numbered with "
                                                            "it")},
                            "items": {"type": "array", "minItems": 1,
                                      "items": {"$ref": "#/$defs/item"},
                                      "x-message": N_("'{key}' must be a non-empty list")}}},
            "diktum": _unit_schema("diktum"),
            "butir": _unit_schema("butir"),
            **{f"{kind}_list": {"type": "array", "minItems": 1,
                                "items": {"$ref": f"#/$defs/{kind}"},
                                "x-message": N_("'{key}' must be a non-empty list")}
               for kind in ("pasal", "diktum", "butir")},
            "definitions": {
                "type": "object", "additionalProperties": False, "required": ["lead", "terms"],
                "x-kind": "definitions file",
                "properties": {
                    "heading": {"type": "string"}, "lead": {"type": "string"},
                    "proper_names": {"type": "array", "items": {"type": "string"}},
                    "terms": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "x-kind": "definition",
                        "required": ["id", "term", "text"],
                        "properties": {k: {} for k in DEFINITION_KEYS}}}}},
        },
    }


_VALIDATORS: dict[str, object] = {}


def _validator(part: str):
    """A validator of one part of the clause schema ('bab', 'pasal_list', 'definitions'),
    made once per process (jsonschema is imported only when a library is loaded)."""
    if part not in _VALIDATORS:
        import jsonschema
        _VALIDATORS[part] = jsonschema.Draft202012Validator(_part_schema(part))
    return _VALIDATORS[part]


_PART_SCHEMAS: dict[str, dict] = {}


def _part_schema(part: str) -> dict:
    if part not in _PART_SCHEMAS:
        schema = clause_schema()
        _PART_SCHEMAS[part] = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                               "$ref": f"#/$defs/{part}"}
    return _PART_SCHEMAS[part]


def _clause_problem(err, data, key: str | None, problems: list[Problem]) -> None:
    path = list(err.absolute_path)
    where = _locate(data, path)
    schema = err.schema if isinstance(err.schema, dict) else {}
    kind = _(schema.get("x-kind", "unit"))
    if err.validator == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        for extra in sorted(set(err.instance) - set(schema.get("properties", {})), key=str):
            problems.append(Problem.coded("clause-file", _(
                "unknown key '{key}' in this {kind}; expected one of: {allowed}").format(
                key=extra, kind=kind, allowed=allowed), _locate(data, path + [extra])))
        return
    if err.validator == "required":
        missing = err.message.split("'")[1]
        problems.append(Problem.coded("clause-file", _("this {kind} needs '{key}'").format(
            kind=kind, key=missing), where))
        return
    if err.validator == "dependentRequired":
        problems.append(Problem.coded("clause-file", _("'as' goes with 'foreach'"),
                                      _locate(data, path + ["as"])))
        return
    if err.validator in ("oneOf", "anyOf") and f"x-{err.validator}" in schema:
        kinds = CHILD_KINDS.get(schema.get("x-kind", ""), ())
        problems.append(Problem.coded("clause-file", _(schema[f"x-{err.validator}"]).format(
            kind=kind, choices=_(" or ").join(kinds)), where))
        return
    if err.validator == "type" and "object" in (schema.get("type") or ()):
        problems.append(Problem.coded("clause-file", _(
            "this {kind} must be a mapping with keys such as {keys}").format(
            kind=kind, keys=", ".join(sorted(schema.get("properties", {})))), where))
        return
    if err.validator in ("minItems", "type") and "x-message" in schema:
        name = path[-1] if path and isinstance(path[-1], str) else (key or "")
        problems.append(Problem.coded("clause-file", _(schema["x-message"]).format(key=name),
                                      where))
        return
    if err.validator == "enum":
        problems.append(Problem.coded("clause-file", _(
            "'{key}' must be one of: {values}").format(
            key=path[-1] if path else key, values=", ".join(map(str, err.validator_value))),
            where))
        return
    problems.append(Problem.coded("clause-file", _("'{key}': {message}").format(
        key=".".join(map(str, path)) or key, message=schema_message(err)), where))


def validate_clauses(data, part: str, problems: list[Problem], key: str | None = None) -> None:
    """Validate `data` (a BAB, an agreement's list of Pasal, a definitions file) against
    the clause schema; every problem with its file and line."""
    plain = _json_ready(data)
    known = cache.valid_name(_part_schema(part), plain)
    if cache.known_valid(known):
        return
    before = len(problems)
    errors = _validator(part).iter_errors(plain)
    for err in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        _clause_problem(err, data, key, problems)
    if len(problems) == before:
        cache.remember_valid(known)


def load_library(clauses_dir: Path, doc_type: str, shared: Path | None = None) -> Library:
    """The clause library clauses_dir/doc_type; the catalogue and the citations come from
    `shared` when given (a bureau's folder may hold only its own library)."""
    root = clauses_dir / doc_type
    shared = shared or clauses_dir
    doc_path = root / "document.yaml"
    if not doc_path.is_file():
        raise RancangError(_("no clause library for '{doc}': {file} is missing").format(
            doc=doc_type, file=display_path(doc_path)))
    document = _load(doc_path)
    if not isinstance(document, YamlMap):
        raise RancangError(_("document.yaml must be a mapping"), display_path(doc_path))
    problems: list[Problem] = []

    babs: dict[str, YamlMap] = {}
    order = document.get("batang_tubuh")
    flat = [k for k in FLAT_BODIES if k in document]
    if flat:
        # An agreement (Pasal with headings), a Keputusan (diktum), a letter: no BAB.
        if order is not None or len(flat) > 1:
            problems.append(Problem.coded("clause-file", _(
                "a document has one body: 'batang_tubuh' (BAB files), 'pasal', 'diktum' or "
                "'butir'"), document.where(flat[0])))
        validate_clauses(document[flat[0]], f"{flat[0]}_list", problems, flat[0])
        order = YamlList()
        order.source, order.lines = document.source, []
    elif not isinstance(order, YamlList):
        raise RancangError(_("'batang_tubuh' must list the BAB files in order"),
                           document.where("batang_tubuh"))
    for i, stem in enumerate(order):
        path = root / f"{stem}.yaml"
        where = Source(order.source.file, order.lines[i])
        if not path.is_file():
            problems.append(Problem.coded("clause-file", _(
                "BAB file '{file}' not found in {folder}").format(
                file=f"{stem}.yaml", folder=display_path(root)), where))
            continue
        data = _load(path)
        if not isinstance(data, YamlMap) or set(data) != {"bab"}:
            problems.append(Problem.coded("clause-file", _("a BAB file holds one key, 'bab'"),
                                          display_path(path)))
            continue
        validate_clauses(data["bab"], "bab", problems)
        babs[str(stem)] = data["bab"]

    definitions = None
    if document.get("ketentuan_umum"):
        path = root / str(document["ketentuan_umum"])
        if not path.is_file():
            problems.append(Problem.coded("clause-file", _(
                "definitions file '{file}' not found").format(file=document["ketentuan_umum"]),
                document.where("ketentuan_umum")))
        else:
            definitions = _load(path)
            validate_clauses(definitions, "definitions", problems)

    catalogue = _load(clauses_dir / "catalogue.yaml" if (clauses_dir / "catalogue.yaml").is_file()
                      else shared / "catalogue.yaml")
    citation_list = _load(clauses_dir / "citations.yaml"
                          if (clauses_dir / "citations.yaml").is_file()
                          else shared / "citations.yaml")
    citations: dict[str, YamlMap] = {}
    for entry in citation_list or []:
        if not isinstance(entry, YamlMap) or "id" not in entry:
            problems.append(Problem.coded("clause-file", _("each citation needs an 'id'"),
                                          citation_list.source))
            continue
        if entry["id"] in citations:
            problems.append(Problem.coded("clause-file", _(
                "citation id '{id}' appears twice").format(id=entry["id"]), entry.source))
        citations[entry["id"]] = entry
    if problems:
        raise InputError(problems, _("the clause library {folder} has errors").format(
            folder=display_path(root)))
    statutory_matrix(catalogue)
    return Library(root, doc_type, document, babs, definitions, catalogue, citations)
