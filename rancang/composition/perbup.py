"""The Peraturan Bupati: Judul, Menimbang with its generated closing item, Mengingat
ordered by hierarchy then date, the Ketentuan Umum from the terms the body uses, the
batang tubuh, the Penutup and the financing Lampiran."""
from __future__ import annotations

import re

from rancang.composition.base import Build, Composer
from rancang.errors import Problem
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.numbering import strip_end as _strip_end
from rancang.model.tree import Document, Node, Source
from rancang.sources.loader import YamlList, YamlMap
from rancang.sources.regency import PLACEHOLDER, formation_laws


class PerbupComposer(Composer):
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
            self.problems.append(Problem.coded("menimbang-missing", _(
                "a Perbup needs at least one Menimbang item"), doc.where("menimbang")))
            return block
        if doc.get("menimbang_penutup", True) is False:
            return block       # the items are complete as written (an imported text)
        judul = "".join(str(p) for p in self.line(doc, "judul"))     # a Keputusan's has its year
        title = f"{doc.get('jenis', 'Peraturan Bupati')} tentang {judul}"
        verb = str(doc.get("menimbang_verb", "menetapkan"))
        if len(block.children) == 1:
            # one consideration: one unlettered item, no closing item (L-II 23-27)
            only = block.children[0]
            _strip_end(only)
            only.content.append(bahasa.menimbang_single(title, verb))
            block.attrs["single"] = True
            return block
        closing = bahasa.menimbang_closing(len(block.children), title, verb)
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
                if "text" in entry and "level" in entry:
                    # a citation written out with its place in the hierarchy (a Perbup
                    # a Keputusan implements): ordered with the others; confirmed only
                    # when nothing in it is open or unconfirmed
                    pieces = self.line(entry, "text")
                    cite_text = "".join(p if isinstance(p, str) else self.renderer.marker(p)
                                        for p in pieces).rstrip(" ;")
                    citation = YamlMap({"id": str(entry.get("id") or f"teks-{i}"),
                                        "level": int(entry["level"]),
                                        "year": "".join(str(p) for p in
                                                        self.line(entry, "year")),
                                        "cite": cite_text,
                                        "confirmed": all(isinstance(p, str) for p in pieces)})
                    citation.source, citation.lines = where, {}
                    chosen.append(citation)
                    continue
                if "text" in entry:
                    # a citation written out (an imported regulation's), kept in its place
                    text = "".join(str(p) for p in self.line(entry, "text")).rstrip(" ;")
                    end = str(entry.get("end", ";"))     # an imported item's own ending
                    literal.append(Node(kind="mengingat", id=f"mengingat.teks.{i}",
                                        content=[text + end], source=where,
                                        attrs={"confirmed": True, "citation": None}))
                    continue
                cid = entry.get("id")
            else:
                cid = entry
            if cid not in self.lib.citations:
                self.problems.append(Problem.coded("citation-unknown", _(
                    "citation '{id}' is not in clauses/citations.yaml").format(id=cid), where))
                continue
            citation = self.lib.citations[cid]
            if citation.get("level") is None:
                self.problems.append(Problem.coded("citation-not-law", _(
                    "'{id}' ({type}) is not a peraturan perundang-undangan and cannot stand in "
                    "Mengingat (L-II 41); cite it in Menimbang").format(
                    id=cid, type=citation.get("type")), where))
                continue
            chosen.append(citation)
        chosen += self._formation_laws()
        chosen.sort(key=citation_order)
        block.children.extend(literal)
        for citation in chosen:
            text, confirmed = cite(citation)
            block.children.append(Node(kind="mengingat", id=f"mengingat.{citation['id']}",
                                       content=self.renderer.split(text + ";"),
                                       source=citation.source,
                                       attrs={"confirmed": confirmed,
                                              "citation": citation["id"]}))
        return block

    def _coverage(self) -> dict[str, dict[str, str]]:
        programmes = self.lib.catalogue["programmes"]
        return {seg["label"]: {programmes[p]["abbr"]: status
                               for p, status in seg["status"].items()}
                for seg in self.renderer.context["segments"]}

    def _formation_laws(self) -> list:
        """The law(s) forming the regency (L-II 39), from the regency file: cited with the
        rest of Mengingat, in the order of hierarchy and date (L-II 43)."""
        if not self.lib.document.get("mengingat_pembentukan"):
            return []
        laws = []
        for i, law in enumerate(formation_laws(self.regency.data)):
            if law == PLACEHOLDER:
                entry = YamlMap({"id": "formation-law", "level": 2, "year": "0", "confirmed": False,
                                 "cite": self.renderer.placeholder(
                                     "formation_law", self.regency.data.where("formation_law"))})
                entry.source = self.regency.data.where("formation_law")
                entry.lines = {}
                laws.append(entry)
                continue
            entry = YamlMap(law)
            entry.source, entry.lines = law.source, law.lines
            entry["id"] = f"formation-law-{i + 1}"
            entry["level"] = 2
            laws.append(entry)
        return laws

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

    def opening(self) -> tuple[Document, Node, Node, Node, list[Node]]:
        """What every regulation and Keputusan starts with: the document, its title,
        Menimbang, Mengingat and its body (Pasal or diktum)."""
        document = Document(kind="document", id=self.lib.doc_type, doc_type=self.lib.doc_type)
        judul = Node(kind="judul", id="judul", content=self.line(self.lib.document, "judul"))
        return document, judul, self.menimbang(), self.mengingat(), self.body()

    def compose(self) -> Build:
        doc = self.lib.document
        document, judul, konsiderans, dasar, body = self.opening()
        ku = self.ketentuan_umum(body)
        # a BAB file with the id ketentuan_umum adds its Pasal to BAB I, after the
        # definitions (maksud, tujuan, ruang lingkup: L-II 98 huruf c)
        extra = [b for b in body if b.kind == "bab" and b.id == "ketentuan_umum"]
        body = [b for b in body if b not in extra]
        if ku is not None:
            for bab in extra:
                ku.children += bab.children
            body.insert(0, ku)
        else:
            body = extra + body
        penutup = Node(kind="penutup", id="penutup")
        spec = doc.get("penutup") or YamlMap()
        if spec:
            penutup.content = self.line(spec, "pengundangan")
            for block in ("ditetapkan", "diundangkan"):
                if block in spec:
                    penutup.attrs[block] = {k: self.line(spec[block], k) for k in spec[block]}
            penutup.attrs["berita_daerah"] = self.line(spec, "berita_daerah")
        lampiran = self.lampiran_table() if "lampiran" in doc and \
            self.renderer.context["bantuan"] else None
        document.children = [judul, konsiderans, dasar, *body, penutup,
                             *([lampiran] if lampiran else [])]
        document.meta = {
            "kop": [self.text(line, doc.where("kop")) for line in doc.get("kop") or []],
            "jenis": str(doc.get("jenis", "Peraturan Bupati")),
            "nomor": self.line(doc, "nomor"),
            "jabatan": self.line(doc, "jabatan"),
            "pembukaan": str(doc.get("pembukaan", "Dengan Rahmat Tuhan Yang Maha Esa")),
            "nama_daerah": self.line(doc, "nama_daerah"),
            # the statutory matrix as the drafting checks read it: label -> abbr -> status
            "coverage": self._coverage(),
            "pasal_numbering": str(doc.get("pasal_numbering", "arab")),
            # an enacted Perbup is no Rancangan: its number is never printed under that word
            "enacted": (self.regency.data.get("perbup") or {}).get("status") == "enacted",
        }
        return self.finish(document)


