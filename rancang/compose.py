"""Clause library + regency file -> document tree.

Selects clauses by their conditions, renders their text in the sandbox, builds the
Ketentuan Umum from the terms the body actually uses, orders the Mengingat, then hands
the tree to numbering and reference wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import bahasa
from .errors import BuildError, Problem
from .finance import Financing, Opd, known_int
from .library import Library
from .loader import YamlList, YamlMap
from .model import Document, Inline, Node, Placeholder, Ref, Source
from .numbering import number_document
from .references import word_references
from .regency import PLACEHOLDER, Regency
from .sandbox import TextRenderer

FOCUS_KEYS = ("kelembagaan", "perluasan_kepesertaan", "pembiayaan_inklusif", "literasi")


@dataclass
class Build:
    """The result of composing one document: the tree and what was noticed on the way."""
    document: Document
    warnings: list[Problem] = field(default_factory=list)


class Composer:
    def __init__(self, lib: Library, regency: Regency, financing: Financing | None = None,
                 opd: Opd | None = None):
        self.lib = lib
        self.regency = regency
        self.financing = financing
        self.opd = opd
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.excluded: dict[str, Source] = {}   # ids left out by a condition
        self.ids: dict[str, Source | None] = {}
        self.aliases: dict[str, str] = {}     # id of a flattened single ayat -> its Pasal
        self.renderer = TextRenderer({})
        self.renderer.context.update(self._context())

    # -- context for clause text ----------------------------------------------------
    def _wrap(self, value, path: str, where: Source | None):
        """The regency data as clause text sees it: '...' becomes a placeholder marker."""
        if isinstance(value, YamlMap):
            return {k: self._wrap(v, f"{path}.{k}" if path else str(k), value.where(k))
                    for k, v in value.items()}
        if isinstance(value, YamlList):
            return [self._wrap(v, f"{path}[{i}]", Source(value.source.file, value.lines[i]))
                    for i, v in enumerate(value)]
        if value == PLACEHOLDER:
            return self.renderer.placeholder(path, where)
        return value

    def _context(self) -> dict:
        data = self.regency.data
        catalogue = self.lib.catalogue
        known_programmes = catalogue["programmes"]
        known_segments = catalogue["segments"]
        for key in data["programmes"]:
            if key not in known_programmes:
                self.problems.append(Problem.coded("unknown-programme", 
                    f"unknown programme '{key}'; known: {', '.join(known_programmes)}",
                    data.where("programmes")))
        for key in data["segments"]:
            if key not in known_segments:
                self.problems.append(Problem.coded("unknown-segment", 
                    f"unknown segment '{key}'; known: {', '.join(known_segments)}",
                    data.where("segments")))
        selected = [k for k in known_programmes if k in data["programmes"]]
        programmes = [{"key": k, **known_programmes[k]} for k in selected]
        segments = []
        for key in (k for k in known_segments if k in data["segments"]):
            seg = known_segments[key]
            eligible = [p for p in seg["programmes"] if p in selected]
            if not eligible:
                self.problems.append(Problem.coded("segment-no-programme", 
                    f"segment '{key}' takes part in none of the chosen programmes "
                    f"(open to it: {', '.join(seg['programmes'])})", data.where("segments")))
            segments.append({"key": key, "label": seg["label"], "sector": seg.get("sector"),
                             "phrase": seg.get("phrase") or seg["label"].lower(),
                             "programmes": eligible,
                             "abbrs": [known_programmes[p]["abbr"] for p in eligible]})
        wrapped = self._wrap(data, "", data.source)
        focus = {k: False for k in FOCUS_KEYS}
        focus.update(wrapped.get("focus") or {})
        financing = {"apbd": False}
        financing.update(wrapped.get("financing") or {})
        wrapped["focus"], wrapped["financing"] = focus, financing
        context = {
            "regency": wrapped,
            "kabupaten": f"Kabupaten {data['name']}",
            "programmes": programmes,
            "segments": segments,
            "segment_keys": [s["key"] for s in segments],
            "programme_keys": selected,
            "judul": str(self.lib.document.get("judul", "")),
            "initiative": data.get("initiative") or "",
        }
        if self.financing is not None:
            context["biaya"] = self._financing_view(self.financing)
        if self.opd is not None:
            context["opd"] = self._opd_view(self.opd)
        return context

    # -- computed figures as clause text sees them: unknown ones are placeholders ----
    def _value(self, value, what: str):
        return value if value is not None else self.renderer.placeholder(what, None)

    def _financing_view(self, fin: Financing) -> dict:
        stated = known_int((self.regency.data.get("financing") or {}).get("stated_total"))
        # The published count comes first, as the published budget does; where the groups
        # add up to another figure, the calculator's warning says so.
        rentan = known_int((self.regency.data.get("participants") or {}).get("rentan_total"))
        workers = fin.workers if rentan is None else rentan
        monthly = {g.monthly for g in fin.groups if g.monthly is not None}
        total = stated if stated is not None else fin.amount
        return {
            "workers": self._value(workers, "the number of workers (participants.rentan_total "
                                            "or the counts of opds[].groups)"),
            "months": self._value(fin.months, "financing.months"),
            "monthly": self._value(monthly.pop() if len(monthly) == 1 else None,
                                   "the contribution a worker a month (clauses/rates.yaml)"),
            "total": self._value(total, "the budget (financing.stated_total or the counts of "
                                        "opds[].groups)"),
            "start": self._value(fin.start, "financing.year"),
            "year": self._value(fin.start.year if fin.start else None, "financing.year"),
            "has_groups": bool(fin.groups),
        }

    def _opd_view(self, opd: Opd) -> dict:
        where = f"the counts of the groups of {opd.name}"
        groups = [{"name": self._value(g.name if g.name != PLACEHOLDER else None, "group name"),
                   "count": self._value(g.workers, f"the count of group '{g.name}' of {opd.name}"),
                   "months": self._value(g.months, "financing.months"),
                   "monthly": self._value(g.monthly, "the contribution a worker a month"),
                   "amount": self._value(g.amount, where),
                   "abbrs": [self.lib.catalogue["programmes"][p]["abbr"] for p in g.programmes
                             if p in self.lib.catalogue["programmes"]]}
                  for g in opd.groups]
        head = opd.spec.get("head")
        index = self._opd_index(opd)
        return {
            "name": opd.name, "slug": opd.slug,
            "head": self.renderer.placeholder(f"opds[{index}].head", opd.spec.where("head"))
            if head in (None, PLACEHOLDER) else str(head),
            "workers": self._value(opd.workers, where),
            "amount": self._value(opd.amount, where),
            "monthly_total": self._value(opd.monthly_total, where),
            "groups": groups,
            "number": self._pks_field(opd, "number"),
            "bpjs_number": self._pks_field(opd, "bpjs_number"),
            "date": self._pks_field(opd, "date"),
        }

    def _opd_index(self, opd: Opd) -> int:
        opds = self.regency.data.get("opds") or []
        return next((i for i, spec in enumerate(opds) if spec is opd.spec), 0)

    def _pks_field(self, opd: Opd, key: str):
        spec = opd.spec.get("pks") or {}
        value = spec.get(key) if isinstance(spec, dict) else None
        if value in (None, PLACEHOLDER) and key == "date":
            value = (self.regency.data.get("pks") or {}).get("date")
        if value in (None, PLACEHOLDER):
            where = spec.where(key) if isinstance(spec, YamlMap) and key in spec else \
                opd.spec.source
            return self.renderer.placeholder(f"opds[{self._opd_index(opd)}].pks.{key}", where)
        return value

    # -- small helpers --------------------------------------------------------------
    def text(self, src, where: Source, extra=None) -> list[Inline]:
        pieces = self.renderer.render(src, where, extra)
        return pieces if pieces is not None else []

    def line(self, spec: YamlMap, key: str, extra=None) -> list[Inline]:
        return self.text(spec.get(key, ""), spec.where(key), extra)

    def _register(self, node_id: str, where: Source | None) -> None:
        if node_id in self.ids:
            self.problems.append(Problem.coded("id-duplicate", f"id '{node_id}' is used twice (also at "
                                         f"{self.ids[node_id]})", where))
        self.ids[node_id] = where

    def _exclude(self, spec, where: Source) -> None:
        if isinstance(spec, YamlMap):
            if spec.get("id") and "{" not in str(spec["id"]):
                self.excluded[str(spec["id"])] = where
            for value in spec.values():
                self._exclude(value, where)
        elif isinstance(spec, YamlList):
            for value in spec:
                self._exclude(value, where)

    # -- units ------------------------------------------------------------------------
    def unit(self, spec: YamlMap, kind: str, default_id: str, extra: dict | None) -> list[Node]:
        extra = dict(extra or {})
        if "when" in spec:
            keep = self.renderer.evaluate(spec["when"], spec.where("when"), extra)
            if not keep:
                self._exclude(spec, spec.where("when"))
                return []
        if "foreach" in spec:
            values = self.renderer.evaluate(spec["foreach"], spec.where("foreach"), extra,
                                            what="foreach expression")
            if values is None:
                return []
            name = str(spec.get("as", "item"))
            nodes = []
            for i, value in enumerate(values, 1):
                nodes += self._one(spec, kind, f"{default_id}.{i}", {**extra, name: value})
            return nodes
        return self._one(spec, kind, default_id, extra)

    def _one(self, spec: YamlMap, kind: str, default_id: str, extra: dict) -> list[Node]:
        node_kind = "rincian" if kind == "item" else kind
        node_id = default_id
        if spec.get("id"):
            rendered = self.text(spec["id"], spec.where("id"), extra)
            node_id = "".join(str(p) for p in rendered).strip() or default_id
        self._register(node_id, spec.source)
        node = Node(kind=node_kind, id=node_id, source=spec.source)
        if "heading" in spec:
            node.heading = "".join(str(p) for p in self.line(spec, "heading", extra))
        if "text" in spec:
            node.content = self.line(spec, "text", extra)
        for child_kind in ("bagian", "paragraf", "pasal", "ayat"):
            if child_kind in spec:
                node.children = self.units(spec[child_kind], child_kind, node_id, extra)
        if "rincian" in spec:
            block = spec["rincian"]
            node.conj = str(block.get("join", "dan"))
            node.children = self.units(block["items"], "item", node_id, extra)
            if block.get("numbering") == "angka":      # numbered as definitions are
                for child in node.children:
                    child.style = "definisi"
            if not node.children:
                self.problems.append(Problem.coded("list-empty", "every item of this list is left out by its "
                                             "condition; the lead-in would dangle",
                                             spec.where("rincian")))
            elif len(node.children) == 1:
                self.warnings.append(Problem.coded("list-single", "a list with a single item; consider writing it "
                                             "as one sentence", spec.where("rincian")))
        ayats = [c for c in node.children if c.kind == "ayat"]
        if kind == "pasal" and len(ayats) == 1 and len(node.children) == 1:
            # a Pasal of one ayat is not numbered "(1)": it is the Pasal's own text
            only = ayats[0]
            node.content, node.children, node.conj = only.content, only.children, only.conj
            self.aliases[only.id] = node.id
        if kind in ("bab", "bagian", "paragraf") and not node.children:
            self.warnings.append(Problem.coded("unit-left-out", f"{kind} '{node_id}' is left out: every Pasal in it "
                                         "is left out by its condition", spec.source))
            return []
        return [node]

    def units(self, specs: YamlList, kind: str, parent_id: str, extra) -> list[Node]:
        nodes: list[Node] = []
        for i, spec in enumerate(specs, 1):
            nodes += self.unit(spec, kind, f"{parent_id}.{i}", extra)
        return nodes

    # -- the parts of a Perbup ----------------------------------------------------------
    def menimbang(self) -> Node:
        doc = self.lib.document
        block = Node(kind="konsiderans", id="menimbang")
        items = doc.get("menimbang") or YamlList()
        for i, spec in enumerate(items, 1):
            for node in self.unit(spec, "item", f"menimbang.{i}", None):
                node.kind = "menimbang"
                block.children.append(node)
        if not block.children:
            self.problems.append(Problem.coded("menimbang-missing", "a Perbup needs at least one Menimbang item",
                                         doc.where("menimbang")))
            return block
        if doc.get("menimbang_penutup", True) is False:
            return block       # the items are complete as written (an imported text)
        title = f"{doc.get('jenis', 'Peraturan Bupati')} tentang {doc.get('judul')}"
        closing = bahasa.menimbang_closing(len(block.children), title,
                                           str(doc.get("menimbang_verb", "menetapkan")))
        block.children.append(Node(kind="menimbang", id="menimbang.penutup", content=[closing],
                                   attrs={"generated": True}))
        return block

    def mengingat(self) -> Node:
        doc = self.lib.document
        block = Node(kind="dasar_hukum", id="mengingat")
        chosen = []
        literal: list[Node] = []
        entries = doc.get("mengingat") or YamlList()
        for i, entry in enumerate(entries):
            where = Source(entries.source.file, entries.lines[i])
            if isinstance(entry, YamlMap):
                if "when" in entry and not self.renderer.evaluate(entry["when"], entry.where("when")):
                    continue
                if "text" in entry:
                    # a citation written out (an imported regulation's), kept in its place
                    text = "".join(str(p) for p in self.line(entry, "text")).rstrip(" ;")
                    literal.append(Node(kind="mengingat", id=f"mengingat.teks.{i}",
                                        content=[text + ";"], source=where,
                                        attrs={"confirmed": True, "citation": None}))
                    continue
                cid = entry.get("id")
            else:
                cid = entry
            if cid not in self.lib.citations:
                self.problems.append(Problem.coded("citation-unknown", f"citation '{cid}' is not in clauses/citations.yaml",
                                             where))
                continue
            citation = self.lib.citations[cid]
            if citation.get("level") is None:
                self.problems.append(Problem.coded("citation-not-law", 
                    f"'{cid}' ({citation.get('type')}) is not a peraturan perundang-undangan "
                    "and cannot stand in Mengingat (L-II 41); cite it in Menimbang", where))
                continue
            chosen.append(citation)
        chosen.sort(key=citation_order)
        block.children.extend(literal)
        for citation in chosen:
            text, confirmed = cite(citation)
            block.children.append(Node(kind="mengingat", id=f"mengingat.{citation['id']}",
                                       content=[text + ";"], source=citation.source,
                                       attrs={"confirmed": confirmed,
                                              "citation": citation["id"]}))
        return block

    def ketentuan_umum(self, body: list[Node]) -> Node | None:
        defs = self.lib.definitions
        if defs is None:
            return None
        entries = []
        for i, spec in enumerate(defs["terms"]):
            if "when" in spec and not self.renderer.evaluate(spec["when"], spec.where("when")):
                continue
            forms = [str(spec["term"])] + [str(f) for f in spec.get("also") or []]
            entries.append({"spec": spec, "forms": forms, "index": i,
                            "content": self.line(spec, "text")})
        chosen = select_definitions(entries, body)
        pasal = Node(kind="pasal", id="ketentuan_umum.definisi",
                     content=self.line(defs, "lead"))
        for entry in chosen:
            spec = entry["spec"]
            node_id = f"definisi.{spec['id']}"
            self._register(node_id, spec.source)
            pasal.children.append(Node(kind="rincian", id=node_id, content=entry["content"],
                                       style="definisi", source=spec.source,
                                       attrs={"term": str(spec["term"]),
                                              "forms": entry["forms"]}))
        return Node(kind="bab", id="ketentuan_umum", heading=str(defs.get("heading",
                                                                         "Ketentuan Umum")),
                    children=[pasal])

    def body(self) -> list[Node]:
        if "pasal" in self.lib.document:
            return self.units(self.lib.document["pasal"], "pasal", "pasal", None)
        body: list[Node] = []
        for stem, bab in self.lib.babs.items():
            body += self.unit(bab, "bab", str(bab.get("id") or stem), None)
        return body

    def finish(self, document: Document) -> Build:
        document.link_parents()
        self.problems += number_document(document)
        self.problems += self.renderer.problems
        if self.aliases:
            for node in document.walk():
                for piece in node.content:
                    if isinstance(piece, Ref):
                        piece.targets = tuple(self.aliases.get(t, t) for t in piece.targets)
        self.problems += word_references(document, self.excluded, self.warnings)
        return Build(document, self.warnings)

    def lampiran_table(self) -> Node | None:
        """The financing breakdown (Lampiran): one row per participant group."""
        fin = self.financing
        groups = (self.opd.groups if self.opd is not None else fin.groups) if fin else []
        if not groups:
            return None
        def cell(value, money=False):
            if value is None:
                return [Placeholder("a figure of the Lampiran (it needs the counts in "
                                    "opds[].groups and financing.months)", None)]
            return [("Rp" if money else "") + bahasa.format_angka(value)]
        rows = []
        for i, g in enumerate(groups, 1):
            row = [[str(i)]]
            if self.opd is None:
                row.append([g.opd_name])
            row += [[g.name] if g.name != PLACEHOLDER else [Placeholder("group name", g.source)],
                    cell(g.workers), cell(g.monthly, True), cell(g.months), cell(g.amount, True)]
            rows.append(row)
        workers = sum(g.workers for g in groups) if all(g.workers is not None for g in groups) else None
        amount = sum(g.amount for g in groups) if all(g.amount is not None for g in groups) else None
        span = 3 if self.opd is None else 2
        total = [["JUMLAH"]] + [[""]] * (span - 1) + [cell(workers), [""], [""], cell(amount, True)]
        header = ["No.", *(["Perangkat Daerah"] if self.opd is None else []), "Kelompok Pekerja",
                  "Jumlah Pekerja (orang)", "Iuran per Orang per Bulan", "Jumlah Bulan",
                  "Jumlah Biaya"]
        spec = self.lib.document.get("lampiran")
        return Node(kind="lampiran", id="lampiran",
                    attrs={"header": header, "rows": rows, "total": total,
                           "judul": self.line(spec, "judul") if spec else []})

    def compose(self) -> Build:
        if "pihak" in self.lib.document:      # an agreement: MoU or PKS
            return self.compose_agreement()
        return self.compose_perbup()

    def compose_perbup(self) -> Build:
        doc = self.lib.document
        document = Document(kind="document", id=self.lib.doc_type, doc_type=self.lib.doc_type)
        judul = Node(kind="judul", id="judul", content=self.line(doc, "judul"))
        konsiderans = self.menimbang()
        dasar = self.mengingat()
        body = self.body()
        ku = self.ketentuan_umum(body)
        if ku is not None:
            body.insert(0, ku)
        penutup = Node(kind="penutup", id="penutup")
        spec = doc.get("penutup") or YamlMap()
        if spec:
            penutup.content = self.line(spec, "pengundangan")
            for block in ("ditetapkan", "diundangkan"):
                if block in spec:
                    penutup.attrs[block] = {k: self.line(spec[block], k) for k in spec[block]}
            penutup.attrs["berita_daerah"] = self.line(spec, "berita_daerah")
        lampiran = self.lampiran_table() if "lampiran" in doc and \
            self.renderer.context["regency"]["financing"]["apbd"] else None
        document.children = [judul, konsiderans, dasar, *body, penutup,
                             *([lampiran] if lampiran else [])]
        document.meta = {
            "kop": [self.text(line, doc.where("kop")) for line in doc.get("kop") or []],
            "jenis": str(doc.get("jenis", "Peraturan Bupati")),
            "nomor": self.line(doc, "nomor"),
            "jabatan": self.line(doc, "jabatan"),
            "pembukaan": str(doc.get("pembukaan", "Dengan Rahmat Tuhan Yang Maha Esa")),
            "nama_daerah": self.line(doc, "nama_daerah"),
        }
        return self.finish(document)

    def compose_agreement(self) -> Build:
        """An MoU (kesepakatan bersama) or a PKS: title with both parties and their
        numbers, the opening formula, the komparisi, Pasal with headings, signatures."""
        doc = self.lib.document
        document = Document(kind="document", id=self.lib.doc_type, doc_type=self.lib.doc_type)
        judul = Node(kind="judul", id="judul", content=self.line(doc, "judul"))
        parties = []
        for i, spec in enumerate(doc.get("pihak") or []):
            parties.append({k: self.line(spec, k) for k in spec})
        pembuka = Node(kind="pembuka", id="pembuka")
        for i, text in enumerate(doc.get("pembuka") or [], 1):
            where = Source(doc["pembuka"].source.file, doc["pembuka"].lines[i - 1])
            pembuka.children.append(Node(kind="pembuka", id=f"pembuka.{i}",
                                         content=self.text(text, where)))
        komparisi = Node(kind="komparisi", id="komparisi")
        for i, party in enumerate(parties, 1):
            komparisi.children.append(Node(
                kind="pihak", id=f"pihak.{i}", num=f"{i}.",
                content=[*party.get("nama", []), ", ", *party.get("jabatan", []),
                         ", dalam hal ini bertindak ", *party.get("bertindak", []),
                         ", selanjutnya disebut ", *party.get("sebutan", []),
                         ";" if i < len(parties) else "."]))
        considerations = Node(kind="pembuka", id="pertimbangan",
                              content=self.line(doc, "pertimbangan_pengantar")
                              if "pertimbangan_pengantar" in doc else [])
        for i, spec in enumerate(doc.get("pertimbangan") or [], 1):
            for node in self.unit(spec, "item", f"pertimbangan.{i}", None):
                node.kind = "menimbang"
                considerations.children.append(node)
        sepakat = Node(kind="pembuka", id="sepakat", content=self.line(doc, "sepakat"))
        body = self.body()
        lampiran = self.lampiran_table() if doc.get("lampiran") else None
        document.children = [judul, pembuka, komparisi, considerations, sepakat, *body,
                             *([lampiran] if lampiran else [])]
        document.meta = {
            "jenis": str(doc.get("jenis", "")),
            "pihak": parties,
        }
        return self.finish(document)


def citation_order(citation) -> tuple:
    """Hierarchy first (L-II 43), then date of enactment; number orders one year."""
    return (citation["level"], str(citation.get("enacted") or citation.get("year") or ""),
            int(citation.get("number") or 0))


def _ln(entry) -> str:
    ln = entry.get("ln") or {}
    year = ln.get("year") or "..."
    number = ln.get("number") or "..."
    text = f"Lembaran Negara Republik Indonesia Tahun {year} Nomor {number}"
    if entry.get("type") in ("Undang-Undang", "Peraturan Pemerintah",
                             "Peraturan Pemerintah Pengganti Undang-Undang"):
        text += f", Tambahan Lembaran Negara Republik Indonesia Nomor {entry.get('tln') or '...'}"
    return f"({text})"


def _title(entry) -> str:
    return f"{entry['type']} Nomor {entry['number']} Tahun {entry['year']} tentang {entry['title']}"


def cite(entry) -> tuple[str, bool]:
    """A Mengingat item (L-II 44-47): title, LN and TLN, and the last amendment."""
    if entry.get("cite"):
        return str(entry["cite"]), bool(entry.get("confirmed"))
    confirmed = bool(entry.get("confirmed"))
    text = f"{_title(entry)} {_ln(entry)}"
    amended = entry.get("amended")
    if amended:
        last = amended["last"]
        phrase = ("sebagaimana telah beberapa kali diubah terakhir dengan"
                  if amended.get("times") == "many" else "sebagaimana telah diubah dengan")
        text += f" {phrase} {_title(last)} {_ln(last)}"
        confirmed = confirmed and bool(last.get("confirmed", True))
    return text, confirmed


def _term_pattern(forms: list[str]) -> re.Pattern:
    alternatives = sorted(set(forms), key=len, reverse=True)
    return re.compile(r"(?<![\w/])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])")


def select_definitions(entries: list[dict], body: list[Node]) -> list[dict]:
    """The definitions the document uses, in the order of L-II 109: the general ones
    (group: umum) first, then by first use in the body, a term placed after the one it
    `follows`; a term used only inside another definition comes just before it."""
    form_owner = {}
    for entry in entries:
        for form in entry["forms"]:
            form_owner[form] = entry["index"]
    if not form_owner:
        return []
    pattern = _term_pattern(list(form_owner))
    body_text = "\n".join(node.text for part in body for node in part.walk()
                          if node.content)
    first: dict[int, float] = {}
    for m in pattern.finditer(body_text):
        first.setdefault(form_owner[m.group(1)], float(m.start()))
    by_index = {e["index"]: e for e in entries}
    queue = list(first)
    while queue:   # terms used inside the definitions of terms already in
        idx = queue.pop()
        text = "".join(str(p) for p in by_index[idx]["content"])
        for m in pattern.finditer(text):
            other = form_owner[m.group(1)]
            if other not in first:
                first[other] = first[idx] - 0.5
                queue.append(other)
    used = [by_index[i] for i in first]
    general = sorted((e for e in used if e["spec"].get("group") == "umum"),
                     key=lambda e: e["index"])
    rest = sorted((e for e in used if e["spec"].get("group") != "umum"),
                  key=lambda e: (first[e["index"]], e["index"]))
    ordered = general + rest
    by_id = {str(e["spec"]["id"]): e for e in ordered}
    followers: dict[str, list[dict]] = {}
    roots = []
    for entry in ordered:
        anchor = str(entry["spec"].get("follows") or "")
        if anchor in by_id and by_id[anchor] is not entry:
            followers.setdefault(anchor, []).append(entry)
        else:
            roots.append(entry)
    result: list[dict] = []

    def emit(entry):
        result.append(entry)
        for follower in followers.get(str(entry["spec"]["id"]), []):
            emit(follower)

    for entry in roots:
        emit(entry)
    # a cycle of `follows` has no root: keep those terms in first-use order
    result += [e for e in ordered if e not in result]
    return result


def compose(lib: Library, regency: Regency, final: bool = False,
            financing: Financing | None = None, opd: Opd | None = None) -> Build:
    composer = Composer(lib, regency, financing, opd)
    build = composer.compose()
    problems = list(composer.problems)
    if final:
        seen = set()
        ordered = sorted(build.document.placeholders(),
                         key=lambda p: (str(p.source.file) if p.source else "",
                                        p.source.line or 0 if p.source else 0))
        for ph in ordered:
            if ph.path not in seen:
                seen.add(ph.path)
                problems.append(Problem.coded("placeholder-open", f"'{ph.path}' is still a placeholder (...)", ph.source))
    if problems:
        headline = ("the final version cannot be built while parameters are open"
                    if final and all("placeholder" in p.message for p in problems)
                    else "the document cannot be built")
        raise BuildError(problems, headline)
    return build
