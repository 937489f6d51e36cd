"""The Kesepakatan Bersama and the PKS, read back from the DOCX as a reader meets them: each
defect of issue 11 as a regression test on the built text (parties and authority, one
figure per fact, the instrument history, the clauses), and --doc all.

Expected words are written from the sources: PP 28/2018 Pasal 13 ayat (1)-(2) (the Bupati
represents the Daerah and may give kuasa to "pejabat di lingkungan perangkat daerah"), Pasal
19 ayat (2) and 21; PP 44/2015 Pasal 11, 22 and 24; the seed articles (shared/seeds/002
and 003) for Serang's figures and instruments."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docxtext import docx_lines

from rancang.cli import main

SERANG_OPDS = ("dinas-perikanan", "bagian-kesra", "dinas-pemberdayaan-masyarakat-dan-desa",
               "dinas-koperasi-usaha-kecil-dan-menengah", "dinas-pariwisata-pemuda-dan-olahraga",
               "dinas-kesehatan", "dinas-pertanian")
# The published counts of the eight groups (Publisia.id, seed 002), by OPD as the regency
# file assigns them: they add up to 21.434, the article's total says 21.234.
SERANG_COUNTS = {"dinas-perikanan": 200, "bagian-kesra": 770,
                 "dinas-pemberdayaan-masyarakat-dan-desa": 2428 + 7137,
                 "dinas-koperasi-usaha-kecil-dan-menengah": 1110,
                 "dinas-pariwisata-pemuda-dan-olahraga": 83, "dinas-kesehatan": 7690,
                 "dinas-pertanian": 2016}


def run(*args):
    return CliRunner().invoke(main, list(args))


def built(tmp_path_factory, slug):
    out = tmp_path_factory.mktemp(slug)
    result = run("build", slug, "--doc", "all", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def serang(tmp_path_factory):
    return built(tmp_path_factory, "serang")


@pytest.fixture(scope="module")
def lebak(tmp_path_factory):
    return built(tmp_path_factory, "lebak")


@pytest.fixture(scope="module")
def rejang(tmp_path_factory):
    return built(tmp_path_factory, "rejang-lebong")


def lines_of(out, stem):
    return docx_lines(out / f"{stem}.docx")


def text_of(out, stem):
    return "\n".join(lines_of(out, stem))


def test_doc_all_builds_every_document_of_the_package(serang):
    out, output = serang
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["perbup-serang.docx", "mou-serang.docx",
                            "kepbup-penerima-serang.docx", "kepbup-tim-serang.docx"]
                           + [f"pks-serang-{s}.docx" for s in SERANG_OPDS]
                           + [f"kuasa-serang-{s}.docx" for s in SERANG_OPDS])
    assert sum(1 for line in output.splitlines() if ": wrote " in line) == 18
    assert "the participant groups add up to 21.434 workers, the stated total is 21.234" in output
    assert "mou.date 9 Desember 2025 was a Selasa, the published weekday is Senin" in output


# -- 1. parties and authority ----------------------------------------------------------------

def test_the_pks_is_between_the_pemerintah_kabupaten_and_the_bpjs_branch(serang):
    out, _ = serang
    for slug in SERANG_OPDS:
        lines = lines_of(out, f"pks-serang-{slug}")
        assert lines[:5] == ["PERJANJIAN KERJA SAMA", "ANTARA", "PEMERINTAH KABUPATEN SERANG",
                             "DAN", "BADAN PENYELENGGARA JAMINAN SOSIAL KETENAGAKERJAAN KANTOR "
                                    "CABANG SERANG"]


def test_the_komparisi_cites_the_surat_kuasa_and_bpjs_authority(serang):
    out, _ = serang
    lines = lines_of(out, "pks-serang-dinas-kesehatan")
    assert ("1.\t..., Kepala Dinas Kesehatan Kabupaten Serang, dalam hal ini bertindak untuk dan "
            "atas nama Pemerintah Kabupaten Serang berdasarkan Surat Kuasa Bupati Serang Nomor "
            "... tanggal ..., selanjutnya disebut PIHAK KESATU;") in lines
    assert ("2.\tUus Supriyadi, Kepala BPJS Ketenagakerjaan Kantor Cabang Serang, dalam hal ini "
            "bertindak untuk dan atas nama Badan Penyelenggara Jaminan Sosial Ketenagakerjaan "
            "berdasarkan ... Nomor ... tanggal ..., selanjutnya disebut PIHAK KEDUA.") in lines


def test_a_bagian_signs_as_an_official_of_its_perangkat_daerah_on_its_budget(serang):
    out, _ = serang
    lines = lines_of(out, "pks-serang-bagian-kesra")
    assert ("1.\t..., Kepala Bagian Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Serang, "
            "selaku pejabat di lingkungan Sekretariat Daerah Kabupaten Serang, dalam hal ini "
            "bertindak untuk dan atas nama Pemerintah Kabupaten Serang berdasarkan Surat Kuasa "
            "Bupati Serang Nomor ... tanggal ..., selanjutnya disebut PIHAK KESATU;") in lines
    assert any("pada dokumen pelaksanaan anggaran Sekretariat Daerah." in line for line in lines)
    # a Dinas is a Perangkat Daerah: its own budget, no "pejabat di lingkungan"
    dinas = text_of(out, "pks-serang-dinas-kesehatan")
    assert "pada dokumen pelaksanaan anggaran Dinas Kesehatan." in dinas
    assert "pejabat di lingkungan" not in dinas


def test_perbup_and_kb_say_who_signs_in_the_pp_s_own_words(serang):
    out, _ = serang
    perbup = text_of(out, "perbup-serang")
    assert ("Bupati dapat memberikan kuasa kepada pejabat di lingkungan Perangkat Daerah untuk "
            "menandatangani perjanjian kerja sama") in perbup
    assert "ditandatangani oleh kepala Perangkat Daerah" not in perbup
    kb = text_of(out, "mou-serang")
    assert ("ditandatangani oleh pejabat di lingkungan Perangkat Daerah yang diberi kuasa oleh "
            "Bupati Serang untuk dan atas nama PIHAK KESATU") in kb
    assert "kepala perangkat daerah atas kuasa" not in kb.lower()


def test_no_document_repeats_kantor_cabang(serang, lebak, rejang):
    for out, _ in (serang, lebak, rejang):
        for path in out.glob("*.docx"):
            text = "\n".join(docx_lines(path)).lower()
            assert not re.search(r"kantor cabang bpjs ketenagakerjaan (kantor )?cabang", text), path
    lines = lines_of(serang[0], "mou-serang")
    assert "BUPATI SERANG, | KEPALA BPJS KETENAGAKERJAAN KANTOR CABANG SERANG," in lines


def test_a_position_that_repeats_the_office_is_a_warning(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    path.write_text(path.read_text().replace("  position: Kepala ", "  position: Kepala Kantor Cabang "))
    findings = json.loads(run("check", "serang", "--doc", "mou", "--json").output)["findings"]
    (repeat,) = [f for f in findings if f["code"] == "party-title-repeats"]
    assert "'kantor cabang' twice" in repeat["message"]


# -- 2. one figure per fact -----------------------------------------------------------------

def _count(text: str) -> int:
    return int(text.replace(".", ""))


def test_the_kb_commits_no_count_and_no_amount(serang, lebak):
    for out, stem in ((serang[0], "mou-serang"), (lebak[0], "mou-lebak")):
        kb = text_of(out, stem)
        assert "Rp" not in kb
        for figure in ("21.234", "21.434", "3.450", "670.680.000", "695.520.000"):
            assert figure not in kb
        assert ("ditetapkan setiap tahun anggaran dengan Keputusan Bupati" in kb
                and "dituangkan dalam perjanjian kerja sama" in kb)


def test_each_pks_and_the_keputusan_print_the_computed_counts_and_check_agrees(serang):
    out, _ = serang
    check = json.loads(run("check", "serang", "--json").output)
    figures = check["figures"]
    assert figures["participants"] == 21434 == sum(SERANG_COUNTS.values())
    assert {o["opd"]: o["participants"] for o in figures["opds"]} == SERANG_COUNTS
    keputusan = text_of(out, "kepbup-penerima-serang")
    assert "sebanyak 21.434 (dua puluh satu ribu empat ratus tiga puluh empat) orang" in keputusan
    assert "21.234" not in keputusan
    for slug, count in SERANG_COUNTS.items():
        pks = text_of(out, f"pks-serang-{slug}")
        shown = [_count(m) for m in re.findall(r"(?:sebanyak|berjumlah) ([\d.]+) \(", pks)]
        assert max(shown) == count, slug           # the OPD's total (or its one group)
        assert f"JUMLAH | {count:,}".replace(",", ".") in pks
        assert "21.234" not in pks and "21.434" not in pks


@pytest.mark.parametrize("slug", ["serang", "lebak", "rejang-lebong"])
def test_the_figures_of_every_document_and_check_are_one(slug, tmp_path):
    """The KB prints none; each PKS its OPD's; the Keputusan the regency's, per OPD in
    its diktum and Lampiran II; `check` the same."""
    assert run("build", slug, "--doc", "all", "--format", "md", "-o", str(tmp_path)).exit_code == 0
    figures = json.loads(run("check", slug, "--json").output)["figures"]
    keputusan = (tmp_path / f"kepbup-penerima-{slug}.md").read_text()
    words = re.search(r"KESATU : .*? sebanyak (\S+) ", keputusan).group(1)
    total = figures["participants"]
    assert words == ("..." if total is None else f"{total:,}".replace(",", "."))
    amount = re.search(r"KELIMA : Kebutuhan pendanaan .*? sebesar (\S+?),? ", keputusan).group(1)
    assert amount == ("..." if figures["amount"] is None
                      else "Rp" + f"{figures['amount']:,}".replace(",", ".") + ",00")
    for opd in figures["opds"]:
        pks = (tmp_path / f"pks-{slug}-{opd['opd']}.md").read_text()
        row = re.search(r"\| JUMLAH \|.*", pks).group(0)
        cells = [c.strip() for c in row.strip("|").split("|")]
        shown = cells[-4]
        assert shown == ("..." if opd["participants"] is None
                         else f"{opd['participants']:,}".replace(",", "."))
    assert not re.search(r"\bRp[\d.]", (tmp_path / f"mou-{slug}.md").read_text())


def test_lebak_prints_the_computed_budget_until_a_decision_says_otherwise(lebak, workspace_copy,
                                                                         in_dir):
    out, _ = lebak
    # 3.450 workers x (JKK Rp10.000 + JKM Rp6.800) x 12 months = Rp695.520.000
    keputusan = text_of(out, "kepbup-penerima-lebak")
    assert "sebesar Rp695.520.000,00 (enam ratus sembilan puluh lima juta lima ratus dua puluh " \
           "ribu rupiah)" in keputusan and "670.680.000" not in keputusan
    # the Bupati's office decides for the published budget: every document uses it
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "lebak.yaml"
    path.write_text(path.read_text() + DECIDE_BUDGET)
    result = run("build", "lebak", "--doc", "all", "--format", "md", "-o", "o")
    assert result.exit_code == 0, result.output
    keputusan = (workspace_copy / "o" / "kepbup-penerima-lebak.md").read_text()
    assert "sebesar Rp670.680.000,00 (enam ratus tujuh puluh juta enam ratus delapan puluh ribu " \
           "rupiah)" in keputusan
    for md in (workspace_copy / "o").glob("*.md"):
        assert "695.520.000" not in md.read_text(), md
    check = json.loads(run("check", "lebak", "--json").output)
    assert check["figures"]["amount"] == 670_680_000
    (budget,) = [f for f in check["findings"] if f["code"] == "budget-differs"]
    assert budget["severity"] == "info" and "decided: the published figure" in budget["message"]


DECIDE_BUDGET = """
decisions:
  - fact: financing.stated_total
    use: published
    why: APBD 2026 as adopted
    who: Kepala BPKAD
