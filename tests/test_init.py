"""rancang init and rancang schema."""
import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner
from ruamel.yaml import YAML

from rancang.cli import main
from rancang.sources.loader import load_yaml
from rancang.sources.regency import REGENCY_SCHEMA

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, list(args))


def _placeholders(data, path=""):
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _placeholders(v, f"{path}.{k}".strip("."))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _placeholders(v, f"{path}[{i}]")]
    return [path] if data == "..." else []


# What the Perbup, the MoU and the PKS of a new regency with one OPD print, written out
# from the clause files (every '...' the documents show), each with a value to fill in.
FILLED_BY_HAND = {
    "seat": "Curup",
    "officials.bupati": "Contoh Nama",
    "officials.sekretaris_daerah": "Nama Sekda",
    "formation_law": {"type": "Undang-Undang", "number": 88, "year": 2024,
                      "title": "Kabupaten Rejang Lebong di Provinsi Bengkulu",
                      "ln": {"year": 2024, "number": 1}, "tln": 1, "confirmed": True},
    "bpjs.head": "Nama Kepala Cabang",
    "opds[0].head": "Nama Kepala Dinas",
    "opds[0].pks.number": "560/12/Disnaker/2026",
    "opds[0].pks.bpjs_number": "PKS/45/2026",
    "opds[0].pks.date": "2026-04-01",
    "mou.number_pemda": "560/3/2026",
    "mou.number_bpjs": "MOU/7/2026",
    "mou.date": "2026-03-10",
    "mou.place": "Pendopo Bupati Rejang Lebong",
    # the komparisi of the PKS and the MoU: each signatory's authority (PP 28/2018 Pasal 13)
    "bpjs.authority.instrument": "Surat Kuasa Direksi BPJS Ketenagakerjaan",
    "bpjs.authority.number": "SK/12/2026",
    "bpjs.authority.date": "2026-01-05",
    "opds[0].head_nip": "197001012000031001",
    "opds[0].pks.kuasa.number": "180/4/Hukum/2026",
    "opds[0].pks.kuasa.date": "2026-03-20",
    "pks.court": "Pengadilan Negeri Curup",
    # the Keputusan Bupati of the recipients and of the Tim Koordinasi, at their penetapan
    "keputusan.penerima.number": "100.3.3.2/Kep.12-Huk/2026",
    "keputusan.penerima.ditetapkan": "2026-03-05",
    "keputusan.tim.number": "100.3.3.2/Kep.13-Huk/2026",
    "keputusan.tim.ditetapkan": "2026-03-05",
}
# The Keputusan of the recipients prints counts, the names stay in the OPDs' data: no
# participant list is asked for (a bureau's `daftar_nama: true` would open it).
NAMES: set[str] = set()
# Three Pekerja Rentan of the one OPD, aged 18-65 on 1 January 2026 (NIK: region 1702,
# district 01, DDMMYY, women's day + 40).
PARTICIPANTS = ("Nama;NIK;Alamat;Desa/Kelurahan;Perangkat Daerah/OPD;Kelompok\n"
                "Ahmad;'1702011203850001;Jl. Merdeka 1;Talang Rimbo;Dinas Ketenagakerjaan;Pekerja Rentan\n"
                "Euis;'1702015203900004;Jl. Merdeka 5;Talang Rimbo;Dinas Ketenagakerjaan;Pekerja Rentan\n"
                "Gani;'1702010101800002;Jl. Merdeka 8;Talang Rimbo;Dinas Ketenagakerjaan;Pekerja Rentan\n")
# The Bupati's decision on the team's membership (the Keputusan's Lampiran)
SUSUNAN = {"susunan": [{"peran": "Ketua", "jabatan": "Sekretaris Daerah Kabupaten Rejang Lebong"},
                       {"peran": "Anggota", "jabatan": "Kepala Dinas Ketenagakerjaan"}]}
