"""PDF through LibreOffice: the same text as the DOCX, F4 pages, fonts embedded, page
numbers from page 2, and nothing half-written when a conversion fails."""
import os
import re
import stat
import subprocess
from collections import Counter

import pytest
from click.testing import CliRunner
from docx import Document
from docxtext import docx_lines

from rancang.cli import main
from rancang.views.pdf import find_soffice

pytestmark = pytest.mark.skipif(find_soffice() is None and not os.environ.get("CI"),
                                reason="LibreOffice is not installed (CI installs it)")


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def perbup(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    cwd = os.getcwd()
    os.chdir(out)
    try:
        result = run("build", "rejang-lebong", "--format", "docx,pdf", "-o", ".")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return out / "perbup-rejang-lebong.docx", out / "perbup-rejang-lebong.pdf"


def pdftext(pdf, first=None, last=None):
    # -layout keeps each printed line together (else the Menimbang/Mengingat column
    # words are read out of order)
    cmd = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text):
    return "".join(text.split())


def assert_same_text(docx, pdf):
    """Every character of the DOCX, in order, up to the first table; from there (table
    cells wrap side by side, and a text extractor reads them line by line) the same
    characters, counted."""
    lines = docx_lines(docx)
    first_table = next((i for i, l in enumerate(lines) if " | " in l), len(lines))
    before = squeeze("\n".join(lines[:first_table]))
    after = squeeze("\n".join(lines[first_table:]).replace(" | ", " "))
    # the running page numbers ("- 2 -") are page furniture, not text of the document
    text = squeeze(re.sub(r"^\s*-\s*\d+\s*-\s*$", "", pdftext(pdf), flags=re.M))
    assert text[:len(before)] == before
    assert Counter(text[len(before):]) == Counter(after)


def test_pdf_text_equals_docx_text(perbup):
    assert_same_text(*perbup)


def test_serang_pks_pdf_text_equals_docx_text(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "serang", "--doc", "pks", "--opd", "dinas-pemberdayaan-masyarakat-dan-desa",
                 "--format", "docx,pdf", "-o", ".")
    assert result.exit_code == 0, result.output
    stem = tmp_path / "pks-serang-dinas-pemberdayaan-masyarakat-dan-desa"
    assert_same_text(stem.with_suffix(".docx"), stem.with_suffix(".pdf"))


def test_page_size_is_f4(perbup):
    info = subprocess.run(["pdfinfo", str(perbup[1])], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w / 72 * 25.4 - 215) < 0.5 and abs(h / 72 * 25.4 - 330) < 0.5
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 8


def test_fonts_are_embedded_and_no_fallback(perbup):
    out = subprocess.run(["pdffonts", str(perbup[1])], capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        name, emb = row[0], row[-5]
        assert emb == "yes", row
        assert "Bonum" in name, f"fell back to {name} where Bookman Old Style was asked for"
        assert not re.search(r"DejaVu|Liberation", name)


def test_page_numbers_from_page_two(perbup):
    assert not re.search(r"^\s*-\s*1\s*-\s*$", pdftext(perbup[1], 1), flags=re.M)
    assert re.match(r"-\s*2\s*-\s*\n", pdftext(perbup[1], 2).lstrip())
    assert re.match(r"-\s*3\s*-\s*\n", pdftext(perbup[1], 3).lstrip())


def test_pdf_alone_writes_no_docx(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "rejang-lebong", "--format", "pdf", "-o", "o")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["perbup-rejang-lebong.pdf"]


def test_pdf_command_converts_a_hand_edited_docx(tmp_path, perbup):
    edited = tmp_path / "diedit tangan.docx"
    doc = Document(str(perbup[0]))
    doc.add_paragraph("Catatan tambahan dari Bagian Hukum.")
    doc.save(str(edited))
    result = run("pdf", str(edited), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Catatan tambahan dari Bagian Hukum." in pdftext(tmp_path / "out" / "diedit tangan.pdf")


def test_same_name_from_two_folders_is_refused_not_overwritten(tmp_path, perbup):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.docx").write_bytes(perbup[0].read_bytes())
    result = run("pdf", str(tmp_path / "a" / "x.docx"), str(tmp_path / "b" / "x.docx"),
                 "-o", str(tmp_path / "o"))
    assert result.exit_code == 1 and "both be written" in result.output
    assert (tmp_path / "o" / "x.pdf").is_file()


def test_corrupt_docx_is_named_and_leaves_no_pdf(tmp_path, perbup):
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(perbup[0].read_bytes()[:5000])   # truncated download
    good = tmp_path / "baik.docx"
    good.write_bytes(perbup[0].read_bytes())
    result = run("pdf", str(bad), str(good))
    assert result.exit_code == 1
    assert "rusak.docx" in result.output and "damaged" in result.output
    assert not (tmp_path / "rusak.pdf").exists()
    assert (tmp_path / "baik.pdf").is_file()      # the good one of the batch is whole
    assert "Traceback" not in result.output


def test_missing_libreoffice_stops_before_anything(tmp_path, in_dir, monkeypatch):
    in_dir(tmp_path)
    monkeypatch.setenv("RANCANG_SOFFICE", "")
    result = run("build", "rejang-lebong", "--format", "docx,pdf", "-o", "o")
    assert result.exit_code == 2
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert not (tmp_path / "o").exists()
    # the DOCX-only path still works
    assert run("build", "rejang-lebong", "-o", "o").exit_code == 0
    assert run("pdf", "o/perbup-rejang-lebong.docx").exit_code == 2


def _fake_soffice(tmp_path, body):
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_half_written_pdf_is_never_put_in_place(tmp_path, perbup, monkeypatch):
    # A converter that dies halfway through writing its output.
    fake = _fake_soffice(tmp_path, 'for a; do out="$a"; done\n'
                         'dir=$(echo "$@" | sed "s/.*--outdir \\([^ ]*\\).*/\\1/")\n'
                         'for f in "$dir"/../in/*.docx; do printf "%%PDF-1.7 half" > '
                         '"$dir/$(basename "$f" .docx).pdf"; done\nexit 1\n')
    monkeypatch.setenv("RANCANG_SOFFICE", fake)
    src = tmp_path / "doc.docx"
    src.write_bytes(perbup[0].read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 1 and "could not convert" in result.output
    assert not (tmp_path / "doc.pdf").exists()


def test_a_hung_conversion_times_out_and_names_the_file(tmp_path, perbup, monkeypatch):
    monkeypatch.setenv("RANCANG_SOFFICE", _fake_soffice(tmp_path, "sleep 60\n"))
    monkeypatch.setenv("RANCANG_PDF_START_TIMEOUT", "1")
    monkeypatch.setenv("RANCANG_PDF_TIMEOUT", "0.5")
    src = tmp_path / "macet.docx"
    src.write_bytes(perbup[0].read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 1
    assert "macet.docx" in result.output and "timed out" in result.output
    assert not (tmp_path / "macet.pdf").exists()
