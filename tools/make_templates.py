"""Writes the starting Word templates (templates/<doc>/<doc>.docx).

Run once by the developers; afterwards the .docx files are data that staff restyle in
Word (page setup, fonts, indents) without touching code. The template holds one loop
over the layout blocks and one paragraph per style; the style of that paragraph is the
style of every block of its kind. Re-running overwrites staff edits: don't, once a bureau
has restyled its template.

    python tools/make_templates.py [perbup] [mou] [pks] [keputusan] [kuasa]
"""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
FONT = "Bookman Old Style"

CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

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
    "Tabel":         (LEFT, False, 0, 0, [], 0, 0, False),
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
    "BAB":           (CENTER, True, 0, 0, [], 24, 0, True),
    "Bagian":        (CENTER, True, 0, 0, [], 12, 0, True),
    "Paragraf":      (CENTER, True, 0, 0, [], 12, 0, True),
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
# A Keputusan Bupati: the Perbup's page and styles, the diktum (KESATU<tab>:<tab>text under
# Menetapkan's tabs) and its lists indented under the diktum's text, a heading per OPD in
# the Lampiran.
KEPUTUSAN_STYLES = {
    **{k: v for k, v in PERBUP_STYLES.items()
       if k not in ("BAB", "Bagian", "Paragraf", "Pasal", "Pengundangan", "Berita Daerah")},
    "Diktum Butir":  (JUSTIFY, False, 3.5, -3.5, [3.0, 3.5], 6, 0, False),
    "Rincian Diktum 1": (JUSTIFY, False, 4.5, -1.0, [4.5], 0, 0, False),
    "Rincian Diktum 2": (JUSTIFY, False, 5.5, -1.0, [5.5], 0, 0, False),
    "Rincian Diktum 3": (JUSTIFY, False, 6.5, -1.0, [6.5], 0, 0, False),
    "Lampiran Bagian": (LEFT, True, 0, 0, [], 12, 6, True),
}
# A Surat Kuasa: the agreement's styles, the 'Nama<tab>:<tab>...' lines, numbered
# paragraphs, the place and date on the right.
KUASA_STYLES = {
    "Judul":         (CENTER, True, 0, 0, [], 12, 0, True),
    "Nomor":         (CENTER, False, 0, 0, [], 0, 12, True),
    "Pembuka":       (JUSTIFY, False, 0, 0, [], 6, 6, False),
    "Identitas":     (LEFT, False, 4.5, -3.5, [4.0, 4.5], 0, 0, False),
    "Butir":         (JUSTIFY, False, 1.0, -1.0, [1.0], 0, 6, False),
    **BODY_STYLES,
    "Tempat Tanggal": (LEFT, False, 9.5, 0, [], 0, 0, True),
    "Tabel Tanda Tangan": (CENTER, False, 0, 0, [], 12, 0, False),
}
PAGE_BREAK_BEFORE = {"Lampiran Awal"}
TABLE_STYLES = {"Tabel", "Tabel Tanda Tangan"}
SPACE_AFTER_TABLE = {"Tabel"}


# The two lines of a BAB, Bagian or Paragraf heading, and of the title, take the space
# before the first line only.
CONTEXTUAL = {"Judul", "BAB", "Bagian", "Paragraf"}
# Paragraph styles of table cells (not blocks: the DOCX view applies them).
CELL_STYLES = {"Isi Tabel": (LEFT, False), "Kepala Tabel": (CENTER, True)}
TABLE_FONT_PT = 10
FIRST_PAGE_SPACER = "Jarak Halaman Pertama"


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


def _page_setup(doc, top_cm: float):
    """F4 (215 x 330 mm); bottom, left and right margins 2.5 cm (L-II 284a); single
    spacing. `top_cm` is the ordinary top margin, below the page number; the 8 cm to the
    first line of page 1 is the first-page spacer's (see `make`)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.top_margin, section.bottom_margin = Cm(top_cm), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(1.25)
    return section


def _page_number_header(section):
    """'- 2 -' centred at the top from page 2; page 1 has a header of its own, empty
    (room for the emblem if a bureau wants it there)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = "Header"
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
    for name, (align, bold) in CELL_STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _set_font(style, size=TABLE_FONT_PT, bold=bold)
        style.paragraph_format.alignment = align
    spacer = doc.styles.add_style(FIRST_PAGE_SPACER, WD_STYLE_TYPE.PARAGRAPH)
    spacer.base_style = normal
    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
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


def make(path: Path, spec: dict, top_cm: float, first_line_cm: float | None) -> None:
    doc = Document()
    section = _page_setup(doc, top_cm)
    _styles(doc, spec)
    _page_number_header(section)
    if first_line_cm:
        # L-II 284a: 8 cm from the top edge to the first line of page 1 only. An empty
        # paragraph of exact height below the ordinary top margin: Word and LibreOffice
        # place it alike (a first-page header pushing the text down does not).
        doc.styles[FIRST_PAGE_SPACER].paragraph_format.line_spacing = Cm(first_line_cm - top_cm)
        doc.add_paragraph("", style=FIRST_PAGE_SPACER)
    doc.add_paragraph("{%p for b in blocks %}")
    doc.add_paragraph("{%p set style = b.style %}")
    for i, name in enumerate(spec):
        doc.add_paragraph(("{%p if" if i == 0 else "{%p elif") + f" style == '{name}' %}}")
        if name in TABLE_STYLES:
            doc.add_paragraph("{{p b.sub }}", style=name)
            if name in SPACE_AFTER_TABLE:
                doc.add_paragraph("", style=name)   # a line between the table and what follows
        else:
            doc.add_paragraph("{{r b.rich }}", style=name)
    # A block whose style has no paragraph above stops the build with a clear error
    # instead of vanishing from the document.
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ b.no_template_paragraph_for_this_style }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    props = doc.core_properties
    props.title = f"Templat rancang: {path.stem}"
    props.author = "rancang"
    props.language = "id-ID"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    _prune(path)


