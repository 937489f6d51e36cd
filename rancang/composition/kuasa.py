"""A Surat Kuasa: the Bupati gives an official within a Perangkat Daerah the kuasa to sign
one PKS for the Pemerintah Kabupaten (PP 28/2018 Pasal 13 ayat (2)). One per PKS
signatory: the title and number, the giver and the receiver (each a few 'Nama : ...'
lines), the numbered paragraphs of what the kuasa is for and its limits, the place and
date, and both signatures. Every word is the clause library's (clauses/kuasa)."""
from __future__ import annotations

from rancang.composition.base import Build, Composer
from rancang.model.tree import Document, Node, Source
from rancang.sources.loader import YamlList, YamlMap


class KuasaComposer(Composer):
    def _identity(self, spec: YamlMap, key: str) -> list[tuple[list, list]]:
        """The 'Nama : ...' lines of a person: (label, value) pieces."""
        rows = spec.get(key) or YamlList()
        out = []
        for i, row in enumerate(rows):
            where = Source(rows.source.file, rows.lines[i])
            out.append((self.text(row.get("label"), where), self.text(row.get("isi"), where)))
        return out

    def compose(self) -> Build:
        doc = self.lib.document
        document = Document(kind="document", id=self.lib.doc_type, doc_type=self.lib.doc_type)
        children = [Node(kind="judul", id="judul", content=self.line(doc, "judul"))]
        for key in ("pemberi", "penerima"):
            block = doc.get(key) or YamlMap()
            children.append(Node(kind="pembuka", id=f"{key}.pengantar",
                                 content=self.line(block, "pengantar")))
            children.append(Node(kind="identitas", id=f"{key}.identitas",
                                 attrs={"rows": self._identity(block, "identitas")}))
            children.append(Node(kind="pembuka", id=f"{key}.sebutan",
                                 content=self.line(block, "sebutan")))
        children.append(Node(kind="khusus", id="khusus", content=self.line(doc, "khusus")))
        children += self.body()
        children.append(Node(kind="pembuka", id="penutup", content=self.line(doc, "penutup")))
        place = doc.get("tempat") or YamlMap()
        signatures = []
        for spec in doc.get("tanda_tangan") or []:
            signatures.append({k: self.line(spec, k) for k in spec})
        document.children = children
        document.meta = {
            "jenis": str(doc.get("jenis", "")),
            "nomor": self.line(doc, "nomor"),
            "tempat": self.line(place, "di") if "di" in place else [],
            "tanggal": self.line(place, "tanggal") if "tanggal" in place else [],
            "pihak": signatures,
            "meterai": [],
        }
        return self.finish(document)
