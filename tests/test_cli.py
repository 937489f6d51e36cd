"""The `rancang` command as a user runs it: exit codes, messages, files."""
import contextlib
import json
import os
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
    assert "\x1b[" not in result.output           # no colour into a pipe
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


def test_build_json_reports_files_and_warnings(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "serang", "--doc", "perbup,mou", "--format", "md", "-o", "o", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [d["document"] for d in report["documents"]] == ["perbup-serang", "mou-serang"]
    assert report["documents"][0]["files"] == ["o/perbup-serang.md"]
    counts = next(w for w in report["warnings"] if w["code"] == "counts-differ")
    assert counts["where"] == {"file": "[bundled] regencies/serang.yaml", "line": 95}
    assert report["workspace"]["root"] is None


def test_json_errors_are_json_too(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "atlantis", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert "no regency 'atlantis'" in error["error"] and error["problems"][0]["where"] is None
    final = run("build", "rejang-lebong", "--final", "--json")
    assert final.exit_code == 1
    problems = json.loads(final.stdout)["problems"]
    assert {"file": "[bundled] regencies/rejang-lebong.yaml", "line": 34} in \
        [p["where"] for p in problems]


def test_quiet_and_verbose(tmp_path, in_dir):
    in_dir(tmp_path)
    quiet = run("build", "serang", "--format", "md", "-o", "o", "-q")
    assert quiet.exit_code == 0 and quiet.output == ""
    loud = run("build", "serang", "--format", "md", "-o", "o", "-v")
    assert "workspace: none found here or above" in loud.output
    assert "regency file: [bundled] regencies/serang.yaml" in loud.output
    assert "perbup-serang: wrote o/perbup-serang.md" in loud.output


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from rancang import cli

    class Tty:
        def isatty(self):
            return True

    assert cli.colour(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.colour(Tty()) is False
    # NO_COLOR wins even where click would colour (color=True is a terminal)
    result = CliRunner().invoke(main, ["build", "atlantis"], color=True)
    assert "\x1b[" not in result.output and "Error:" in result.output
    monkeypatch.delenv("NO_COLOR")
    coloured = CliRunner().invoke(main, ["build", "atlantis"], color=True)
    assert "\x1b[31m" in coloured.output


def test_check_lists_by_file_then_document_in_reading_order(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("check", "serang")
    lines = result.output.splitlines()
    headings = [l for l in lines if l and not l.startswith("  ") and "error(s)" not in l]
    assert headings[0] == "[bundled] regencies/serang.yaml"
    # the regency file, then the clause files it touches, then the documents
    first_document = headings.index("perbup-serang")
    assert all(h.startswith("[bundled] clauses/") for h in headings[1:first_document])
    assert "(general)" not in headings[:-1]      # findings with no place come last
    file_lines = [int(l.split(".yaml:")[1].split(":")[0]) for l in lines
                  if l.startswith("  ") and "serang.yaml:" in l]
    assert file_lines == sorted(file_lines) and len(file_lines) >= 3
    data = json.loads(run("check", "serang", "--json").stdout)["findings"]
    units = [f for f in data if f["where"] and "unit" in f["where"]]
    assert units and all(f["where"]["document"] for f in units)
    open_field = next(f for f in data if f["code"] == "placeholder-open" and f["where"]
                      and "file" in f["where"])
    assert open_field["documents"]          # which documents print it


def test_pdf_progress_counts_the_whole_batch(tmp_path, in_dir, monkeypatch):
    """The bar runs over the DOCX and then the PDF: one step per document and phase."""
    from rancang import cli
    from rancang.views import pdf

    steps = []

    class Bar:
        def __init__(self, count, label):
            self.length, self.label = count, label

        def update(self, n):
            steps.append((self.label, n))

    bars = []

    def progress(count, label):
        bars.append(Bar(count, label))
        return contextlib.nullcontext(bars[-1])

    monkeypatch.setattr(cli, "_progress", progress)
    monkeypatch.setattr(pdf, "require_soffice", lambda: "soffice")

    def fake_convert(jobs, soffice=None, on_done=None, **kw):
        done = []
        for src, target in jobs:
            Path(target).write_bytes(b"%PDF-1.4\n%%EOF\n")
            done.append(pdf.Converted(Path(src), Path(target)))
            if on_done:
                on_done(done[-1])
        return done

    monkeypatch.setattr(pdf, "convert", fake_convert)
    in_dir(tmp_path)
    result = run("build", "serang", "--doc", "perbup,mou", "--format", "docx,pdf", "-o", "o")
    assert result.exit_code == 0, result.output
    assert [label for label, _ in steps] == ["Building", "Building", "PDF", "PDF"]
    assert [b.length for b in bars] == [4]       # one bar over the whole batch
    assert "o/perbup-serang.pdf" in result.output


def test_where_is_structured_and_prints_as_before():
    from rancang.checks.findings import Finding
    from rancang.errors import Problem, Unit
    from rancang.model.tree import Source

    assert Problem("x", "regencies/a.yaml:12").where == Source("regencies/a.yaml", 12)
    assert str(Problem("x", "regencies/a.yaml:12")) == "regencies/a.yaml:12: x"
    assert Problem("x", "out/a.docx").as_dict()["where"] == {"file": "out/a.docx", "line": None}
    f = Finding("warning", "term-unused", "m", "Pasal 1 angka 3")
    assert f.where == Unit("Pasal 1 angka 3")
    assert str(f) == "warning [term-unused] Pasal 1 angka 3: m"
    assert Finding("info", "c", "m").as_dict()["where"] is None
    assert Finding("info", "c", "m", Source("a.yaml", 3)).as_dict()["where"] == \
        {"file": "a.yaml", "line": 3}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_prerendered_help_is_clicks_own(lang):
    """`rancang --help` prints rancang/locale/<lang>/help.txt without importing click;
    it must be what click renders (tools/i18n.py compile renders it again)."""
    from rancang.entry import help_file
    result = CliRunner().invoke(main, ["--lang", lang, "--help"], env={"COLUMNS": "80"})
    assert help_file(lang).read_text(encoding="utf-8") == result.stdout, \
        "stale help text: run `python tools/i18n.py compile`"


def test_help_fast_path_imports_no_click(tmp_path):
    code = ("import sys; sys.argv = ['rancang', '--help']; from rancang.entry import run; "
            "run(); assert 'click' not in sys.modules, 'click was imported'")
    env = {k: v for k, v in __import__("os").environ.items() if k != "COLUMNS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={**env, "RANCANG_LANG": "id"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Penggunaan: rancang [OPSI] PERINTAH [ARGUMEN]...")
    narrow = subprocess.run([sys.executable, "-m", "rancang", "--help"], capture_output=True,
                            text=True, cwd=tmp_path, env={**env, "COLUMNS": "60",
                                                          "RANCANG_LANG": "en"})
    assert narrow.returncode == 0 and max(len(l) for l in narrow.stdout.splitlines()) <= 60


def _modules_after(code: str, cwd, env=None) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd,
                         env=env)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.splitlines()[-1]))


HEAVY = {"jsonschema", "docx", "docxtpl", "jinja2", "multiprocessing", "yaml", "ruamel",
         "fcntl", "concurrent.futures"}


def test_each_command_imports_only_what_it_uses(tmp_path):
    """Issue 16, cause 1: the CLI imported every command's modules before click parsed."""
    loaded = _modules_after("import rancang.cli", tmp_path)
    assert not HEAVY & loaded, HEAVY & loaded
    run_regencies = ("import sys\nfrom rancang.cli import main\n"
                     "sys.argv = ['rancang', 'regencies']\n"
                     "try:\n    main()\nexcept SystemExit:\n    pass")
    cold = _modules_after(run_regencies, tmp_path, {**os.environ, "RANCANG_CACHE": "off"})
    assert "jsonschema" in cold and "yaml" in cold          # it reads and validates
    assert not {"docx", "docxtpl", "jinja2", "multiprocessing", "ruamel"} & cold
    env = {**os.environ, "RANCANG_CACHE": str(tmp_path / "cache")}
    _modules_after(run_regencies, tmp_path, env)
    warm = _modules_after(run_regencies, tmp_path, env)
    # the files kept as loaded and found valid before: neither parser nor validator
    assert not {"jsonschema", "yaml", "docx", "jinja2", "multiprocessing"} & warm


def test_the_cli_starts_without_fcntl(tmp_path):
    """Nothing POSIX-only at import: Windows has no fcntl."""
    code = ("import sys; sys.modules['fcntl'] = None; sys.argv = ['rancang', 'build', '--help']\n"
            "from rancang.cli import main\ntry:\n    main()\nexcept SystemExit as e:\n"
            "    assert e.code in (0, None), e.code")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "--format" in out.stdout


def test_an_enacted_perbup_is_never_a_rancangan_with_a_number(tmp_path, in_dir, workspace_copy):
    """perbup.status: enacted and its number: even a draft build (no --final) prints the
    regulation as enacted, not 'RANCANGAN ... NOMOR 12' (a Rancangan has no number)."""
    in_dir(tmp_path)
    path = tmp_path / "regencies" / "rejang-lebong.yaml"
    text = path.read_text().replace("  status: draft\n  year: 2026\n",
                                    "  status: enacted\n  year: 2026\n  number: 12\n"
                                    "  ditetapkan: 2026-03-02\n  diundangkan: 2026-03-03\n"
                                    "  berita_daerah: 12\n")
    assert "status: enacted" in text
    path.write_text(text)
    result = run("build", "rejang-lebong", "--doc", "perbup", "--format", "md", "-o", "out")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "perbup-rejang-lebong.md").read_text().splitlines()
    assert [line for line in lines if line][2:4] == ["PERATURAN BUPATI REJANG LEBONG",
                                                      "NOMOR 12 TAHUN 2026"]
    assert not any(line.startswith("RANCANGAN") for line in lines)
