"""The Rejang Lebong draft, read back from the DOCX as a reader gets it."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Mm
from docxtext import docx_lines

from rancang.commands.build import load, write_document
from rancang.sources.workspace import Workspace

GOLDEN = Path(__file__).parent / "golden" / "perbup-rejang-lebong.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    ws = Workspace.bundled()
    result = write_document(ws, load(ws, "rejang-lebong"), "perbup", out, ("docx", "md"))
    return {p.suffix: p for p in result.paths}




def test_docx_text_matches_the_reviewed_golden_text(built):
    """The whole text, paragraph by paragraph. After a deliberate change to the clause
    library, review the new text and refresh with UPDATE_GOLDEN=1."""
    text = "\n".join(docx_lines(built[".docx"])) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_title_block_and_opening(built):
    lines = docx_lines(built[".docx"])
    assert lines[:8] == [
        "BUPATI REJANG LEBONG", "PROVINSI BENGKULU",
        "RANCANGAN PERATURAN BUPATI REJANG LEBONG", "NOMOR ... TAHUN 2026", "TENTANG",
        "PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN",
        "DENGAN RAHMAT TUHAN YANG MAHA ESA", "BUPATI REJANG LEBONG,",
    ]


def test_menimbang_closing_item_is_generated(built):
    lines = docx_lines(built[".docx"])
    assert "\t\td.\tbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b, " \
           "dan huruf c, perlu menetapkan Peraturan Bupati tentang Penyelenggaraan Program " \
           "Jaminan Sosial Ketenagakerjaan;" in lines


def test_mengingat_order_by_hierarchy_then_date(built):
    lines = docx_lines(built[".docx"])
    start = next(i for i, l in enumerate(lines) if l.startswith("Mengingat"))
    end = lines.index("MEMUTUSKAN:")
    cited = [re.sub(r"^.*?\d+\.\t", "", l) for l in lines[start:end]]
    heads = [re.match(r"(Pasal 18 ayat \(6\) Undang-Undang Dasar|[A-Za-z -]+? Nomor \d+ Tahun \d+)",
                      c).group(1) for c in cited]
    # hierarchy, then date of enactment (L-II 43): the law forming the regency (2024)
    # among the Undang-Undang by its year
    assert heads == [
        "Pasal 18 ayat (6) Undang-Undang Dasar",
        "Undang-Undang Nomor 40 Tahun 2004", "Undang-Undang Nomor 24 Tahun 2011",
        "Undang-Undang Nomor 23 Tahun 2014", "Undang-Undang Nomor 18 Tahun 2017",
        "Undang-Undang Nomor 88 Tahun 2024",
        "Peraturan Pemerintah Nomor 86 Tahun 2013", "Peraturan Pemerintah Nomor 44 Tahun 2015",
        "Peraturan Pemerintah Nomor 45 Tahun 2015", "Peraturan Pemerintah Nomor 46 Tahun 2015",
        "Peraturan Pemerintah Nomor 28 Tahun 2018", "Peraturan Pemerintah Nomor 37 Tahun 2021",
        "Peraturan Presiden Nomor 109 Tahun 2013",
    ]
    assert all(c.endswith(";") or c.endswith("; [perlu verifikasi]") for c in cited)
    amended = next(c for c in cited if "Nomor 23 Tahun 2014" in c)
    assert "sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023" \
        in amended
    assert "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 82 Tahun 2019" in \
        next(c for c in cited if "Nomor 44 Tahun 2015" in c)
    # an unconfirmed citation is marked for the reader, in a highlighted character style
    pp45 = next(p for p in Document(str(built[".docx"])).paragraphs if "Nomor 45 Tahun 2015" in p.text)
    assert "[perlu verifikasi]" in pp45.text
    assert {r.style.name for r in pp45.runs if r.text.strip() and "Nomor 45" in r.text} == {"Verifikasi"}


def test_bab_and_pasal_numbering(built):
    lines = docx_lines(built[".docx"])
    babs = [l for l in lines if re.fullmatch(r"BAB [IVXLC]+", l)]
    assert babs == [f"BAB {r}" for r in "I II III IV V VI VII VIII IX X".split()]   # no BAB Sanksi (L-II 64-65)
    pasal = [l for l in lines if re.fullmatch(r"Pasal \d+", l)]
    assert pasal == [f"Pasal {i}" for i in range(1, len(pasal) + 1)] and len(pasal) >= 20
    assert lines[lines.index("BAB I") + 1] == "KETENTUAN UMUM"
    assert "Bagian Kesatu" in lines and "Bagian Kedua" in lines


def test_cross_references_and_lists_read_back(built):
    lines = docx_lines(built[".docx"])
    assert "(1)\tPekerja Penerima Upah sebagaimana dimaksud dalam Pasal 6 ayat (1) huruf a " \
           "wajib diikutsertakan oleh Pemberi Kerja dalam JKK dan JKM, serta dalam JHT, JP, dan " \
           "JKP sesuai dengan ketentuan peraturan perundang-undangan." in lines
    assert "(4)\tPemerintah Daerah mendorong dan memfasilitasi kepesertaan Pekerja sebagaimana " \
           "dimaksud pada ayat (1) dalam Program Jaminan Sosial Ketenagakerjaan." in lines
    assert any("sebagaimana dimaksud pada ayat (1) sampai dengan ayat (3)." in l for l in lines)
    assert "e.\tPekerja Sosial Keagamaan; dan" in lines and "f.\tPekerja Rentan." in lines
    assert any("paling sedikit 1 (satu) kali dalam 6 (enam) bulan." in l for l in lines)
    assert any("paling lama 30 (tiga puluh) hari terhitung sejak" in l for l in lines)


def test_the_four_focuses_of_the_raperbup_are_in_the_draft(built):
    text = "\n".join(docx_lines(built[".docx"]))
    # kelembagaan and cross-sector coordination
    assert "KELEMBAGAAN DAN KOORDINASI" in text and "koordinasi lintas sektor" in text
    # wider membership: formal, informal and services workers
    assert "sektor formal, sektor informal, dan sektor jasa" in text
    # inclusive financing including the APBD for Pekerja Rentan
    assert "Pemerintah Daerah memberikan Bantuan Pembayaran Iuran JKK dan JKM bagi Pekerja Rentan" in text
    assert "tanggung jawab sosial dan lingkungan perusahaan" in text
    # literacy through education and public campaigns
    assert "SOSIALISASI, EDUKASI, DAN LITERASI" in text and "kampanye publik" in text


def test_ketentuan_umum_defines_what_the_body_uses(built):
    lines = docx_lines(built[".docx"])
    start = lines.index("Dalam Peraturan Bupati ini yang dimaksud dengan:")
    end = next(i for i, l in enumerate(lines) if l == "Pasal 2")
    defs = lines[start + 1:end]
    assert defs[0] == "1.\tDaerah adalah Kabupaten Rejang Lebong."
    assert defs[1] == "2.\tBupati adalah Bupati Rejang Lebong."   # before its use in 3 (L-II 109)
    assert all(d.endswith(".") for d in defs)
    terms = [re.sub(r"^\d+\.\t", "", d).split(" adalah")[0] for d in defs]
    assert any(t.endswith("disingkat JKP") for t in terms)
    body = "\n".join(lines[end:])
    for d in defs:
        term = re.sub(r"^\d+\.\t", "", d).split(" adalah")[0].split(" yang selanjutnya")[-1]
        short = term.replace("disingkat ", "").replace("disebut ", "").strip()
        # every defined term is used in the body or in another definition
        assert short in body or sum(short in x for x in defs) > 1, short


def test_closing_signature_and_berita_daerah(built):
    lines = docx_lines(built[".docx"])
    tail = lines[lines.index("Pasal 28"):]
    assert tail == [
        "Pasal 28", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
        "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan "
        "penempatannya dalam Berita Daerah Kabupaten Rejang Lebong.",
        "Ditetapkan di Curup", "pada tanggal ...", "BUPATI REJANG LEBONG,", "...",
        "Diundangkan di Curup", "pada tanggal ...",
        "SEKRETARIS DAERAH KABUPATEN REJANG LEBONG,", "...",
        "BERITA DAERAH KABUPATEN REJANG LEBONG TAHUN 2026 NOMOR ...",
    ]


def test_page_setup_and_fonts(built):
    doc = Document(str(built[".docx"]))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(215)) < Mm(0.5) and abs(section.page_height - Mm(330)) < Mm(0.5)
    assert round(section.left_margin.cm, 2) == 2.5 and round(section.bottom_margin.cm, 2) == 2.5
    # L-II 284a: 8 cm to the first line on page 1 only — 3 cm of top margin on every page,
    # and on page 1 a spacer of exactly 5 cm before the first line
    assert round(section.top_margin.cm, 2) == 3.0
    spacer = doc.paragraphs[0]
    assert spacer.text == "" and spacer.style.name == "Jarak Halaman Pertama"
    fmt = spacer.style.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and round(fmt.line_spacing.cm, 2) == 5.0
    # the page number '- n -' from page 2; page 1 has an empty header of its own
    assert section.different_first_page_header_footer
    assert "PAGE" not in section.first_page_header._element.xml
    assert "PAGE" in section.header._element.xml and section.header.paragraphs[0].text == "- 2 -"
    normal = doc.styles["Normal"]
    assert normal.font.name == "Bookman Old Style" and normal.font.size.pt == 12
    ayat = next(p for p in doc.paragraphs if p.text.startswith("(1)\t"))
    assert ayat.style.name == "Ayat"
    fmt = ayat.style.paragraph_format
    assert fmt.first_line_indent < 0 < fmt.left_indent   # hanging indent


def test_placeholders_are_shown_and_highlighted(built):
    doc = Document(str(built[".docx"]))
    nomor = next(p for p in doc.paragraphs if p.text.startswith("NOMOR"))
    assert [(r.text, r.style.name) for r in nomor.runs if r.text == "..."] == [("...", "Isian")]


def test_no_lampiran_the_yearly_figures_go_in_a_keputusan_bupati(built):
    lines = docx_lines(built[".docx"])
    assert "LAMPIRAN" not in lines
    # the number by Keputusan, the amount by the APBD (a Perda)
    assert any("Jumlah penerima Bantuan Pembayaran Iuran untuk setiap tahun anggaran ditetapkan "
               "dengan Keputusan Bupati sesuai dengan anggaran yang ditetapkan dalam APBD." in l
               for l in lines)


def test_markdown_view_has_the_same_words(built):
    md = built[".md"].read_text(encoding="utf-8")
    assert "#### Pasal 9" in md
    assert "(1) Pekerja Penerima Upah sebagaimana dimaksud dalam Pasal 6 ayat (1) huruf a" in md
    assert "Menimbang : a. bahwa setiap pekerja" in md
    assert "\n2\\. Undang-Undang Nomor 40 Tahun 2004" in md


@pytest.mark.skipif(shutil.which("pandoc") is None and not os.environ.get("CI"),
                    reason="pandoc is not installed (CI installs it)")
def test_pandoc_reads_the_docx(built):
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none",
                            str(built[".docx"])], capture_output=True, text=True, check=True).stdout
    assert "RANCANGAN PERATURAN BUPATI REJANG LEBONG" in plain
    assert "Pekerja Penerima Upah sebagaimana dimaksud dalam Pasal 6 ayat (1) huruf a" in plain
    assert "BERITA DAERAH KABUPATEN REJANG LEBONG TAHUN 2026 NOMOR ..." in plain
