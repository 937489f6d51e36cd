"""The document tree laid out as a sequence of paragraphs, each with a style name and
runs of text. The DOCX and the Markdown view both render these blocks, so they cannot
disagree about a single word. Style names are the paragraph styles of the Word template.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rancang.model import bahasa, marks
from rancang.model.tree import Document, Inline, Node, Placeholder, Ref, Unconfirmed

# Character marks: 'isian' for a parameter still open ('...'), 'verifikasi' for a
# citation that has not been confirmed, 'belum' for a value the input marks unconfirmed.
# In Word the first and the last are the same character style (Isian); plain text has no
# highlight, so the Markdown view writes UNCONFIRMED_NOTE around the value.
ISIAN, VERIFIKASI, UNCONFIRMED = "isian", "verifikasi", "belum"
# the note of a consolidated text under a unit an amendment changed: italic
CATATAN = "catatan"
VERIFY_NOTE = " " + marks.VERIFY
UNCONFIRMED_NOTE = marks.UNCONFIRMED
# where the text of a numbered point starts (the hanging indent of 'Rincian 1')
QUOTE_INDENT_CM = 1.0


Runs = list[tuple[str, "str | None"]]


@dataclass
class Table:
    """Rows of cells, each cell a list of runs. `header` rows are bold and repeat on
    every page; `grid` draws the borders (a signature table has none). `widths_cm` None:
    the view gives each column room for its longest word. `align` per column: 'left',
    'center' or 'right' (None: left). With `bold_last` the last row is the total, whose
    label spans the empty cells after it. `keep_together`: on one page (a signature
    block)."""
    rows: list[list[Runs]]
    header: int = 0
    grid: bool = True
    widths_cm: list[float] | None = None
    bold_last: bool = False
    align: list[str] | None = None
    keep_together: bool = False

    def spans(self, r: int) -> list[int]:
        """How many grid columns each cell of row `r` covers; 0 for a cell swallowed by
        the span before it."""
        row = self.rows[r]
        spans = [1] * len(row)
        if self.bold_last and r == len(self.rows) - 1:
            span = 1
            while span < len(row) and not "".join(t for t, _ in row[span]).strip():
                span += 1
            spans[0], spans[1:span] = span, [0] * (span - 1)
        return spans


@dataclass
class Block:
    style: str
    runs: list[tuple[str, str | None]] = field(default_factory=list)
    node_id: str = ""
    table: Table | None = None
    indent_cm: float = 0.0          # further in than its style (a unit an amendment quotes)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def runs_of(pieces: list[Inline], upper: bool = False) -> list[tuple[str, str | None]]:
    runs: list[tuple[str, str | None]] = []
    for piece in pieces:
        if isinstance(piece, Placeholder):
            runs.append(((str(piece).upper() if upper else str(piece)),
                         UNCONFIRMED if isinstance(piece, Unconfirmed) else ISIAN))
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
        out.append((text if text == "..." else bahasa.nama_tanpa_gelar(text).upper(), mark))
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
        jenis = ("" if self.final or meta.get("enacted") else "Rancangan ") + meta["jenis"]
        self.add("Judul", [(jenis.upper() + " ", None)] + runs_of(meta["nama_daerah"], upper=True),
                 "judul")
        self.add("Judul", runs_of(meta["nomor"], upper=True), "judul")
        self.add("Judul", _plain("TENTANG"), "judul")
        self.add("Judul", runs_of(node.content, upper=True), "judul")
        if meta.get("pembukaan"):           # a Keputusan opens with the jabatan only
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
                # the whole citation is marked: no second mark on a value inside it
                runs = [runs[0]] + [(t, VERIFIKASI if m in (None, UNCONFIRMED) else m)
                                    for t, m in runs[1:]]
                runs.append((VERIFY_NOTE, VERIFIKASI))
            self.add("Konsiderans", runs, item.id)

    def _bab(self, node: Node) -> None:
        self.add("BAB", _plain(node.label), node.id)
        heading = node.heading or ""
        self.add("BAB", _plain(heading if node.attrs.get("as_written") else heading.upper()),
                 node.id)
        self._children(node, 0)

    def _group(self, node: Node, word: str) -> None:
        self.add(word, _plain(f"{word} {node.num}"), node.id)
        heading = node.heading or ""
        self.add(word, _plain(heading if node.attrs.get("as_written") else
                              bahasa.title_words(heading)), node.id)
        self._children(node, 0)

    def _children(self, node: Node, depth: int, rincian: str = "Rincian") -> None:
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
                self.add(f"{rincian} {depth + 1}", [(f"{child.num}\t", None)]
                         + runs_of(child.content) + [(child.suffix, None)], child.id)
                self._children(child, depth + 1, rincian)
            elif child.kind == "kutipan":
                self._kutipan(child)
            elif child.kind == "daftar":      # an amending Pasal I's earlier amendments
                for item in child.children:
                    self.add(f"{rincian} {depth + 1}", [(f"{item.num}\t", None)]
                             + runs_of(item.content) + [(item.suffix, None)], item.id)
            elif child.kind == "lanjutan":    # the words after them: "diubah sebagai ..."
                self.add("Isi Pasal", runs_of(child.content), child.id)

    def _kutipan(self, node: Node) -> None:
        """The units an amending regulation quotes in full, numbered as amended, set in
        under the words of the point that quotes them."""
        first = len(self.blocks)
        for unit in node.children:
            if unit.kind == "bab":
                self._bab(unit)
            elif unit.kind in ("bagian", "paragraf"):
                self._group(unit, unit.kind.capitalize())
            elif unit.kind == "pasal":
                self._pasal(unit)
        for block in self.blocks[first:]:
            block.indent_cm += QUOTE_INDENT_CM

    def _pasal(self, node: Node) -> None:
        self.add("Pasal", _plain(node.label), node.id)
        if node.content:
            self.add("Isi Pasal", runs_of(node.content) + [(node.suffix, None)], node.id)
        self._children(node, 0)

    def _diktum(self, node: Node) -> None:
        """KESATU<tab>:<tab>text, its list indented under the text."""
        self.add("Diktum Butir", [(f"{node.num}\t:\t", None)] + runs_of(node.content)
                 + [(node.suffix, None)], node.id)
        self._children(node, 0, "Rincian Diktum")

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
            self._signature(style, block)
        if node.attrs.get("berita_daerah"):
            self.add("Berita Daerah", runs_of(node.attrs["berita_daerah"], upper=True))

    def _lampiran(self, node: Node) -> None:
        meta = self.doc.meta
        jenis = ("" if self.final or meta.get("enacted") else "Rancangan ") + meta["jenis"]
        nomor = node.attrs.get("nomor")
        self.add("Lampiran Awal", _plain(f"LAMPIRAN {nomor}" if nomor else "LAMPIRAN"), node.id)
        self.add("Lampiran Kepala", [(jenis.upper() + " ", None)]
                 + runs_of(meta["nama_daerah"], upper=True), node.id)
        self.add("Lampiran Kepala", runs_of(meta["nomor"], upper=True), node.id)
        self.add("Lampiran Kepala", _plain("TENTANG"), node.id)
        self.add("Lampiran Kepala", runs_of(self.doc.children[0].content, upper=True), node.id)
        self._lampiran_table(node)
        penutup = next((n for n in self.doc.children if n.kind == "penutup"), None)
        block = penutup.attrs.get("ditetapkan") if penutup else None
        if block:
            self._signature("Tanda Tangan", block)

    def _signature(self, style: str, block: dict) -> None:
        """JABATAN, then room to sign, then the name in capitals without titles."""
        self.add(style, runs_of(block.get("jabatan", []), upper=True) + [(",", None)])
        for _ in range(3):
            self.add(style, _plain(""))
        self.add(style, _upper_name(block.get("nama", [])))

    def _lampiran_table(self, node: Node) -> None:
        """The table of a Lampiran (or its tables, one per section under a heading); the
        view sizes the columns to their words."""
        if node.attrs.get("judul"):
            self.add("Lampiran Judul", runs_of(node.attrs["judul"], upper=True), node.id)
        if "sections" in node.attrs:
            for section in node.attrs["sections"]:
                if section.get("heading"):
                    self.add("Lampiran Bagian", runs_of(section["heading"], upper=True),
                             node.id)
                header = [_plain(h) for h in section["header"]]
                rows = [[runs_of(cell) for cell in row] for row in section["rows"]]
                self.blocks.append(Block("Tabel", node_id=node.id, table=Table(
                    [header, *rows], header=1,
                    align=section.get("align") or _alignments(rows))))
            if node.attrs.get("note"):
                self.add("Isi Pasal", runs_of(node.attrs["note"]), node.id)
            return
        if "header" not in node.attrs:
            # a Lampiran read from a text: its lines after the heading it had there (this
            # document's heading stands above it)
            lines = [line.strip() for line in node.text.splitlines() if line.strip()]
            head = next((i for i, line in enumerate(lines[:6]) if line.upper() == "TENTANG"),
                        None)
            if lines and lines[0].upper().startswith("LAMPIRAN") and head is not None:
                lines = lines[head + 2:]        # LAMPIRAN, jenis, NOMOR, TENTANG, title
            for line in lines:
                upper = not any(ch.islower() for ch in line)
                self.add("Lampiran Judul" if upper else "Isi Pasal", runs_of(line), node.id)
            return
        header = [_plain(h) for h in node.attrs["header"]]
        rows = [[runs_of(cell) for cell in row] for row in node.attrs["rows"]]
        total = [runs_of(cell) for cell in node.attrs["total"]]
        self.blocks.append(Block("Tabel", node_id=node.id, table=Table(
            [header, *rows, total], header=1, bold_last=True, align=_alignments(rows))))

    def _other(self, node: Node) -> None:
        if node.content:
            self.add("Isi Pasal", runs_of(node.content) + [(node.suffix, None)], node.id)


_NUMBER = re.compile(r"^(Rp ?)?\d[\d.]*(,\d+)?$")


def _alignments(rows: list[list[Runs]]) -> list[str]:
    """Numbers right-aligned, the running number centred; '...' of an open count is
    neither. A column is read until its first cell that is not a number."""
    out = []
    for c in range(max((len(r) for r in rows), default=0)):
        numbers = integers = 0
        for row in rows:
            text = "".join(t for t, _ in row[c]).strip() if c < len(row) else ""
            if not text or text == "...":
                continue
            if not _NUMBER.match(text):
                numbers = 0
                break
            numbers += 1
            integers += text.isdigit()
        if not numbers:
            out.append("left")
        else:
            out.append("center" if c == 0 and integers == numbers else "right")
    return out


class _AgreementLayout(_Layout):
    """An MoU or a PKS: parties in the title, the komparisi, Pasal with headings, and the
    signatures of PIHAK KESATU (left) and PIHAK KEDUA (right) side by side."""

    def layout(self) -> list[Block]:
        meta = self.doc.meta
        parties = meta["pihak"]
        judul = self.doc.children[0]
        self.add("Judul", _plain(meta["jenis"].upper()), "judul")
        for i, party in enumerate(parties):
            self.add("Judul", _plain("ANTARA" if i == 0 else "DAN"), "judul")
            self.add("Judul", runs_of(party.get("instansi", []), upper=True), "judul")
        for party in parties:
            self.add("Nomor", [("NOMOR: ", None)] + runs_of(party.get("nomor", [])), "judul")
        self.add("Judul", _plain("TENTANG"), "judul")
        self.add("Judul", runs_of(judul.content, upper=True), "judul")
        for node in self.doc.children[1:]:
            if node.kind == "pembuka":
                if node.content:
                    self.add("Pembuka", runs_of(node.content), node.id)
                for child in node.children:
                    if child.kind == "menimbang":
                        self.add("Rincian 1", [(f"{child.num}\t", None)] + runs_of(child.content)
                                 + [(child.suffix, None)], child.id)
                    else:
                        self.add("Pembuka", runs_of(child.content), child.id)
            elif node.kind == "komparisi":
                for child in node.children:
                    self.add("Komparisi", [(f"{child.num}\t", None)] + runs_of(child.content),
                             child.id)
            elif node.kind == "pasal":
                self.add("Pasal", _plain(node.label), node.id)
                if node.heading:
                    self.add("Judul Pasal", _plain(node.heading.upper()), node.id)
                if node.content:
                    self.add("Isi Pasal", runs_of(node.content) + [(node.suffix, None)], node.id)
                self._children(node, 0)
        self._signatures(parties)
        for node in self.doc.children:
            if node.kind == "lampiran":
                self._agreement_lampiran(node, parties)
        return self.blocks

    def _signatures(self, parties) -> None:
        """Each party's sebutan and jabatan, the room to sign (with the place of the meterai
        where the clause library names it), and the name."""
        blank = [_plain("") for _ in parties]
        meterai = self.doc.meta.get("meterai") or []
        room = [blank, [runs_of(meterai) for _ in parties], blank] if meterai else \
            [blank, blank, blank]
        rows = [blank, [_plain(f"{runs_text(p.get('sebutan', []))},") for p in parties],
                [runs_of(p.get("jabatan", []), upper=True) + [(",", None)] for p in parties],
                *room,
                [_upper_name(p.get("nama", [])) for p in parties]]
        self.blocks.append(Block("Tabel Tanda Tangan", node_id="tanda-tangan",
                                 table=Table(rows, grid=False, widths_cm=[8.0, 8.0],
                                             keep_together=True)))

    def _agreement_lampiran(self, node: Node, parties) -> None:
        self.add("Lampiran Awal", _plain(f"LAMPIRAN {self.doc.meta['jenis'].upper()}"), node.id)
        for party in parties:
            self.add("Lampiran Kepala", [("NOMOR: ", None)] + runs_of(party.get("nomor", [])),
                     node.id)
        self._lampiran_table(node)


class _KuasaLayout(_AgreementLayout):
    """A Surat Kuasa: SURAT KUASA and its number, the giver's and the receiver's lines
    ('Nama<tab>:<tab>...'), KHUSUS, the numbered paragraphs, the place and date on the
    right, and both signatures."""

    def layout(self) -> list[Block]:
        meta = self.doc.meta
        for node in self.doc.children:
            if node.kind == "judul":
                self.add("Judul", runs_of(node.content, upper=True), node.id)
                self.add("Nomor", runs_of(meta["nomor"], upper=True), node.id)
            elif node.kind == "identitas":
                for label, value in node.attrs["rows"]:
                    self.add("Identitas", runs_of(label) + [("\t:\t", None)] + runs_of(value),
                             node.id)
            elif node.kind == "khusus":
                self.add("Judul", runs_of(node.content, upper=True), node.id)
            elif node.kind == "butir":
                self.add("Butir", [(f"{node.num}\t", None)] + runs_of(node.content)
                         + [(node.suffix, None)], node.id)
                self._children(node, 0)
            elif node.content:
                self.add("Pembuka", runs_of(node.content), node.id)
        self.add("Tempat Tanggal", runs_of(meta["tempat"]))
        self.add("Tempat Tanggal", runs_of(meta["tanggal"]))
        self._signatures(meta["pihak"])
        return self.blocks


class _ConsolidatedLayout(_Layout):
    """A regulation read from a text and amended by `rancang consolidate`: its preamble,
    closing and Lampiran as the text has them, the batang tubuh as every other document
    lays it out, and after each unit an amendment changed its note (attrs['note'])."""

    def add(self, style: str, runs, node_id: str = "") -> None:
        if style.startswith("Rincian ") and style[8:].isdigit() and int(style[8:]) > 5:
            style = "Rincian 5"         # the deepest list the template has
        super().add(style, runs, node_id)

    def layout(self) -> list[Block]:
        for node in self.doc.children:
            getattr(self, f"_{node.kind}", self._other)(node)
        return self.blocks

    def _note(self, node: Node) -> None:
        note = node.attrs.get("note")
        if note:
            notes = note if isinstance(note, list) else [note]
            self.add("Isi Pasal", [(" ".join(f"[{n}]" for n in notes), CATATAN)], node.id)

    def _lines(self, style: str, node: Node) -> None:
        for line in node.text.split("\n"):
            if line.strip():
                self.add(style, _plain(" ".join(line.split())), node.id)
        self._note(node)

    def _judul(self, node: Node) -> None:
        if self.doc.meta.get("consolidation_note"):
            self.add("Isi Pasal", [(f"[{self.doc.meta['consolidation_note']}]", CATATAN)])
        self.add("Judul", _plain(node.text), node.id)

    def _dasar_hukum(self, node: Node) -> None:
        self._konsiderans_items("Mengingat", node.children)

    def _diktum(self, node: Node) -> None:
        self.add("Diktum", _plain("MEMUTUSKAN:"))
        text = " ".join(node.text.split())
        if text:
            head, colon, rest = text.partition(":")
            self.add("Menetapkan", _plain(f"{head.strip()}\t:\t{rest.strip()}" if colon
                                          else text), node.id)

    def _bab(self, node: Node) -> None:
        self.add("BAB", _plain(f"BAB {node.num}"), node.id)
        if node.heading:
            self.add("BAB", _plain(node.heading), node.id)
        self._note(node)
        self._children(node, 0)

    def _group(self, node: Node, word: str) -> None:
        self.add(word, _plain(f"{word} {node.num}"), node.id)
        if node.heading:
            self.add(word, _plain(node.heading), node.id)
        self._children(node, 0)

    def _pasal(self, node: Node) -> None:
        self.add("Pasal", _plain(f"Pasal {node.num}"), node.id)
        text = " ".join(node.text.split())
        if text:
            self.add("Isi Pasal", _plain(text), node.id)
        self._children(node, 0)
        self._note(node)

    def _penutup(self, node: Node) -> None:
        self._lines("Penutup", node)

    def _lampiran(self, node: Node) -> None:
        self._lines("Isi Pasal", node)

    def _other(self, node: Node) -> None:
        self._lines("Isi Pasal", node)


def layout_consolidated(doc: Document) -> list[Block]:
    """The blocks of a consolidated regulation (composition/consolidation.py)."""
    # not a version to sign: a citation the base marked [perlu verifikasi] keeps the mark
    # (the title and the Lampiran are laid out as the text has them, without "Rancangan")
    return _ConsolidatedLayout(doc, final=False).layout()


def runs_text(pieces: list[Inline]) -> str:
    return "".join(t for t, _ in runs_of(pieces))


def layout(doc: Document, final: bool = False) -> list[Block]:
    if doc.doc_type in ("mou", "pks"):
        return _AgreementLayout(doc, final).layout()
    if doc.doc_type == "kuasa":
        return _KuasaLayout(doc, final).layout()
    return _Layout(doc, final).layout()
