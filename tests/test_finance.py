"""The financing calculator on the seed regencies' published figures."""
import datetime as dt
import textwrap
from pathlib import Path

import pytest

from rancang.commands.build import Builder, fact_findings, safe_slug
from rancang.composition.finance import compute, load_rates, rate_for
from rancang.sources.loader import load_yaml
from rancang.sources.regency import load_regency
from rancang.sources.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
RATES = load_rates(ROOT / "clauses")
CATALOGUE = load_yaml(ROOT / "clauses" / "catalogue.yaml")


BASE = """\
name: Contoh
province: Banten
seat: Kota
officials: {bupati: A, sekretaris_daerah: B}
perbup: {status: draft, year: 2026}
bantuan_iuran: [{target: pekerja_rentan, programmes: [jkk, jkm], source: apbd}]
formation_law: {type: Undang-Undang, number: 1, year: 2000, title: Pembentukan Kabupaten Contoh, ln: {year: 2000, number: 1}, tln: 1, confirmed: true}
"""


def small_regency(tmp_path, rest: str):
    """A minimal valid regency file plus `rest` (segments, financing, opds …)."""
    path = tmp_path / "contoh.yaml"
    path.write_text(BASE + textwrap.dedent(rest))
    return load_regency(path)


def regency(slug):
    return load_regency(ROOT / "regencies" / f"{slug}.yaml")


def test_lebak_budget_against_the_rate_with_the_implied_rate():
    fin = compute(regency("lebak"), RATES, CATALOGUE)
    (finding,) = fin.findings
    assert finding.message == (
        "stated budget Rp670.680.000 differs from the computed Rp695.520.000 (3.450 workers x "
        "Rp16.800 x 12 months; difference Rp24.840.000): the stated budget works out at "
        "Rp16.200 a worker a month against the configured Rp16.800")
    assert str(finding.where).endswith("regencies/lebak.yaml:77")


def test_lebak_budget_agrees_when_the_regency_budgets_at_its_own_rate(tmp_path):
    text = (ROOT / "regencies" / "lebak.yaml").read_text()
    text = text.replace("  months: 12 ", "  monthly_per_worker: 16200\n  months: 12 ", 1)
    path = tmp_path / "lebak.yaml"
    path.write_text(text)
    assert compute(load_regency(path), RATES, CATALOGUE).findings == []


def test_serang_groups_do_not_add_up_to_the_stated_total():
    fin = compute(regency("serang"), RATES, CATALOGUE)
    assert fin.workers == 21434
    messages = [f.message for f in fin.findings]
    assert messages == ["the participant groups add up to 21.434 workers, the stated total is "
                        "21.234 (difference 200); both are kept as published"]
    by_slug = {o.slug: o for o in fin.opds}
    assert by_slug["dinas-kesehatan"].monthly_total == 7690 * 16800 == 129_192_000
    assert by_slug["dinas-pemberdayaan-masyarakat-dan-desa"].workers == 2428 + 7137
    # months are not published: amounts stay unknown, never guessed
    assert fin.amount is None and by_slug["dinas-kesehatan"].amount is None


def test_serang_published_weekday_is_checked():
    # the 2025 Kesepakatan Bersama ("Senin 9 Desember 2025") and the August 2024 MoU
    # ("Rabu (6/8)"): both dates were a Selasa
    kb, earlier = fact_findings(regency("serang"))
    assert "mou.date 9 Desember 2025 was a Selasa, the published weekday is Senin" in kb.message
    assert ("mou.earlier[0].date 6 Agustus 2024 was a Selasa, the published weekday is Rabu"
            in earlier.message)
    assert str(earlier.where).endswith("regencies/serang.yaml:184")


def test_amounts_per_group_opd_and_regency(tmp_path):
    reg = small_regency(tmp_path, """\
        segments: [pekerja_rentan]
        financing: {year: 2026, months: 12, stated_total: 40320000}
        participants: {rentan_total: 200}
        opds:
          - name: Dinas A
            groups: [{name: nelayan, count: 100}, {name: petani, count: 50, months: 6}]
          - name: Dinas B
            groups: [{name: kader, count: 50}]
        """)
    fin = compute(reg, RATES, CATALOGUE)
    a, b = fin.opds
    assert [g.amount for g in a.groups] == [100 * 16800 * 12, 50 * 16800 * 6]
    assert a.amount == 25_200_000 and b.amount == 10_080_000
    assert fin.amount == 35_280_000 and fin.workers == 200
    # 40.320.000 stated = 200 x 16.800 x 12, but the groups (one of 6 months) cost less
    assert len(fin.findings) == 1 and "Rp35.280.000" in fin.findings[0].message


def test_rates_by_effective_date():
    old = rate_for(RATES, "jkp", "penerima_upah", dt.date(2024, 1, 1))
    new = rate_for(RATES, "jkp", "penerima_upah", dt.date(2025, 6, 1))
    assert old.effective == dt.date(2021, 2, 2) and new.effective == dt.date(2025, 2, 7)
    assert not new.confirmed
    jkm = rate_for(RATES, "jkm", "pekerja_rentan", dt.date(2026, 1, 1))
    assert jkm.nominal == 6800 and jkm.confirmed
    assert rate_for(RATES, "jkm", "pekerja_rentan", dt.date(2010, 1, 1)) is None


def test_a_group_without_a_nominal_rate_is_reported(tmp_path):
    reg = small_regency(tmp_path, """\
        segments: [penerima_upah]
        financing: {year: 2026, months: 12}
        opds: [{name: Dinas A, groups: [{name: honorer, count: 10, segment: penerima_upah,
                                         programmes: [jkk, jkm]}]}]
        """)
    fin = compute(reg, RATES, CATALOGUE)
    assert "no nominal contribution rate for JKK, JKM of segment 'penerima_upah'" in \
        fin.findings[0].message


@pytest.mark.parametrize("name, slug", [
    ("Dinas Pertanian", "dinas-pertanian"),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "dinas-koperasi-usaha-kecil-dan-menengah"),
    ("Bagian Hukum/Setda", "bagian-hukum-setda"),
    ("Dinas P.U. & Tata Ruang", "dinas-p-u-tata-ruang"),
    ("../../etc/passwd", "etc-passwd"),
    ("Dinas Perhubungan — Ñusantara", "dinas-perhubungan-nusantara"),
    ("ديوان", None),
])
def test_awkward_opd_names_become_safe_file_names(name, slug):
    got = safe_slug(name)
    if slug is None:
        assert got.startswith("opd-") and len(got) == 12
    else:
        assert got == slug
    assert "/" not in got and "." not in got


def test_a_very_long_opd_name_is_shortened_but_stays_distinct():
    a = safe_slug("Dinas Pemberdayaan Masyarakat, Desa, Perempuan, Perlindungan Anak, "
                  "Pengendalian Penduduk dan Keluarga Berencana Kabupaten A")
    b = safe_slug("Dinas Pemberdayaan Masyarakat, Desa, Perempuan, Perlindungan Anak, "
                  "Pengendalian Penduduk dan Keluarga Berencana Kabupaten B")
    assert len(a) <= 60 and len(b) <= 60 and a != b


def test_two_opds_that_would_share_a_file_name_are_refused(tmp_path):
    from rancang.errors import BuildError
    reg = small_regency(tmp_path, """\
        segments: [pekerja_rentan]
        opds: [{name: Dinas Sosial}, {name: "Dinas-Sosial"}]
        """)
    with pytest.raises(BuildError, match="cannot be told apart"):
        Builder(Workspace.bundled(), reg)
