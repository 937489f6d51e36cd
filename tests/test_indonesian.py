"""What an Indonesian user reads is Indonesian: `rancang check` and `build --final` on the
seed regencies, the messages of bad input, and the field descriptions of the regency
schema. Text that is data (notes and wording from the YAML files, quoted values, file
names) is taken out before the words are looked for."""
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from rancang import i18n
from rancang.cli import main
from rancang.sources.regency import REGENCY_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("lebak", "rejang-lebong", "serang")
# common English words of a message; none is an Indonesian word
ENGLISH = (" the ", " is ", " not ", " must ", " should ", "verify", "missing", " of ",
           " and ", " cannot ", " was ", " has ", " are ", " found", " be ", " no ")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _data_texts() -> list[str]:
    """Every text of the seed regency files and the clause library (notes, bases,
    wording): data a user wrote, not a message of rancang. Longest first."""
    texts = set()
    for path in [*ROOT.glob("regencies/*.yaml"), *ROOT.glob("clauses/**/*.yaml")]:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = " ".join(text.split())
            if " " in text:
                texts.add(text)
    return sorted(texts, key=len, reverse=True)


DATA = _data_texts()


def english_lines(output: str) -> list[str]:
    found = []
    for line in output.splitlines():
        text = " ".join(line.split())
        for data in DATA:
            if data in text:
                text = text.replace(data, "")
        text = re.sub(r"'[^']*'", "''", text)                 # quoted values, paths
        text = re.sub(r"\S+\.(?:yaml|docx|md|pdf|json|xlsx)\b", "", text)
        padded = f" {text.lower()} "
        if any(word in padded for word in ENGLISH):
            found.append(line)
    return found


def run(*args):
    return CliRunner().invoke(main, ["--lang", "id", *args])


def test_the_finder_sees_english_and_passes_data():
    assert english_lines("  peringatan [x] Mengingat angka 2: the LN/TLN numbers were not "
                         "read") != []
    assert english_lines("  kesalahan: 'opds[0].head' masih kosong (...)") == []
    assert english_lines("info: berkas 'Draft of the MoU.docx' ditulis") == []


@pytest.mark.parametrize("regency", SEEDS)
def test_check_and_final_build_speak_indonesian(tmp_path, in_dir, regency):
    in_dir(tmp_path)
    check = run("check", regency)
    assert check.exit_code == 0, check.output
    assert "kesalahan, " in check.output and "masih kosong (...)" in check.output
    final = run("build", regency, "--doc", "all", "--final", "-o", "out")
    assert final.exit_code == 1, final.output
    assert final.output.startswith("Kesalahan: ") and (
        "versi final tidak dapat disusun" in final.output
        or "tidak ada berkas yang ditulis" in final.output)
    assert not list((tmp_path / "out").glob("*.docx"))
    leftovers = english_lines(check.output) + english_lines(final.output)
    assert not leftovers, "\n".join(leftovers)


def test_the_ln_tln_finding_is_indonesian(tmp_path, in_dir):
    in_dir(tmp_path)
    out = run("check", "rejang-lebong", "--doc", "perbup").output
    assert ("peringatan [citation-unconfirmed] Mengingat angka 2: nomor LN/TLN dasar hukum "
            "ini tidak dibaca langsung dari naskah peraturannya: periksa sebelum "
            "ditandatangani") in out


def _bad_regency(tmp_path, text: str) -> str:
    (tmp_path / "regencies").mkdir(exist_ok=True)
    (tmp_path / "regencies" / "bad.yaml").write_text(text, encoding="utf-8")
    return run("check", "bad").output


BAD_INPUT = [
    ("name: X\ntype: kota\n",
     "isian 'type': 'kota' bukan salah satu nilai yang diizinkan: kabupaten"),
    ("name: X\nname: Y\n",
     "kunci 'name' ganda (pertama pada baris 1); satu kunci hanya boleh muncul sekali"),
    ("name: X\n\tfoo: 1\n", "bukan YAML yang sah: ditemukan karakter tab"),
    ("name: [\n", "bukan YAML yang sah: "),
    ("name: X\nprovince: 5\n", "isian 'province': diharapkan nama provinsi tanpa 'Provinsi' "
                               "atau '...', tertulis 5"),
]


@pytest.mark.parametrize("text, expected", BAD_INPUT)
def test_a_bad_regency_file_is_told_in_indonesian(tmp_path, in_dir, text, expected):
    in_dir(tmp_path)
    out = _bad_regency(tmp_path, text)
    assert expected in out, out
    assert not english_lines(out), out


