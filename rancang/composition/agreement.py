"""An agreement, MoU (Kesepakatan Bersama) or PKS: the title with both parties and
their numbers, the opening formula, the komparisi, the considerations, Pasal with
headings, the signatures and (for a PKS) the Lampiran of the OPD's groups."""
from __future__ import annotations

from rancang.composition.base import Build, Composer
from rancang.model.tree import Document, Node, Source


class AgreementComposer(Composer):
    def compose(self) -> Build:
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
