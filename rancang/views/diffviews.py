"""Views of a comparison: terminal text, one HTML page side by side, the new version as
a DOCX with real Word tracked changes, and the comparison matrix Indonesian drafters use
(No | Rumusan Lama | Rumusan Baru | Keterangan)."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from rancang.compare.diff import Comparison, full_text
from rancang.files import atomic_write
from rancang.model.tree import Node

KETERANGAN = {"same": "Tetap", "modified": "Diubah", "inserted": "Ditambah",
              "deleted": "Dihapus", "moved": "Dipindah", "renumbered": "Nomor berubah"}
AUTHOR = "rancang"


# --- text ------------------------------------------------------------------------------

def render_text(cmp: Comparison, colour: bool = False) -> str:
    def c(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    summary = cmp.summary
    lines = [", ".join(f"{n} {op}" for op, n in summary.items())]
    for ch in cmp.changes:
        where = ch.new or ch.old
        if ch.op in ("moved", "renumbered"):
            where = f"{ch.old} -> {ch.new}"
        lines.append("")
        lines.append(c("1", f"{ch.op} {ch.unit}: {where}"))
        if ch.op == "modified" and ch.words:
            parts = []
            for op, text in ch.words:
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
"""


def render_html(cmp: Comparison, old_name: str, new_name: str) -> str:
    e = html.escape
    nav, body = [], []
    for i, ch in enumerate(cmp.changes, 1):
        label = ch.new or ch.old or ch.unit
        nav.append(f'<a href="#c{i}"><span class="{ch.op}">{e(ch.op)}</span> {e(label)}</a>')
        if ch.op == "modified" and ch.words:
            old = " ".join(e(t) if op == "=" else f"<del>{e(t)}</del>"
                           for op, t in ch.words if op != "+")
            new = " ".join(e(t) if op == "=" else f"<ins>{e(t)}</ins>"
                           for op, t in ch.words if op != "-")
        else:
            old = f"<del>{e(ch.old_text)}</del>" if ch.op == "deleted" else e(ch.old_text or "")
            new = f"<ins>{e(ch.new_text)}</ins>" if ch.op == "inserted" else e(ch.new_text or "")
        body.append(f'<div class="op {ch.op}" id="c{i}">{i}. {e(ch.op)} {e(ch.unit)}: '
                    f'{e(ch.old or "—")} → {e(ch.new or "—")}</div>'
                    f"<table><tr><td>{old}</td><td>{new}</td></tr></table>")
    summary = ", ".join(f"{n} {op}" for op, n in cmp.summary.items())
    return (f"<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
            f"<title>Perbandingan: {e(old_name)} → {e(new_name)}</title><style>{_CSS}</style>"
            f"</head><body><nav><strong>Perubahan</strong><p>{e(summary)}</p>{''.join(nav)}</nav>"
            f"<main><h1>Perbandingan</h1><table><tr><th>Rumusan lama: {e(old_name)}</th>"
            f"<th>Rumusan baru: {e(new_name)}</th></tr></table>{''.join(body)}</main></body></html>")


# --- docx: tracked changes ---------------------------------------------------------------

