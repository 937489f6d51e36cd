"""`rancang import`: an existing regulation becomes a clause library.

The parser reads it into the document tree; every unit gets a stable id; a reference
that the tool would word exactly as the source does ("sebagaimana dimaksud pada ayat
(1)") becomes an id reference, so it follows when units are inserted or moved; the
source regency's own names (the regency, its Bupati, its Berita Daerah) become
parameters. The library is marked `imported`: it carries the source's wording as
accepted — a list without a conjunction, punctuation the rules would write otherwise
(`end`), a list numbered with another marker (`numbering`), headings in their own case —
so that built back with the same regency it gives the same text. What the source copy
lost (an OCR'd heading) is an explicit blank, '...', refused by `--final`.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml

from rancang.errors import RancangError
from rancang.files import atomic_write_text, write_error
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.numbering import STYLE_LEVELS
from rancang.model.punctuation import expected_ends, list_conj, split_end, squash
from rancang.model.references import _phrase_groups, _relative, uses_pada
from rancang.model.tree import Document, Node
from rancang.sources.workspace import display_path

_REF = re.compile(r"\b(dalam|pada)\s+((?:Pasal\s+(\d+))?(?:\s*ayat\s+\((\d+)\))?"
                  r"(?:\s*huruf\s+([a-z]{1,2}))?(?:\s*angka\s+(\d+))?)(?=[\s,.;:)]|$)")
# what may not follow a reference we convert: another target, or another regulation
_NOT_AFTER = re.compile(r"^\s*(?:,\s*(?:Pasal|ayat|huruf|angka)|dan\s+(?:Pasal|ayat|huruf|angka)|"
                        r"atau\s+(?:Pasal|ayat|huruf|angka)|sampai\s+dengan|kecuali|"
                        r"Undang|Peraturan|UU|Kitab)")
LEVEL_MARKERS = {level: style for style, level in STYLE_LEVELS.items()}
BLANK = "..."          # a text or heading the source lost: a parameter to fill in


class _Str(str):
    """Text written as a YAML block scalar."""


def _str_presenter(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data),
                                   style=">" if len(data) > 70 else None)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Str, _str_presenter)


def _ids(doc: Document) -> None:
    for node in doc.walk():
        if node.kind == "bab":
            node.id = f"bab-{node.ordinal}"
        elif node.kind == "bagian":
            node.id = f"{node.parent.id}.bagian-{node.ordinal}"
        elif node.kind == "paragraf":
            node.id = f"{node.parent.id}.paragraf-{node.ordinal}"
        elif node.kind == "pasal":
            node.id = f"p{node.num}"
        elif node.kind == "ayat":
            node.id = f"{node.parent.id}.a{node.ordinal}"
        elif node.kind == "rincian":
            node.id = f"{node.parent.id}.{node.num.rstrip('.)')}"


def _find(pasal: Node | None, ayat: int | None, huruf: str | None, angka: int | None,
          citing: Node) -> Node | None:
    if pasal is None:
        return None
    node = pasal
    if ayat is not None:
        node = next((c for c in node.children if c.kind == "ayat" and c.ordinal == ayat), None)
    elif huruf is not None and citing.ancestor("ayat") is not None and \
            citing.ancestor("pasal") is pasal:
        node = citing.ancestor("ayat")     # 'dalam huruf a' inside the same ayat
    if node is None:
        return None
    if huruf is not None:
        idx = (ord(huruf[0]) - ord("a") + 1) + 26 * (len(huruf) - 1)
        node = next((c for c in node.children if c.kind == "rincian" and c.ordinal == idx), None)
    if node is not None and angka is not None:
        node = next((c for c in node.children if c.kind == "rincian" and c.ordinal == angka), None)
    return node


class _Importer:
    def __init__(self, doc: Document, regency_name: str | None, seat: str | None):
        self.doc = doc
        self.name = regency_name
        self.seat = seat
        self.pasal = {n.num: n for n in doc.walk() if n.kind == "pasal"}
        self.ends = expected_ends(doc)
        self.converted = 0
        self.literal = 0
        self.kept_as_written = 0
        self.blanks = 0

    # -- text ------------------------------------------------------------------------
    def params(self, text: str) -> str:
        text = re.sub(r"[{}]", lambda m: "{{ '" + m.group(0) + "' }}", text)  # literal braces
        if self.name:
            name = re.escape(self.name)
            text = re.sub(r"Kabupaten " + name + r"\b", "{{ kabupaten }}", text)
            text = re.sub(r"KABUPATEN " + re.escape(self.name.upper()) + r"\b",
                          "{{ kabupaten | upper }}", text)
            text = re.sub(r"(?<![\w{])" + name + r"\b", "{{ regency.name }}", text)
            text = re.sub(r"(?<![\w{])" + re.escape(self.name.upper()) + r"\b",
                          "{{ regency.name | upper }}", text)
        return text

    def refs(self, node: Node, text: str) -> str:
        """Replace each reference the tool words exactly as the source by ref()."""
        out, pos = [], 0
        own_pasal = node if node.kind == "pasal" else node.ancestor("pasal")
        for m in _REF.finditer(text):
            if not m.group(2).strip() or _NOT_AFTER.match(text[m.end():]):
                continue
            pasal = self.pasal.get(m.group(3)) if m.group(3) else own_pasal
            target = _find(pasal, int(m.group(4)) if m.group(4) else None, m.group(5),
                           int(m.group(6)) if m.group(6) else None, node)
            if target is None or node.is_within(target):
                self.literal += 1
                continue
            rel = _relative(target, node, 0)
            words = bahasa.reference_phrase(_phrase_groups([rel]), uses_pada(rel))
            if re.sub(r"\s+", " ", m.group(0)) != words:
                self.literal += 1
                continue
            out.append(text[pos:m.start()])
            out.append(f"{{{{ ref('{target.id}') }}}}")
            pos = m.end()
            self.converted += 1
        out.append(text[pos:])
        return "".join(out)

    def text_and_end(self, node: Node) -> tuple[str, str | None]:
        """The unit's words for the library, and its closing punctuation where that is
        not what the engine writes at its place (None: the engine's own)."""
        text = squash(node.text)
        core, _mark = split_end(text)
        written = text[len(core):]
        expected = self.ends.get(id(node), ";" if node.kind == "menimbang" else "")
        end = written if written != expected else None
        if end is not None:
            self.kept_as_written += 1
        return self.refs(node, self.params(core)), end

    # -- units ---------------------------------------------------------------------------
    def rincian_block(self, node: Node, level: int) -> dict | None:
        """The list `node` opens; `level` is the one the engine numbers it at."""
        listed = [c for c in node.children if c.kind == "rincian"]
        if not listed:
            return None
        block: dict = {}
        conj = list_conj(node)
        if conj is not None and conj != "dan":
            block["join"] = conj or "none"
        style = listed[0].attrs.get("marker") or LEVEL_MARKERS.get(level)
        if listed[0].style == "definisi":
            block["numbering"] = "angka"
            below = level + 1
        elif style != LEVEL_MARKERS.get(level):
            block["numbering"] = style
            below = STYLE_LEVELS[style] + 1
        else:
            below = level + 1
        block["items"] = [self.unit(c, "item", below) for c in listed]
        return block

    def unit(self, node: Node, kind: str, level: int = 1) -> dict:
        out: dict = {"id": node.id}
        if kind in ("bab", "bagian", "paragraf"):
            heading = node.heading or BLANK
            if heading == BLANK:
                self.blanks += 1
            out["heading"] = self.params(heading)
            # Pasal, then the Bagian (Paragraf) the group is divided into: in that order
            for sub in ("pasal", "bagian", "paragraf"):
                units = [self.unit(c, c.kind) for c in node.children if c.kind == sub]
                if units:
                    out[sub] = units
            return out
        if node.attrs.get("lost"):
            self.blanks += 1
            out["text"] = BLANK
            out["end"] = ""
            return out
        ayats = [c for c in node.children if c.kind == "ayat"]
        if ayats:
            out["ayat"] = [self.unit(a, "ayat") for a in ayats]
            return out
        text, end = self.text_and_end(node)
        out["text"] = _Str(text) if text else ""
        if end is not None:
            out["end"] = end
        block = self.rincian_block(node, level)
        if block:
            out["rincian"] = block
        return out


def detect_regency(doc: Document) -> tuple[str | None, str | None]:
    judul = " ".join(str(p) for p in doc.children[0].content) if doc.children else ""
    m = re.search(r"PERATURAN\s+BUPATI\s+([A-Z][A-Z ]+?)\s+NOMOR", judul)
    name = bahasa.title_words(m.group(1).lower()) if m else None
    seat = None
    for node in doc.children:
        if node.kind == "penutup":
            s = re.search(r"Ditetapkan di ([A-Z][\w ]+?) pada tanggal", node.text)
            seat = s.group(1).strip() if s else None
    return name, seat


def _jenis(judul: str) -> tuple[str, str]:
    for jenis, verb in (("Peraturan Bupati", "menetapkan"), ("Peraturan Pemerintah", "menetapkan"),
                        ("Peraturan Presiden", "menetapkan"), ("Peraturan Daerah", "membentuk"),
                        ("Undang-Undang", "membentuk")):
        if jenis.upper() in judul.upper()[:120]:
            return jenis, verb
    return "Peraturan Bupati", "menetapkan"


def import_regulation(doc: Document, name: str, regency_name: str | None = None) -> tuple[dict[str, str], dict]:
    """The files of a clause library (name -> YAML text) and what was done."""
    detected, seat = detect_regency(doc)
    regency_name = regency_name or detected
    doc.link_parents()            # the parser numbered every unit as the source does
    _ids(doc)
    imp = _Importer(doc, regency_name, seat)
    judul_text = " ".join(str(p) for p in doc.children[0].content) if doc.children else ""
    jenis, verb = _jenis(judul_text)
    topic = re.split(r"\bTENTANG\b", judul_text, flags=re.I)[-1].strip() or name
    document: dict = {"imported": name,
                      "jenis": jenis, "judul": bahasa.title_words(topic.lower()),
                      "menimbang_verb": verb,
                      "kop": ["Bupati {{ regency.name }}", "Provinsi {{ regency.province }}"],
                      "nama_daerah": "{{ regency.name }}",
                      "nomor": "Nomor {{ regency.perbup.number }} Tahun {{ regency.perbup.year }}",
                      "pembukaan": "Dengan Rahmat Tuhan Yang Maha Esa",
                      "jabatan": "Bupati {{ regency.name }}"}
    pasal_nodes = [n for n in doc.walk() if n.kind == "pasal"]
    if pasal_nodes and not pasal_nodes[0].num.isdigit():
        document["pasal_numbering"] = "romawi"     # an amending regulation: Pasal I, II
    menimbang = [n for n in doc.walk() if n.kind == "menimbang"]
    # a closing item follows two or more considerations (L-II 23)
    closing = bahasa.menimbang_closing(
        len(menimbang) - 1, f"{jenis} tentang {document['judul']}", verb) \
        if len(menimbang) > 2 else ""
    if menimbang and len(menimbang) > 1 and squash(menimbang[-1].text) == closing:
        menimbang = menimbang[:-1]           # the closing item is generated again
    else:
        document["menimbang_penutup"] = False   # kept as the source words it
    document["menimbang"] = []
    for i, n in enumerate(menimbang, 1):
        text, end = imp.text_and_end(n)
        entry = {"id": f"menimbang.{i}", "text": _Str(text)}
        if end is not None:
            entry["end"] = end
        document["menimbang"].append(entry)
    document["mengingat"] = []
    for n in doc.walk():
        if n.kind == "mengingat":
            text = squash(n.text)
            core = text.rstrip(" ;")
            entry = {"text": _Str(imp.params(core))}
            if text[len(core):] != ";":
                entry["end"] = text[len(core):]
            document["mengingat"].append(entry)
    files: dict[str, str] = {}
    babs = [n for n in doc.children if n.kind == "bab"]
    if babs:
        document["batang_tubuh"] = []
        for bab in babs:
            stem = f"bab-{bahasa.roman(bab.ordinal).lower()}"
            files[f"{stem}.yaml"] = _dump({"bab": imp.unit(bab, "bab")})
            document["batang_tubuh"].append(stem)
    else:
        document["pasal"] = [imp.unit(n, "pasal") for n in doc.children if n.kind == "pasal"]
    penutup = next((n for n in doc.children if n.kind == "penutup"), None)
    formula = re.search(r"Agar setiap orang mengetahuinya.*?\.(?=\s|$)", penutup.text) \
        if penutup else None
    document["penutup"] = {
        # the source's formula; a copy without one gets none (the report says so)
        "pengundangan": _Str(imp.params(formula.group(0))) if formula else "",
        "ditetapkan": {"tempat": "{{ regency.seat }}",
                       "tanggal": "{{ tanggal(regency.perbup.ditetapkan) }}",
                       "jabatan": "Bupati {{ regency.name }}",
                       "nama": "{{ regency.officials.bupati }}"},
        "diundangkan": {"tempat": "{{ regency.seat }}",
                        "tanggal": "{{ tanggal(regency.perbup.diundangkan) }}",
                        "jabatan": "Sekretaris Daerah {{ kabupaten }}",
                        "nama": "{{ regency.officials.sekretaris_daerah }}"},
        "berita_daerah": "Berita Daerah {{ kabupaten }} Tahun {{ regency.perbup.year }} "
                         "Nomor {{ regency.perbup.berita_daerah }}",
    }
    lampiran = next((n for n in doc.children if n.kind == "lampiran"), None)
    if lampiran is not None and "RINCIAN PEMBIAYAAN IURAN" in lampiran.text.upper():
        # rancang's own financing table: computed again from the regency file
        document["lampiran"] = {"judul": _Str(
            "Rincian Pembiayaan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Tahun "
            "Anggaran {{ biaya.year }}"),
            # the table's words, as rancang's own clause libraries write them
            "kolom": {"no": "No.", "opd": "Perangkat Daerah", "kelompok": "Kelompok Pekerja",
                      "pekerja": "Jumlah Pekerja (orang)",
                      "iuran": "Iuran per Orang per Bulan", "bulan": "Jumlah Bulan",
                      "biaya": "Jumlah Biaya"},
            "jumlah": "JUMLAH"}
        lampiran = None
    # a comment of the file, in both languages as `rancang init` writes them
    header = (f"# Diimpor dengan `rancang import` dari {name}. Setiap unit memakai id dari\n"
              "# nomornya dalam sumber (p5.a2 = Pasal 5 ayat (2)); ubah dengan bebas, nomor\n"
              "# dihitung ulang. '...' adalah bagian yang hilang dari salinan sumber: isilah\n"
              "# (--final menolaknya selama masih kosong).\n"
              f"# Imported by `rancang import` from {name}. Units keep ids of their source\n"
              "# numbers (p5.a2 = Pasal 5 ayat (2)); edit freely, the numbers are computed.\n"
              "# '...' is what the source copy lost: fill it in (--final refuses it open).\n")
    files["document.yaml"] = header + _dump(document)
    report = {"regency_name": regency_name, "references_converted": imp.converted,
              "references_kept_literal": imp.literal,
              "lampiran_not_imported": lampiran is not None,
              "penjelasan_not_imported": any(n.kind == "penjelasan" for n in doc.children),
              "no_closing_formula": formula is None,
              "kept_as_written": imp.kept_as_written, "blanks": imp.blanks,
              "pasal": len(pasal_nodes)}
    return files, report


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=90)


def write_library(files: dict[str, str], out_dir: Path, force: bool = False) -> None:
    """Write the library's files: into a new folder as a whole (staged beside it, then
    renamed), or file by file over a folder that --force lets be replaced."""
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise RancangError(_("{folder} is not empty; choose another folder or use --force "
                             "to replace its files").format(folder=display_path(out_dir)))
    if out_dir.exists():
        for name, text in files.items():
            atomic_write_text(out_dir / name, text)
        return
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, out_dir, out_dir.parent) from None
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
