"""The document tree laid out as a sequence of paragraphs, each with a style name and
runs of text. The DOCX and the Markdown view both render these blocks, so they cannot
disagree about a single word. Style names are the paragraph styles of the Word template.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import bahasa
from ..model import Document, Inline, Node, Placeholder, Ref

# Character marks: 'isian' for a parameter still open ('...'), 'verifikasi' for a
# citation that has not been confirmed. Both are character styles in the template.
ISIAN, VERIFIKASI = "isian", "verifikasi"
VERIFY_NOTE = " [perlu verifikasi]"


@dataclass
class Block:
    style: str
    runs: list[tuple[str, str | None]] = field(default_factory=list)
    node_id: str = ""

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def runs_of(pieces: list[Inline], upper: bool = False) -> list[tuple[str, str | None]]:
    runs: list[tuple[str, str | None]] = []
    for piece in pieces:
        if isinstance(piece, Placeholder):
            runs.append(("...", ISIAN))
            continue
        text = piece.words or "..." if isinstance(piece, Ref) else str(piece)
        text = text.upper() if upper else text
        if runs and runs[-1][1] is None:
            runs[-1] = (runs[-1][0] + text, None)
        else:
            runs.append((text, None))
    return runs


def _plain(text: str) -> list[tuple[str, str | None]]:
    return [(text, None)]


def _upper_name(pieces: list[Inline]) -> list[tuple[str, str | None]]:
    out = []
    for text, mark in runs_of(pieces):
        out.append((text if mark else bahasa.nama_tanpa_gelar(text).upper(), mark))
    return out


class _Layout:
    def __init__(self, doc: Document, final: bool):
        self.doc, self.final = doc, final
        self.blocks: list[Block] = []

    def add(self, style: str, runs, node_id: str = "") -> None:
        self.blocks.append(Block(style, list(runs), node_id))

    def layout(self) -> list[Block]:
        meta = self.doc.meta
        for line in meta.get("kop", []):
            self.add("Kop", runs_of(line, upper=True))
        for node in self.doc.children:
            getattr(self, f"_{node.kind}", self._other)(node)
        return self.blocks

    def _judul(self, node: Node) -> None:
        """Title block (L-II 2-5): capitals, no closing punctuation; a draft says
        RANCANGAN; then the opening formula and the jabatan ending with a comma."""
        meta = self.doc.meta
        jenis = ("" if self.final else "Rancangan ") + meta["jenis"]
        self.add("Judul", [(jenis.upper() + " ", None)] + runs_of(meta["nama_daerah"], upper=True),
                 "judul")
        self.add("Judul", runs_of(meta["nomor"], upper=True), "judul")
        self.add("Judul", _plain("TENTANG"), "judul")
        self.add("Judul", runs_of(node.content, upper=True), "judul")
        self.add("Pembukaan", _plain(meta["pembukaan"].upper()))
        self.add("Pembukaan", runs_of(meta["jabatan"], upper=True) + [(",", None)])

    def _konsiderans(self, node: Node) -> None:
        self._konsiderans_items("Menimbang", node.children)

    def _dasar_hukum(self, node: Node) -> None:
        self._konsiderans_items("Mengingat", node.children)
        self.add("Diktum", _plain("MEMUTUSKAN:"))
        title = "".join(str(p) for p in self.doc.children[0].content)
        self.add("Menetapkan", _plain(f"Menetapkan\t:\t{self.doc.meta['jenis'].upper()} TENTANG "
                                      f"{title.upper()}."))

    def _konsiderans_items(self, word: str, items: list[Node]) -> None:
        for i, item in enumerate(items):
            lead = f"{word}\t:\t" if i == 0 else "\t\t"
            runs = [(f"{lead}{item.num}\t", None)] + runs_of(item.content)
            if item.suffix:
                runs.append((item.suffix, None))
            if item.kind == "mengingat" and not item.attrs.get("confirmed", True) \
                    and not self.final:
                runs = [runs[0]] + [(t, m or VERIFIKASI) for t, m in runs[1:]]
                runs.append((VERIFY_NOTE, VERIFIKASI))
            self.add("Konsiderans", runs, item.id)

    def _bab(self, node: Node) -> None:
        self.add("BAB", _plain(node.label), node.id)
        self.add("BAB", _plain((node.heading or "").upper()), node.id)
        self._children(node, 0)

    def _group(self, node: Node, word: str) -> None:
        self.add(word, _plain(f"{word} {node.num}"), node.id)
        self.add(word, _plain(bahasa.title_words(node.heading or "")), node.id)
        self._children(node, 0)

    def _children(self, node: Node, depth: int) -> None:
        for child in node.children:
            if child.kind == "bagian":
                self._group(child, "Bagian")
            elif child.kind == "paragraf":
                self._group(child, "Paragraf")
            elif child.kind == "pasal":
                self._pasal(child)
            elif child.kind == "ayat":
                self.add("Ayat", [(f"{child.num}\t", None)] + runs_of(child.content)
                         + [(child.suffix, None)], child.id)
                self._children(child, depth + 1)
            elif child.kind == "rincian":
                self.add(f"Rincian {depth + 1}", [(f"{child.num}\t", None)]
                         + runs_of(child.content) + [(child.suffix, None)], child.id)
                self._children(child, depth + 1)

    def _pasal(self, node: Node) -> None:
        self.add("Pasal", _plain(node.label), node.id)
        if node.content:
            self.add("Isi Pasal", runs_of(node.content) + [(node.suffix, None)], node.id)
        self._children(node, 0)

    def _penutup(self, node: Node) -> None:
        if node.content:
            self.add("Penutup", runs_of(node.content), node.id)
        for key, style, verb in (("ditetapkan", "Tanda Tangan", "Ditetapkan"),
                                 ("diundangkan", "Pengundangan", "Diundangkan")):
            block = node.attrs.get(key)
            if not block:
                continue
            self.add(style, [(f"{verb} di ", None)] + runs_of(block.get("tempat", [])))
            self.add(style, [("pada tanggal ", None)] + runs_of(block.get("tanggal", [])))
            self.add(style, runs_of(block.get("jabatan", []), upper=True) + [(",", None)])
            for _ in range(3):
                self.add(style, _plain(""))
            self.add(style, _upper_name(block.get("nama", [])))
        if node.attrs.get("berita_daerah"):
            self.add("Berita Daerah", runs_of(node.attrs["berita_daerah"], upper=True))

    def _other(self, node: Node) -> None:
        if node.content:
            self.add("Isi Pasal", runs_of(node.content) + [(node.suffix, None)], node.id)


def layout(doc: Document, final: bool = False) -> list[Block]:
    return _Layout(doc, final).layout()
