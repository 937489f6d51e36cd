"""The views a reviewer reads: the text summary, the HTML page, the Daftar Inventarisasi
Masalah and the tracked-changes DOCX — Accept All and Reject All done by LibreOffice
itself, and the result read back."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as WordDocument
from test_diff_pairs import _body_tail, insert_pasal
from test_parse_diff import needs_corpus

from rancang.commands.documents import load_document
from rancang.compare.diff import compare
from rancang.readers.parse import parse_text, read_text
from rancang.views.diffviews import (
    plain_text,
    render_docx_tracked,
    render_html,
    render_matrix,
    render_text,
)
from rancang.sources.workspace import Workspace
from rancang.views.pdf import find_soffice

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "perbup" / "perbup.docx"
SYSTEM_PYTHON = "/usr/bin/python3"
pytestmark = needs_corpus


def _has_uno() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


needs_libreoffice_uno = pytest.mark.skipif(
    (find_soffice() is None or not _has_uno()) and not os.environ.get("CI"),
    reason="LibreOffice with its Python bridge (python3-uno) is not installed")


@pytest.fixture(scope="module")
def edited():
    """UU 40/2004 and a revision of it: Pasal 3 inserted (every later Pasal and every
    reference renumbered), Pasal 4's list made alternative ("; atau"), ayat (2) of Pasal 7
    (now 8) deleted, one word of Pasal 10 (now 11) changed."""
    body, tail = _body_tail()
    new = insert_pasal(body, 3, "Sistem Jaminan Sosial Nasional diselenggarakan secara terpadu.")
    new = new.replace("diatur lebih lanjut dengan Peraturan Presiden.\nPasal 12",
                      "diatur lebih lanjut dengan Peraturan Pemerintah.\nPasal 12", 1)
    new = new.replace("h. dana amanat; dan\n", "h. dana amanat; atau\n", 1)
    start, end = new.index("\nPasal 8\n"), new.index("\nPasal 9\n")
    pasal = re.sub(r"\n\(2\) Dewan Jaminan Sosial Nasional berfungsi[^\n]*", "", new[start:end])
    pasal = pasal.replace("\n(3) ", "\n(2) ").replace("\n(4) ", "\n(3) ")
    new = new[:start] + pasal + new[end:]
    return compare(parse_text(body + tail), parse_text(new + tail))


def test_the_comparison_itself(edited):
    assert edited.summary == {"inserted": 1, "deleted": 1, "modified": 2, "moved": 0,
                              "renumbered": 50}


def test_text_view_summarises_the_renumbering(edited):
    text = render_text(edited)
    assert "inserted pasal: Pasal 3" in text
    assert "modified pasal: Pasal 4 -> Pasal 5 (conjunction)" in text
    assert "[-dan-] {+atau+}" in text
    assert "deleted ayat: Pasal 7 ayat (2)" in text
    assert "[-Presiden-] {+Pemerintah+}" in text
    # renumbered units are not listed one by one but in runs, as a drafter writes them
    assert "renumbered pasal" not in text
    assert "  Pasal 11 sampai dengan Pasal 53 menjadi Pasal 12 sampai dengan Pasal 54" in text
    assert "  Pasal 7 ayat (3) dan ayat (4) menjadi Pasal 8 ayat (2) dan ayat (3)" in text


def test_html_collapses_each_renumbered_unit_to_one_line(edited):
    page = render_html(edited, "lama.md", "baru.md")
    assert '<p class="renum" id="c' in page
    assert "Pasal 53 → Pasal 54 (nomor berubah)</p>" in page
    # a renumbered Pasal's text is not repeated
    assert page.count("Ketentuan mengenai") < 5
    assert "<del>dan</del>" in page and "<ins>atau</ins>" in page


def test_html_shows_an_inserted_pasal_with_its_ayat_numbers():
    body, tail = _body_tail()
    new = insert_pasal(body, 3, "(1) Sistem diselenggarakan secara terpadu.\n(2) Ketentuan lebih "
                       "lanjut diatur dengan Peraturan Presiden.")
    page = render_html(compare(parse_text(body + tail), parse_text(new + tail)), "a", "b")
    assert "<ins>(1) Sistem diselenggarakan secara terpadu. (2) Ketentuan lebih lanjut" in page


def test_matrix_is_a_daftar_inventarisasi_masalah(edited, tmp_path):
    out = render_matrix(edited, tmp_path / "dim.docx", "lama.md", "baru.md")
    doc = WordDocument(str(out))
    assert doc.paragraphs[0].text == "DAFTAR INVENTARISASI MASALAH"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No", "Rumusan Lama", "Rumusan Baru",
                                                       "Keterangan"]
    rows = table.rows[1:]
    # one row per changed unit, one for all the renumbering
    assert [r.cells[0].text for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r.cells[3].text.split(":")[0].split(" (")[0] for r in rows] == [
        "Ditambah", "Diubah", "Dihapus", "Diubah", "Penomoran disesuaikan"]
    # full labels in bold
    first_runs = [r.cells[1].paragraphs[0].runs or r.cells[2].paragraphs[0].runs for r in rows]
    assert [runs[0].text for runs in first_runs[:4]] == ["Pasal 3", "Pasal 4", "Pasal 7 ayat (2)",
                                                         "Pasal 10"]
    assert all(runs[0].bold for runs in first_runs[:4])
    # the changed words marked: struck in Rumusan Lama, bold in Rumusan Baru
    old_cell, new_cell = rows[3].cells[1], rows[3].cells[2]
    struck = [r.text.strip() for p in old_cell.paragraphs[1:] for r in p.runs if r.font.strike]
    bold = [r.text.strip() for p in new_cell.paragraphs[1:] for r in p.runs if r.bold]
    assert (struck, bold) == (["Presiden"], ["Pemerintah"])
    conj_old = [r.text.strip() for p in rows[1].cells[1].paragraphs[1:] for r in p.runs
                if r.font.strike]
    assert conj_old == ["dan"]
    assert "Pasal 11 sampai dengan Pasal 53" in rows[4].cells[1].text
    assert "Pasal 12 sampai dengan Pasal 54" in rows[4].cells[2].text


def test_tracked_docx_uses_the_templates_styles(edited, tmp_path):
    out = render_docx_tracked(edited, tmp_path / "t.docx", TEMPLATE)
    doc = WordDocument(str(out))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Judul", "Konsiderans", "BAB", "Pasal", "Isi Pasal", "Ayat", "Rincian 1"} <= styles
    # the title is four paragraphs, as the template sets it
    judul = [p for p in doc.paragraphs if p.style.name == "Judul"]
    assert [p.text for p in judul][1:3] == ["NOMOR 40 TAHUN 2004", "TENTANG"]
    assert "{%" not in "".join(p.text for p in doc.paragraphs)       # the template's body is gone
    xml = doc.element.xml
    assert xml.count("<w:ins ") > 50 and "<w:del " in xml


@needs_libreoffice_uno
def test_accept_all_gives_the_new_text_and_reject_all_the_old(edited, tmp_path):
    out = render_docx_tracked(edited, tmp_path / "t.docx", TEMPLATE)
    accepted, rejected = _accept_reject(out, tmp_path)
    assert accepted == plain_text(edited.new)
    assert rejected == plain_text(edited.old)
    # read as a reviewer would: the renumbering is tracked as well
    assert "Pasal 54" in accepted and "Pasal 54" not in rejected
    assert "dana amanat; atau" in accepted and "dana amanat; dan" in rejected
    assert "dengan Peraturan Pemerintah." in accepted


@needs_libreoffice_uno
def test_accept_and_reject_on_two_builds_of_a_perbup(tmp_path, in_dir):
    from click.testing import CliRunner

    from rancang.cli import main
    in_dir(tmp_path)
    for name in ("clauses", "regencies", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "rejang-lebong", "--format", "md", "-o", "v1"]).exit_code == 0
    path = tmp_path / "clauses" / "perbup" / "pemantauan.yaml"
    path.write_text(path.read_text().replace("{{ angka(30, 'hari') }}", "{{ angka(14, 'hari') }}"))
    assert runner.invoke(main, ["build", "rejang-lebong", "--format", "md", "-o", "v2"]).exit_code == 0
    result = runner.invoke(main, ["diff", "v1/perbup-rejang-lebong.md", "regencies/rejang-lebong.yaml",
                                  "--format", "docx", "-o", "t.docx"])
    assert result.exit_code == 0, result.output
    accepted, rejected = _accept_reject(tmp_path / "t.docx", tmp_path)
    assert "14 (empat belas) hari" in accepted and "30 (tiga puluh) hari" not in accepted
    assert "30 (tiga puluh) hari" in rejected and "14 (empat belas) hari" not in rejected
    # the old side is the Markdown read back, the new the regency file built in memory
    old = parse_text(read_text(tmp_path / "v1" / "perbup-rejang-lebong.md"))
    new = load_document("regencies/rejang-lebong.yaml", Workspace.discover())
    assert rejected == plain_text(old)
    assert accepted == plain_text(new)


def _accept_reject(docx: Path, tmp_path: Path) -> tuple[str, str]:
    script = Path(__file__).resolve().parent / "lo_tracked.py"
    accepted, rejected = tmp_path / "accepted.txt", tmp_path / "rejected.txt"
    done = subprocess.run([SYSTEM_PYTHON, str(script), find_soffice(), str(docx),
                           str(tmp_path / "lo-profile"), f"accept:{accepted}",
                           f"reject:{rejected}"], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return (accepted.read_text(encoding="utf-8-sig"), rejected.read_text(encoding="utf-8-sig"))