"""
DECIDE_COUNTS = """
decisions:
  - fact: participants.rentan_total
    use: computed
    why: the eight groups are counted by name; the article's total is a slip
    who: Kepala Bagian Hukum
"""


def test_final_refuses_an_undecided_disagreement_and_accepts_a_decision(workspace_copy, in_dir):
    in_dir(workspace_copy)
    refused = run("build", "serang", "--doc", "mou", "--final", "--json")
    assert refused.exit_code == 1
    codes = [p["code"] for p in json.loads(refused.stdout)["problems"]]
    assert codes == ["counts-differ"]          # the input is refused before any document
    path = workspace_copy / "regencies" / "serang.yaml"
    path.write_text(path.read_text() + DECIDE_COUNTS)
    after = json.loads(run("build", "serang", "--doc", "mou", "--final", "--json").stdout)
    assert "counts-differ" not in [p["code"] for p in after["problems"]]   # other facts open
    check = json.loads(run("check", "serang", "--final", "--json").output)["findings"]
    (counts,) = [f for f in check if f["code"] == "counts-differ"]
    assert counts["severity"] == "info"
    assert "decided: the computed figure (the eight groups are counted by name" in counts["message"]


def test_a_decision_for_the_published_count_while_the_groups_differ_cannot_stand(workspace_copy,
                                                                                in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    path.write_text(path.read_text() + DECIDE_COUNTS.replace("use: computed", "use: published"))
    findings = json.loads(run("check", "serang", "--json").output)["findings"]
    (wrong,) = [f for f in findings if f["code"] == "decision-incoherent"]
    assert wrong["severity"] == "error" and "21.434" in wrong["message"]
    assert wrong["where"]["line"] == len(path.read_text().splitlines()) - 3


# -- 3. the instrument history ---------------------------------------------------------------

def test_the_2025_kb_has_its_own_numbers_and_cites_the_2024_mou(serang):
    out, _ = serang
    lines = lines_of(out, "mou-serang")
    assert lines[5:7] == ["NOMOR: ...", "NOMOR: ..."]
    recital = next(line for line in lines if "465/Kesber.20/Tapem/VIII/2024" in line)
    assert recital == ("d.\tbahwa PARA PIHAK sebelumnya telah menandatangani Kesepakatan Bersama "
                       "Nomor 465/Kesber.20/Tapem/VIII/2024 tanggal 6 Agustus 2024 tentang "
                       "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan, yang perlu "
                       "dilanjutkan dan diperluas melalui Kesepakatan Bersama ini;")
    # the article's number and title, not read off the MoU: highlighted as unconfirmed
    doc = Document(str(out / "mou-serang.docx"))
    para = next(p for p in doc.paragraphs if "465/Kesber" in p.text)
    assert any(r.style.name == "Isian" and "465/Kesber" in r.text for r in para.runs)


def test_every_pks_cites_the_2025_kb_not_the_2024_number(serang):
    out, _ = serang
    for slug in SERANG_OPDS:
        pks = text_of(out, f"pks-serang-{slug}")
        assert "465/Kesber" not in pks
        assert ("bahwa PARA PIHAK telah menandatangani Kesepakatan Bersama Nomor ... dan Nomor "
                "... tanggal 9 Desember 2025 tentang Sinergi Penyelenggaraan Program Jaminan "
                "Sosial Ketenagakerjaan di Kabupaten Serang") in pks


def test_the_earlier_number_given_to_the_kb_is_caught(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    text = path.read_text()
    line = text.splitlines().index("  number_pemda: ...") + 1
    path.write_text(text.replace("  number_pemda: ...", "  number_pemda: 465/Kesber.20/Tapem/VIII/2024", 1))
    findings = json.loads(run("check", "serang", "--doc", "mou", "--json").output)["findings"]
    by_code = {f["code"]: f for f in findings}
    assert by_code["instrument-number-reused"]["severity"] == "error"
    assert by_code["instrument-number-reused"]["where"]["line"] == line
    assert by_code["instrument-number-date"]["severity"] == "warning"
    assert "VIII/2024" in by_code["instrument-number-date"]["message"]


# -- 4. the clauses -------------------------------------------------------------------------

def test_the_pks_fines_nobody(serang):
    pks = text_of(serang[0], "pks-serang-dinas-kesehatan")
    assert "denda" not in pks
    assert "HAK DAN KEWAJIBAN PIHAK KESATU" in pks and "SANKSI" in pks


def test_personal_data_and_confidentiality(serang):
    pks = text_of(serang[0], "pks-serang-dinas-kesehatan")
    assert "KERAHASIAAN DAN PELINDUNGAN DATA PRIBADI" in pks
    assert ("PARA PIHAK wajib menjaga kerahasiaan data pribadi peserta, termasuk nama, nomor "
            "induk kependudukan, dan alamat") in pks
    assert "sesuai dengan ketentuan peraturan perundang-undangan mengenai pelindungan data pribadi" in pks
    kb = text_of(serang[0], "mou-serang")
    assert "melindungi data pribadi peserta" in kb


def test_payment_mechanics_and_the_start_of_cover(serang):
    pks = text_of(serang[0], "pks-serang-dinas-kesehatan")
    assert "TATA CARA PEMBAYARAN" in pks and "MULAI BERLAKUNYA PELINDUNGAN" in pks
    assert "menyampaikan tagihan iuran kepada PIHAK KESATU setiap bulan, dilengkapi dengan daftar peserta" in pks
    # PP 44/2015 Pasal 24 ayat (3): by the 15th of the month of the Iuran
    assert "paling lambat tanggal 15 (lima belas) bulan iuran yang bersangkutan" in pks
    assert "rekonsiliasi data peserta dan pembayaran iuran setiap bulan" in pks
    # PP 44/2015 Pasal 11 ayat (4)-(5)
    assert "Pelindungan bagi peserta mulai berlaku sejak nomor kepesertaan" in pks


def test_replacement_of_participants(serang):
    pks = text_of(serang[0], "pks-serang-dinas-kesehatan")
    assert "PENGGANTIAN PESERTA" in pks
    assert "ditetapkan dengan Keputusan Bupati Serang" in pks


def test_force_majeure_is_not_the_pemda_s_own_fiscal_policy(serang):
    pks = text_of(serang[0], "pks-serang-dinas-kesehatan")
    assert "kebijakan pemerintah di bidang keuangan" not in pks
    assert "Perubahan kebijakan salah satu pihak, termasuk kebijakan anggaran, tidak termasuk keadaan kahar" in pks


def test_disputes_go_to_a_named_forum(serang, workspace_copy, in_dir):
    pks = text_of(serang[0], "pks-serang-dinas-kesehatan")
    assert "PARA PIHAK sepakat menyelesaikannya melalui ...." in pks       # still open
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    path.write_text(path.read_text() + "\npks:\n  court: Pengadilan Negeri Serang\n")
    assert run("build", "serang", "--doc", "pks", "--opd", "dinas-kesehatan", "--format", "md",
               "-o", "o").exit_code == 0
    text = (workspace_copy / "o" / "pks-serang-dinas-kesehatan.md").read_text()
    assert "menyelesaikannya melalui Pengadilan Negeri Serang." in text


def test_dibubuhi_meterai_and_a_place_for_it(serang):
    for stem in ("mou-serang", "pks-serang-dinas-kesehatan"):
        text = text_of(serang[0], stem)
        assert "bermeterai cukup" not in text
        assert "masing-masing dibubuhi meterai dan mempunyai kekuatan hukum yang sama" in text
        assert "Meterai | Meterai" in lines_of(serang[0], stem)


def test_the_kb_is_an_intent_document_with_recitals(serang):
    lines = lines_of(serang[0], "mou-serang")
    recitals = [line for line in lines if re.match(r"^[a-d]\.\tbahwa ", line)]
    assert len(recitals) == 4
    assert recitals[1] == ("b.\tbahwa PIHAK KEDUA merupakan badan hukum publik yang "
                           "menyelenggarakan program jaminan sosial ketenagakerjaan berdasarkan "
                           "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan "
                           "Sosial;")
    headings = [lines[i + 1] for i, line in enumerate(lines) if line.startswith("Pasal ")]
    assert headings == ["MAKSUD DAN TUJUAN", "RUANG LINGKUP", "PELAKSANAAN", "PENDANAAN",
                        "KERAHASIAAN DATA", "JANGKA WAKTU", "MONITORING DAN EVALUASI",
                        "PENYELESAIAN PERSELISIHAN", "LAIN-LAIN", "PENUTUP"]


def test_komparisi_and_table_headings_are_the_clause_library_s(workspace_copy, in_dir):
    """Change the words in the clause files: the documents follow (nothing in Python)."""
    in_dir(workspace_copy)
    pks = workspace_copy / "clauses" / "pks" / "document.yaml"
    text = pks.read_text()
    text = text.replace("  dalam hal ini bertindak {{ pihak.bertindak }}, selanjutnya disebut",
                        "  dalam hal ini bertindak {{ pihak.bertindak }}, dan selanjutnya disebut")
    text = text.replace("    pekerja: Jumlah Pekerja (orang)", "    pekerja: Banyaknya Peserta")
    text = text.replace("  jumlah: JUMLAH", "  jumlah: TOTAL")
    pks.write_text(text)
    assert run("build", "serang", "--doc", "pks", "--opd", "dinas-kesehatan", "-o", "o").exit_code == 0
    lines = docx_lines(workspace_copy / "o" / "pks-serang-dinas-kesehatan.docx")
    assert any(", dan selanjutnya disebut PIHAK KESATU;" in line for line in lines)
    assert "No. | Kelompok Pekerja | Banyaknya Peserta | Iuran per Orang per Bulan | Jumlah Bulan " \
           "| Jumlah Biaya" in lines
    assert any(line.startswith("TOTAL | 7.690") for line in lines)


def test_pks_of_one_opd_has_its_groups_counts_and_amounts(serang):
    lines = lines_of(serang[0], "pks-serang-dinas-pemberdayaan-masyarakat-dan-desa")
    assert "a.\tanggota Badan Permusyawaratan Desa sebanyak 2.428 (dua ribu empat ratus dua puluh " \
           "delapan) orang; dan" in lines
    assert "b.\tperangkat RT/RW sebanyak 7.137 (tujuh ribu seratus tiga puluh tujuh) orang." in lines
    assert any("berjumlah 9.565 (sembilan ribu lima ratus enam puluh lima) orang" in l for l in lines)
    # 9.565 workers x (Rp10.000 + Rp6.800) = Rp160.692.000 a month
    assert any("dibayarkan setiap bulan sebesar Rp160.692.000,00 (seratus enam puluh juta enam "
               "ratus sembilan puluh dua ribu rupiah)." in l for l in lines)
    headings = [lines[i + 1] for i, l in enumerate(lines) if l.startswith("Pasal ")]
    for required in ("HAK DAN KEWAJIBAN PIHAK KESATU", "HAK DAN KEWAJIBAN PIHAK KEDUA",
                     "JANGKA WAKTU", "KEADAAN KAHAR", "PENYELESAIAN PERSELISIHAN", "SANKSI"):
        assert required in headings
    assert "1 | anggota Badan Permusyawaratan Desa | 2.428 | Rp16.800 | ... | ..." in lines
    assert "JUMLAH | 9.565 |  |  | ..." in lines


def test_one_pks_by_opd_slug_and_an_unknown_opd(tmp_path):
    ok = run("build", "serang", "--doc", "pks", "--opd", "dinas-perikanan", "-o", str(tmp_path))
    assert ok.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["pks-serang-dinas-perikanan.docx"]
    bad = run("build", "serang", "--doc", "pks", "--opd", "dinas-pendidikan", "-o", str(tmp_path))
    assert bad.exit_code == 2
    assert "no OPD 'dinas-pendidikan'" in bad.output and "dinas-kesehatan" in bad.output


def test_regencies_lists_the_three_seed_regencies(tmp_path, in_dir):
    in_dir(tmp_path)
    out = run("regencies").output
    assert "lebak" in out and "Kabupaten Lebak" in out and "Provinsi Banten" in out
    assert "serang" in out and "rejang-lebong" in out


def test_a_pks_of_5000_groups_lists_them_all(tmp_path, in_dir):
    """Issue 17: a PKS of thousands of groups. Its groups are the regency file's, not a list
    the clause made: the sandbox's limits on what a clause makes do not refuse them."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synthetic import many_groups
    in_dir(tmp_path)
    path = many_groups(tmp_path / "kelompok.yaml", 5000)
    result = run("build", str(path), "--doc", "pks", "--format", "md", "-o", "o")
    assert result.exit_code == 0, result.output[-2000:]
    (pks,) = (tmp_path / "o").glob("pks-*.md")
    text = pks.read_text()
    # counts 100 + i % 50 for i < 5000: 100 of each of 100..149 = 100 x 6.225 = 622.500
    assert "berjumlah 622.500 (enam ratus dua puluh dua ribu lima ratus) orang" in text
    assert text.count("sebanyak ") >= 5000
    assert "| JUMLAH |   | 622.500 |" in text
