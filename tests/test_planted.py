"""Issue 17's planted inconsistencies: the fictional regency tests/planted/contoh.yaml,
whose figures agree, with one line changed per defect; `rancang check` reports each with
its stable code and line, each alone and all together. The expected findings and figures
are written by hand from the file (see its header for the amounts)."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main

FIXTURE = Path(__file__).parent / "planted" / "contoh.yaml"
JHT_RATE = """
  - programme: jht
    segments: [pekerja_sosial_keagamaan]
    nominal: 20000
    effective: 2015-07-01
    source: a rate for this test only
    confirmed: false
"""

# line -> (the line as the fixture has it, the planted line)
DEFECTS = {
    # a budget no single rate explains (the groups cost Rp16.800 and Rp36.800 a month)
    "budget": (22, "  stated_total: 54336000", "  stated_total: 50000000"),
    # Bantuan Iuran for JP, which Pekerja Rentan (bukan penerima upah) cannot join
    "jp": (16, "    programmes: [jkk, jkm]", "    programmes: [jkk, jkm, jp]"),
    # a group of a segment that does not exist
    "segment": (33, "      - {name: nelayan, count: 100}",
                "      - {name: nelayan, count: 100, segment: nelayan_laut}"),
    # a group of nobody
    "zero": (37, "      - {name: kader Posyandu, count: 60}",
             "      - {name: kader Posyandu, count: 0}"),
    # 13 months of one fiscal year
    "months": (21, "  months: 12", "  months: 13"),
    # 14 months on a group
    "group-months": (43, "      - {name: guru ngaji, count: 50, segment: pekerja_sosial_keagamaan, "
                         "programmes: [jkk, jkm, jht]}",
                     "      - {name: guru ngaji, count: 50, segment: pekerja_sosial_keagamaan, "
                     "programmes: [jkk, jkm, jht], months: 14}"),
    # a fiscal year before the Kesepakatan Bersama (10 March 2026)
    "year": (20, "  year: 2026", "  year: 2025"),
    # a PKS dated before the Kesepakatan Bersama it implements
    "pks": (31, "    pks: {date: 2026-04-01}", "    pks: {date: 2026-03-01}"),
}
# What `check` reports for each, alone: (code, severity, line)
EXPECTED = {
    "budget": [("budget-differs", "warning", 22)],
    "jp": [("programme-not-allowed", "error", 16)],
    # the group cannot be priced: no budget to compare any more
    "segment": [("group-segment-unknown", "error", 33)],
    # ... and the budget no longer adds up: 20.160.000 + 0 + 22.080.000
    "zero": [("group-zero-workers", "error", 37), ("budget-differs", "warning", 22)],
    # 54.336.000 / 12 x 13 = 58.864.000
    "months": [("months-beyond-year", "error", 21), ("budget-differs", "warning", 22)],
    # 20.160.000 + 12.096.000 + 50 x 36.800 x 14 = 58.016.000
    "group-months": [("months-beyond-year", "error", 43), ("budget-differs", "warning", 22)],
    "year": [("budget-before-mou", "error", 20)],
    "pks": [("pks-before-mou", "error", 31)],
}
CODES = {code for found in EXPECTED.values() for code, _, _ in found} | {
    "counts-differ", "rate-missing", "group-segment-not-chosen", "programme-below-law",
    "decision-incoherent", "kuasa-after-pks", "instrument-number-reused"}


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def planted(workspace_copy, in_dir):
    in_dir(workspace_copy)
    rates = workspace_copy / "clauses" / "rates.yaml"
    rates.write_text(rates.read_text() + JHT_RATE)
    path = workspace_copy / "regencies" / "contoh.yaml"
    shutil.copy(FIXTURE, path)
    return path


def plant(path, *names):
    lines = path.read_text().splitlines()
    for name in names:
        line, before, after = DEFECTS[name]
        assert lines[line - 1] == before, name
        lines[line - 1] = after
    path.write_text("\n".join(lines) + "\n")


def found(path):
    findings = json.loads(run("check", "contoh", "--json").output)["findings"]
    return sorted((f["code"], f["severity"], f["where"]["line"]) for f in findings
                  if f["code"] in CODES and f["where"]
                  and f["where"].get("file") == "regencies/contoh.yaml")


def test_the_fixture_itself_is_consistent(planted):
    assert found(planted) == []
    figures = json.loads(run("check", "contoh", "--json").output)["figures"]
    assert figures["participants"] == 210 and figures["amount"] == 54_336_000


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_each_planted_inconsistency_alone(planted, name):
    plant(planted, name)
    assert found(planted) == sorted(EXPECTED[name])


def test_all_planted_inconsistencies_together(planted):
    plant(planted, *DEFECTS)
    # an unknown segment leaves a group unpriced: the budget cannot be compared, so it
    # says nothing about the stated total; everything else stands
    assert found(planted) == sorted([
        ("programme-not-allowed", "error", 16), ("budget-before-mou", "error", 20),
        ("months-beyond-year", "error", 21), ("pks-before-mou", "error", 31),
        ("group-segment-unknown", "error", 33), ("group-zero-workers", "error", 37),
        ("months-beyond-year", "error", 43)])


def test_the_messages_say_what_is_wrong(planted):
    plant(planted, "budget", "months", "year")
    findings = {f["code"]: f["message"] for f in
                json.loads(run("check", "contoh", "--json").output)["findings"]}
    assert findings["budget-differs"] == (
        # 13 months: 100 x 16.800 x 13 + 60 x 16.800 x 13 + 50 x 36.800 x 13 = 58.864.000
        "stated budget Rp50.000.000 differs from the computed Rp58.864.000 (difference "
        "Rp8.864.000); the groups are priced at different rates (Rp16.800, Rp36.800 a worker "
        "a month), so no single rate explains the stated budget")
    assert findings["months-beyond-year"] == (
        "financing.months is 13, but from 1 Januari 2025 the fiscal year 2025 has 12 months "
        "left: the APBD of one year pays for that year only")
    assert findings["budget-before-mou"].startswith(
        "financing.year 2025 is before the year of the Kesepakatan Bersama it rests on "
        "(mou.date 10 Maret 2026)")


def test_build_refuses_what_check_calls_an_error(planted):
    plant(planted, "pks")
    result = run("build", "contoh", "--doc", "pks", "-o", "o")
    assert result.exit_code == 1 and "pks-before-mou" not in result.output
    assert "the PKS of Dinas Perikanan is dated 1 Maret 2026, before the Kesepakatan Bersama" \
           in result.output
    assert not Path("o").exists()