class _Tracker:
    def __init__(self):
        self.next_id = 1
        self.date = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat() \
            .replace("+00:00", "Z")

    def _mark(self, tag: str, text: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        el.append(run)
        return el

    def run(self, para, text: str, op: str) -> None:
        if op == "=":
            para.add_run(text)
        else:
            para._p.append(self._mark("w:ins" if op == "+" else "w:del", text))

    def whole_paragraph(self, para, op: str) -> None:
        """Mark the paragraph mark itself inserted or deleted, so accepting the change
        removes or keeps the whole paragraph."""
        ppr = para._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        mark = OxmlElement("w:ins" if op == "+" else "w:del")
        mark.set(qn("w:id"), str(self.next_id))
        mark.set(qn("w:author"), AUTHOR)
        mark.set(qn("w:date"), self.date)
        self.next_id += 1
        rpr.append(mark)


def _unit_lines(node: Node) -> list[tuple[str, Node]]:
    """The paragraphs of a unit as the document shows them."""
    out = []
    if node.kind in ("bab", "bagian", "paragraf"):
        out.append((node.label if node.kind == "bab" else f"{node.kind.capitalize()} {node.num}",
                    node))
        if node.heading:
            out.append((node.heading, node))
    elif node.kind == "pasal":
        out.append((node.label, node))
        if node.text:
            out.append((node.display, node))
    else:
        out.append(((node.num + " " if node.num else "") + node.display, node))
    return out


def render_docx_tracked(cmp: Comparison, out: Path) -> Path:
    """The new version, with every change as a Word tracked change (w:ins / w:del, author
    and date): a reviewer accepts or rejects each one in Word or LibreOffice."""
    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    doc.styles["Normal"].font.name = "Bookman Old Style"
    doc.styles["Normal"].font.size = Pt(12)
    track = _Tracker()
    modified = {c.new: c for c in cmp.changes if c.op == "modified" and c.new}
    deleted_after: dict[str | None, list] = {}
    last_new = None
    # deleted units stand where they were: after the unit before them in the new version
    for o, n, how in cmp.pairs:
        if n is not None:
            last_new = n.label
        elif how == "deleted":
            deleted_after.setdefault(last_new, []).append(o)
    inserted = {n.label for o, n, how in cmp.pairs if how == "inserted" and n is not None}

    def emit_deleted(label):
        for o in deleted_after.get(label, []):
            for node in o.walk():
                for text, _ in _unit_lines(node):
                    para = doc.add_paragraph()
                    track.run(para, text, "-")
                    track.whole_paragraph(para, "-")

    emit_deleted(None)
    for node in cmp.new.walk():
        if node.kind in ("document",):
            continue
        if node.kind in ("judul", "penutup", "lampiran", "penjelasan", "diktum") and node.content:
            para = doc.add_paragraph(node.display)
            if node.kind == "judul":
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        if node.kind not in ("bab", "bagian", "paragraf", "pasal", "ayat", "rincian",
                             "menimbang", "mengingat"):
            continue
        pasal = node if node.kind == "pasal" else node.ancestor("pasal")
        whole_new = pasal is not None and pasal.label in inserted
        for text, unit in _unit_lines(node):
            para = doc.add_paragraph()
            change = modified.get(unit.label)
            if whole_new:
                track.run(para, text, "+")
                track.whole_paragraph(para, "+")
            elif change and change.words and text.endswith(unit.display) and unit.display:
                prefix = text[:len(text) - len(unit.display)]
                if prefix:
                    para.add_run(prefix)
                for i, (op, words) in enumerate(change.words):
                    track.run(para, (" " if i else "") + words, op)
            else:
                if node.kind in ("bab", "bagian", "paragraf", "pasal") and text == unit.label:
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                para.add_run(text)
        if node.kind == "pasal":
            emit_deleted(node.label)
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))


# --- docx: the comparison matrix -------------------------------------------------------------

def render_matrix(cmp: Comparison, out: Path, old_name: str, new_name: str) -> Path:
    """The table drafters use to show a revision: every Pasal, old wording beside new,
    and what happened to it."""
    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(330), Mm(215)      # F4 landscape
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    doc.styles["Normal"].font.name = "Bookman Old Style"
    doc.styles["Normal"].font.size = Pt(10)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("MATRIKS PERBANDINGAN").bold = True
    doc.add_paragraph(f"Rumusan lama: {old_name}\nRumusan baru: {new_name}")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("No", "Rumusan Lama", "Rumusan Baru",
                                                "Keterangan")):
        cell.paragraphs[0].add_run(head).bold = True
    status = {}
    for ch in cmp.changes:
        key = ch.new or ch.old
        if ch.unit == "pasal" or key not in status:
            status.setdefault(key, ch.op)
    for i, (o, n, how) in enumerate(cmp.pairs, 1):
        if how in ("same", "similar"):
            pasal_changes = [c for c in cmp.changes
                             if (c.new or "").startswith(n.label + " ") or c.new == n.label]
            ops = {c.op for c in pasal_changes}
            if not ops:
                how = "renumbered" if o.num != n.num else "same"
            elif ops <= {"renumbered"}:
                how = "renumbered"
            else:
                how = "modified"
        row = table.add_row().cells
        row[0].text = str(i)
        row[1].text = f"{o.label}\n{full_text(o)}" if o is not None else ""
        row[2].text = f"{n.label}\n{full_text(n)}" if n is not None else ""
        row[3].text = KETERANGAN[how]
    for row in table.rows:
        for cell, width in zip(row.cells, (1.2, 12.5, 12.5, 3.0)):
            cell.width = Cm(width)
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))
