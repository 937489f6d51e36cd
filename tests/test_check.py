"""`rancang check`: one test per finding code, with an input that triggers it and one
that does not; the seed regencies' real inconsistencies; exit statuses and --json."""
import json
import textwrap

import pytest
from click.testing import CliRunner

from rancang.checks.drafting import document_findings, numbers_without_words
from rancang.cli import main
from rancang.model.numbering import number_document
from rancang.model.tree import Document, Node


def run(*args):
    return CliRunner().invoke(main, list(args))


def codes(findings):
    return [f.code for f in findings]


def perbup(body_texts, definitions=(), menimbang=("bahwa perlu",), mengingat=None,
           rincian=None):
    """A small Perbup tree: definitions [(term, text)], body Pasal texts."""
    ku = Node(kind="bab", id="ketentuan_umum", heading="Ketentuan Umum", children=[
        Node(kind="pasal", id="def", content=["Dalam Peraturan Bupati ini yang dimaksud dengan"],
             children=[Node(kind="rincian", id=f"definisi.{i}", style="definisi",
                            content=[text], attrs={"term": term, "forms": [term]})
                       for i, (term, text) in enumerate(definitions)])])
    body = Node(kind="bab", id="isi", heading="Isi", children=[
        Node(kind="pasal", id=f"p{i}", content=[t]) for i, t in enumerate(body_texts)])
    if rincian:
        body.children.append(Node(kind="pasal", id="list", content=["Meliputi"], children=[
            Node(kind="rincian", id=f"r{i}", content=[t]) for i, t in enumerate(rincian)]))
    cons = Node(kind="konsiderans", children=[Node(kind="menimbang", content=[m])
                                              for m in menimbang])
    dasar = Node(kind="dasar_hukum", children=[
        Node(kind="mengingat", content=[m], attrs={"confirmed": c})
        for m, c in (mengingat or [])])
    doc = Document(kind="document", doc_type="perbup",
                   children=[Node(kind="judul", content=["Uji"]), cons, dasar,
                             *([ku] if definitions else []), body])
    doc.link_parents()
    number_document(doc)
    return doc


UU40 = ("Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional (Lembaran "
        "Negara Republik Indonesia Tahun 2004 Nomor 150, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 4456);")
UU24 = ("Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial (Lembaran "
        "Negara Republik Indonesia Tahun 2011 Nomor 116, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 5256);")
PP44 = ("Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan "
        "Kecelakaan Kerja dan Jaminan Kematian (Lembaran Negara Republik Indonesia Tahun 2015 "
        "Nomor 154, Tambahan Lembaran Negara Republik Indonesia Nomor 5714);")


