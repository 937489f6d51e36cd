"""Views of a comparison: terminal text, one HTML page, the new version as a DOCX with
real Word tracked changes on the Perbup template's styles, and the Daftar Inventarisasi
Masalah / matriks harmonisasi reviewers use (No | Rumusan Lama | Rumusan Baru |
Keterangan): one row per changed unit, the renumbering summarised in one row."""
from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from rancang.compare.diff import Change, Comparison
from rancang.compare.units import full_text, heading_text, squash
from rancang.files import atomic_write
from rancang.i18n import N_, _
from rancang.model.tree import Document, Node

# the words of the text view, as the summary of `rancang diff` says them (cli.DIFF_OPS)
OPS = {"inserted": N_("inserted"), "deleted": N_("deleted"), "modified": N_("modified"),
       "moved": N_("moved"), "renumbered": N_("renumbered")}
ASPECTS = {"order": N_("order"), "group": N_("place"), "text": N_("text"),
           "heading": N_("heading"), "conjunction": N_("conjunction")}


def _word(table: dict, key: str) -> str:
    return _(table[key]) if key in table else key


KETERANGAN = {"same": "Tetap", "modified": "Diubah", "inserted": "Ditambah",
              "deleted": "Dihapus", "moved": "Dipindah", "renumbered": "Nomor berubah"}
ASPECT_KETERANGAN = {"heading": "judul diubah", "conjunction": "kata sambung rincian diubah",
                     "group": "dipindah ke {group}", "order": "dipindah"}
AUTHOR = "rancang"
CONTEXT_WORDS = 12          # unchanged words shown on each side of a change


# --- shared ------------------------------------------------------------------------------

def _abbreviate(words: list[tuple[str, str]], keep: int = CONTEXT_WORDS) -> list[tuple[str, str]]:
    """Long unchanged stretches cut to their ends: a one-word change in a long Pasal
    reads as that word in its sentence."""
    out = []
    for i, (op, text) in enumerate(words):
        parts = text.split()
        if op != "=" or len(parts) <= 2 * keep + 1:
            out.append((op, text))
            continue
        head = parts[:keep] if i else []
        tail = parts[-keep:] if i < len(words) - 1 else []
        out.append(("=", " ".join(head + ["…"] + tail)))
    return out


def _parts(label: str) -> tuple[str, str, int | None]:
    """'Pasal 17 ayat (3)' -> ('Pasal 17', 'ayat (3)', 3)."""
    m = re.match(r"(.*?)\s*((?:Pasal|ayat|huruf|angka|BAB|Bagian|Paragraf)\s+\(?(\w+)\)?\.?\)?)$",
                 label or "")
    if not m:
        return "", label, None
    raw = m.group(3)
    num = int(raw) if raw.isdigit() else (ord(raw[0]) - 96 if len(raw) == 1 and raw.islower()
                                         else None)
    return m.group(1), m.group(2), num


def renumbering_runs(changes: list[Change]) -> list[str]:
    """The renumbering in runs, as a drafter writes it: 'Pasal 3 sampai dengan Pasal 53
    menjadi Pasal 4 sampai dengan Pasal 54'."""
    runs: list[list[Change]] = []
    for ch in (c for c in changes if c.op == "renumbered"):
        if runs:
            last = runs[-1][-1]
            po, wo, no = _parts(last.old)
            pn, wn, nn = _parts(last.new)
            qo, xo, mo = _parts(ch.old)
            qn_, xn, mn = _parts(ch.new)
            if (ch.unit == last.unit and po == qo and pn == qn_ and None not in (no, nn, mo, mn)
                    and mo == no + 1 and mn == nn + 1):
                runs[-1].append(ch)
                continue
        runs.append([ch])
    out = []
    for run in runs:
        first, last = run[0], run[-1]
        if len(run) == 1:
            out.append(f"{first.old} menjadi {first.new}")
            continue
        joiner = " dan " if len(run) == 2 else " sampai dengan "
        out.append(f"{first.old}{joiner}{_parts(last.old)[1]} menjadi "
                   f"{first.new}{joiner}{_parts(last.new)[1]}")
    return out


def _where(ch: Change) -> str:
    if ch.op in ("moved", "renumbered") or (ch.op == "modified" and ch.old != ch.new):
        return f"{ch.old} -> {ch.new}"
    return ch.new or ch.old or ch.unit


# --- text ------------------------------------------------------------------------------

