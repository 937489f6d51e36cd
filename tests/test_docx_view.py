"""The DOCX view on its own: what a Word user finds in the file (read back with
python-docx and lxml), templates a bureau made or broke, text Word cannot hold."""
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from rancang.errors import RancangError
from rancang.views.blocks import ISIAN, Block, Table
from rancang.views.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent
PKS = ROOT / "templates" / "pks" / "pks.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _p(text, mark=None):
    return [(text, mark)]


def _document_xml(path):
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_document_properties_as_word_shows_them(tmp_path):
    out = render_docx([Block("Pasal", _p("Pasal 1"))], PKS, tmp_path / "a.docx",
                      {"title": "Perjanjian Kerja Sama <Dinas & Badan>",
                       "subject": "Kabupaten Serang"})
    props = Document(str(out)).core_properties
    assert props.title == "Perjanjian Kerja Sama <Dinas & Badan>"
    assert props.subject == "Kabupaten Serang" and props.author == "rancang"
    assert props.language == "id-ID"


def test_control_characters_and_tabs_are_written_as_word_holds_them(tmp_path):
    """A group name with a vertical tab (issue 17) or another control character: the
    file stays valid XML; a vertical tab is a line break, as in Word itself."""
    blocks = [Block("Isi Pasal", _p("kelompok\vnelayan\x01 & <pemulung>\tdan ojek")),
              Block("Tabel", table=Table([[_p("No."), _p("Kelompok")],
                                          [_p("1"), _p("kader\x0bPosyandu\x00")]], header=1))]
    out = render_docx(blocks, PKS, tmp_path / "a.docx", {})
    doc = Document(str(out))
    para = next(p for p in doc.paragraphs if "nelayan" in p.text)
    assert para.text == "kelompok\nnelayan & <pemulung>\tdan ojek"
    assert doc.tables[0].rows[1].cells[1].text == "kader\nPosyandu"