@pytest.mark.parametrize("code, bad, good", [
    ("term-unused",
     dict(body_texts=["Pekerja didaftarkan."], definitions=[("Pekerja", "Pekerja adalah x."),
                                                             ("Iuran", "Iuran adalah y.")]),
     dict(body_texts=["Pekerja membayar Iuran."], definitions=[("Pekerja", "Pekerja adalah x."),
                                                                ("Iuran", "Iuran adalah y.")])),
    ("term-lowercase",
     dict(body_texts=["Setiap pekerja rentan didaftarkan."],
          definitions=[("Pekerja Rentan", "Pekerja Rentan adalah x.")]),
     dict(body_texts=["Setiap Pekerja Rentan didaftarkan."],
          definitions=[("Pekerja Rentan", "Pekerja Rentan adalah x.")])),
    ("term-undefined",
     dict(body_texts=["Bupati membentuk Tim Percepatan."], definitions=[("Bupati", "Bupati adalah x.")]),
     dict(body_texts=["Bupati membentuk tim percepatan."], definitions=[("Bupati", "Bupati adalah x.")])),
    ("menimbang-form",
     dict(body_texts=["Isi."], menimbang=("perlu diatur",)),
     dict(body_texts=["Isi."], menimbang=("bahwa perlu diatur",))),
    ("mengingat-form",
     dict(body_texts=["Isi."], mengingat=[("Undang-Undang Nomor 40 Tahun 2004 tentang Sistem "
                                           "Jaminan Sosial Nasional;", True)]),
     dict(body_texts=["Isi."], mengingat=[(UU40, True)])),
    ("mengingat-order",
     dict(body_texts=["Isi."], mengingat=[(PP44, True), (UU40, True)]),
     dict(body_texts=["Isi."], mengingat=[(UU40, True), (UU24, True), (PP44, True)])),
    ("citation-unconfirmed",
     dict(body_texts=["Isi."], mengingat=[(UU40, False)]),
     dict(body_texts=["Isi."], mengingat=[(UU40, True)])),
    ("list-typed-conjunction",
     dict(body_texts=["Isi."], rincian=["satu", "dua; dan", "tiga"]),
     dict(body_texts=["Isi."], rincian=["satu", "dua", "tiga"])),
    ("number-without-words",
     dict(body_texts=["Data dilaporkan paling lambat 30 hari."]),
     dict(body_texts=["Data dilaporkan paling lambat 30 (tiga puluh) hari."])),
])
def test_each_document_finding(code, bad, good):
    assert code in codes(document_findings(perbup(**bad)))
    assert code not in codes(document_findings(perbup(**good)))


@pytest.mark.parametrize("text, bare", [
    ("paling lambat 30 hari", ["30"]),
    ("sebesar Rp16.800 setiap bulan", ["Rp16.800"]),
    ("sebesar 0,24% dari upah", ["0,24%"]),
    ("paling lambat 30 (tiga puluh) hari", []),
    ("sebesar Rp6.800,00 (enam ribu delapan ratus rupiah)", []),
    ("sebesar 0,24% (nol koma dua puluh empat persen)", []),
    ("sebagaimana dimaksud dalam Pasal 5 ayat (2) huruf b angka 3", []),
    ("Peraturan Pemerintah Nomor 86 Tahun 2013 tentang X", []),
    ("sampai dengan tanggal 31 Desember 2025", []),
    ("Tahun Anggaran 2026", []),
    ("Nomor 465/Kesber.20/Tapem/VIII/2024", []),
    ('melalui program "1 Desa 100 Pekerja Rentan"', []),
])
def test_numbers_that_need_words(text, bare):
    assert numbers_without_words(text) == bare


def test_placeholders_are_info_in_a_draft_and_errors_when_final():
    from rancang.model.tree import Placeholder
    doc = perbup(body_texts=["Isi."])
    doc.children[-1].children[0].content = ["Nomor ", Placeholder("perbup.number"), "."]
    assert [(f.severity, f.code) for f in document_findings(doc)] == [("info", "placeholder-open")]
    assert [(f.severity, f.code) for f in document_findings(doc, final=True)] == \
        [("error", "placeholder-open")]


def test_seed_regencies_real_inconsistencies_are_reported(tmp_path, in_dir):
    in_dir(tmp_path)
    serang = json.loads(run("check", "serang", "--json").output)["findings"]
    by_code = {f["code"]: f for f in serang}
    assert by_code["counts-differ"]["severity"] == "warning"
    assert "21.434" in by_code["counts-differ"]["message"]
    assert by_code["counts-differ"]["where"]["file"].endswith("regencies/serang.yaml")
    assert by_code["counts-differ"]["where"]["line"] == 95
    assert "Selasa" in by_code["weekday-mismatch"]["message"]
    lebak = json.loads(run("check", "lebak", "--json").output)["findings"]
    budget = next(f for f in lebak if f["code"] == "budget-differs")
    assert "Rp16.200 a worker a month against the configured Rp16.800" in budget["message"]
    assert not [f for f in serang + lebak if f["severity"] == "error"]


