"""Output that cannot be written is a message naming the path, never a traceback; nothing
half-written is left; files get the umask's mode; long names are bounded."""
import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from rancang.cli import main
from rancang.errors import RancangError
from rancang.files import MAX_NAME_BYTES, atomic_write, atomic_write_text, bounded_path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "perbup-rejang-lebong.txt"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args):
    return CliRunner().invoke(main, list(args))


def assert_clean_failure(result, *expected):
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    for text in expected:
        assert text in result.output


# --- -o under a path that is a file ---------------------------------------------------

@pytest.fixture
def blocked(tmp_path, in_dir):
    in_dir(tmp_path)
    (tmp_path / "laporan").write_text("a file, not a folder")
    return tmp_path


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_build_into_a_folder_under_a_file(blocked, fmt):
    result = run("build", "rejang-lebong", "--format", fmt, "-o", "laporan/draf")
    assert_clean_failure(result, "cannot write laporan/draf", "laporan is a file, not a folder")


@pytest.mark.parametrize("fmt, name", [("html", "d.html"), ("docx", "d.docx"),
                                       ("matrix", "m.docx")])
def test_diff_into_a_folder_under_a_file(blocked, fmt, name):
    (blocked / "b.txt").write_text(GOLDEN.read_text().replace("Pasal 3", "Pasal 3", 1)
                                   .replace("pekerja", "buruh", 1))
    result = run("diff", str(GOLDEN), "b.txt", "--format", fmt, "-o", f"laporan/{name}")
    assert_clean_failure(result, "cannot write laporan", "laporan is a file, not a folder")


def test_import_into_a_folder_under_a_file(blocked):
    result = run("import", str(GOLDEN), "-o", "laporan/pustaka")
    assert_clean_failure(result, "cannot write laporan/pustaka", "laporan is a file, not a folder")


# --- read-only folders, full disks, files held open -------------------------------------

def test_a_read_only_output_folder(tmp_path, in_dir, monkeypatch):
    in_dir(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)     # what a read-only folder does
    result = run("build", "rejang-lebong", "-o", "terkunci")
    assert_clean_failure(result, "cannot write terkunci/perbup-rejang-lebong.docx",
                         "permission denied")


@pytest.mark.skipif(AS_ROOT or os.name == "nt", reason="root writes into read-only folders")
def test_a_really_read_only_output_folder(tmp_path, in_dir):
    in_dir(tmp_path)
    (tmp_path / "terkunci").mkdir()
    (tmp_path / "terkunci").chmod(0o555)
    result = run("build", "rejang-lebong", "-o", "terkunci")
    assert_clean_failure(result, "cannot write terkunci/perbup-rejang-lebong.docx",
                         "permission denied")


def test_a_file_open_in_word_keeps_its_old_version(tmp_path, monkeypatch):
    target = tmp_path / "perbup.docx"
    target.write_bytes(b"the version Word has open")

    def sharing_violation(src, dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", sharing_violation)
    with pytest.raises(RancangError) as info:
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert "permission denied" in str(info.value) and "Word" in str(info.value)
    assert target.read_bytes() == b"the version Word has open"
    assert [p.name for p in tmp_path.iterdir()] == ["perbup.docx"]


def test_a_full_disk_is_said_in_plain_words(tmp_path):
    def full(tmp):
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(RancangError) as info:
        atomic_write(tmp_path / "a.md", full)
    assert str(info.value) == f"cannot write {tmp_path / 'a.md'}: the disk is full"
    assert list(tmp_path.iterdir()) == []


# --- modes ---------------------------------------------------------------------------

@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_get_the_mode_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        written = atomic_write_text(tmp_path / "a.md", "isi")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == mode


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_built_docx_is_readable_by_the_group_under_the_usual_umask(tmp_path, in_dir):
    in_dir(tmp_path)
    old = os.umask(0o022)
    try:
        assert run("build", "rejang-lebong", "--format", "docx,md", "-o", "o").exit_code == 0
    finally:
        os.umask(old)
    for path in (tmp_path / "o").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


# --- long names -----------------------------------------------------------------------

def test_a_long_name_is_cut_with_a_hash_and_keeps_its_suffix():
    long_a = Path("o") / ("pks-" + "dinas-perikanan-" * 20 + "a.docx")
    long_b = Path("o") / ("pks-" + "dinas-perikanan-" * 20 + "b.docx")
    cut_a, cut_b = bounded_path(long_a), bounded_path(long_b)
    assert cut_a.parent == Path("o") and cut_a.suffix == ".docx"
    assert len(cut_a.name.encode()) <= MAX_NAME_BYTES
    assert cut_a.name.startswith("pks-dinas-perikanan-dinas-perikanan-")
    assert cut_a != cut_b and bounded_path(long_a) == cut_a      # distinct, and stable
    assert bounded_path(Path("o/perbup-serang.docx")) == Path("o/perbup-serang.docx")
    # a cut never splits a character in two
    assert bounded_path(Path("é" * 200 + ".md")).name.startswith("é" * 50)


def test_a_regency_with_a_308_character_name_builds(workspace_copy, in_dir):
    in_dir(workspace_copy)
    name = ("Serang Raya " * 26)[:308]
    path = workspace_copy / "regencies" / "serang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Serang\n", f"name: {name}\n"),
                    encoding="utf-8")
    result = run("build", "serang", "--doc", "perbup,mou", "-o", "o")
    assert result.exit_code == 0, result.output
    doc = Document(str(workspace_copy / "o" / "perbup-serang.docx"))
    subject = doc.core_properties.subject          # "Kabupaten <name>": 318 characters
    assert len(subject) == 255 and subject.startswith("Kabupaten Serang Raya Serang Raya") \
        and subject.endswith("\u2026")
    assert name in "\n".join(p.text for p in doc.paragraphs)     # the text is not cut


def test_an_opd_with_a_313_character_name_gets_its_pks(workspace_copy, in_dir):
    in_dir(workspace_copy)
    name = ("Dinas Perikanan dan Kelautan " * 11)[:313]
    path = workspace_copy / "regencies" / "serang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - name: Dinas Perikanan\n", f"  - name: {name}\n"), encoding="utf-8")
    result = run("build", "serang", "--doc", "pks", "-o", "o")
    assert result.exit_code == 0, result.output
    names = [p.name for p in (workspace_copy / "o").iterdir()]
    assert all(len(n.encode()) <= MAX_NAME_BYTES for n in names)
    mine = [n for n in names if n.startswith("pks-serang-dinas-perikanan-dan-kelautan")]
    assert len(mine) == 1
    text = "\n".join(p.text for p in Document(str(workspace_copy / "o" / mine[0])).paragraphs)
    assert name.strip() in " ".join(text.split())