def citation_order(citation) -> tuple:
    """Hierarchy first (L-II 43), then date of enactment; number orders one year."""
    return (citation["level"], str(citation.get("enacted") or citation.get("year") or ""),
            int(citation.get("number") or 0))


_WITH_TLN = ("Undang-Undang", "Undang-Undang Darurat", "Peraturan Pemerintah",
             "Peraturan Pemerintah Pengganti Undang-Undang")


def _gazette(entry) -> tuple[str, bool]:
    """'(Lembaran Negara ... Nomor 150, Tambahan Lembaran Negara ... Nomor 4456)' (L-II 47),
    or the gazette a law of 1950 was published in; False where a number is unknown."""
    if entry.get("gazette"):
        return f"({entry['gazette']})", True
    ln = entry.get("ln") or {}
    known = bool(ln.get("year") and ln.get("number"))
    text = (f"Lembaran Negara Republik Indonesia Tahun {ln.get('year') or '...'} "
            f"Nomor {ln.get('number') or '...'}")
    if entry.get("type") in _WITH_TLN:
        text += f", Tambahan Lembaran Negara Republik Indonesia Nomor {entry.get('tln') or '...'}"
        known = known and bool(entry.get("tln"))
    return f"({text})", known


def _title(entry) -> str:
    return f"{entry['type']} Nomor {entry['number']} Tahun {entry['year']} tentang {entry['title']}"


def cite(entry) -> tuple[str, bool]:
    """A Mengingat item (L-II 44-47): title, LN and TLN, and the last amendment worded by
    the engine: 'sebagaimana telah diubah dengan' (once) or 'sebagaimana telah beberapa
    kali diubah terakhir dengan' (L-II 41a-41c as inserted by UU 13/2022). Confirmed only
    when every part is, and no number is unknown."""
    if entry.get("cite"):
        return str(entry["cite"]), bool(entry.get("confirmed"))
    gazette, known = _gazette(entry)
    confirmed = bool(entry.get("confirmed")) and known
    text = f"{_title(entry)} {gazette}"
    amended = entry.get("amended")
    if amended:
        last = amended["last"]
        phrase = ("sebagaimana telah beberapa kali diubah terakhir dengan"
                  if amended.get("times") == "many" else "sebagaimana telah diubah dengan")
        gazette, known = _gazette(last)
        text += f" {phrase} {_title(last)} {gazette}"
        confirmed = confirmed and bool(last.get("confirmed")) and known
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
    return _defined_before_use(result, pattern, form_owner)


def _defined_before_use(result: list[dict], pattern: re.Pattern, form_owner: dict) -> list[dict]:
    """No definition uses a term defined after it (L-II 109): a term another definition
    uses moves just before it (with the terms that follow it). A cycle stays as it is."""
    uses = {e["index"]: {form_owner[m.group(1)]
                         for m in pattern.finditer("".join(str(p) for p in e["content"]))}
            - {e["index"]} for e in result}
    by_id = {str(e["spec"]["id"]): e for e in result}
    for _round in range(len(result) * 2):
        moved = False
        position = {e["index"]: i for i, e in enumerate(result)}
        for i, entry in enumerate(result):
            later = [position[u] for u in uses[entry["index"]]
                     if u in position and position[u] > i
                     and entry["index"] not in uses[u]]      # using each other: leave them
            if later:
                term = result.pop(max(later))
                result.insert(i, term)
                # the term it `follows` comes along, so related terms stay together
                anchor = by_id.get(str(term["spec"].get("follows") or ""))
                if anchor is not None and result.index(anchor) > i:
                    result.remove(anchor)
                    result.insert(i, anchor)
                moved = True
                break
        if not moved:
            break
    return result
