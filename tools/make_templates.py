"""Writes the starting Word templates (templates/<doc>/<doc>.docx).

Run once by the developers; afterwards the .docx files are data that staff restyle in
Word (page setup, fonts, indents) without touching code. The template holds one loop
over the layout blocks and one paragraph per style; the style of that paragraph is the
style of every block of its kind. Re-running overwrites staff edits: don't, once a bureau
has restyled its template.

    python tools/make_templates.py [perbup] [mou] [pks]
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
FONT = "Bookman Old Style"

CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY

# The units of a Pasal, and the Lampiran, look alike in every document.
BODY_STYLES = {
    "Isi Pasal":     (JUSTIFY, False, 0, 0, [], 0, 0, False),
    "Ayat":          (JUSTIFY, False, 1.0, -1.0, [1.0], 0, 0, False),
    "Rincian 1":     (JUSTIFY, False, 1.0, -1.0, [1.0], 0, 0, False),
    "Rincian 2":     (JUSTIFY, False, 2.0, -1.0, [2.0], 0, 0, False),
    "Rincian 3":     (JUSTIFY, False, 3.0, -1.0, [3.0], 0, 0, False),
    "Rincian 4":     (JUSTIFY, False, 4.0, -1.0, [4.0], 0, 0, False),
    "Rincian 5":     (JUSTIFY, False, 5.0, -1.0, [5.0], 0, 0, False),
}
LAMPIRAN_STYLES = {
    "Lampiran Awal": (LEFT, False, 8.5, 0, [], 0, 0, True),
    "Lampiran Kepala": (LEFT, False, 8.5, 0, [], 0, 0, True),
    "Lampiran Judul": (CENTER, True, 0, 0, [], 18, 12, True),
    "Tabel":         (LEFT, False, 0, 0, [], 0, 12, False),
}

# style name: (alignment, bold, left indent cm, first-line indent cm, tab stops cm,
#              space before pt, space after pt, keep with next)
PERBUP_STYLES = {
    "Kop":           (CENTER, True, 0, 0, [], 0, 0, True),
    "Judul":         (CENTER, True, 0, 0, [], 24, 0, True),
    "Pembukaan":     (CENTER, True, 0, 0, [], 12, 0, True),
    "Konsiderans":   (JUSTIFY, False, 4.5, -4.5, [3.0, 3.5, 4.5], 6, 0, False),
    "Diktum":        (CENTER, True, 0, 0, [], 12, 6, True),
    "Menetapkan":    (JUSTIFY, False, 3.5, -3.5, [3.0, 3.5], 0, 0, False),
    "BAB":           (CENTER, True, 0, 0, [], 0, 0, True),
    "Bagian":        (CENTER, True, 0, 0, [], 0, 0, True),
    "Paragraf":      (CENTER, True, 0, 0, [], 0, 0, True),
    "Pasal":         (CENTER, False, 0, 0, [], 12, 0, True),
    **BODY_STYLES,
    "Penutup":       (JUSTIFY, False, 0, 1.0, [], 12, 12, False),
    "Tanda Tangan":  (LEFT, False, 8.5, 0, [], 0, 0, True),
    "Pengundangan":  (LEFT, False, 0, 0, [], 0, 0, True),
    "Berita Daerah": (LEFT, True, 0, 0, [], 12, 0, False),
    **LAMPIRAN_STYLES,
}

AGREEMENT_STYLES = {
    "Judul":         (CENTER, True, 0, 0, [], 0, 0, True),
    "Nomor":         (CENTER, False, 0, 0, [], 0, 0, True),
    "Pembuka":       (JUSTIFY, False, 0, 0, [], 12, 6, False),
    "Komparisi":     (JUSTIFY, False, 1.0, -1.0, [1.0], 0, 6, False),
    "Pasal":         (CENTER, True, 0, 0, [], 12, 0, True),
    "Judul Pasal":   (CENTER, True, 0, 0, [], 0, 6, True),
    **BODY_STYLES,
    "Tabel Tanda Tangan": (CENTER, False, 0, 0, [], 24, 0, False),
    **LAMPIRAN_STYLES,
}
PAGE_BREAK_BEFORE = {"Lampiran Awal"}
TABLE_STYLES = {"Tabel", "Tabel Tanda Tangan"}


CONTEXTUAL = {"Judul"}


def _set_font(style, size=12, bold=None):
    style.font.name = FONT
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "id-ID")


def _page_setup(doc, top_cm=8.0):
    """F4 (215 x 330 mm); margins per L-II 284a: top 8 cm to the first line of text,
    bottom, left and right 2.5 cm. Single spacing. Agreements are not bound by L-II and
    take 2.5 cm at the top too."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.top_margin, section.bottom_margin = Cm(top_cm), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(1.25)
    return section


def _page_number_header(section):
    """'- 2 -' centred at the top from page 2; page 1 carries none."""
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = CENTER
    para.add_run("- ")
    run = para.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    para.add_run(" -")
    for r in para.runs:
        r.font.name = FONT
        r.font.size = Pt(12)


def _styles(doc, spec: dict):
    normal = doc.styles["Normal"]
    _set_font(normal)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.widow_control = True
    for name, (align, bold, left, first, tabs, before, after, keep) in spec.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _set_font(style, bold=bold)
        f = style.paragraph_format
        f.alignment = align
        f.left_indent = Cm(left)
        f.first_line_indent = Cm(first)
        f.space_before, f.space_after = Pt(before), Pt(after)
        f.keep_with_next = keep
        f.page_break_before = name in PAGE_BREAK_BEFORE
        f.line_spacing = 1.0
        for pos in tabs:
            f.tab_stops.add_tab_stop(Cm(pos), WD_TAB_ALIGNMENT.LEFT)
        if name in CONTEXTUAL:
            # Space before the first of a run of such paragraphs only.
            style.element.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))
    for name, italic in (("Isian", False), ("Verifikasi", True)):
        # Yellow highlight (Word) and the same colour as shading (LibreOffice does not
        # show a character style's highlight).
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.highlight_color = WD_COLOR_INDEX.YELLOW
        style.font.italic = italic
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "FFFF00")
        style.element.get_or_add_rPr().append(shd)


def make(path: Path, spec: dict, top_cm: float) -> None:
    doc = Document()
    section = _page_setup(doc, top_cm)
    _page_number_header(section)
    _styles(doc, spec)
    doc.add_paragraph("{%p for b in blocks %}")
    doc.add_paragraph("{%p set style = b.style %}")
    for i, name in enumerate(spec):
        doc.add_paragraph(("{%p if" if i == 0 else "{%p elif") + f" style == '{name}' %}}")
        if name in TABLE_STYLES:
            doc.add_paragraph("{{p b.sub }}", style=name)
        else:
            doc.add_paragraph("{{r b.rich }}", style=name)
    # A block whose style has no paragraph above stops the build with a clear error
    # instead of vanishing from the document.
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ b.no_template_paragraph_for_this_style }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    props = doc.core_properties
    props.title = "{{ title }}"
    props.subject = "{{ subject }}"
    props.author = "rancang"
    props.language = "id-ID"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


TEMPLATES = {"perbup": (PERBUP_STYLES, 8.0), "mou": (AGREEMENT_STYLES, 2.5),
             "pks": (AGREEMENT_STYLES, 2.5)}


if __name__ == "__main__":
    for name in sys.argv[1:] or list(TEMPLATES):
        spec, top = TEMPLATES[name]
        make(ROOT / "templates" / name / f"{name}.docx", spec, top)
        print(f"wrote templates/{name}/{name}.docx")
