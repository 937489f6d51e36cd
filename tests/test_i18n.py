"""Bahasa Indonesia by default: the catalog covers every message of the code and of
click, the compiled .mo is the .po, and the CLI speaks the language asked for."""
import gettext
import importlib.util
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from click.testing import CliRunner

from rancang import i18n
from rancang.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _tools():
    spec = importlib.util.spec_from_file_location("rancang_tools_i18n", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tools = _tools()
CATALOG = tools.read_catalog()


def _strings(message):
    return list(message.string) if isinstance(message.id, (list, tuple)) else [message.string]


def _ids(message):
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def test_every_message_of_the_code_has_an_indonesian_translation():
    in_code = tools.extract()
    untranslated = []
    for message in in_code:
        if not message.id:
            continue
        found = CATALOG.get(_ids(message)[0])
        if found is None or found.fuzzy or not all(s and s.strip() for s in _strings(found)):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:1])
            untranslated.append(f"{where}: {_ids(message)[0]!r}")
    assert not untranslated, ("messages without Indonesian (run `python tools/i18n.py`, "
                              "translate, `python tools/i18n.py compile`):\n"
                              + "\n".join(untranslated))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None} \
        | set(re.findall(r"%\((\w+)\)s", text))


def test_translations_keep_the_fields_of_their_message():
    """A translation that drops or misspells a {field} would fail at run time."""
    for message in CATALOG:
        if not message.id:
            continue
        for msgid, translation in zip(_ids(message) * 2, _strings(message)):
            if "{n}" in _ids(message)[-1] and "{n}" not in msgid:
                msgid = _ids(message)[-1]       # the plural names the count
            assert _fields(translation) <= _fields(msgid) | _fields(_ids(message)[-1]), \
                (msgid, translation)
            assert _fields(msgid) - {"n", "len"} <= _fields(translation) | {"n", "len"}, \
                (msgid, translation)


def test_the_committed_mo_is_the_po():
    with (tools.MO).open("rb") as fh:
        compiled = read_mo(fh)
    expected = {_ids(m)[0]: _strings(m) for m in CATALOG if m.id and not m.fuzzy}
    got = {_ids(m)[0]: _strings(m) for m in compiled if m.id}
    assert got == expected, "rancang.mo is stale: run `python tools/i18n.py compile`"


def test_gettext_reads_the_catalog_the_way_rancang_does():
    with tools.MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(io.BytesIO(fh.read()))
    assert catalog.gettext("Usage:") == "Penggunaan:"
    assert catalog.gettext("error") == "kesalahan"


# The words of the diff and the check, one Indonesian word each wherever they are used:
# the matrix's Keterangan column (views/diffviews.py) says Ditambah, Dihapus, Diubah,
# Dipindah, Nomor berubah; the check says kesalahan, peringatan, info.
VOCABULARY = {
    "inserted": "ditambah", "deleted": "dihapus", "modified": "diubah", "moved": "dipindah",
    "renumbered": "nomor berubah", "error": "kesalahan", "warning": "peringatan",
    "workspace": "ruang kerja", "bundled": "bawaan", "clause library": "pustaka pasal",
    "regency file": "berkas kabupaten", "template": "templat",
}


def test_the_vocabulary_is_the_same_everywhere():
    from rancang.views.diffviews import KETERANGAN
    for op in ("inserted", "deleted", "modified", "moved", "renumbered"):
        assert CATALOG.get(op).string == KETERANGAN[op].lower()
    for message in CATALOG:
        if not message.id or not any(loc[0].startswith("rancang/") for loc in message.locations):
            continue
        english, indonesian = _ids(message)[0].lower(), _strings(message)[0].lower()
        english = re.sub(r"\{\w+\}", "", english)      # a {field}'s name is not a word
        for term, word in VOCABULARY.items():
            if re.search(rf"\b{term}s?\b", english) and "rancang workspace" not in english:
                assert word in indonesian, (term, word, english, indonesian)


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env)


def test_indonesian_by_default(monkeypatch):
    for var in ("RANCANG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    result = run("--help")
    assert result.exit_code == 0
    assert "Penggunaan: rancang [OPSI] PERINTAH [ARGUMEN]..." in result.output
    assert "Tampilkan pesan ini lalu keluar." in result.output
    assert "Menyusun Perbup, Kesepakatan Bersama, dan PKS satu kabupaten." in result.output
    assert "Show this message" not in result.output
    bad = run("build", "--bogus")
    assert bad.exit_code == 2 and "Tidak ada opsi '--bogus'" in bad.output
    missing = run("check")
    assert "Argumen belum diberikan 'KABUPATEN'" in missing.output
    neither = run("build")          # a regency or --all
    assert neither.exit_code == 2 and "sebutkan satu KABUPATEN atau --all" in neither.output


def test_every_help_text_is_indonesian(monkeypatch):
    monkeypatch.setenv("RANCANG_LANG", "id")
    for name, command in main.commands.items():
        texts = [command.help, command.short_help] + [getattr(p, "help", None)
                                                      for p in command.params]
        for text in filter(None, texts):
            assert i18n._(text) != text or text in ("PDF",), (name, text)
        result = run(name, "--help")
        assert result.exit_code == 0 and "Opsi:" in result.output, name


def test_english_on_request(monkeypatch):
    monkeypatch.delenv("RANCANG_LANG", raising=False)
    assert "Usage: rancang [OPTIONS] COMMAND [ARGS]..." in run("--lang", "en", "--help").output
    # anywhere on the line, and for the messages of the command too
    out = run("build", "atlantis", "--lang", "en").output
    assert "no regency 'atlantis'" in out and "Error:" in out
    assert "Usage:" in run("--help", env={"RANCANG_LANG": "en"}).output
    assert "Usage:" in run("--help", env={"LANG": "en_GB.UTF-8"}).output
    assert "Penggunaan:" in run("--help", env={"LANG": "id_ID.UTF-8"}).output
    bad = run("--lang", "fr", "--help")
    assert bad.exit_code == 2 and "fr" in bad.output


def test_the_language_of_one_command_does_not_stay(monkeypatch):
    monkeypatch.setenv("RANCANG_LANG", "en")
    assert "Penggunaan:" in run("--lang", "id", "--help").output
    assert i18n.chosen() is None and i18n.language() == "en"
    assert "Usage:" in run("--help").output


@pytest.mark.parametrize("lang, expected", [("id", "0 kesalahan, "), ("en", "0 error(s), ")])
def test_check_speaks_the_language(tmp_path, in_dir, lang, expected):
    in_dir(tmp_path)
    result = run("--lang", lang, "check", "rejang-lebong", "--doc", "perbup")
    assert expected in result.output
    severity = {"id": "info [placeholder-open]", "en": "info [placeholder-open]"}[lang]
    assert severity in result.output
