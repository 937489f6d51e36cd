"""rancang init and rancang schema."""
import json

import jsonschema
import yaml
from click.testing import CliRunner

from rancang.cli import main
from rancang.sources.loader import load_yaml
from rancang.sources.regency import REGENCY_SCHEMA


def run(*args):
    return CliRunner().invoke(main, list(args))


def _placeholders(data, path=""):
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _placeholders(v, f"{path}.{k}".strip("."))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _placeholders(v, f"{path}[{i}]")]
    return [path] if data == "..." else []


def test_init_from_nothing_builds_at_once_and_check_lists_what_remains(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("init", "Kabupaten Rejang Lebong", "--province", "Bengkulu", "--year", "2026")
    assert result.exit_code == 0, result.output
    path = tmp_path / "regencies" / "rejang-lebong.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=regency.schema.json")
    assert "nama Bupati tanpa gelar / name without titles" in text       # both languages
    data = yaml.safe_load(text)
    jsonschema.validate(json.loads(json.dumps(data, default=str)), REGENCY_SCHEMA)
    assert data["name"] == "Rejang Lebong" and data["province"] == "Bengkulu"
    assert data["seat"] == "..." and data["officials"]["bupati"] == "..."
    schema = json.loads((tmp_path / "regencies" / "regency.schema.json").read_text())
    assert schema == json.loads(json.dumps(REGENCY_SCHEMA))

    build = run("build", "rejang-lebong", "--doc", "all", "-o", "o")
    assert build.exit_code == 0, build.output
    assert (tmp_path / "o" / "perbup-rejang-lebong.docx").is_file()

    check = json.loads(run("check", "rejang-lebong", "--json").output)["findings"]
    assert not [f for f in check if f["severity"] == "error"]
    open_fields = {f["message"].split("'")[1] for f in check if f["code"] == "placeholder-open"
                   and f["where"].startswith("regencies/")}
    # exactly what the file leaves open, as far as the documents use it
    # ... and what a draft gets only at penetapan (perbup.status: draft)
    assert open_fields <= set(_placeholders(data)) | {f"opds[0].pks.{k}"
                                                       for k in ("number", "bpjs_number", "date")} \
        | {f"perbup.{k}" for k in ("number", "ditetapkan", "diundangkan", "berita_daerah")}
    assert {"officials.bupati", "perbup.number", "seat"} <= open_fields


def test_init_from_serang_copies_choices_and_resets_facts(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("init", "Kabupaten Pandeglang", "--province", "Banten", "--seat", "Pandeglang",
                 "--from", "serang")
    assert result.exit_code == 0, result.output
    data = load_yaml(tmp_path / "regencies" / "pandeglang.yaml")
    serang = load_yaml(__import__("pathlib").Path(__file__).resolve().parent.parent
                       / "regencies" / "serang.yaml")
    # the choices: what the Pemda pays for whom, the segments, the OPDs and their groups
    assert data["bantuan_iuran"] == serang["bantuan_iuran"]
    assert data["segments"] == serang["segments"]
    assert [o["name"] for o in data["opds"]] == [o["name"] for o in serang["opds"]]
    kesra = data["opds"][1]["groups"][0]
    assert kesra["name"] == "guru ngaji" and "segment" not in kesra
    # facts are not copied
    assert all(g["count"] == "..." for o in data["opds"] for g in o["groups"])
    assert data["officials"]["bupati"] == "..." and "mou" in data
    assert data["mou"]["number_pemda"] == "..." and data["financing"]["stated_total"] == "..."
    assert "Serang" not in (tmp_path / "regencies" / "pandeglang.yaml").read_text()
    assert run("build", "pandeglang", "--doc", "all", "-o", "o").exit_code == 0
    assert len(list((tmp_path / "o").glob("pks-pandeglang-*.docx"))) == 7


def test_init_does_not_overwrite(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("init", "Kabupaten Lebak").exit_code == 0
    again = run("init", "Kabupaten Lebak")
    assert again.exit_code == 2 and "exists already" in again.output
    assert run("init", "Kabupaten Lebak", "--force").exit_code == 0


def test_init_never_asks_when_not_in_a_terminal(tmp_path, in_dir):
    in_dir(tmp_path)
    result = CliRunner().invoke(main, ["init", "Kabupaten Sunyi"], input="")
    assert result.exit_code == 0 and "Provinsi" not in result.output
    assert yaml.safe_load((tmp_path / "regencies" / "sunyi.yaml").read_text())["province"] == "..."


def test_schema_command_prints_both_schemas(tmp_path):
    regency = json.loads(run("schema").output)
    assert regency["title"] == "rancang regency file"
    clause = json.loads(run("schema", "--kind", "clause").output)
    jsonschema.Draft202012Validator.check_schema(clause)
    bab = yaml.safe_load((__import__("pathlib").Path(__file__).resolve().parent.parent /
                          "clauses" / "perbup" / "kepesertaan.yaml").read_text())
    jsonschema.validate(bab, clause)
    bad = {"bab": {"id": "x", "heading": "X", "pasal": [{"id": "p", "txt": "typo"}]}}
    try:
        jsonschema.validate(bad, clause)
        raise AssertionError("a misspelt key should not validate")
    except jsonschema.ValidationError:
        pass
