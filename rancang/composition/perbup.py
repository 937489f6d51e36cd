"""The Peraturan Bupati: Judul, Menimbang with its generated closing item, Mengingat
ordered by hierarchy then date, the Ketentuan Umum from the terms the body uses, the
batang tubuh, the Penutup and the financing Lampiran."""
from __future__ import annotations

import re

from rancang.composition.base import Build, Composer
from rancang.errors import Problem
from rancang.model import bahasa
from rancang.model.tree import Document, Node, Source
from rancang.sources.loader import YamlList, YamlMap


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
                    end = str(entry.get("end", ";"))     # an imported item's own ending
                    literal.append(Node(kind="mengingat", id=f"mengingat.teks.{i}",
                                        content=[text + end], source=where,
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

    def compose(self) -> Build:
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
            "pasal_numbering": str(doc.get("pasal_numbering", "arab")),
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
