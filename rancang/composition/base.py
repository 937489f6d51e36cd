"""The composer every document kind shares: the regency data as clause text sees it,
the computed figures, clause units selected by their conditions and rendered in the
sandbox, then numbering and reference wording on the finished tree.

One module per document kind builds on it: `perbup.py`, `agreement.py` (MoU, PKS);
`compose.py` picks the kind."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rancang.composition.finance import Financing, Opd
from rancang.composition.sandbox import Given, TextRenderer
from rancang.errors import Problem
from rancang.model import bahasa
from rancang.model.numbering import number_document
from rancang.model.references import word_references
from rancang.i18n import _
from rancang.model.tree import Document, Inline, Node, Placeholder, Ref, Source, Unconfirmed
from rancang.sources.library import Cell, Library, statutory_matrix
from rancang.sources.loader import YamlList, YamlMap
from rancang.sources.regency import PLACEHOLDER, Regency

FOCUS_KEYS = ("kelembagaan", "perluasan_kepesertaan", "pembiayaan_inklusif", "literasi")


def _cover_end(start: dt.date | None, months: int | None) -> dt.date | None:
    """The last day of the last month paid: 1 January and 12 months -> 31 December."""
    if start is None or months is None:
        return None
    month = start.month - 1 + months          # the month after the last one, 0-based
    first_after = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return first_after - dt.timedelta(days=1)


@dataclass
class Build:
    """The result of composing one document: the tree and what was noticed on the way."""
    document: Document
    warnings: list[Problem] = field(default_factory=list)


class Composer:
    def __init__(self, lib: Library, regency: Regency, financing: Financing | None = None,
                 opd: Opd | None = None, related: dict | None = None):
        self.lib = lib
        self.regency = regency
        self.financing = financing
        self.opd = opd
        # what other documents of the package give this one: the participant list
        # ('participants'), the labels of the Perbup's units ('perbup_labels')
        self.related = related or {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.excluded: dict[str, Source] = {}   # ids left out by a condition
        self.ids: dict[str, Source | None] = {}
        self.aliases: dict[str, str] = {}     # id of a flattened single ayat -> its Pasal
        self.renderer = TextRenderer({})
        self.renderer.context.update(self._context())

    # -- context for clause text ----------------------------------------------------
    def _wrap(self, value, path: str, where: Source | None):
        """The regency data as clause text sees it: '...' becomes a placeholder marker, a
        value marked unconfirmed an Unconfirmed marker (its value shown highlighted)."""
        if isinstance(value, YamlMap):
            return {k: self._wrap(v, f"{path}.{k}" if path else str(k), value.where(k))
                    for k, v in value.items()}
        if isinstance(value, YamlList):
            return [self._wrap(v, f"{path}[{i}]", Source(value.source.file, value.lines[i]))
                    for i, v in enumerate(value)]
        if value == PLACEHOLDER:
            return self.renderer.placeholder(path, where)
        fact = self.regency.unconfirmed(path) if self.regency.facts else None
        if fact is not None and isinstance(value, (str, int)) and not isinstance(value, bool):
            return self.unconfirmed(fact.path, fact.where, str(value), fact.note)
        return value

    def unconfirmed(self, path: str, where: Source | None, value: str, note: str = "") -> str:
        return self.renderer.marker(Unconfirmed(path, where, value, note))

    def _cell_abbr(self, segment: str, programme: str, cell: Cell) -> str:
        abbr = self.lib.catalogue["programmes"][programme]["abbr"]
        if cell.confirmed:
            return abbr
        return self.unconfirmed(f"clauses/catalogue.yaml: {segment} x {programme}", cell.where,
                                abbr, cell.basis)

    def _segment_view(self, key: str, matrix) -> dict:
        seg = self.lib.catalogue["segments"][key]
        cells = matrix[key]
        view = {"key": key, "label": seg["label"], "sector": seg.get("sector"),
                "phrase": seg.get("phrase") or seg["label"].lower(),
                "class": seg.get("class"), "target_group": bool(seg.get("target_group")),
                "enroller": seg.get("enroller"), "status": {}}
        lists = {"wajib": [], "bertahap": [], "sukarela": []}
        for programme, cell in cells.items():
            view["status"][programme] = cell.status
            if cell.status == "tidak_terbuka":
                continue
            bucket = "sukarela" if cell.status == "sukarela" else \
                "bertahap" if cell.phased else "wajib"
            lists[bucket].append(self._cell_abbr(key, programme, cell))
        view.update(lists)
        view["programmes"] = [p for p, c in cells.items() if c.open]
        view["abbrs"] = lists["wajib"] + lists["bertahap"] + lists["sukarela"]
        return view

    def _bantuan(self, data, matrix, segments: dict) -> list[dict]:
        """The regency's Bantuan Iuran, checked against the statutory matrix: a programme
        the target is not open to, or fewer programmes than the law makes compulsory."""
        out = []
        entries = data.get("bantuan_iuran") or YamlList()
        known = self.lib.catalogue["programmes"]
        for i, entry in enumerate(entries):
            where = Source(entries.source.file, entries.lines[i])
            target = str(entry.get("target"))
            if target not in matrix:
                self.problems.append(Problem.coded("unknown-segment", _(
                    "bantuan_iuran names target '{target}', which is not a segment of "
                    "clauses/catalogue.yaml").format(target=target), where))
                continue
            if target not in segments:
                self.problems.append(Problem.coded("bantuan-target-missing", _(
                    "bantuan_iuran pays for '{target}', which is not in this regency's "
                    "segments").format(target=target), where))
                continue
            chosen = entry.get("programmes")
            path = f"bantuan_iuran[{i}].programmes"
            if chosen == PLACEHOLDER:
                out.append({"target": segments[target], "key": target, "programmes": [],
                            "abbrs": [self.renderer.placeholder(path, entry.where("programmes"))],
                            "source": str(entry.get("source"))})
                continue
            cells = matrix[target]
            problems = []
            for programme in chosen:
                if programme not in known:
                    problems.append(Problem.coded("unknown-programme", _(
                        "unknown programme '{programme}'; known: {known}").format(
                        programme=programme, known=", ".join(known)), entry.where("programmes")))
                elif not cells[programme].open:
                    problems.append(Problem.coded("programme-not-allowed", _(
                        "{programme} is not open to '{target}' ({basis}); the Pemda cannot pay "
                        "for it").format(programme=known[programme]["abbr"], target=target,
                                         basis=cells[programme].basis),
                        entry.where("programmes")))
            below = [p for p, c in cells.items()
                     if c.status == "wajib" and not c.phased and p not in chosen]
            if below:
                problems.append(Problem.coded("programme-below-law", _(
                    "bantuan_iuran pays for '{target}' fewer programmes than the law makes "
                    "compulsory: {missing} missing ({basis})").format(
                    target=target, missing=", ".join(known[p]["abbr"] for p in below),
                    basis="; ".join(cells[p].basis for p in below)), entry.where("programmes")))
            self.problems += problems
            fact = self.regency.unconfirmed(path)
            abbrs = []
            for programme in (p for p in known if p in chosen):
                abbr = known[programme]["abbr"]
                abbrs.append(self.unconfirmed(fact.path, fact.where, abbr, fact.note)
                             if fact else abbr)
            out.append({"target": segments[target], "key": target,
                        "programmes": [p for p in known if p in chosen], "abbrs": abbrs,
                        "source": str(entry.get("source")), "path": path})
        return out

    def _context(self) -> dict:
        data = self.regency.data
        catalogue = self.lib.catalogue
        known_programmes = catalogue["programmes"]
        known_segments = catalogue["segments"]
        matrix = statutory_matrix(catalogue)
        for key in data["segments"]:
            if key not in known_segments:
                self.problems.append(Problem.coded("unknown-segment", _(
                    "unknown segment '{segment}'; known: {known}").format(
                    segment=key, known=", ".join(known_segments)), data.where("segments")))
        programmes = [{"key": k, **known_programmes[k]} for k in known_programmes]
        segments = {key: self._segment_view(key, matrix)
                    for key in known_segments if key in data["segments"]}
        bantuan = self._bantuan(data, matrix, segments)
        wrapped = self._wrap(data, "", data.source)
        focus = {k: False for k in FOCUS_KEYS}
        focus.update(wrapped.get("focus") or {})
        financing = dict(wrapped.get("financing") or {})
        # kept for clause libraries written before bantuan_iuran: the APBD pays someone
        financing["apbd"] = any(b["source"] == "apbd" for b in bantuan)
        wrapped["focus"], wrapped["financing"] = focus, financing
        wrapped["perbup"] = self._instrument(wrapped.get("perbup") or {})
        classes = [k for k in ("penerima_upah", "bukan_penerima_upah")
                   if any(s["class"] == k for s in segments.values())]
        context = {
            "regency": wrapped,
            "kabupaten": f"Kabupaten {data['name']}",
            "programmes": programmes,
            "programme_keys": [p["key"] for p in programmes],
            "segments": list(segments.values()),
            "segment_keys": list(segments),
            "segment": segments,
            "open_programmes": [p["key"] for p in programmes
                                if any(p["key"] in s["programmes"] for s in segments.values())],
            "classes": [segments[k] if k in segments else
                        {"key": k, "label": known_segments[k]["label"]} for k in classes],
            "bantuan": bantuan,
            # the Perbup restates a duty to register (so it may speak of sanctions)
            "kewajiban_pendaftaran": any(k in segments for k in
                                         ("penerima_upah", "bukan_penerima_upah",
                                          "jasa_konstruksi")),
            "bantuan_keys": [b["key"] for b in bantuan],
            "judul": str(self.lib.document.get("judul", "")),
            "initiative": data.get("initiative") or "",
        }
        context["isian"] = self.isian
        context["tandai"] = self.tandai
        context["kb"] = self._kb_view()
        if self.financing is not None:
            context["biaya"] = self._financing_view(self.financing)
            if self.opd is None:        # a document of the whole regency (a Keputusan)
                context["opds"] = [self._opd_view(o) for o in self.financing.opds]
        if self.opd is not None:
            context["opd"] = self._opd_view(self.opd)
        return context

    # -- values of the regency file by path --------------------------------------------
    _PATH_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")

    def lookup(self, path: str) -> tuple[object, Source | None, bool]:
        """(value, where, found) at `path` of the regency file ('opds[2].pks.date'); where
        a part is missing, the place of the last part that is there."""
        node = self.regency.data
        where = node.source if isinstance(node, YamlMap) else None
        for index, key in self._PATH_PART.findall(path):
            if index and isinstance(node, YamlList) and int(index) < len(node):
                where = Source(node.source.file, node.lines[int(index)])
                node = node[int(index)]
            elif key and isinstance(node, YamlMap) and key in node:
                where = node.where(key)
                node = node[key]
            else:
                return None, where, False
        return node, where, True

    def isian(self, path: str):
        """The value at `path` as clause text sees it; '...' (open) where the regency file
        leaves it out or open, so an optional field never stops a draft."""
        value, where, found = self.lookup(path)
        if not found or value is None or value == PLACEHOLDER:
            return self.renderer.placeholder(path, where)
        return self._wrap(value, path, where)

    def tandai(self, text, item) -> str:
        """`text` highlighted as unconfirmed when `item` (a view with confirmed, note, path
        and where) is not confirmed; the placeholders inside stay placeholders."""
        if not isinstance(item, dict) or item.get("confirmed", True):
            return text
        out = []
        for piece in self.renderer.split(str(text)):
            if isinstance(piece, str):
                piece = Unconfirmed(item["path"], item.get("where"), piece, item.get("note", ""))
            out.append(self.renderer.marker(piece))
        return "".join(out)

    def _kb_view(self) -> dict:
        """The Kesepakatan Bersama (regency.mou) and the earlier instruments it follows, as
        recitals cite them."""
        view = {k: self.isian(f"mou.{k}") for k in ("number_pemda", "number_bpjs", "date",
                                                    "place")}
        earlier = []
        entries, _where, _found = self.lookup("mou.earlier")
        for i, entry in enumerate(entries or []):
            path = f"mou.earlier[{i}]"
            item = {k: self.isian(f"{path}.{k}") for k in ("title", "number_pemda",
                                                           "number_bpjs", "date", "place")}
            item["bupati"] = self.isian(f"{path}.signed_by.bupati")
            item["bpjs"] = self.isian(f"{path}.signed_by.bpjs")
            item.update(path=path, where=Source(entries.source.file, entries.lines[i]),
                        confirmed=bool(entry.get("confirmed")), note=str(entry.get("note") or ""))
            earlier.append(item)
        view["earlier"] = earlier
        return view

    def _instrument(self, perbup: dict) -> dict:
        """The Perbup as clause text sees it. A draft has no number, dates or Berita Daerah
        until penetapan: they stand open ('...'), whatever the file says."""
        view = dict(perbup)
        if view.get("status", "draft") == "draft":
            where = self.regency.data.get("perbup")
            where = where.where("status") if isinstance(where, YamlMap) else None
            for key in ("number", "ditetapkan", "diundangkan", "berita_daerah"):
                if key not in view or not TextRenderer.is_open(view[key]):
                    view[key] = self.renderer.placeholder(f"perbup.{key}", where)
        replaces = view.get("replaces")
        view["replaces"] = None
        if isinstance(replaces, dict) and replaces:
            spec = self.regency.data["perbup"]["replaces"]
            cite = (f"Peraturan Bupati {self.regency.name} Nomor {spec['number']} Tahun "
                    f"{spec['year']} tentang {spec['title']}")
            if not spec.get("confirmed"):
                cite = self.unconfirmed("perbup.replaces", spec.source, cite,
                                        str(spec.get("note") or ""))
            view["replaces"] = {**replaces, "cite": cite}
        return view

    # -- computed figures as clause text sees them: unknown ones are placeholders ----
    def _value(self, value, what: str):
        return value if value is not None else self.renderer.placeholder(what, None)

    def _financing_view(self, fin: Financing) -> dict:
        # One figure per fact: the calculator's (from the groups or the participant list
        # where they determine it, else as decided or published); never a second one.
        workers, total = fin.workers_figure, fin.amount_figure
        monthly = {g.monthly for g in fin.groups if g.monthly is not None}
        return {
            "workers": self._value(workers, _("the number of workers "
                                              "(participants.rentan_total or the counts of "
                                              "opds[].groups)")),
            "months": self._value(fin.months, "financing.months"),
            "monthly": self._value(monthly.pop() if len(monthly) == 1 else None,
                                   _("the contribution a worker a month "
                                     "(clauses/rates.yaml)")),
            "total": self._value(total, _("the budget (financing.stated_total or the counts "
                                          "of opds[].groups)")),
            "start": self._value(fin.start, "financing.year"),
            "end": self._value(_cover_end(fin.start, fin.months), "financing.months"),
            "year": self._value(fin.start.year if fin.start else None, "financing.year"),
            "has_groups": bool(fin.groups),
        }

    def _opd_view(self, opd: Opd) -> dict:
        where = _("the counts of the groups of {opd}").format(opd=opd.name)
        groups = [{"name": self._group_name(g),
                   "count": self._value(g.workers, _("the count of group '{group}' of {opd}")
                                        .format(group=g.name, opd=opd.name)),
                   "months": self._value(g.months, "financing.months"),
                   "monthly": self._value(g.monthly, _("the contribution a worker a month")),
                   "amount": self._value(g.amount, where),
                   "abbrs": [self.lib.catalogue["programmes"][p]["abbr"] for p in g.programmes
                             if p in self.lib.catalogue["programmes"]]}
                  for g in opd.groups]
        index = self._opd_index(opd)
        base = f"opds[{index}]"
        parent = opd.spec.get("perangkat_daerah")
        return {
            "name": opd.name, "slug": opd.slug, "index": index,
            "head": self.isian(f"{base}.head"),
            "head_nip": self.isian(f"{base}.head_nip"),
            # a Bagian is not a Perangkat Daerah: it signs and pays as part of its own
            "unit": bool(parent),
            "perangkat_daerah": str(parent) if parent else opd.name,
            "workers": self._value(opd.workers, where),
            "amount": self._value(opd.amount, where),
            "monthly_total": self._value(opd.monthly_total, where),
            "groups": Given(groups),
            "number": self._pks_field(opd, "number"),
            "bpjs_number": self._pks_field(opd, "bpjs_number"),
            "date": self._pks_field(opd, "date"),
            "kuasa": {"number": self.isian(f"{base}.pks.kuasa.number"),
                      "date": self.isian(f"{base}.pks.kuasa.date")},
        }

    def _group_name(self, group, pieces: bool = False):
        """A group's name; highlighted where the regency file marks its assignment (or the
        group) unconfirmed."""
        if group.name == PLACEHOLDER:
            marker = self.renderer.placeholder(f"{group.path}.name" if group.path else
                                               _("group name"), group.source)
        else:
            fact = self.regency.unconfirmed(f"{group.path}.name") if group.path else None
            marker = (self.unconfirmed(fact.path, fact.where, group.name, fact.note)
                      if fact else group.name)
        return self.renderer.split(marker) if pieces else marker

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

    def compose(self) -> Build:
        raise NotImplementedError   # one subclass per document kind

    # -- small helpers --------------------------------------------------------------
    def text(self, src, where: Source, extra=None) -> list[Inline]:
        pieces = self.renderer.render(src, where, extra)
        return pieces if pieces is not None else []

    def line(self, spec: YamlMap, key: str, extra=None) -> list[Inline]:
        return self.text(spec.get(key, ""), spec.where(key), extra)

    def _register(self, node_id: str, where: Source | None) -> None:
        if node_id in self.ids:
            self.problems.append(Problem.coded("id-duplicate", _(
                "id '{id}' is used twice (also at {other})").format(
                id=node_id, other=self.ids[node_id]), where))
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
            if node.heading == PLACEHOLDER:        # a heading the source lost
                node.attrs["heading_open"] = Placeholder(
                    _("the heading of {kind} '{id}'").format(kind=kind, id=node_id),
                    spec.where("heading"))
            if self.lib.document.get("imported"):
                node.attrs["as_written"] = True    # an imported heading keeps its case
        if "text" in spec:
            if str(spec["text"]).strip() == PLACEHOLDER:     # a text the source lost
                node.content = [Placeholder(_("the text of {kind} '{id}'").format(
                    kind=kind, id=node_id), spec.where("text"))]
            else:
                node.content = self.line(spec, "text", extra)
        if "end" in spec:
            node.attrs["end"] = str(spec["end"])
        for child_kind in ("pasal", "bagian", "paragraf", "ayat"):    # Pasal before a division
            if child_kind in spec:
                node.children += self.units(spec[child_kind], child_kind, node_id, extra)
        if "rincian" in spec:
            block = spec["rincian"]
            node.conj = str(block.get("join", "dan")).replace("none", "")
            node.children = self.units(block["items"], "item", node_id, extra)
            if block.get("numbering") == "angka":      # numbered as definitions are
                for child in node.children:
                    child.style = "definisi"
            elif block.get("numbering") not in (None, "huruf"):
                node.attrs["list_style"] = str(block["numbering"])     # 'a)', '1.', ...
            if not node.children:
                self.problems.append(Problem.coded("list-empty", _(
                    "every item of this list is left out by its condition; the lead-in would "
                    "dangle"), spec.where("rincian")))
            elif len(node.children) == 1:
                self.warnings.append(Problem.coded("list-single", _(
                    "a list with a single item; consider writing it as one sentence"),
                    spec.where("rincian")))
        ayats = [c for c in node.children if c.kind == "ayat"]
        if kind == "pasal" and len(ayats) == 1 and len(node.children) == 1 and \
                not self.lib.document.get("imported"):        # an imported "(1)" stays
            # a Pasal of one ayat is not numbered "(1)": it is the Pasal's own text
            only = ayats[0]
            node.content, node.children, node.conj = only.content, only.children, only.conj
            node.attrs.update({k: v for k, v in only.attrs.items() if k in ("end", "list_style")})
            self.aliases[only.id] = node.id
        if kind in ("bab", "bagian", "paragraf") and not node.children:
            self.warnings.append(Problem.coded("unit-left-out", _(
                "{kind} '{id}' is left out: every Pasal in it is left out by its "
                "condition").format(kind=kind, id=node_id), spec.source))
            return []
        return [node]

    def units(self, specs: YamlList, kind: str, parent_id: str, extra) -> list[Node]:
        nodes: list[Node] = []
        for i, spec in enumerate(specs, 1):
            nodes += self.unit(spec, kind, f"{parent_id}.{i}", extra)
        return nodes

    def body(self) -> list[Node]:
        for kind in ("pasal", "diktum", "butir"):
            if kind in self.lib.document:
                return self.units(self.lib.document[kind], kind, kind, None)
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

    def lampiran_table(self, spec: YamlMap | None = None, node_id: str = "lampiran") -> Node | None:
        """The financing breakdown: one row per participant group (of the OPD, or of every
        OPD with its name), the total last. The words of its title, column headings and
        total row are the clause library's (`lampiran` of document.yaml: judul, kolom,
        jumlah)."""
        spec = spec if spec is not None else self.lib.document.get("lampiran")
        fin = self.financing
        groups = (self.opd.groups if self.opd is not None else fin.groups) if fin else []
        if not groups or not isinstance(spec, YamlMap):
            return None
        kolom = spec.get("kolom")
        keys = ["no", *(["opd"] if self.opd is None else []), "kelompok", "pekerja", "iuran",
                "bulan", "biaya"]
        if not isinstance(kolom, YamlMap) or any(k not in kolom for k in keys) \
                or "jumlah" not in spec:
            self.problems.append(Problem.coded("clause-file", _(
                "the lampiran of a document names its column headings (kolom: {keys}) and its "
                "total row (jumlah)").format(keys=", ".join(keys)), spec.source))
            return None

        def cell(value, money=False):
            if value is None:
                return [Placeholder(_("a figure of the Lampiran (it needs the counts in "
                                      "opds[].groups and financing.months)"), None)]
            return [("Rp" if money else "") + bahasa.format_angka(value)]
        rows = []
        for i, g in enumerate(groups, 1):
            row = [[str(i)]]
            if self.opd is None:
                row.append([g.opd_name])
            row += [self._group_name(g, pieces=True),
                    cell(g.workers), cell(g.monthly, True), cell(g.months), cell(g.amount, True)]
            rows.append(row)
        workers = sum(g.workers for g in groups) if all(g.workers is not None for g in groups) else None
        amount = sum(g.amount for g in groups) if all(g.amount is not None for g in groups) else None
        span = 3 if self.opd is None else 2
        total = [self.line(spec, "jumlah")] + [[""]] * (span - 1) + [
            cell(workers), [""], [""], cell(amount, True)]
        header = ["".join(str(p) for p in self.line(kolom, k)) for k in keys]
        return Node(kind="lampiran", id=node_id,
                    attrs={"header": header, "rows": rows, "total": total,
                           "judul": self.line(spec, "judul") if "judul" in spec else []})