def render_text(cmp: Comparison, colour: bool = False) -> str:
    def c(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    lines = [", ".join(f"{n} {_word(OPS, op)}" for op, n in cmp.summary.items())]
    if not cmp.related:
        lines.append(_("no common structure: only {share:.0%} of the Pasal are alike — these "
                       "are two different regulations, not two versions of one; nothing was "
                       "compared word by word").format(share=cmp.alike))
        return "\n".join(lines) + "\n"
    for ch in cmp.changes:
        if ch.op == "renumbered":
            continue
        head = f"{_word(OPS, ch.op)} {ch.unit}: {_where(ch)}"
        if ch.aspect and ch.aspect not in ("text",):
            head += f" ({_word(ASPECTS, ch.aspect)}" + (
                f": {ch.old_group} -> {ch.new_group}" if ch.old_group else "") + ")"
        lines += ["", c("1", head)]
        if ch.op == "modified" and ch.words:
            parts = []
            for op, text in _abbreviate(ch.words):
                if op == "=":
                    parts.append(text)
                elif op == "-":
                    parts.append(c("31", f"[-{text}-]"))
                else:
                    parts.append(c("32", f"{{+{text}+}}"))
            lines.append("  " + " ".join(parts))
        elif ch.op == "inserted":
            lines.append("  " + c("32", ch.new_text or ""))
        elif ch.op == "deleted":
            lines.append("  " + c("31", ch.old_text or ""))
    runs = renumbering_runs(cmp.changes)
    if runs:
        lines += ["", c("1", _("renumbered:"))] + [f"  {run}" for run in runs]
    return "\n".join(lines) + "\n"


# --- html ------------------------------------------------------------------------------

_CSS = """
body{font-family:'Bookman Old Style','TeX Gyre Bonum',Georgia,serif;margin:0;display:flex}
nav{width:18rem;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f4f0;
padding:1rem;box-sizing:border-box;font-size:.9rem}
nav a{display:block;color:#222;text-decoration:none;padding:.15rem 0}
main{flex:1;padding:1rem 2rem}
table{border-collapse:collapse;width:100%}
td,th{vertical-align:top;border-bottom:1px solid #ddd;padding:.5rem;width:50%}
th{text-align:left;background:#eee}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.op{font-weight:bold;margin-top:1.5rem}.inserted{color:#060}.deleted{color:#900}
.moved,.renumbered{color:#036}.modified{color:#960}
.renum{margin:.1rem 0;color:#036;font-size:.95rem}
"""


def render_html(cmp: Comparison, old_name: str, new_name: str) -> str:
    """One page: every change with its words marked; a renumbered unit is one line."""
    e = html.escape
    nav, body = [], []
    if not cmp.related:
        body.append(f"<p class='op'>{e(render_text(cmp).splitlines()[1])}</p>")
    for i, ch in enumerate(cmp.changes if cmp.related else [], 1):
        label = ch.new or ch.old or ch.unit
        if ch.op == "renumbered":
            body.append(f'<p class="renum" id="c{i}">{e(ch.old)} → {e(ch.new)} '
                        f"({e(KETERANGAN['renumbered'].lower())})</p>")
            continue
        nav.append(f'<a href="#c{i}"><span class="{ch.op}">{e(_word(OPS, ch.op))}</span> '
                   f'{e(label)}</a>')
        if ch.op == "modified" and ch.words:
            words = _abbreviate(ch.words)
            old = " ".join(e(t) if op == "=" else f"<del>{e(t)}</del>"
                           for op, t in words if op != "+")
            new = " ".join(e(t) if op == "=" else f"<ins>{e(t)}</ins>"
                           for op, t in words if op != "-")
        else:
            old = f"<del>{e(ch.old_text or '')}</del>" if ch.op == "deleted" else e(ch.old_text or "")
            new = f"<ins>{e(ch.new_text or '')}</ins>" if ch.op == "inserted" else e(ch.new_text or "")
        note = f" — {e(ch.old_group)} → {e(ch.new_group)}" if ch.old_group else ""
        body.append(f'<div class="op {ch.op}" id="c{i}">{e(_word(OPS, ch.op))} {e(ch.unit)}: '
                    f'{e(ch.old or "—")} → {e(ch.new or "—")}{note}</div>'
                    f"<table><tr><td>{old}</td><td>{new}</td></tr></table>")
    summary = ", ".join(f"{n} {_word(OPS, op)}" for op, n in cmp.summary.items())
    return (f"<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
            f"<title>Perbandingan: {e(old_name)} → {e(new_name)}</title><style>{_CSS}</style>"
            f"</head><body><nav><strong>Perubahan</strong><p>{e(summary)}</p>{''.join(nav)}</nav>"
            f"<main><h1>Perbandingan</h1><table><tr><th>Rumusan lama: {e(old_name)}</th>"
            f"<th>Rumusan baru: {e(new_name)}</th></tr></table>{''.join(body)}</main></body></html>")


# --- the document as paragraphs -----------------------------------------------------------------

_TITLE = re.compile(r"(.*?)\s*\b(NOMOR\s+\S+\s+TAHUN\s+\S+)\s+(TENTANG)\s+(.*)", re.S)


def _title_lines(doc: Document, node: Node) -> list[str]:
    text = squash(node.text)
    if doc.doc_type != "parsed" and doc.meta:
        meta = doc.meta
        jenis = "".join(str(p) for p in [meta.get("jenis", "")])
        daerah = "".join(str(p) for p in meta.get("nama_daerah", []))
        nomor = "".join(str(p) for p in meta.get("nomor", []))
        return [f"{jenis} {daerah}".upper().strip(), nomor.upper(), "TENTANG", text.upper()]
    m = _TITLE.match(text)
    return [g for g in m.groups() if g] if m else [text]


def paragraphs(doc: Document) -> list[tuple[Node, str, str, str]]:
    """The document as it reads, paragraph by paragraph: (unit, style, number, words) —
    the number ('Pasal 5', '(2)\t', 'a.\t') apart, so a renumbering is a change of it
    alone; styles named as the Perbup template names them."""
    out: list[tuple[Node, str, str, str]] = []
    first = {"menimbang": True, "mengingat": True}
    for node in doc.walk():
        kind = node.kind
        if kind == "judul":
            out += [(node, "Judul", "", line) for line in _title_lines(doc, node)]
        elif kind in ("menimbang", "mengingat"):
            lead = f"{kind.capitalize()}\t:\t" if first[kind] else "\t\t"
            first[kind] = False
            out.append((node, "Konsiderans", f"{lead}{node.num}\t", squash(node.display)))
        elif kind in ("bab", "bagian", "paragraf"):
            word = {"bab": "BAB", "bagian": "Bagian", "paragraf": "Paragraf"}[kind]
            out.append((node, word, f"{word} {node.num}", ""))
            out.append((node, word, "", heading_text(node, doc)))
        elif kind == "pasal":
            out.append((node, "Pasal", node.label, ""))
            if squash(node.display):
                out.append((node, "Isi Pasal", "", squash(node.display)))
        elif kind == "ayat":
            out.append((node, "Ayat", f"{node.num}\t", squash(node.display)))
        elif kind == "rincian":
            depth = 0
            parent = node.parent
            while parent is not None and parent.kind == "rincian":
                depth, parent = depth + 1, parent.parent
            out.append((node, f"Rincian {min(depth + 1, 4)}", f"{node.num}\t",
                        squash(node.display)))
        elif kind == "diktum" and squash(node.text):
            out.append((node, "Menetapkan", "", squash(node.text)))
        elif kind == "penutup" and squash(node.text):
            out.append((node, "Penutup", "", squash(node.text)))
    return out


def plain_text(doc: Document) -> str:
    """The document's paragraphs as plain text, one a line: what Accept All (of the new)
    or Reject All (of the old) in the tracked-changes DOCX reads."""
    return "\n".join(number + words for _, _, number, words in paragraphs(doc)) + "\n"


# --- docx: tracked changes ---------------------------------------------------------------

class _Tracker:
    def __init__(self):
        self.next_id = 1
        self.date = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat() \
            .replace("+00:00", "Z")

    def _stamp(self, el) -> None:
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1

    def run(self, para, text: str, op: str) -> None:
        if not text:
            return
        if op == "=":
            para.add_run(text)
            return
        el = OxmlElement("w:ins" if op == "+" else "w:del")
        self._stamp(el)
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if op == "-" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        el.append(run)
        para._p.append(el)

    def paragraph_mark(self, para, op: str) -> None:
        """Mark the paragraph mark itself inserted or deleted, so that accepting (or
        rejecting) the change leaves no empty paragraph behind."""
        ppr = para._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        mark = OxmlElement("w:ins" if op == "+" else "w:del")
        self._stamp(mark)
        rpr.append(mark)


def _token_runs(old: str, new: str) -> list[tuple[str, str]]:
    """Old and new paragraph text as runs: equal words, deleted words, inserted words —
    the spaces between them kept so that either side reads exactly as written."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return _fix_spaces(out)


def _fix_spaces(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Put the separating space into each piece so that the old text (= and -) and the
    new text (= and +) both read with single spaces."""
    out: list[tuple[str, str]] = []
    seen_old = seen_new = False
    for op, text in pieces:
        if op == "=":
            if seen_old and seen_new:
                text = " " + text
            elif seen_old or seen_new:
                # one side already has words: the space goes into a tracked piece
                out.append(("-" if seen_old else "+", " "))
        elif (op == "-" and seen_old) or (op == "+" and seen_new):
            text = " " + text
        out.append((op, text))
        seen_old = seen_old or op in "=-"
        seen_new = seen_new or op in "=+"
    return out


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _blank_document(template: Path | None):
    if template is not None and Path(template).is_file():
        doc = WordDocument(str(template))
        _clear_body(doc)
        return doc, True
    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    doc.styles["Normal"].font.name = "Bookman Old Style"
    doc.styles["Normal"].font.size = Pt(12)
    return doc, False


def _merged(cmp: Comparison) -> list[tuple[tuple | None, tuple | None]]:
    """The paragraphs of both versions in one reading order: (old, new) pairs, None on
    the side that does not have it. A unit that moved is deleted where it was and
    inserted where it is."""
    moved_old = {id(c.old_node) for c in cmp.changes if c.op == "moved" and c.aspect == "order"}
    moved_new = {id(c.new_node) for c in cmp.changes if c.op == "moved" and c.aspect == "order"}

    def under(node, ids):
        while node is not None:
            if id(node) in ids:
                return True
            node = node.parent
        return False

    def partner(node, old_side):
        other = cmp.counterpart(node) if old_side else cmp.origin(node)
        if other is None or under(node, moved_old if old_side else moved_new):
            return None
        return other

    old_p, new_p = paragraphs(cmp.old), paragraphs(cmp.new)
    out = []
    i = j = 0
    while i < len(old_p) or j < len(new_p):
        if i < len(old_p) and partner(old_p[i][0], True) is None:
            out.append((old_p[i], None))
            i += 1
            continue
        if j < len(new_p) and partner(new_p[j][0], False) is None:
            out.append((None, new_p[j]))
            j += 1
            continue
        if i < len(old_p) and j < len(new_p) and partner(old_p[i][0], True) is new_p[j][0]:
            # the same unit: its paragraphs pair one by one (heading line, heading words)
            o_unit, n_unit = old_p[i][0], new_p[j][0]
            while i < len(old_p) and j < len(new_p) and old_p[i][0] is o_unit and \
                    new_p[j][0] is n_unit:
                out.append((old_p[i], new_p[j]))
                i, j = i + 1, j + 1
            while i < len(old_p) and old_p[i][0] is o_unit:
                out.append((old_p[i], None))
                i += 1
            while j < len(new_p) and new_p[j][0] is n_unit:
                out.append((None, new_p[j]))
                j += 1
            continue
        if i < len(old_p):          # pairs out of order: the old one as deleted
            out.append((old_p[i], None))
            i += 1
        else:
            out.append((None, new_p[j]))
            j += 1
    return out


def render_docx_tracked(cmp: Comparison, out: Path, template: Path | None = None) -> Path:
    """The new version, every difference from the old one a Word tracked change (w:ins /
    w:del, author and date) — renumbering and renumbered references too: Reject All
    gives the old text, Accept All the new. Paragraphs take the template's styles by
    name (Pasal, Ayat, Rincian 1 …)."""
    doc, styled = _blank_document(template)
    names = {s.name for s in doc.styles} if styled else set()
    track = _Tracker()
    for old, new in _merged(cmp):
        style = (new or old)[1]
        para = doc.add_paragraph(style=style if style in names else None)
        if not styled and style in ("Judul", "BAB", "Bagian", "Paragraf", "Pasal"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if old is None:
            track.run(para, new[2] + new[3], "+")
            track.paragraph_mark(para, "+")
        elif new is None:
            track.run(para, old[2] + old[3], "-")
            track.paragraph_mark(para, "-")
        else:
            if old[2] == new[2]:
                track.run(para, new[2], "=")
            else:                       # renumbered: the old number out, the new in
                track.run(para, old[2], "-")
                track.run(para, new[2], "+")
            if old[3] == new[3]:
                track.run(para, new[3], "=")
            else:
                for op, text in _token_runs(old[3], new[3]):
                    track.run(para, text, op)
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))


