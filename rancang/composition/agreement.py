"""An agreement, MoU (Kesepakatan Bersama) or PKS: the title with both parties and
their numbers, the opening formula, the komparisi, the recitals, Pasal with headings, the
signatures (with the place of the meterai) and, for a PKS, the Lampiran of the groups.

Every word is the clause library's: the komparisi is its `komparisi` text, which sees each
party's fields as `pihak`; the signature block's words are `tanda_tangan`."""
from __future__ import annotations

import re

from rancang.composition.base import Build, Composer
from rancang.errors import Problem
from rancang.i18n import _
from rancang.model.tree import Document, Inline, Node, Source
from rancang.sources.loader import YamlMap


def _words(pieces: list[Inline]) -> list[str]:
    return re.findall(r"\w+", "".join(p for p in pieces if isinstance(p, str)).lower())


class AgreementComposer(Composer):
    def marked(self, pieces: list[Inline]) -> str:
        """Rendered pieces back as text with markers, for a text that embeds them."""
        return "".join(p if isinstance(p, str) else self.renderer.marker(p) for p in pieces)

    def compose(self) -> Build:
        doc = self.lib.document
        document = Document(kind="document", id=self.lib.doc_type, doc_type=self.lib.doc_type)
        judul = Node(kind="judul", id="judul", content=self.line(doc, "judul"))
        parties = []
        for spec in doc.get("pihak") or []:
            parties.append({k: self.line(spec, k) for k in spec})
        pembuka = Node(kind="pembuka", id="pembuka")
        for i, text in enumerate(doc.get("pembuka") or [], 1):
            where = Source(doc["pembuka"].source.file, doc["pembuka"].lines[i - 1])
            pembuka.children.append(Node(kind="pembuka", id=f"pembuka.{i}",
                                         content=self.text(text, where)))
        komparisi = Node(kind="komparisi", id="komparisi")
        for i, party in enumerate(parties, 1):
            pihak = {k: self.marked(v) for k, v in party.items()}
            content = self.line(doc, "komparisi", {"pihak": pihak})
            komparisi.children.append(Node(kind="pihak", id=f"pihak.{i}", num=f"{i}.",
                                           content=content + [";" if i < len(parties) else "."]))
            self._repeats(party.get("jabatan", []), doc["pihak"][i - 1])
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
        signature = doc.get("tanda_tangan") or YamlMap()
        document.meta = {
            "jenis": str(doc.get("jenis", "")),
            "pihak": parties,
            "meterai": self.line(signature, "meterai") if "meterai" in signature else [],
            "lampiran_awal": self.line(signature, "lampiran") if "lampiran" in signature
            else [],
        }
        return self.finish(document)

    def _repeats(self, jabatan: list[Inline], spec: YamlMap) -> None:
        """A party's title that says the same words twice ('Kepala Kantor Cabang BPJS
        Ketenagakerjaan Kantor Cabang Serang'): the regency file's position repeats its
        office."""
        words = _words(jabatan)
        pairs = list(zip(words, words[1:]))
        twice = next((f"{a} {b}" for i, (a, b) in enumerate(pairs) if (a, b) in pairs[i + 1:]),
                     None)
        if twice:
            self.warnings.append(Problem.coded("party-title-repeats", _(
                "the title of a party says '{words}' twice: '{title}'; the regency file's "
                "position is the head's title before the office's own name (Kepala)").format(
                words=twice, title="".join(str(p) for p in jabatan)), spec.where("jabatan")))
