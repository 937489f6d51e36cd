"""PDF through LibreOffice: the same text as the DOCX, F4 pages, fonts embedded, page
numbers from page 2, nothing half-written or unreadable put in place when a conversion
fails, LibreOffice found and stopped on Windows and macOS too, and a LibreOffice kept
running for many conversions."""
import os
import re
import stat
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path, PureWindowsPath

import pytest
from click.testing import CliRunner
from docx import Document
from docxtext import docx_lines

from rancang.cli import main
from rancang.errors import BuildError, RancangError
from rancang.views import pdf as pdfmod
from rancang.views.pdf import (
    WarmConverter,
    convert,
    find_soffice,
    find_uno_python,
    pdf_problem,
    worker_count,
)

ROOT = Path(__file__).resolve().parent.parent

HAVE_SOFFICE = find_soffice() is not None or bool(os.environ.get("CI"))
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE,
                                   reason="LibreOffice is not installed (CI installs it)")
UNO_PYTHON = find_uno_python() if find_soffice() else None
needs_uno = pytest.mark.skipif(UNO_PYTHON is None, reason="no Python with LibreOffice's uno "
                               "bridge (Debian: apt-get install python3-uno)")


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def perbup_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx")
    result = run("build", "rejang-lebong", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out / "perbup-rejang-lebong.docx"


@pytest.fixture(scope="module")
def perbup(tmp_path_factory):
    if not HAVE_SOFFICE:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    out = tmp_path_factory.mktemp("pdf")
    cwd = os.getcwd()
    os.chdir(out)
    try:
        result = run("build", "rejang-lebong", "--format", "docx,pdf", "-o", ".")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return out / "perbup-rejang-lebong.docx", out / "perbup-rejang-lebong.pdf"


@pytest.fixture(scope="module")
def serang_docs(tmp_path_factory):
    """Three different documents: a mix-up of which PDF belongs to which DOCX shows."""
    out = tmp_path_factory.mktemp("serang")
    result = run("build", "serang", "--doc", "perbup,mou,pks", "-o", str(out))
    assert result.exit_code == 0, result.output
    return [out / "perbup-serang.docx", out / "mou-serang.docx",
            out / "pks-serang-dinas-kesehatan.docx"]


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


def assert_same_text_up_to_first_table(docx, pdf):
    """For documents whose table headers repeat on every page (the Serang Lampiran):
    which PDF belongs to which DOCX shows in the text before them."""
    lines = docx_lines(docx)
    first_table = next((i for i, l in enumerate(lines) if " | " in l), len(lines))
    before = squeeze("\n".join(lines[:first_table]))
    assert len(before) > 200
    assert squeeze(re.sub(r"^\s*-\s*\d+\s*-\s*$", "", pdftext(pdf), flags=re.M)).startswith(before)


def test_pdf_text_equals_docx_text(perbup):
    assert_same_text(*perbup)


@needs_soffice
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


@needs_soffice
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


def test_a_half_written_pdf_is_never_put_in_place(tmp_path, perbup_docx, monkeypatch):
    # A converter that dies halfway through writing its output.
    fake = _fake_soffice(tmp_path, 'for a; do out="$a"; done\n'
                         'dir=$(echo "$@" | sed "s/.*--outdir \\([^ ]*\\).*/\\1/")\n'
                         'for f in "$dir"/../in/*.docx; do printf "%%PDF-1.7 half" > '
                         '"$dir/$(basename "$f" .docx).pdf"; done\nexit 1\n')
    monkeypatch.setenv("RANCANG_SOFFICE", fake)
    src = tmp_path / "doc.docx"
    src.write_bytes(perbup_docx.read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 1 and "could not convert" in result.output
    assert not (tmp_path / "doc.pdf").exists()


def test_a_hung_conversion_times_out_and_names_the_file(tmp_path, perbup_docx, monkeypatch):
    monkeypatch.setenv("RANCANG_SOFFICE", _fake_soffice(tmp_path, "sleep 60\n"))
    monkeypatch.setenv("RANCANG_PDF_START_TIMEOUT", "1")
    monkeypatch.setenv("RANCANG_PDF_TIMEOUT", "0.5")
    src = tmp_path / "macet.docx"
    src.write_bytes(perbup_docx.read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 1
    assert "macet.docx" in result.output and "timed out" in result.output
    assert not (tmp_path / "macet.pdf").exists()


# --- what LibreOffice wrote is opened before it is accepted -----------------------------

def _fake_converter(tmp_path, write):
    """A stand-in soffice that announces each document as LibreOffice does and runs the
    shell command `write` with $out (the PDF to write) and $n (its name)."""
    return _fake_soffice(tmp_path, 'outdir=""; next=0\n'
                         'for a; do [ $next = 1 ] && outdir="$a"; next=0; '
                         '[ "$a" = "--outdir" ] && next=1; done\n'
                         'for a; do case "$a" in *.docx) n=$(basename "$a" .docx); '
                         'out="$outdir/$n.pdf"; '
                         'echo "convert $a -> $out using filter : writer_pdf_Export"; '
                         + write + ' ;; esac; done\n')


@pytest.fixture(scope="module")
def blank_pdf(tmp_path_factory):
    """A real one-page PDF, made by pypdf (not by the code under test)."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=609, height=935)
    path = tmp_path_factory.mktemp("blank") / "blank.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_garbage_that_looks_like_a_pdf_is_refused_by_name(tmp_path, perbup_docx,
                                                          monkeypatch):
    # first and last bytes of a PDF, nothing a reader could open
    monkeypatch.setenv("RANCANG_SOFFICE", _fake_converter(
        tmp_path, "printf '%%PDF-1.4 garbage %%%%EOF' > \"$out\""))
    src = tmp_path / "sampah.docx"
    src.write_bytes(perbup_docx.read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 1
    assert "sampah.docx" in result.output and "not a readable PDF" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-soffice", "sampah.docx"]


def test_pdf_problem_wants_a_page(tmp_path, blank_pdf):
    import pypdf

    assert pdf_problem(blank_pdf) is None
    empty = tmp_path / "kosong.pdf"
    with open(empty, "wb") as fh:
        pypdf.PdfWriter().write(fh)         # a well-formed PDF without a page
    assert pdf_problem(empty) == "it has no pages"
    half = tmp_path / "separuh.pdf"
    half.write_bytes(blank_pdf.read_bytes()[:300])
    assert pdf_problem(half) == "it is not a whole PDF file"
    assert pdf_problem(tmp_path / "tidak-ada.pdf") == "no PDF was written"


def test_a_converter_that_cannot_be_started_is_named_and_exit_is_not_zero(
        tmp_path, in_dir, perbup_docx, monkeypatch):
    # executable, but of no format the system can run: Popen raises OSError ENOEXEC
    # in the worker thread
    bad = tmp_path / "soffice-rusak"
    bad.write_bytes(b"\x7fELF\x02\x01\x01 this is not a program")
    bad.chmod(0o755)
    monkeypatch.setenv("RANCANG_SOFFICE", str(bad))
    src = tmp_path / "dokumen.docx"
    src.write_bytes(perbup_docx.read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 1
    assert "dokumen.docx" in result.output and "could not be started" in result.output
    assert "Exec format error" in result.output
    assert not (tmp_path / "dokumen.pdf").exists()
    in_dir(tmp_path)
    result = run("build", "rejang-lebong", "--format", "pdf", "-o", "o")
    assert result.exit_code == 1 and "perbup-rejang-lebong" in result.output
    assert not list(tmp_path.glob("o/*.pdf"))


def test_each_pdf_is_in_place_and_reported_while_libreoffice_goes_on(
        tmp_path, perbup_docx, blank_pdf, monkeypatch):
    # The stand-in waits before each next document until rancang has reported the one
    # before (a file on_done makes): progress comes during the batch, not at its end.
    seen = tmp_path / "seen"
    seen.mkdir()
    monkeypatch.setenv("RANCANG_SOFFICE", _fake_converter(
        tmp_path, f'[ -n "$prev" ] && {{ i=0; while [ ! -e "{seen}/$prev" ] && '
                  f'[ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; '
                  f'[ -e "{seen}/$prev" ] || touch "{seen}/gave-up-$prev"; }}; '
                  f'cp "{blank_pdf}" "$out"; prev="$n"'))
    jobs = []
    for name in ("satu", "dua", "tiga"):
        (tmp_path / f"{name}.docx").write_bytes(perbup_docx.read_bytes())
        jobs.append((tmp_path / f"{name}.docx", tmp_path / "pdf" / f"{name}.pdf"))
    reported = []

    def on_done(done):
        assert done.pdf.is_file() and pdf_problem(done.pdf) is None   # already in place
        reported.append(done.pdf.name)
        staged = {"satu": "d00000", "dua": "d00001", "tiga": "d00002"}[done.pdf.stem]
        (seen / staged).touch()

    result = convert(jobs, workers=1, on_done=on_done)
    assert reported == ["satu.pdf", "dua.pdf", "tiga.pdf"]
    assert [d.pdf.name for d in result] == reported
    # the stand-in never had to give up waiting: each report came before the next document
    assert sorted(p.name for p in seen.iterdir()) == ["d00000", "d00001", "d00002"]


@needs_soffice
def test_two_workers_give_each_document_its_own_pdf(tmp_path, serang_docs):
    jobs = [(d, tmp_path / (d.stem + ".pdf")) for d in serang_docs]
    done = convert(jobs, workers=2)
    assert [d.pdf for d in done] == [t for _, t in jobs]
    for docx, pdf in jobs:
        assert_same_text_up_to_first_table(docx, pdf)


def test_two_workers_meet_in_the_middle_and_each_document_is_placed_once(
        tmp_path, perbup_docx, blank_pdf):
    log = tmp_path / "log"
    fake = _fake_converter(tmp_path, f'sleep 0.3; cp "{blank_pdf}" "$out"; '
                                     f'echo "$(basename "$outdir") $n" >> "{log}"')
    jobs = []
    for i in range(8):
        (tmp_path / f"doc{i}.docx").write_bytes(perbup_docx.read_bytes())
        jobs.append((tmp_path / f"doc{i}.docx", tmp_path / "pdf" / f"doc{i}.pdf"))
    reported = []
    done = convert(jobs, workers=2, soffice=fake, on_done=lambda c: reported.append(c.pdf))
    assert [d.pdf for d in done] == [target for _, target in jobs]     # in job order
    assert sorted(reported) == sorted(target for _, target in jobs)    # each once
    converted = log.read_text().split("\n")[:-1]
    by_worker = Counter(line.split()[0] for line in converted)
    assert by_worker["w0"] >= 2 and by_worker["w1"] >= 2   # both took a share
    assert len(converted) <= len(jobs) + 2                 # at most one twice, each side
    # the first worker went forward from the first document, the second backward
    first = [line.split()[1] for line in converted if line.startswith("w0")]
    second = [line.split()[1] for line in converted if line.startswith("w1")]
    assert first[0] == "d00000" and second[0] == "d00007"


def test_a_document_one_worker_fails_on_is_tried_by_the_other(tmp_path, perbup_docx,
                                                              blank_pdf):
    # the first worker cannot convert d00001 (and is slow on d00002, so that the second
    # gets there first); the second, coming from the other end, converts it
    fake = _fake_converter(tmp_path, 'w=$(basename "$outdir"); '
                                     'if [ $w = w0 ] && [ $n = d00002 ]; then sleep 3; '
                                     'else sleep 0.2; fi; '
                                     f'if [ $n = d00001 ] && [ $w = w0 ]; then :; '
                                     f'else cp "{blank_pdf}" "$out"; fi')
    jobs = []
    for i in range(3):
        (tmp_path / f"doc{i}.docx").write_bytes(perbup_docx.read_bytes())
        jobs.append((tmp_path / f"doc{i}.docx", tmp_path / f"doc{i}.pdf"))
    done = convert(jobs, workers=2, soffice=fake)
    assert [d.pdf.name for d in done] == ["doc0.pdf", "doc1.pdf", "doc2.pdf"]


def test_worker_count_follows_the_batch_and_the_free_cores():
    # by hand from the rule: a worker costs 0.85 s, each further document 0.1 s, divided
    # by the share of a core each worker gets, min(1, cores / (busy + workers))
    assert worker_count(1, cpus=2, busy=0.0) == 1
    assert worker_count(7, cpus=2, busy=0.0) == 1           # a small batch: one worker
    assert worker_count(8, cpus=2, busy=0.0) == 2           # 1.55 s against 1.15 s
    assert worker_count(32, cpus=2, busy=0.0) == 2          # 3.95 s against 2.35 s
    assert worker_count(32, cpus=2, busy=1.0) == 1          # 3.95 s against 3.53 s: < 15 %
    assert worker_count(16, cpus=2, busy=2.0) == 1          # 3.53 s against 3.10 s: < 15 %
    assert worker_count(32, cpus=2, busy=2.0) == 2          # 5.93 s against 4.70 s
    assert worker_count(32, cpus=1, busy=0.0) == 1
    assert worker_count(200, cpus=16, busy=0.0) == pdfmod.MAX_WORKERS
    assert 0.0 <= pdfmod.busy_cores(2) <= 2.0 + 1e-9


# --- Windows and macOS: nothing POSIX-only at import, LibreOffice found and stopped ---------

def test_cli_starts_without_fcntl():
    """As on Windows: `fcntl` cannot be imported at all."""
    code = ("import sys; sys.modules['fcntl'] = None\n"
            "from rancang.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit as e:\n    sys.exit(e.code)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout and "build" in result.stdout


def test_a_batch_converts_without_fcntl(tmp_path, perbup_docx, blank_pdf):
    """Profile locks without fcntl (as on Windows): the batch still converts."""
    fake = _fake_converter(tmp_path, f'cp "{blank_pdf}" "$out"')
    code = ("import sys; sys.modules['fcntl'] = None\n"
            "from pathlib import Path\n"
            "from rancang.views.pdf import convert\n"
            f"done = convert([(Path({str(perbup_docx)!r}), Path({str(tmp_path / 'o.pdf')!r}))],"
            f" soffice={fake!r})\n"
            "print(len(done))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1" and (tmp_path / "o.pdf").is_file()


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """sys.platform says win32; PATH holds no LibreOffice; Program Files are in tmp_path."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("RANCANG_SOFFICE", raising=False)
    (tmp_path / "empty-path").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    for var, folder in (("ProgramFiles", "pf"), ("ProgramW6432", "pf"),
                        ("ProgramFiles(x86)", "pf86")):
        monkeypatch.setenv(var, str(tmp_path / folder))
    return tmp_path


def _install(root, *parts):
    exe = Path(root, *parts)
    exe.parent.mkdir(parents=True)
    exe.write_text("")
    exe.chmod(0o755)
    return exe


def test_windows_finds_libreoffice_in_program_files(windows):
    assert find_soffice() is None
    x86 = _install(windows / "pf86", "LibreOffice", "program", "soffice.exe")
    assert find_soffice() == str(x86)
    x64 = _install(windows / "pf", "LibreOffice", "program", "soffice.exe")
    assert find_soffice() == str(x64)         # the 64-bit install first


def test_windows_install_places_without_environment(windows, monkeypatch):
    for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(var)
    places = [PureWindowsPath(str(p)) for p in pdfmod.install_places()]
    assert places == [PureWindowsPath(r"C:\Program Files\LibreOffice\program\soffice.exe"),
                      PureWindowsPath(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")]


def test_windows_missing_libreoffice_says_how_to_get_it(windows):
    with pytest.raises(RancangError, match="needs LibreOffice"):
        pdfmod.require_soffice()


def test_macos_finds_libreoffice_in_applications(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delenv("RANCANG_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert pdfmod.install_places()[0] == Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    app = _install(tmp_path, "Applications", "LibreOffice.app", "Contents", "MacOS", "soffice")
    assert find_soffice() == str(app)


def test_rancang_soffice_names_the_program(monkeypatch, tmp_path):
    exe = _install(tmp_path, "lo", "soffice")
    monkeypatch.setenv("RANCANG_SOFFICE", str(exe))
    assert find_soffice() == str(exe)
    monkeypatch.setenv("RANCANG_SOFFICE", "")
    assert find_soffice() is None


def test_windows_uno_python_is_the_one_beside_soffice(windows):
    exe = _install(windows / "pf", "LibreOffice", "program", "soffice.exe")
    first = pdfmod._uno_candidates(str(exe))[0]
    assert first == str(exe.parent / "python.exe")


def test_windows_process_group_and_tree_kill(windows, monkeypatch):
    # CREATE_NEW_PROCESS_GROUP | CREATE_NO_WINDOW
    assert pdfmod._new_group() == {"creationflags": 0x00000200 | 0x08000000}
    calls = []
    monkeypatch.setattr(pdfmod.subprocess, "run", lambda cmd, **kw: calls.append(cmd))

    class Running:
        pid = 4242
        killed = False

        def poll(self):
            return None

        def kill(self):
            self.killed = True

    proc = Running()
    pdfmod.kill_tree(proc)
    assert calls == [["taskkill", "/T", "/F", "/PID", "4242"]] and proc.killed


def test_posix_tree_kill_ends_the_grandchildren():
    # like soffice: a launcher whose child does the work
    proc = subprocess.Popen(["sh", "-c", "sleep 60 & echo started; sleep 60"],
                            stdout=subprocess.PIPE, **pdfmod._new_group())
    try:
        assert proc.stdout.readline() == b"started\n"
        pdfmod.kill_tree(proc)
        proc.wait(timeout=10)
        with pytest.raises(ProcessLookupError):     # nobody left in its group
            for _ in range(50):
                os.killpg(proc.pid, 0)
                time.sleep(0.1)
    finally:
        proc.stdout.close()
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass


def test_cache_is_platformdirs_and_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pdfmod.cache_dir() == tmp_path / "xdg" / "rancang"


def test_profiles_are_not_shared_and_a_full_pool_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    profiles = [pdfmod._Profile(0) for _ in range(pdfmod.PROFILE_POOL + 1)]
    paths = [p.__enter__() for p in profiles]
    try:
        kept = paths[:-1]
        assert sorted(kept) == sorted(tmp_path / "rancang" / f"lo-profile-{i}"
                                      for i in range(pdfmod.PROFILE_POOL))
        assert paths[-1].parent != tmp_path / "rancang" and paths[-1].is_dir()
    finally:
        for p in profiles:
            p.__exit__(None, None, None)
    assert not paths[-1].exists()                    # the throw-away one is removed
    with pdfmod._Profile(0) as again:                # and the kept ones are free again
        assert again == tmp_path / "rancang" / "lo-profile-0"


def test_an_unwritable_cache_still_converts_to_a_throwaway_profile(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))     # a file: no folder under it
    with pdfmod._Profile(0) as profile:
        assert profile.is_dir() and "rancang-lo-" in profile.name


def test_staging_without_symlinks_copies(monkeypatch, tmp_path):
    # Windows without the privilege: symlink_to raises; a hard link or copy stands in
    def refuse(self, target):
        raise OSError(1314, "A required privilege is not held by the client")

    monkeypatch.setattr(Path, "symlink_to", refuse)
    src = tmp_path / "asli.docx"
    src.write_bytes(b"isi")
    pdfmod._stage(src, tmp_path / "d00000.docx")
    assert (tmp_path / "d00000.docx").read_bytes() == b"isi"
    assert not (tmp_path / "d00000.docx").is_symlink()


# --- a LibreOffice kept running -------------------------------------------------------------

def _office_processes(pipe_name):
    """PIDs of the LibreOffice processes listening on `pipe_name` (Linux /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if "soffice.bin" in cmdline and pipe_name in cmdline:
                pids.append(int(entry.name))
    return pids


@needs_uno
def test_warm_converter_same_text_restarts_and_stops(tmp_path, perbup):
    docx, cli_pdf = perbup
    with WarmConverter() as office:
        first = office.convert(docx, tmp_path / "satu.pdf")
        assert first.pdf == tmp_path / "satu.pdf"
        assert_same_text(docx, first.pdf)
        info = [subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
                for p in (first.pdf, cli_pdf)]
        pages = [re.search(r"Pages:\s+(\d+)", i).group(1) for i in info]
        assert pages[0] == pages[1]                  # the same document as the batch path

        # LibreOffice dies (out of memory, killed by someone): the next one still works
        pids = _office_processes(office.pipe_name)
        assert pids
        for pid in pids:
            os.kill(pid, 9)
        again = office.convert(docx, tmp_path / "dua.pdf")
        assert pdf_problem(again.pdf) is None and office.restarts == 1

        # a damaged document is named; LibreOffice goes on with the next one
        bad = tmp_path / "rusak.docx"
        bad.write_bytes(docx.read_bytes()[:5000])
        with pytest.raises(BuildError) as caught:
            office.convert(bad, tmp_path / "rusak.pdf")
        assert "rusak.docx" in str(caught.value) and not (tmp_path / "rusak.pdf").exists()
        assert office.convert(docx, tmp_path / "tiga.pdf").pdf.is_file()
        pipe = office.pipe_name
    assert not _office_processes(pipe)               # stop() leaves nothing running


@needs_uno
def test_convert_through_a_warm_converter_reports_each(tmp_path, serang_docs):
    reported = []
    with WarmConverter() as office:
        done = convert([(d, tmp_path / (d.stem + ".pdf")) for d in serang_docs],
                       warm=office, on_done=lambda c: reported.append(c.pdf.name))
    assert reported == [d.stem + ".pdf" for d in serang_docs] == [c.pdf.name for c in done]
    for d in serang_docs:
        assert_same_text_up_to_first_table(d, tmp_path / (d.stem + ".pdf"))


def test_warm_converter_without_uno_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("RANCANG_UNO_PYTHON", "")
    exe = _install(tmp_path, "lo", "soffice")
    with pytest.raises(RancangError, match="python3-uno"):
        WarmConverter(soffice=str(exe)).start()


@needs_uno
def test_libreoffice_does_not_outlive_a_killed_rancang(tmp_path):
    code = ("import os, sys\n"
            "from rancang.views.pdf import WarmConverter\n"
            "office = WarmConverter().start()\n"
            "print(office.pipe_name, flush=True)\n"
            "os.kill(os.getpid(), 9)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)), timeout=120)
    pipe = result.stdout.strip()
    assert pipe.startswith("rancang-")
    for _ in range(100):
        if not _office_processes(pipe):
            break
        time.sleep(0.1)
    assert not _office_processes(pipe)


def test_a_profile_libreoffice_failed_with_is_made_anew(tmp_path, perbup_docx, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    profile = tmp_path / "cache" / "rancang" / "lo-profile-0"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text("<rusak")
    src = tmp_path / "a.docx"
    src.write_bytes(perbup_docx.read_bytes())
    with pytest.raises(BuildError):
        convert([(src, tmp_path / "a.pdf")], soffice=_fake_soffice(tmp_path, "exit 1\n"))
    assert not profile.exists()


def test_a_profile_held_by_another_process_is_not_taken(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code = ("import sys, time\n"
            "from rancang.views.pdf import _Profile\n"
            "with _Profile(0) as p:\n"
            "    print(p, flush=True)\n"
            "    sys.stdin.readline()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)))
    try:
        held = Path(holder.stdout.readline().strip())
        assert held == tmp_path / "rancang" / "lo-profile-0"
        with pdfmod._Profile(0) as mine:
            assert mine == tmp_path / "rancang" / "lo-profile-1"
    finally:
        holder.communicate("\n", timeout=30)
    with pdfmod._Profile(0) as mine:        # released when the other process let go
        assert mine == held


def test_a_timeout_that_is_no_number_is_a_clear_error(tmp_path, perbup_docx, blank_pdf,
                                                     monkeypatch):
    monkeypatch.setenv("RANCANG_SOFFICE", _fake_converter(tmp_path, f'cp "{blank_pdf}" "$out"'))
    monkeypatch.setenv("RANCANG_PDF_TIMEOUT", "satu menit")
    src = tmp_path / "a.docx"
    src.write_bytes(perbup_docx.read_bytes())
    result = run("pdf", str(src))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "RANCANG_PDF_TIMEOUT must be a number of seconds, not 'satu menit'" in result.output
    assert not (tmp_path / "a.pdf").exists()