# --- docx: Daftar Inventarisasi Masalah --------------------------------------------------------

def _cell_text(cell, label: str | None, pieces: list[tuple[str, str]], mark: str) -> None:
    """A cell: the unit's full label in bold, then its words; `mark` is the op whose
    words are marked (struck through in Rumusan Lama, bold in Rumusan Baru)."""
    para = cell.paragraphs[0]
    if label:
        para.add_run(label).bold = True
    if not pieces:
        return
    para = cell.add_paragraph()
    for i, (op, text) in enumerate(pieces):
        run = para.add_run((" " if i else "") + text)
        if op == mark:
            if mark == "-":
                run.font.strike = True
            else:
                run.bold = True


def _numbered(node: Node | None) -> str:
    """A unit with the numbers of its sub-units, as the document shows it."""
    return full_text(node) if node is not None else ""


def render_matrix(cmp: Comparison, out: Path, old_name: str, new_name: str) -> Path:
    """The Daftar Inventarisasi Masalah: one row per changed unit with its full label,
    the changed words marked (struck in Rumusan Lama, bold in Rumusan Baru), and one row
    for all the renumbering."""
    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(330), Mm(215)      # F4 landscape
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    doc.styles["Normal"].font.name = "Bookman Old Style"
    doc.styles["Normal"].font.size = Pt(10)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("DAFTAR INVENTARISASI MASALAH").bold = True
    doc.add_paragraph(f"Rumusan lama: {old_name}\nRumusan baru: {new_name}")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for cell, head in zip(table.rows[0].cells, ("No", "Rumusan Lama", "Rumusan Baru",
                                                "Keterangan")):
        cell.paragraphs[0].add_run(head).bold = True
    number = 0
    if not cmp.related:
        row = table.add_row().cells
        row[0].text = "1"
        row[3].text = _("No common structure: two different regulations")
        return atomic_write(out, lambda tmp: doc.save(str(tmp)))
    for ch in cmp.changes:
        if ch.op == "renumbered":
            continue
        number += 1
        row = table.add_row().cells
        row[0].text = str(number)
        if ch.op == "modified" and ch.aspect == "conjunction":
            # the list itself, numbered, its conjunction marked where it stands
            words = _abbreviate(_token_runs(_numbered(ch.old_node), _numbered(ch.new_node)), 40)
            _cell_text(row[1], ch.old, [(op, t.strip()) for op, t in words if op != "+"], "-")
            _cell_text(row[2], ch.new, [(op, t.strip()) for op, t in words if op != "-"], "+")
        elif ch.op == "modified" and ch.words:
            words = _abbreviate(ch.words, keep=40)
            _cell_text(row[1], ch.old, [w for w in words if w[0] != "+"], "-")
            _cell_text(row[2], ch.new, [w for w in words if w[0] != "-"], "+")
        else:
            _cell_text(row[1], ch.old, [("-" if ch.op == "deleted" else "=",
                                         _numbered(ch.old_node))] if ch.old else [], "-")
            _cell_text(row[2], ch.new, [("+" if ch.op == "inserted" else "=",
                                         _numbered(ch.new_node))] if ch.new else [], "+")
        note = KETERANGAN[ch.op]
        if ch.aspect in ASPECT_KETERANGAN and ch.op in ("modified", "moved"):
            note += ": " + ASPECT_KETERANGAN[ch.aspect].format(group=ch.new_group or "")
        if ch.op == "modified" and ch.old != ch.new:
            note += f" ({ch.old} menjadi {ch.new})"
        row[3].text = note
    runs = renumbering_runs(cmp.changes)
    if runs:
        number += 1
        row = table.add_row().cells
        row[0].text = str(number)
        row[1].text = "\n".join(run.split(" menjadi ")[0] for run in runs)
        row[2].text = "\n".join(run.split(" menjadi ")[1] for run in runs)
        row[3].text = "Penomoran disesuaikan"
    widths = (1.2, 11.8, 11.8, 4.0)
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))
