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
    # names, number, dates, Berita Daerah: 6 (the values marked unconfirmed are not '...')
    assert "6 parameter(s) still open" in result.output
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
    assert "officials.bupati" in result.output and "rejang-lebong.yaml:34" in result.output
    assert not (tmp_path / "final").exists() or not list((tmp_path / "final").iterdir())


def _settle_everything(root):
    """What a Bagian Hukum does before signing, done wholesale for the test: every fact,
    cell and citation confirmed, every unknown number given."""
    for name in ("clauses/catalogue.yaml", "clauses/citations.yaml",
                 "regencies/rejang-lebong.yaml"):
        path = root / name
        text = path.read_text().replace("confirmed: false", "confirmed: true")
        text = text.replace("number: null}", "number: 7}").replace("tln: null", "tln: 7777")
        path.write_text(text)


def test_final_builds_once_everything_is_filled_in(tmp_path, in_dir, workspace_copy):
    in_dir(tmp_path)
    _settle_everything(tmp_path)
    path = tmp_path / "regencies" / "rejang-lebong.yaml"
    text = path.read_text().replace("  status: draft\n  year: 2026\n",
                                    "  status: enacted\n  year: 2026\n  number: ...\n"
                                    "  ditetapkan: ...\n  diundangkan: ...\n  berita_daerah: ...\n")
    for key, value in [("bupati", "H. Contoh Nama, S.H."), ("sekretaris_daerah", "Nama Sekda"),
                       ("number", "12"), ("ditetapkan", "2026-03-02"),
                       ("diundangkan", "2026-03-03"), ("berita_daerah", "12")]:
        text = text.replace(f"  {key}: ...", f"  {key}: {value}", 1)
    path.write_text(text)
    result = run("build", "rejang-lebong", "--final", "--format", "md", "-o", "final")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "final" / "perbup-rejang-lebong.md").read_text()
    assert md.splitlines()[4] == "PERATURAN BUPATI REJANG LEBONG"   # no RANCANGAN
    assert "NOMOR 12 TAHUN 2026" in md and "pada tanggal 2 Maret 2026" in md
    assert "\nCONTOH NAMA\n" in md          # capitals, without titles (L-II 166)
    assert "[perlu verifikasi]" not in md
    assert "LAMPIRAN" not in md      # no fiscal-year table in a standing regulation


def test_final_refuses_an_unconfirmed_citation_and_an_unconfirmed_fact(tmp_path, in_dir,
                                                                       workspace_copy):
    """Settled but for two things: the UU 40/2004 chain and the Bantuan Iuran programmes.
    --final names both with file and line, exit 1, nothing written."""
    in_dir(tmp_path)
    _settle_everything(tmp_path)
    cit = tmp_path / "clauses" / "citations.yaml"
    lines = cit.read_text().splitlines()
    i = next(n for n, l in enumerate(lines) if l.startswith("- id: uu-40-2004"))
    j = next(n for n in range(i, len(lines)) if "confirmed: true" in lines[n])
    lines[j] = lines[j].replace("confirmed: true", "confirmed: false")
    cit.write_text("\n".join(lines) + "\n")
    path = tmp_path / "regencies" / "rejang-lebong.yaml"
    text = path.read_text().replace("  status: draft\n  year: 2026\n",
                                    "  status: enacted\n  year: 2026\n  number: 12\n"
                                    "  ditetapkan: 2026-03-02\n  diundangkan: 2026-03-03\n"
                                    "  berita_daerah: 12\n")
    text = text.replace("  bupati: ...", "  bupati: A").replace("  sekretaris_daerah: ...",
                                                               "  sekretaris_daerah: B")
    text = text.replace("      value: [jkk, jkm]\n      confirmed: true",
                        "      value: [jkk, jkm]\n      confirmed: false")
    path.write_text(text)
    fact_line = next(n for n, l in enumerate(text.splitlines(), 1) if "value: [jkk, jkm]" in l)
    result = run("build", "rejang-lebong", "--final", "--format", "md", "-o", "final")
    assert result.exit_code == 1
    assert "Undang-Undang Nomor 40 Tahun 2004" in result.output
    assert f"clauses/citations.yaml:{i + 1}:" in result.output      # the citation's line
    assert f"regencies/rejang-lebong.yaml:{fact_line}: 'bantuan_iuran[0].programmes' is not " \
           "confirmed" in result.output
    assert not (tmp_path / "final").exists() or not list((tmp_path / "final").iterdir())


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
                   "sekretaris_daerah: B}\nperbup: {status: draft, year: 2026}\nformation_law: "
                   "{type: Undang-Undang, number: 1, year: 2000, title: X, confirmed: true}\n"
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
