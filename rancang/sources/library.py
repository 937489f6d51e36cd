"""The clause library: a document's skeleton (document.yaml), its BAB files, the
definitions of the Ketentuan Umum, the programme/segment catalogue and the citations.
Loading checks the shape of every unit, so a misspelt key is an error with its line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rancang.errors import InputError, Problem, RancangError
from rancang.i18n import _
from rancang.model.tree import Source
from rancang.sources.loader import YamlList, YamlMap, load_yaml
from rancang.sources.workspace import display_path

# What each kind of unit may contain in a clause file.
UNIT_KEYS = {
    "bab": {"id", "heading", "when", "bagian", "pasal"},
    "bagian": {"id", "heading", "when", "paragraf", "pasal"},
    "paragraf": {"id", "heading", "when", "pasal"},
    "pasal": {"id", "when", "text", "ayat", "rincian", "heading"},
    "ayat": {"id", "when", "text", "rincian", "foreach", "as"},
    "item": {"id", "when", "text", "rincian", "foreach", "as"},
    # a Keputusan's diktum (KESATU, KEDUA, ...) and a letter's numbered paragraphs
    "diktum": {"id", "when", "text", "rincian", "foreach", "as"},
    "butir": {"id", "when", "text", "rincian", "foreach", "as"},
}
# The body of a document that has no BAB files: an agreement's Pasal, a Keputusan's
# diktum, a letter's numbered paragraphs.
FLAT_BODIES = ("pasal", "diktum", "butir")
RINCIAN_KEYS = {"join", "items", "numbering"}
CHILD_KINDS = {"bab": ("bagian", "pasal"), "bagian": ("paragraf", "pasal"),
               "paragraf": ("pasal",)}


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


def check_unit(unit, kind: str, problems: list[Problem], where: Source) -> None:
    """Validate one unit and everything inside it."""
    if not isinstance(unit, YamlMap):
        problems.append(Problem.coded("clause-file", f"a {kind} must be a mapping with keys such as "
                                f"{', '.join(sorted(UNIT_KEYS[kind]))}", where))
        return
    for key in unit:
        if key not in UNIT_KEYS[kind]:
            problems.append(Problem.coded("clause-file", f"unknown key '{key}' in a {kind}; expected one of: "
                                    f"{', '.join(sorted(UNIT_KEYS[kind]))}", unit.where(key)))
    if kind in ("bab", "pasal") and not unit.get("id"):
        problems.append(Problem.coded("clause-file", f"a {kind} needs an 'id' (a stable name, e.g. kepesertaan.segmen)",
                                unit.source))
    if kind in ("bab", "bagian", "paragraf"):
        if not unit.get("heading"):
            problems.append(Problem.coded("clause-file", f"a {kind} needs a 'heading'", unit.source))
        present = [k for k in CHILD_KINDS[kind] if k in unit]
        if len(present) != 1:
            problems.append(Problem.coded("clause-file", 
                f"a {kind} holds either {' or '.join(CHILD_KINDS[kind])}, exactly one of them",
                unit.source))
        for child_kind in present:
            _check_list(unit, child_kind, problems)
    if kind == "pasal":
        if "ayat" in unit and ("text" in unit or "rincian" in unit):
            problems.append(Problem.coded("clause-file", "a pasal has either ayat or its own text (and rincian), "
                                    "not both", unit.source))
        if "ayat" not in unit and "text" not in unit:
            problems.append(Problem.coded("clause-file", "a pasal needs 'text' or 'ayat'", unit.source))
        if "ayat" in unit:
            _check_list(unit, "ayat", problems)
    if kind in ("ayat", "item", "diktum", "butir") and "text" not in unit:
        problems.append(Problem.coded("clause-file", f"an {kind} needs 'text'",
                                unit.source))
    if "as" in unit and "foreach" not in unit:
        problems.append(Problem.coded("clause-file", "'as' goes with 'foreach'", unit.where("as")))
    if "rincian" in unit:
        block = unit["rincian"]
        if not isinstance(block, YamlMap) or "items" not in block:
            problems.append(Problem.coded("clause-file", "'rincian' must be a mapping with 'items' (and 'join': dan, "
                                    "atau or dan/atau)", unit.where("rincian")))
            return
        for key in block:
            if key not in RINCIAN_KEYS:
                problems.append(Problem.coded("clause-file", f"unknown key '{key}' in rincian; expected join or items",
                                        block.where(key)))
        if block.get("join", "dan") not in ("dan", "atau", "dan/atau"):
            problems.append(Problem.coded("clause-file", "'join' must be dan, atau or dan/atau", block.where("join")))
        _check_list(block, "items", problems, kind="item")


def _check_list(parent: YamlMap, key: str, problems: list[Problem], kind: str | None = None):
    items = parent[key]
    if not isinstance(items, YamlList) or not items:
        problems.append(Problem.coded("clause-file", f"'{key}' must be a non-empty list", parent.where(key)))
        return
    for i, item in enumerate(items):
        check_unit(item, kind or key, problems, Source(items.source.file, items.lines[i]))


def load_library(clauses_dir: Path, doc_type: str, shared: Path | None = None) -> Library:
    """The clause library clauses_dir/doc_type; the catalogue and the citations come from
    `shared` when given (a bureau's folder may hold only its own library)."""
    root = clauses_dir / doc_type
    shared = shared or clauses_dir
    doc_path = root / "document.yaml"
    if not doc_path.is_file():
        raise RancangError(f"no clause library for '{doc_type}': {display_path(doc_path)} "
                           "is missing")
    document = _load(doc_path)
    if not isinstance(document, YamlMap):
        raise RancangError("document.yaml must be a mapping", display_path(doc_path))
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
        _check_list(document, flat[0], problems)
        order = YamlList()
        order.source, order.lines = document.source, []
    elif not isinstance(order, YamlList):
        raise RancangError("'batang_tubuh' must list the BAB files in order",
                           document.where("batang_tubuh"))
    for i, stem in enumerate(order):
        path = root / f"{stem}.yaml"
        where = Source(order.source.file, order.lines[i])
        if not path.is_file():
            problems.append(Problem.coded("clause-file", f"BAB file '{stem}.yaml' not found in "
                                    f"{display_path(root)}", where))
            continue
        data = _load(path)
        if not isinstance(data, YamlMap) or set(data) != {"bab"}:
            problems.append(Problem.coded("clause-file", "a BAB file holds one key, 'bab'", display_path(path)))
            continue
        check_unit(data["bab"], "bab", problems, data.where("bab"))
        babs[str(stem)] = data["bab"]

    definitions = None
    if document.get("ketentuan_umum"):
        path = root / str(document["ketentuan_umum"])
        if not path.is_file():
            problems.append(Problem.coded("clause-file", f"definitions file '{document['ketentuan_umum']}' not found",
                                    document.where("ketentuan_umum")))
        else:
            definitions = _load(path)
            _check_definitions(definitions, problems)

    catalogue = _load(clauses_dir / "catalogue.yaml" if (clauses_dir / "catalogue.yaml").is_file()
                      else shared / "catalogue.yaml")
    citation_list = _load(clauses_dir / "citations.yaml"
                          if (clauses_dir / "citations.yaml").is_file()
                          else shared / "citations.yaml")
    citations: dict[str, YamlMap] = {}
    for entry in citation_list or []:
        if not isinstance(entry, YamlMap) or "id" not in entry:
            problems.append(Problem.coded("clause-file", "each citation needs an 'id'", citation_list.source))
            continue
        if entry["id"] in citations:
            problems.append(Problem.coded("clause-file", f"citation id '{entry['id']}' appears twice", entry.source))
        citations[entry["id"]] = entry
    if problems:
        raise InputError(problems, f"the clause library {display_path(root)} has errors")
    statutory_matrix(catalogue)
    return Library(root, doc_type, document, babs, definitions, catalogue, citations)


def _check_definitions(defs, problems: list[Problem]) -> None:
    if isinstance(defs, YamlMap):
        for key in defs:
            if key not in ("heading", "lead", "terms", "proper_names"):
                problems.append(Problem.coded("clause-file", f"unknown key '{key}' in the "
                                              "definitions file; expected heading, lead, terms "
                                              "or proper_names", defs.where(key)))
    if not isinstance(defs, YamlMap) or not isinstance(defs.get("terms"), YamlList):
        problems.append(Problem.coded("clause-file", "a definitions file needs 'lead' and a list 'terms'",
                                getattr(defs, "source", None)))
        return
    allowed = {"id", "term", "text", "also", "group", "follows", "when", "lowercase_ok"}
    for i, term in enumerate(defs["terms"]):
        where = Source(defs["terms"].source.file, defs["terms"].lines[i])
        if not isinstance(term, YamlMap) or not {"id", "term", "text"} <= set(term):
            problems.append(Problem.coded("clause-file", "each definition needs id, term and text", where))
            continue
        for key in term:
            if key not in allowed:
                problems.append(Problem.coded("clause-file", f"unknown key '{key}' in a definition; expected one of: "
                                        f"{', '.join(sorted(allowed))}", term.where(key)))


def clause_schema() -> dict:
    """JSON Schema of a BAB file (and of the units inside an agreement's document.yaml),
    for editors that validate and complete YAML."""
    text = {"type": "string", "description": "Jinja text: ref(), angka(), rupiah(), ..."}
    when = {"type": ["string", "boolean"], "description": "a condition on the regency's choices"}

    def unit(keys, extra=None):
        props = {"id": {"type": "string"}, "when": when, "text": text,
                 "heading": {"type": "string"}, "foreach": {"type": "string"},
                 "as": {"type": "string"},
                 "rincian": {"$ref": "#/$defs/rincian"}}
        props = {k: v for k, v in props.items() if k in keys}
        props.update(extra or {})
        return {"type": "object", "additionalProperties": False, "properties": props}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rancang clause file (one BAB)",
        "type": "object", "additionalProperties": False, "required": ["bab"],
        "properties": {"bab": {"$ref": "#/$defs/bab"}},
        "$defs": {
            "bab": unit(UNIT_KEYS["bab"], {
                "bagian": {"type": "array", "items": {"$ref": "#/$defs/bagian"}},
                "pasal": {"type": "array", "items": {"$ref": "#/$defs/pasal"}}}),
            "bagian": unit(UNIT_KEYS["bagian"], {
                "paragraf": {"type": "array", "items": {"$ref": "#/$defs/paragraf"}},
                "pasal": {"type": "array", "items": {"$ref": "#/$defs/pasal"}}}),
            "paragraf": unit(UNIT_KEYS["paragraf"], {
                "pasal": {"type": "array", "items": {"$ref": "#/$defs/pasal"}}}),
            "pasal": unit(UNIT_KEYS["pasal"], {
                "ayat": {"type": "array", "items": {"$ref": "#/$defs/ayat"}}}),
            "ayat": unit(UNIT_KEYS["ayat"]),
            "item": unit(UNIT_KEYS["item"]),
            "rincian": {"type": "object", "additionalProperties": False, "required": ["items"],
                        "properties": {
                            "join": {"enum": ["dan", "atau", "dan/atau"]},
                            "numbering": {"enum": ["huruf", "angka"],
                                          "description": "angka: 1., 2. as definitions are"},
                            "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}}},
        },
    }
