"""The layout measured on the PDF, as a reader sees the printed page (LibreOffice converts
the DOCX; poppler's pdftotext gives the position of every word): L-II 284a's 8 cm to the
first line on page 1 only, the ordinary top margin with the page number from page 2,
space before a BAB that follows a Pasal, and tables that never split a row, repeat their
header, keep the JUMLAH row with the rows above it and break no word inside a cell."""
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from rancang.commands.build import load, write_document
from rancang.sources.workspace import Workspace
from rancang.views.blocks import Block, Table
from rancang.views.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent
CM = 72 / 2.54       # PDF points per cm

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice and poppler are not installed (CI installs them)")


@dataclass
class Line:
    page: int
    top_cm: float
    bottom_cm: float
    left_cm: float
    words: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def to_pdf(docs: list[Path], tmp: Path) -> list[Path]:
    profile = tmp / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), *map(str, docs)],
                   check=True, capture_output=True, timeout=300)
    return [tmp / f"{d.stem}.pdf" for d in docs]


def pdf_lines(pdf: Path) -> list[Line]:
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = []
    for page_no, page in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" '
                             r'yMax="([\d.]+)">(.*?)</line>', page, re.S):
            words = [w.replace("&amp;", "&") for w in re.findall(r">([^<]+)</word>", m.group(4))]
            lines.append(Line(page_no, float(m.group(2)) / CM, float(m.group(3)) / CM,
                              float(m.group(1)) / CM, words))
    return lines


PAGE_NUMBER = re.compile(r"^- \d+ -$")


@pytest.fixture(scope="module")
def perbup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("perbup")
    ws = Workspace.bundled()
    docx = write_document(ws, load(ws, "rejang-lebong"), "perbup", tmp, ("docx",)).docx
    return pdf_lines(to_pdf([docx], tmp)[0])


def test_the_first_line_of_page_one_is_8_cm_from_the_top(perbup):
    first = next(line for line in perbup if line.page == 1)
    assert first.text == "BUPATI REJANG LEBONG"
    assert abs(first.top_cm - 8.0) <= 0.3, first.top_cm
    assert not any(PAGE_NUMBER.match(line.text) for line in perbup if line.page == 1)


def test_later_pages_start_under_the_page_number_near_the_top(perbup):
    pages = max(line.page for line in perbup)
    assert pages >= 5
    for page in range(2, pages + 1):
        lines = [line for line in perbup if line.page == page]
        assert lines[0].text == f"- {page} -" and lines[0].top_cm < 2.5
        # the highest line of the body: pdftotext may list a hanging number ("12.") of a
        # paragraph that began on the page before ahead of the text line above it
        body = min(lines[1:], key=lambda line: line.top_cm)
        assert body.top_cm <= 4.0, (page, body.top_cm, body.text)
        assert body.top_cm > lines[0].bottom_cm


def test_a_bab_after_a_pasal_has_space_before_it(perbup):
    checked = 0
    for i, line in enumerate(perbup):
        if re.fullmatch(r"BAB [IVX]+", line.text) and line.text != "BAB I":
            before, heading = perbup[i - 1], perbup[i + 1]
            if before.page != line.page:
                continue
            line_gap = heading.top_cm - line.bottom_cm      # the BAB's own two lines
            assert line_gap < 0.2, line.text
            # 24 pt = 0.85 cm before the BAB, more than between lines of text
            assert line.top_cm - before.bottom_cm >= 0.7, (line.text, before.text)
            checked += 1
    assert checked >= 5


# --- tables -----------------------------------------------------------------------------

def _p(text):
    return [(text, None)]


HEADER = ["No.", "Perangkat Daerah", "Kelompok Pekerja", "Jumlah Pekerja (orang)",
          "Iuran per Orang per Bulan", "Jumlah Bulan", "Jumlah Biaya"]


def _code(i: int) -> str:
    return chr(97 + i // 26) + chr(97 + i % 26)


def lampiran(rows: int) -> list[Block]:
    """A Lampiran table whose rows take three or four lines each: 'Awal<code>' on a row's
    first line, 'Akhir<code>' on its last."""
    body = []
    for i in range(1, rows + 1):
        code = _code(i)
        body.append([_p(str(i)), _p("Dinas Ketenagakerjaan dan Transmigrasi"),
                     _p(f"Awal{code} pedagang kaki lima pasar tradisional Akhir{code}"),
                     _p("1.250"), _p("Rp16.800"), _p("12"), _p("Rp252.000.000")])
    total = [_p("JUMLAH"), _p(""), _p(""), _p("9.999"), _p(""), _p(""), _p("Rp999.999.000")]
    table = Table([[_p(h) for h in HEADER], *body, total], header=1, bold_last=True,
                  align=["center", "left", "left", "right", "right", "right", "right"])
    return [Block("Lampiran Judul", _p("DAFTAR KELOMPOK PESERTA")), Block("Tabel", table=table)]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """Tables of 20 to 33 rows: at least one of them breaks before its last row."""
    tmp = tmp_path_factory.mktemp("tables")
    docs = {}
    for rows in range(20, 34):
        docs[rows] = render_docx(lampiran(rows), ROOT / "templates" / "perbup" / "perbup.docx",
                                 tmp / f"tabel-{rows}.docx", {"title": "Lampiran"})
    pdfs = to_pdf(list(docs.values()), tmp)
    return {rows: pdf_lines(pdf) for rows, pdf in zip(docs, pdfs)}


def _page_of(lines, word):
    return {line.page for line in lines if word in line.words}


def test_no_table_row_is_split_across_pages(tables):
    broke = 0
    for rows, lines in tables.items():
        pages = {line.page for line in lines}
        broke += len(pages) > 1
        for i in range(1, rows + 1):
            code = _code(i)
            start, end = _page_of(lines, f"Awal{code}"), _page_of(lines, f"Akhir{code}")
            assert len(start) == 1 and start == end, (rows, i, start, end)
    assert broke == len(tables)      # every one of them runs over a page


def test_the_header_row_repeats_on_every_page_of_the_table(tables):
    for rows, lines in tables.items():
        for page in {line.page for line in lines} - {1}:
            first = [line for line in lines if line.page == page][:3]
            assert "No." in " ".join(line.text for line in first), (rows, page)


def test_the_jumlah_row_never_stands_alone(tables):
    carried = 0
    for rows, lines in tables.items():
        page = _page_of(lines, "JUMLAH").pop()
        rows_there = [i for i in range(1, rows + 1)
                      if _page_of(lines, f"Akhir{_code(i)}") == {page}]
        assert rows_there, rows
        carried += len(rows_there) == 1
    # somewhere the break fell just before the total, and the last row went with it
    assert carried >= 1


def test_no_word_is_broken_inside_a_cell(tables):
    lines = tables[20]
    words = {w for line in lines for w in line.words}
    for word in ("Ketenagakerjaan", "Transmigrasi", "tradisional", "Rp252.000.000",
                 "Rp999.999.000", "Perangkat", "(orang)"):
        assert word in words, word
    assert not any(w.startswith("Ketenagakerj") and w != "Ketenagakerjaan" for w in words)