def test_a_large_table_keeps_every_row_whole_and_only_the_header_repeats(tmp_path):
    rows = [[_p(str(i)), _p(f"kelompok {i}"),
             _p("..." if i % 7 else "120", ISIAN if i % 7 else None)] for i in range(1, 3001)]
    table = Table([[_p("No."), _p("Kelompok Pekerja"), _p("Jumlah")], *rows,
                   [_p("JUMLAH"), _p(""), _p("...", ISIAN)]], header=1, bold_last=True,
                  align=["center", "left", "right"])
    out = render_docx([Block("Tabel", table=table)], PKS, tmp_path / "a.docx", {})
    trs = _document_xml(out).findall(f".//{W}tbl/{W}tr")
    assert len(trs) == 3002
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)
    assert [i for i, tr in enumerate(trs) if tr.find(f"{W}trPr/{W}tblHeader") is not None] == [0]
    keep = [i for i, tr in enumerate(trs) if tr.find(f".//{W}keepNext") is not None]
    assert keep == [0, 3000]          # the header with row 1; the last row with JUMLAH
    total = trs[-1].findall(f"{W}tc")
    assert len(total) == 2 and total[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "2"
    assert total[0].find(f".//{W}b") is not None                 # JUMLAH in bold
    assert trs[5].find(f"{W}tc[3]/{W}p/{W}pPr/{W}jc").get(f"{W}val") == "right"
    # an open count is marked with the character style staff see in Word
    open_count = Document(str(out)).tables[0].rows[1].cells[2].paragraphs[0]
    assert {r.style.name for r in open_count.runs} == {"Isian"}


def test_a_signature_table_stays_on_one_page(tmp_path):
    rows = [[_p("PIHAK KESATU,"), _p("PIHAK KEDUA,")], [_p(""), _p("")], [_p("NAMA"), _p("NAMA")]]
    table = Table(rows, grid=False, widths_cm=[8.0, 8.0], keep_together=True)
    out = render_docx([Block("Tabel Tanda Tangan", table=table)], PKS, tmp_path / "a.docx", {})
    trs = _document_xml(out).findall(f".//{W}tbl/{W}tr")
    assert [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p"))
            for tr in trs] == [True, True, False]
    assert trs[0].find(f"{W}trPr/{W}tblHeader") is None


def _bureau_template(path, styles, loop=True, extra=None):
    """A template a bureau made in Word from a blank document."""
    doc = Document()
    for name in styles:
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if extra:
        doc.add_paragraph(extra)
    if loop:
        doc.add_paragraph("{%p for b in blocks %}")
    for i, name in enumerate(styles):
        doc.add_paragraph(("{%p if" if i == 0 else "{%p elif") + f" style == '{name}' %}}")
        doc.add_paragraph("{{p b.sub }}" if name == "Tabel" else "{{r b.rich }}", style=name)
    doc.add_paragraph("{%p endif %}")
    if loop:
        doc.add_paragraph("{%p endfor %}")
    doc.save(str(path))
    return path


def test_a_template_a_bureau_made_from_a_blank_document_works(tmp_path):
    """No table styles of rancang's, python-docx's full default styles: the table gets
    its size and bold by direct formatting."""
    tpl = _bureau_template(tmp_path / "t.docx", ["Pasal", "Tabel"])
    blocks = [Block("Pasal", _p("Pasal 1")),
              Block("Tabel", table=Table([[_p("No.")], [_p("1")], [_p("JUMLAH")]], header=1,
                                         bold_last=True))]
    out = render_docx(blocks, tpl, tmp_path / "a.docx", {})
    doc = Document(str(out))
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [("Pasal", "Pasal 1")]
    cells = [row.cells[0].paragraphs[0].runs[0] for row in doc.tables[0].rows]
    assert [c.font.size.pt for c in cells] == [10, 10, 10]
    assert [c.bold for c in cells] == [True, None, True]


def test_a_block_style_missing_from_the_template_is_named(tmp_path):
    tpl = _bureau_template(tmp_path / "t.docx", ["Pasal"])
    with pytest.raises(RancangError, match="Ayat"):
        render_docx([Block("Pasal", _p("Pasal 1")), Block("Ayat", _p("(1) isi"))], tpl,
                    tmp_path / "a.docx", {})
    assert not (tmp_path / "a.docx").exists()


def test_a_template_without_the_loop_is_refused(tmp_path):
    tpl = _bureau_template(tmp_path / "t.docx", ["Pasal"], loop=False)
    with pytest.raises(RancangError, match="no loop over the blocks"):
        render_docx([Block("Pasal", _p("Pasal 1"))], tpl, tmp_path / "a.docx", {})


def test_template_code_rancang_does_not_fill_is_refused_not_printed(tmp_path):
    tpl = _bureau_template(tmp_path / "t.docx", ["Pasal"], extra="{{ nama_bupati }}")
    with pytest.raises(RancangError, match="nama_bupati"):
        render_docx([Block("Pasal", _p("Pasal 1"))], tpl, tmp_path / "a.docx", {})


def test_a_damaged_template_is_a_clear_error(tmp_path):
    bad = tmp_path / "t.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(RancangError, match="cannot be used"):
        render_docx([Block("Pasal", _p("Pasal 1"))], bad, tmp_path / "a.docx", {})


def test_a_changed_template_is_read_again(tmp_path):
    tpl = _bureau_template(tmp_path / "t.docx", ["Pasal"])
    render_docx([Block("Pasal", _p("Pasal 1"))], tpl, tmp_path / "a.docx", {})
    _bureau_template(tmp_path / "t.docx", ["Pasal", "Ayat"])
    out = render_docx([Block("Ayat", _p("(1) isi"))], tpl, tmp_path / "b.docx", {})
    assert [p.style.name for p in Document(str(out)).paragraphs] == ["Ayat"]