# --- what python-docx's default document carries and a template does not need -----------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
DROPPED_PARTS = re.compile(r"^(word/stylesWithEffects\.xml|word/numbering\.xml|"
                           r"docProps/thumbnail\.jpeg|customXml/.*)$")
BASE_STYLES = {"Normal", "Default Paragraph Font", "Table Normal", "No List", "Table Grid",
               "header", "footer"}
APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>rancang</Application></Properties>')


def _used_styles(styles, names: set[str]) -> set[str]:
    """Style ids of `names` and of every style they are based on, link to or lead to."""
    by_id = {s.get(f"{_W}styleId"): s for s in styles.iter(f"{_W}style")}
    todo = [sid for sid, s in by_id.items()
            if s.find(f"{_W}name") is not None and s.find(f"{_W}name").get(f"{_W}val") in names]
    keep = set()
    while todo:
        sid = todo.pop()
        if sid in keep or sid not in by_id:
            continue
        keep.add(sid)
        for tag in ("basedOn", "link", "next"):
            ref = by_id[sid].find(f"{_W}{tag}")
            if ref is not None:
                todo.append(ref.get(f"{_W}val"))
    return keep


def _styles_xml(data: bytes, names: set[str]) -> bytes:
    root = etree.fromstring(data)
    keep = _used_styles(root, names)
    for style in list(root.iter(f"{_W}style")):
        if style.get(f"{_W}styleId") not in keep:
            root.remove(style)
    for latent in root.findall(f"{_W}latentStyles"):
        root.remove(latent)
    # text outside any style: Bookman Old Style 12, Indonesian, single spacing
    defaults = root.find(f"{_W}docDefaults")
    fonts = defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{_W}{attr}", FONT)
    rpr = fonts.getparent()
    for tag, val in (("sz", "24"), ("szCs", "24")):
        rpr.find(f"{_W}{tag}").set(f"{_W}val", val)
    rpr.find(f"{_W}lang").set(f"{_W}val", "id-ID")
    spacing = defaults.find(f"{_W}pPrDefault/{_W}pPr/{_W}spacing")
    spacing.attrib.clear()
    spacing.set(f"{_W}after", "0")
    spacing.set(f"{_W}line", "240")
    spacing.set(f"{_W}lineRule", "auto")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _settings_xml(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for tag in ("savePreviewPicture", "rsids", "attachedTemplate"):
        for el in root.findall(f"{_W}{tag}"):
            root.remove(el)
    for setting in root.iter(f"{_W}compatSetting"):
        if setting.get(f"{_W}name") == "compatibilityMode":
            setting.set(f"{_W}val", "15")      # Word 2013 and later: no compatibility mode
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _prune(path: Path) -> None:
    """Cut the template to what rancang's documents use: python-docx's default carries
    0.8 MB of styles (and a second copy for Word 2010) that every document would parse
    and compress again, a thumbnail of an empty page, and custom XML."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    document = etree.fromstring(parts["word/document.xml"])
    names = BASE_STYLES | {"Isian", "Verifikasi", FIRST_PAGE_SPACER, *CELL_STYLES}
    names |= {s for s in re.findall(r"style == '([^']+)'",
                                    "".join(document.itertext()))}
    parts = {n: d for n, d in parts.items() if not DROPPED_PARTS.match(n)}
    parts["word/styles.xml"] = _styles_xml(parts["word/styles.xml"], names)
    parts["word/settings.xml"] = _settings_xml(parts["word/settings.xml"])
    parts["docProps/app.xml"] = APP_XML.encode()
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        root = etree.fromstring(parts[rels])
        base = "" if rels.startswith("_rels") else "word/"
        for rel in list(root):
            target = rel.get("Target")
            full = re.sub(r"^word/\.\./", "", base + target)
            if DROPPED_PARTS.match(full):
                root.remove(rel)
        parts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types):
        name = (override.get("PartName") or "").lstrip("/")
        if name and DROPPED_PARTS.match(name):
            types.remove(override)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True,
                                                  encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


# name: (styles, ordinary top margin cm, top edge to the first line of page 1 cm)
TEMPLATES = {"perbup": (PERBUP_STYLES, 3.0, 8.0), "mou": (AGREEMENT_STYLES, 2.5, None),
             "pks": (AGREEMENT_STYLES, 2.5, None),
             "keputusan": (KEPUTUSAN_STYLES, 3.0, 8.0), "kuasa": (KUASA_STYLES, 2.5, None)}


if __name__ == "__main__":
    for name in sys.argv[1:] or list(TEMPLATES):
        spec, top, first_line = TEMPLATES[name]
        make(ROOT / "templates" / name / f"{name}.docx", spec, top, first_line)
        print(f"wrote templates/{name}/{name}.docx")