# Facts the documents do not print: the published-figure checks compare with them (the
# documents compute their own) and the participant list checks NIKs against the region code.
PUBLISHED_ONLY = {"financing.stated_total", "participants.rentan_total", "kode_wilayah"}
COUNTS = {"opds[0].groups[0].count": 3}
# What a Rancangan gets only at penetapan (perbup.status: draft has none of it): the
# documents show it open, and the version to sign records it.
PENETAPAN = {"perbup.number": 5, "perbup.ditetapkan": "2026-03-02",
             "perbup.diundangkan": "2026-03-03", "perbup.berita_daerah": 5}


def _set(data, path, value):
    node = data
    keys = path.replace("]", "").replace("[", ".").split(".")
    for key in keys[:-1]:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value


def _fill(path, values):
    """Fill fields the way a person does in an editor: the comments stay."""
    y = YAML()
    data = y.load(path.read_text(encoding="utf-8"))
    for field, value in values.items():
        _set(data, field, value)
    with path.open("w", encoding="utf-8") as fh:
        y.dump(data, fh)


def test_init_check_fill_final_leaves_no_open_field_unreported(tmp_path, in_dir):
    # the bureau's own workspace, without the seed file of the same name
    assert run("workspace", str(tmp_path / "ws")).exit_code == 0
    tmp_path = in_dir(tmp_path / "ws")
    (tmp_path / "regencies" / "rejang-lebong.yaml").unlink()
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
    # every field the documents print is in the file: nothing the PKS needs is missing
    assert set(_placeholders(data)) == set(FILLED_BY_HAND) | PUBLISHED_ONLY | set(COUNTS)

    build = run("build", "rejang-lebong", "--doc", "all", "-o", "o")
    assert build.exit_code == 0, build.output
    assert (tmp_path / "o" / "perbup-rejang-lebong.docx").is_file()

    check = json.loads(run("check", "rejang-lebong", "--json").output)["findings"]
    assert not [f for f in check if f["severity"] == "error"]
    reported = {f["message"].split("'")[1] for f in check if f["code"] == "placeholder-open"
                and f["where"] and f["where"].get("file") == "regencies/rejang-lebong.yaml"}
    # the Keputusan's Lampiran prints each group's count with its line in the file
    assert reported == set(FILLED_BY_HAND) | set(PENETAPAN) | NAMES | set(COUNTS)
    lines = [f["where"]["line"] for f in check if f["code"] == "placeholder-open"
             and f["where"] and "file" in f["where"]]
    assert lines == sorted(lines)                       # in line order

    _fill(path, {**FILLED_BY_HAND, **COUNTS, **PENETAPAN, "perbup.status": "enacted",
                 "tim_koordinasi": SUSUNAN})
    assert "# nama Bupati tanpa gelar / name without titles" in path.read_text()
    (tmp_path / "peserta.csv").write_text(PARTICIPANTS, encoding="utf-8")
    final = run("check", "rejang-lebong", "--final", "--json", "--participants", "peserta.csv")
    findings = json.loads(final.output)["findings"]
    assert not [f for f in findings if f["code"] == "placeholder-open"], findings
    # what is left is the clause library's own unconfirmed law: the bureau reads each
    # regulation and confirms it in its copy
    left = {f["where"]["file"] for f in findings if f["severity"] == "error"}
    assert left and all(f.startswith("clauses/") for f in left), findings
    for clause_file in (tmp_path / "clauses").glob("*.yaml"):
        text = clause_file.read_text(encoding="utf-8")
        text = text.replace("confirmed: false", "confirmed: true")
        # ... and fills in the LN/TLN numbers it read off them
        text = text.replace("number: null", "number: 1").replace("tln: null", "tln: 1")
        clause_file.write_text(text, encoding="utf-8")
    final = run("check", "rejang-lebong", "--final", "--json", "--participants", "peserta.csv")
    findings = json.loads(final.output)["findings"]
    assert not [f for f in findings if f["severity"] == "error"], findings
    assert final.exit_code == 0
    built = run("build", "rejang-lebong", "--doc", "all", "--final", "--format", "md", "-o", "f",
                "--participants", "peserta.csv")
    assert built.exit_code == 0, built.output
    pks = (tmp_path / "f" / "pks-rejang-lebong-dinas-ketenagakerjaan.md").read_text()
    assert "560/12/Disnaker/2026" in pks and "PKS/45/2026" in pks and "..." not in pks


