"""Nothing lost: atomic writes, hand-edited files protected, batches that stop halfway
leave whole files; hostile inputs give clean errors."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rancang.cli import main
from rancang.commands import build as build_module
from rancang.errors import RancangError
from rancang.files import atomic_write, edited_by_hand
from rancang.sources.loader import load_yaml_text
from rancang.sources.regency import validate

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_atomic_write_leaves_the_old_file_on_a_crash(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old and whole")

    def crash(tmp):
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt   # the power goes, the user presses Ctrl-C

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, crash)
    assert target.read_bytes() == b"old and whole"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]    # no temporary left


def test_a_crash_while_saving_the_docx_keeps_the_previous_draft(tmp_path, in_dir, monkeypatch):
    in_dir(tmp_path)
    assert run("build", "rejang-lebong", "-o", "o").exit_code == 0
    before = (tmp_path / "o" / "perbup-rejang-lebong.docx").read_bytes()
    from rancang.views import docx as docx_view

    def dying_save(parts, filename):
        Path(filename).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(docx_view, "_save", dying_save)
    result = run("build", "rejang-lebong", "-o", "o")
    assert result.exit_code != 0
    assert (tmp_path / "o" / "perbup-rejang-lebong.docx").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["perbup-rejang-lebong.docx"]


def test_an_interrupted_batch_leaves_every_finished_file_whole(tmp_path, in_dir, monkeypatch):
    in_dir(tmp_path)
    real = build_module.Builder.write
    calls = []

    def write(self, job, *args, **kwargs):
        calls.append(job.stem)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, job, *args, **kwargs)

    monkeypatch.setattr(build_module.Builder, "write", write)
    monkeypatch.setattr(build_module.os, "cpu_count", lambda: 1)   # the sequential path
    result = CliRunner().invoke(main, ["build", "serang", "--doc", "all", "-o", "o"])
    assert result.exit_code != 0          # click reports "Aborted!"
    written = sorted((tmp_path / "o").iterdir())
    assert [p.name for p in written] == ["mou-serang.docx", "perbup-serang.docx"]
    for path in written:
        assert Document(str(path)).paragraphs       # whole, opens


def test_a_hand_edited_docx_is_not_overwritten(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("build", "serang", "--doc", "perbup,mou", "-o", "o").exit_code == 0
    mou = tmp_path / "o" / "mou-serang.docx"
    assert not edited_by_hand(mou)
    doc = Document(str(mou))
    doc.add_paragraph("Catatan Bagian Hukum: nomor BPJS menyusul.")
    doc.save(str(mou))
    edited = mou.read_bytes()
    assert edited_by_hand(mou)
    perbup_before = (tmp_path / "o" / "perbup-serang.docx").read_bytes()

    result = run("build", "serang", "--doc", "perbup,mou", "-o", "o")
    assert result.exit_code == 1
    assert "mou-serang.docx" in result.output and "--force" in result.output
    assert mou.read_bytes() == edited
    # refused before anything was written: the Perbup was not rebuilt either
    assert (tmp_path / "o" / "perbup-serang.docx").read_bytes() == perbup_before

    forced = run("build", "serang", "--doc", "mou", "-o", "o", "--force")
    assert forced.exit_code == 0, forced.output
    backups = list((tmp_path / "o").glob("mou-serang.edited-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert not edited_by_hand(mou)
    assert "Catatan Bagian Hukum" not in "\n".join(p.text for p in Document(str(mou)).paragraphs)


def test_a_file_rancang_did_not_write_is_not_overwritten(tmp_path, in_dir):
    in_dir(tmp_path)
    (tmp_path / "o").mkdir()
    Document().save(str(tmp_path / "o" / "perbup-rejang-lebong.docx"))
    assert run("build", "rejang-lebong", "-o", "o").exit_code == 1


# Zip bombs and other hostile packages: tests/test_hostile_docx.py


# --- property-based: whatever a person types into a YAML file ------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_loads_or_gives_a_clean_error(text):
    try:
        load_yaml_text(text, "x.yaml")
    except RancangError as exc:
        assert "x.yaml" in str(exc)


REGENCY_TEXT = (ROOT / "regencies" / "serang.yaml").read_text(encoding="utf-8")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_regency_files_load_or_give_a_clean_error(data):
    text = REGENCY_TEXT
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = data.draw(st.sampled_from(["", ":", " ", "\n", "- ", "...", "{", "]", "'",
                                           "\t", "&a", "*a", "!!python/object:os.system",
                                           "name: X\n", "count: -1", "2026-13-45", "é", "#"]))
        if op == "insert":
            text = text[:pos] + chunk + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 20)):]
        else:
            text = text[:pos] + chunk + text[pos + len(chunk):]
    try:
        validate(load_yaml_text(text, "serang.yaml"), "serang.yaml")
    except RancangError:
        pass


def test_yaml_cannot_construct_python_objects():
    with pytest.raises(RancangError):
        load_yaml_text("x: !!python/object/apply:os.system ['echo pwned']\n", "evil.yaml")


# --- property-based: the regulation parser on whatever text it is given ----------------

from rancang.readers.parse import parse_text  # noqa: E402

REGULATION = (Path(__file__).resolve().parent / "golden" / "perbup-rejang-lebong.txt").read_text()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_parser_on_random_text_gives_a_tree_or_a_clean_error(text):
    try:
        parse_text(text)
    except RancangError:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_parser_on_mutated_regulations_gives_a_tree_or_a_clean_error(data):
    text = REGULATION
    for _ in range(data.draw(st.integers(1, 6))):
        pos = data.draw(st.integers(0, len(text)))
        chunk = data.draw(st.sampled_from(["", "Pasal 3\n", "(1) ", "a. ", "BAB II ", ":", ";",
                                           "\n", "MEMUTUSKAN:", "Bagian Kesatu ", "1) ",
                                           "Agar setiap orang mengetahuinya, memerintahkan "]))
        cut = data.draw(st.integers(0, 30))
        text = text[:pos] + chunk + text[pos + cut:]
    try:
        doc = parse_text(text)
    except RancangError:
        return
    numbers = [n.ordinal for n in doc.walk() if n.kind == "pasal"]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("text", [
    "perbup: {ditetapkan: 2026-13-45}\n",        # a date that does not exist
    "name: X\n1: 2\n~: 3\n",                      # keys YAML reads as a number and as null
])
def test_found_by_the_fuzzer(text):
    with pytest.raises(RancangError):
        validate(load_yaml_text(text, "r.yaml"), "r.yaml")