def test_exit_status_and_text_output(tmp_path, in_dir):
    in_dir(tmp_path)
    draft = run("check", "rejang-lebong")
    assert draft.exit_code == 0
    assert "info [placeholder-open]" in draft.output and "0 error(s)" in draft.output
    final = run("check", "rejang-lebong", "--final")
    assert final.exit_code == 1 and "error [placeholder-open]" in final.output
    assert run("check", "atlantis").exit_code == 2


def _regency(tmp_path, extra="", **over):
    base = {
        "name": "Contoh", "province": "Banten", "seat": "Kota",
        "officials": "{bupati: A, sekretaris_daerah: B}",
        "perbup": "{status: enacted, number: 1, year: 2026, ditetapkan: 2026-01-05, "
                  "diundangkan: 2026-01-06, berita_daerah: 1}",
        "formation_law": "{type: Undang-Undang, number: 1, year: 2000, title: X, "
                         "ln: {year: 2000, number: 1}, tln: 1, confirmed: true}",
        "segments": "[pekerja_rentan, bukan_penerima_upah]",
    }
    base.update(over)
    path = tmp_path / "contoh.yaml"
    path.write_text("\n".join(f"{k}: {v}" for k, v in base.items()) + "\n" + textwrap.dedent(extra))
    return str(path)


def test_programme_not_allowed_for_a_segment(tmp_path, in_dir):
    in_dir(tmp_path)
    bad = _regency(tmp_path, """\
        opds:
          - name: Dinas A
            groups: [{name: ojek, count: 10, segment: bukan_penerima_upah, programmes: [jkk, jp]}]
        """)
    out = json.loads(run("check", bad, "--doc", "perbup", "--json").output)["findings"]
    found = [f for f in out if f["code"] == "programme-not-allowed"]
    assert found and found[0]["severity"] == "error" and "JP is not open" in found[0]["message"]
    assert found[0]["where"]["file"].endswith("contoh.yaml") and found[0]["where"]["line"] == 10
    good = _regency(tmp_path, """\
        opds:
          - name: Dinas A
            groups: [{name: ojek, count: 10, segment: bukan_penerima_upah, programmes: [jkk, jkm]}]
        """)
    out = json.loads(run("check", good, "--doc", "perbup", "--json").output)["findings"]
    assert not [f for f in out if f["code"] == "programme-not-allowed"]


def test_pks_for_an_opd_not_in_the_regency_file(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("check", "serang", "--doc", "pks", "--opd", "dinas-pendidikan", "--json")
    assert result.exit_code == 1
    found = [f for f in json.loads(result.output)["findings"] if f["code"] == "pks-unknown-opd"]
    assert found and found[0]["severity"] == "error"
    ok = run("check", "serang", "--doc", "pks", "--opd", "dinas-kesehatan", "--json")
    assert ok.exit_code == 0


def test_regency_schema_errors_are_unusable_input(tmp_path, in_dir):
    in_dir(tmp_path)
    bad = _regency(tmp_path, "mystery: 1\n")
    result = run("check", bad, "--json")
    assert result.exit_code == 2
    (finding,) = json.loads(result.output)["findings"]
    assert finding["code"] == "regency-schema" and finding["where"]["file"].endswith("contoh.yaml") \
        and finding["where"]["line"] == 8


def test_build_runs_the_same_checks_and_refuses_to_write(tmp_path, in_dir, workspace_copy):
    in_dir(tmp_path)
    bab = tmp_path / "clauses" / "perbup" / "pemantauan.yaml"
    bab.write_text(bab.read_text().replace("{{ angka(30, 'hari') }}", "30 hari"))
    result = run("build", "rejang-lebong", "-o", "o")
    assert result.exit_code == 1
    assert "number-without-words" not in result.output   # plain message, no code noise
    assert "'30' is written in digits only" in result.output and "Pasal 27" in result.output
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*.docx"))
    check = run("check", "rejang-lebong", "--doc", "perbup")
    assert check.exit_code == 1 and "error [number-without-words] Pasal 27" in check.output
