"""The `rancang` command as a user runs it: exit codes, messages, files."""
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from rancang.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_build_writes_docx_and_markdown(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "rejang-lebong", "--format", "docx,md", "-o", "drafts")
    assert result.exit_code == 0, result.output
    assert "wrote drafts/perbup-rejang-lebong.docx" in result.output
    assert (tmp_path / "drafts" / "perbup-rejang-lebong.md").is_file()
    assert "7 parameter(s) still open" in result.output
    assert Document(str(tmp_path / "drafts" / "perbup-rejang-lebong.docx")).paragraphs


def test_build_from_a_path_to_a_regency_file(tmp_path, in_dir, workspace_copy):
    in_dir(tmp_path)
    result = run("build", "regencies/rejang-lebong.yaml", "-o", "x")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x" / "perbup-rejang-lebong.docx").is_file()


def test_final_lists_open_parameters_and_writes_nothing(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "rejang-lebong", "--final", "-o", "final")
    assert result.exit_code == 1
    assert "officials.bupati" in result.output and "rejang-lebong.yaml:14" in result.output
    assert not (tmp_path / "final").exists() or not list((tmp_path / "final").iterdir())


def test_final_builds_once_everything_is_filled_in(tmp_path, in_dir, workspace_copy):
    in_dir(tmp_path)
    path = tmp_path / "regencies" / "rejang-lebong.yaml"
    text = path.read_text()
    for key, value in [("bupati", "H. Contoh Nama, S.H."), ("sekretaris_daerah", "Nama Sekda"),
                       ("number", "12"), ("ditetapkan", "2026-03-02"),
                       ("diundangkan", "2026-03-03"), ("berita_daerah", "12"),
                       ("count", "1500")]:
        text = text.replace(f"  {key}: ...", f"  {key}: {value}", 1)
    path.write_text(text)
    result = run("build", "rejang-lebong", "--final", "--format", "md", "-o", "final")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "final" / "perbup-rejang-lebong.md").read_text()
    assert md.splitlines()[4] == "PERATURAN BUPATI REJANG LEBONG"   # no RANCANGAN
    assert "NOMOR 12 TAHUN 2026" in md and "pada tanggal 2 Maret 2026" in md
    assert "\nCONTOH NAMA\n" in md          # capitals, without titles (L-II 166)
    assert "[perlu verifikasi]" not in md
    # the Lampiran: 1.500 workers x Rp16.800 x 12 months
    assert "| 1 | Dinas Ketenagakerjaan dan Transmigrasi | Pekerja Rentan | 1.500 | Rp16.800 | 12 | " \
           "Rp302.400.000 |" in md


def test_unknown_regency_is_a_clear_error(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "atlantis")
    assert result.exit_code == 2
    assert "no regency 'atlantis'" in result.output and "rejang-lebong" in result.output


def test_unknown_format_and_document(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("build", "rejang-lebong", "--format", "rtf").exit_code == 2
    assert run("build", "rejang-lebong", "--doc", "surat").exit_code == 2


def test_invalid_regency_file_names_file_line_and_field(tmp_path, in_dir):
    in_dir(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Contoh\nprovince: Bengkulu\nseat: X\nofficials: {bupati: A, "
                   "sekretaris_daerah: B}\nperbup: {number: 1, year: 2026}\nprogrammes: [jkk]\n"
                   "segments: [pekerja_rentan]\nprogrames: [jp]\n")
    result = run("build", str(bad))
    assert result.exit_code == 2      # unusable input
    assert "bad.yaml:8" in result.output and "unknown field 'programes'" in result.output
    assert "Traceback" not in result.output


def test_duplicate_key_is_an_error(tmp_path, in_dir):
    in_dir(tmp_path)
    bad = tmp_path / "dup.yaml"
    bad.write_text("name: A\nname: B\n")
    result = run("build", str(bad))
    assert result.exit_code == 2 and "dup.yaml:2: duplicate key 'name'" in result.output


def test_local_folders_override_the_bundled_ones(tmp_path, in_dir, workspace_copy):
    in_dir(tmp_path)
    pasal = tmp_path / "clauses" / "perbup" / "ketentuan-penutup.yaml"
    pasal.write_text(pasal.read_text().replace("mulai berlaku pada tanggal diundangkan",
                                               "mulai berlaku pada tanggal 1 Januari 2027"))
    assert run("build", "rejang-lebong", "--format", "md", "-o", "o").exit_code == 0
    assert "mulai berlaku pada tanggal 1 Januari 2027" in (tmp_path / "o" /
                                                          "perbup-rejang-lebong.md").read_text()


def test_regencies_lists_name_and_province(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("regencies")
    assert result.exit_code == 0
    assert "rejang-lebong" in result.output and "Kabupaten Rejang Lebong" in result.output
    assert "Provinsi Bengkulu" in result.output


def test_console_script_runs(tmp_path):
    script = Path(sys.executable).parent / "rancang"
    if not script.exists():
        pytest.skip("rancang is not installed in this environment (scripts/setup installs it)")
    out = subprocess.run([str(script), "build", "rejang-lebong", "-o", "o"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "o" / "perbup-rejang-lebong.docx").is_file()