@pytest.mark.parametrize("args, expected", [
    (("build", "serang", "--doc", "bogus"),
     "dokumen 'bogus' tidak dikenal; pilih salah satu dari: perbup, mou, pks, "
     "kepbup-penerima, kepbup-tim, kuasa, all"),
    (("build", "serang", "--doc", "pks", "--opd", "nope"),
     "tidak ada OPD 'nope' dalam [bawaan] regencies/serang.yaml (yang ada: dinas-perikanan"),
    (("diff", "lama.docx", "baru.docx"), "lama.docx: berkas tidak ditemukan"),
    (("init", ""), "berikan nama kabupaten"),
])
def test_bad_options_are_told_in_indonesian(tmp_path, in_dir, args, expected):
    in_dir(tmp_path)
    result = run(*args)
    assert result.exit_code != 0 and expected in result.output, result.output
    assert not english_lines(result.output), result.output


def _descriptions(schema):
    if isinstance(schema, dict):
        if isinstance(schema.get("description"), str):
            yield schema["description"]
        for v in schema.values():
            yield from _descriptions(v)
    elif isinstance(schema, list):
        for v in schema:
            yield from _descriptions(v)


def test_every_field_description_has_its_indonesian(monkeypatch):
    monkeypatch.setenv("RANCANG_LANG", "id")
    descriptions = set(_descriptions(REGENCY_SCHEMA))
    assert len(descriptions) >= 37
    same = [d for d in descriptions if i18n._(d) == d]
    assert not same, same


def test_init_writes_the_schema_in_the_users_language(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("init", "Kabupaten Kepahiang", "--province", "Bengkulu").exit_code == 0
    schema = json.loads((tmp_path / "regencies" / "regency.schema.json").read_text())
    name = schema["properties"]["name"]
    assert name["description"] == "nama tanpa 'Kabupaten', misalnya Rejang Lebong"
    assert set(schema) == set(REGENCY_SCHEMA)


def test_the_diff_text_speaks_indonesian(tmp_path, in_dir):
    in_dir(tmp_path)
    old = ROOT.parent / "shared" / "corpus" / "pp-2015-44.md"
    text = old.read_text(encoding="utf-8")
    (tmp_path / "baru.md").write_text(text.replace(" dan ", " atau ", 1), encoding="utf-8")
    result = run("diff", str(old), "baru.md")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "0 ditambah, 0 dihapus, 1 diubah, 0 dipindah, 0 nomor berubah"
    assert lines[2] == "diubah menimbang: Menimbang huruf a"
    assert "[-dan-] {+atau+}" in lines[3]


def test_the_web_form_describes_its_fields_in_indonesian(workspace_copy, monkeypatch):
    from rancang.web.app import create_app
    from rancang.web.settings import Settings
    monkeypatch.setenv("RANCANG_LANG", "id")
    page = create_app(Settings(root=workspace_copy)).test_client().get("/r/serang")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "nama tanpa &#39;Kabupaten&#39;, misalnya Rejang Lebong" in html
    assert "nama hari sebagaimana diumumkan, diperiksa kecocokannya" in html
    assert "name without" not in html and "the weekday as published" not in html


@pytest.mark.parametrize("schema, value, expected", [
    ({"type": "integer"}, "tua", "'tua' bukan bilangan bulat"),
    ({"type": ["string", "null"]}, 5, "5 bukan teks / null"),
    ({"enum": ["dan", "atau"]}, "serta", "'serta' bukan salah satu nilai yang diizinkan: "
                                         "dan, atau"),
    ({"type": "string", "minLength": 1}, "", "tidak boleh kosong"),
    ({"type": "integer", "minimum": 1945}, 1900, "1900 kurang dari batas terendah 1945"),
    ({"type": "array", "minItems": 2}, [1], "daftar memerlukan sekurang-kurangnya 2 butir"),
])
def test_schema_messages_in_indonesian(monkeypatch, schema, value, expected):
    import jsonschema
    from rancang.sources.regency import schema_message
    monkeypatch.setenv("RANCANG_LANG", "id")
    error = next(jsonschema.Draft202012Validator(schema).iter_errors(value))
    assert schema_message(error) == expected


@pytest.mark.parametrize("exc, expected", [
    (PermissionError(13, "Permission denied"),
     "akses ditolak, atau berkas sedang dibuka oleh program lain"),
    (IsADirectoryError(21, "Is a directory"), "itu sebuah folder, bukan berkas"),
    (OSError(98, "Address already in use"), "alamat itu sudah dipakai oleh program lain"),
])
def test_the_systems_english_reasons_are_said_in_indonesian(monkeypatch, exc, expected):
    from rancang.errors import os_reason
    monkeypatch.setenv("RANCANG_LANG", "id")
    assert os_reason(exc) == expected


def test_a_file_that_cannot_be_read_says_why_in_indonesian(tmp_path, monkeypatch):
    from rancang.errors import RancangError
    from rancang.sources.loader import load_yaml
    monkeypatch.setenv("RANCANG_LANG", "id")
    with pytest.raises(RancangError) as err:
        load_yaml(tmp_path, "regencies")            # a folder
    assert str(err.value) == "regencies: berkas tidak dapat dibaca: itu sebuah folder, bukan berkas"