def test_init_quotes_what_yaml_would_misread(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("init", "Kabupaten Contoh: Baru", "--province", "#Banten", "--seat", "- Kota")
    assert result.exit_code == 0, result.output
    data = load_yaml(tmp_path / "regencies" / "contoh-baru.yaml")
    assert data["name"] == "Contoh: Baru" and data["province"] == "#Banten"
    assert data["seat"] == "- Kota" and data["mou"]["place"] == "- Kota"


def test_a_name_without_latin_letters_gets_a_distinct_file_name(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("init", "Kabupaten ꦱꦼꦫꦁ").exit_code == 0
    assert run("init", "Kabupaten ꦧꦤ꧀ꦠꦼꦤ꧀").exit_code == 0
    names = sorted(p.name for p in (tmp_path / "regencies").glob("*.yaml"))
    assert len(names) == 2 and ".yaml" not in names
    assert all(n.startswith("kabupaten-") and len(n) == len("kabupaten-12345678.yaml")
               for n in names)
    slug = names[0][:-5]
    result = run("build", slug, "--format", "md", "-o", "o")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / f"perbup-{slug}.md").is_file()


def test_init_from_serang_copies_choices_and_resets_facts(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("init", "Kabupaten Pandeglang", "--province", "Banten", "--seat", "Pandeglang",
                 "--from", "serang")
    assert result.exit_code == 0, result.output
    data = load_yaml(tmp_path / "regencies" / "pandeglang.yaml")
    serang = load_yaml(ROOT / "regencies" / "serang.yaml")
    # the choices: what the Pemda pays for whom, the segments, the OPDs and their groups
    assert data["bantuan_iuran"] == serang["bantuan_iuran"]
    assert data["segments"] == serang["segments"]
    assert [o["name"] for o in data["opds"]] == [o["name"] for o in serang["opds"]]
    kesra = data["opds"][1]["groups"][0]
    assert kesra["name"] == "guru ngaji" and "segment" not in kesra
    # facts are not copied
    assert all(g["count"] == "..." for o in data["opds"] for g in o["groups"])
    assert all(o["pks"]["number"] == "..." for o in data["opds"])
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


def test_init_json_and_inside_a_workspace_subfolder(tmp_path, in_dir):
    (tmp_path / "rancang.toml").write_text("[workspace]\n")
    (tmp_path / "drafts").mkdir()
    in_dir(tmp_path / "drafts")
    result = run("init", "Kabupaten Kepahiang", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["regency"] == "kepahiang" and report["file"] == "../regencies/kepahiang.yaml"
    assert (tmp_path / "regencies" / "kepahiang.yaml").is_file()     # the workspace's own
    assert not (tmp_path / "drafts" / "regencies").exists()


def test_schema_command_prints_both_schemas(tmp_path):
    regency = json.loads(run("schema").output)
    assert regency["title"] == "rancang regency file"
    clause = json.loads(run("schema", "--kind", "clause").output)
    jsonschema.Draft202012Validator.check_schema(clause)
    bab = yaml.safe_load((ROOT / "clauses" / "perbup" / "kepesertaan.yaml").read_text())
    jsonschema.validate(bab, clause)
    bad = {"bab": {"id": "x", "heading": "X", "pasal": [{"id": "p", "txt": "typo"}]}}
    try:
        jsonschema.validate(bad, clause)
        raise AssertionError("a misspelt key should not validate")
    except jsonschema.ValidationError:
        pass
