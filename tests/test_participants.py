"""The participant list (XLSX or CSV): every NIK rule with its row number, the masking of
NIKs, both CSV dialects, bad files, and a list of 20,000.

Expected values are written by hand from the NIK's structure (PP 37/2007 Pasal 37: region
1-6, DDMMYY 7-12 with women's day + 40, serial 13-16) and from the limits of
clauses/participants.yaml (18 to 65 on the reference date)."""
import datetime as dt
import re
import textwrap
import zipfile

import openpyxl
import pytest

from rancang.errors import RancangError
from rancang.readers import participants as reader
from rancang.readers.participants import load_limits, mask_nik, read_participants
from rancang.sources.regency import load_regency

from conftest import ROOT

COVER_START = dt.date(2026, 1, 1)
HEADER = ["No", "Nama", "NIK", "Alamat", "Desa/Kelurahan", "Perangkat Daerah/OPD", "Kelompok"]

REGENCY_HEAD = """\
name: Contoh
province: Bengkulu
seat: Curup
officials: {bupati: A, sekretaris_daerah: B}
formation_law: {type: Undang-Undang, number: 1, year: 2000, title: Pembentukan Kabupaten Contoh, ln: {year: 2000, number: 1}, tln: 1, confirmed: true}
perbup: {status: draft, year: 2026}
segments: [pekerja_rentan, pekerja_sosial_keagamaan]
bantuan_iuran:
  - {target: pekerja_rentan, programmes: [jkk, jkm], source: apbd}
financing: {year: 2026, start: 2026-01-01, months: 12}
"""
REGENCY = REGENCY_HEAD + """\
opds:
  - name: Dinas Perikanan
    groups:
      - {name: nelayan, count: 3}
  - name: Dinas Kesehatan
    groups:
      - {name: kader Posyandu, count: 2}
  - name: Bagian Kesejahteraan Rakyat Sekretariat Daerah
    slug: bagian-kesra
    groups:
      - {name: guru ngaji, count: ..., segment: pekerja_sosial_keagamaan}
"""


@pytest.fixture
def regency(tmp_path):
    path = tmp_path / "contoh.yaml"
    path.write_text(REGENCY, encoding="utf-8")
    return load_regency(path)


def xlsx(path, rows, header=HEADER, title_rows=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Peserta"
    for title in title_rows:
        ws.append(title)
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def read(path, regency, **kw):
    kw.setdefault("reference_date", COVER_START)
    kw.setdefault("region_code", "1702")
    return read_participants(path, regency, **kw)


def found(plist):
    return [(f.where.line if f.where is not None else None, f.code, f.severity)
            for f in plist.findings]


# --- the NIK cases ----------------------------------------------------------------------

NIK_CASES = [
    # row 2: a man born 12 March 1985, district 01 of region 1702: valid
    [1, "Ahmad Fauzi", "1702011203850001", "Jl. Merdeka 1", "Talang Rimbo", "Dinas Perikanan", "nelayan"],
    # row 3: 15 digits
    [2, "Budi", "170201120385001", "Jl. Merdeka 2", "Talang Rimbo", "Dinas Perikanan", "nelayan"],
    # row 4: issued in 3604 (Serang), not 1702
    [3, "Citra", "3604011203850002", "Jl. Merdeka 3", "Talang Rimbo", "Dinas Perikanan", "nelayan"],
    # row 5: 31 February 1985
    [4, "Dedi", "1702013102850003", "Jl. Merdeka 4", "Talang Rimbo", "Dinas Kesehatan", "kader Posyandu"],
    # row 6: a woman born 12 March 1990 (day 12 + 40 = 52): valid
    [5, "Euis", "1702015203900004", "Jl. Merdeka 5", "Talang Rimbo", "Dinas Kesehatan", "kader Posyandu"],
    # row 7: day 72 is 32 for a woman: no such day
    [6, "Fitri", "1702017203900005", "Jl. Merdeka 6", "Talang Rimbo", "Dinas Kesehatan", "kader Posyandu"],
    # row 8: row 2's NIK again, under another OPD: double funding
    [7, "Ahmad F.", "1702011203850001", "Jl. Merdeka 1", "Talang Rimbo", "Dinas Kesehatan", "kader Posyandu"],
    # row 9: district 00
    [8, "Gani", "1702001203850006", "Jl. Merdeka 8", "Talang Rimbo", "Dinas Perikanan", "nelayan"],
]


def test_each_nik_case_is_a_finding_with_its_row(tmp_path, regency):
    plist = read(xlsx(tmp_path / "peserta.xlsx", NIK_CASES), regency)
    assert found(plist)[:6] == [
        (3, "nik-length", "error"),
        (4, "nik-region", "warning"),
        (5, "nik-date", "error"),
        (7, "nik-date", "error"),
        (8, "nik-duplicate", "error"),
        (9, "nik-district", "error"),
    ]
    by_row = {f.where.line: f for f in plist.findings[:6]}
    assert str(by_row[3]) == f"{by_row[3].where.file}:3: NIK ***********5001 has 15 digits; a NIK has 16"
    assert "Februari has no day 31" in by_row[5].message
    assert "day 72 does not exist" in by_row[7].message
    assert by_row[8].message == ("NIK ************0001 is also in row 2, under Dinas Perikanan: "
                                 "the same person would be funded twice, by Dinas Perikanan and "
                                 "by Dinas Kesehatan")
    assert "district code (digits 5-6) is 00" in by_row[9].message
    assert "is not 1702" in by_row[4].message and "Kabupaten Contoh" in by_row[4].message


def test_a_nik_of_another_regency_of_the_same_province(tmp_path, regency):
    rows = [[1, "A", "1701011203850001", "x", "", "Dinas Perikanan", "nelayan"],   # 1701
            [2, "B", "1702011203850002", "x", "", "Dinas Perikanan", "nelayan"]]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    assert [(f.where.line, f.code) for f in plist.findings if f.code.startswith("nik")] == [
        (2, "nik-region")]


def test_the_woman_plus_40_day_gives_her_birth_date(tmp_path, regency):
    plist = read(xlsx(tmp_path / "peserta.xlsx", NIK_CASES), regency)
    euis = next(p for p in plist.rows if p.row == 6)
    ahmad = next(p for p in plist.rows if p.row == 2)
    assert (euis.birth_date, euis.sex) == (dt.date(1990, 3, 12), "P")
    assert (ahmad.birth_date, ahmad.sex) == (dt.date(1985, 3, 12), "L")


def test_counts_take_every_row_with_a_known_opd_and_group(tmp_path, regency):
    plist = read(xlsx(tmp_path / "peserta.xlsx", NIK_CASES), regency)
    # nelayan: rows 2, 3, 4, 9; kader Posyandu: rows 5, 6, 7, 8 (the duplicate counts: it is
    # the double funding its error reports)
    assert plist.counts() == {("dinas-perikanan", "nelayan"): 4,
                              ("dinas-kesehatan", "kader Posyandu"): 4}
    assert [p.row for p in plist.by_opd()["dinas-kesehatan"]] == [5, 6, 7, 8]


def test_a_count_that_differs_from_the_regency_file_is_a_warning_naming_both(tmp_path, regency):
    plist = read(xlsx(tmp_path / "peserta.xlsx", NIK_CASES), regency)
    differs = [f for f in plist.findings if f.code == "count-differs"]
    assert [(f.severity, f.message) for f in differs] == [
        ("warning", "Dinas Perikanan, group 'nelayan': the participant list has 4 participants, "
                    "the regency file says 3"),
        ("warning", "Dinas Kesehatan, group 'kader Posyandu': the participant list has 4 "
                    "participants, the regency file says 2"),
    ]
    # the line of each group in the regency file (REGENCY above: lines 14 and 17)
    assert [f.where.line for f in differs] == [14, 17]
    # guru ngaji has count '...': nothing to compare


@pytest.mark.parametrize("nik, born, ok", [
    ("1702010101080009", "1 January 2008: 18 on 1 January 2026", True),
    ("1702010201080009", "2 January 2008: 17", False),
    ("1702010201600009", "2 January 1960: 65", True),
    ("1702010101600009", "1 January 1960: 66", False),
    ("1702011203100007", "12 March 2010: 15", False),
    ("1702011203550008", "12 March 1955 (not 2055): 70", False),
    ("1702014101600009", "a woman, 1 January 1960: 66", False),
])
def test_age_on_the_start_of_cover_within_18_to_65(tmp_path, regency, nik, born, ok):
    row = [1, "Nama", nik, "Alamat", "Desa", "Dinas Perikanan", "nelayan"]
    plist = read(xlsx(tmp_path / "p.xlsx", [row]), regency)
    ages = [f for f in plist.findings if f.code == "nik-age"]
    assert (ages == []) == ok, born
    if not ok:
        assert ages[0].where.line == 2 and ages[0].severity == "error"
        assert "aged" in ages[0].message and "1 Januari 2026" in ages[0].message
        # the limits are not confirmed, and the finding says so
        assert "(limits not confirmed: see " in ages[0].message
        assert ages[0].message.endswith("clauses/participants.yaml)")


def test_the_century_of_a_two_digit_year_is_the_later_one_not_after_the_reference(tmp_path, regency):
    rows = [[1, "A", "1702011203250001", "x", "", "Dinas Perikanan", "nelayan"],   # 2025: 0
            [2, "B", "1702011203270002", "x", "", "Dinas Perikanan", "nelayan"]]   # 1927: 98
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    assert [p.birth_date for p in plist.rows] == [dt.date(2025, 3, 12), dt.date(1927, 3, 12)]
    assert [f.message.split(" on ")[0] for f in plist.findings if f.code == "nik-age"] == [
        "NIK ************0001: aged 0", "NIK ************0002: aged 98"]


def test_29_february_of_2000_is_a_date_of_1900_is_not(tmp_path, regency):
    rows = [[1, "A", "1702012902000001", "x", "", "Dinas Perikanan", "nelayan"]]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency, reference_date=dt.date(2026, 1, 1))
    assert plist.rows[0].birth_date == dt.date(2000, 2, 29)
    # on a reference date before 2000, only 1900 remains, which was no leap year
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency, reference_date=dt.date(1999, 1, 1),
                 limits=reader.Limits({}))
    assert [f.code for f in plist.findings if f.code.startswith("nik")] == ["nik-date"]


def test_a_duplicate_within_one_opd_names_the_first_row(tmp_path, regency):
    rows = [[1, "A", "1702011203850001", "x", "", "Dinas Perikanan", "nelayan"],
            [2, "B", "1702011203850002", "x", "", "Dinas Perikanan", "nelayan"],
            [3, "A", "1702011203850001", "x", "", "Dinas Perikanan", "nelayan"]]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    (dup,) = [f for f in plist.findings if f.code == "nik-duplicate"]
    assert dup.where.line == 4
    assert dup.message == "NIK ************0001 is also in row 2: a person is listed once"


def test_nik_stored_as_a_number_in_excel(tmp_path, regency):
    rows = [
        # Excel keeps 15 digits: the 16th is written as 0 - it may be lost
        [1, "A", 1702011203850010, "x", "", "Dinas Perikanan", "nelayan"],
        # a number whose 16th digit is not 0 was not cut by Excel: read as text
        [2, "B", 1702011203850001, "x", "", "Dinas Perikanan", "nelayan"],
        [3, "C", "1.70201E+15", "x", "", "Dinas Perikanan", "nelayan"],
        [4, "D", "1702 0112 0385 0003", "x", "", "Dinas Perikanan", "nelayan"],
        [5, "E", "17020112O3850004", "x", "", "Dinas Perikanan", "nelayan"],
    ]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    assert [(f.where.line, f.code) for f in plist.findings if f.code.startswith("nik")] == [
        (2, "nik-number"), (4, "nik-scientific"), (6, "nik-format")]
    assert plist.rows[1].nik_for_lampiran() == "1702011203850001"
    assert plist.rows[3].nik_for_lampiran() == "1702011203850003"     # spaces dropped


def test_nik_as_a_float_in_scientific_notation_inside_the_xlsx(tmp_path, regency):
    path = xlsx(tmp_path / "p.xlsx", [[1, "A", 1, "x", "", "Dinas Perikanan", "nelayan"]])
    # the NIK cell C2 as Excel writes a number it shows in scientific notation
    _rewrite_member(path, "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(r'(<c r="C2"[^>]*><v>)1(</v>)', r"\g<1>1.70201120385E+15\2",
                                       xml))
    plist = read(path, regency)
    assert [f.code for f in plist.findings if f.code.startswith("nik")] == ["nik-number"]


def _rewrite_member(path, member, change):
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            zf.writestr(info.filename, data)


def test_unknown_opd_and_group_are_one_finding_each_with_their_rows(tmp_path, regency):
    rows = [[i, "A", f"17020112038500{i:02d}", "x", "", opd, group] for i, (opd, group) in
            enumerate([("Dinas Kesehatn", "kader Posyandu")] * 7 + [
                ("Dinas Perikanan", "guru ngaji"), ("", "nelayan"),
                ("dinas-kesehatan", "Kader  POSYANDU")], start=1)]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    msgs = {f.code: (f.where.line, f.message) for f in plist.findings if "opd" in f.code
            or "group" in f.code}
    assert msgs["opd-unknown"] == (2, "OPD 'Dinas Kesehatn' (rows 2, 3, 4, 5, 6 and 2 more rows) "
                                      "is not in the regency file; its OPDs: Dinas Perikanan, "
                                      "Dinas Kesehatan, Bagian Kesejahteraan Rakyat Sekretariat "
                                      "Daerah")
    assert msgs["group-unknown"] == (9, "group 'guru ngaji' (row 9) is not a group of Dinas "
                                        "Perikanan in the regency file (its groups: nelayan); it "
                                        "is a group of Bagian Kesejahteraan Rakyat Sekretariat "
                                        "Daerah")
    assert msgs["opd-empty"] == (10, "no OPD in row 10")
    # a slug and another spelling of the group name are the same OPD and group
    last = plist.rows[-1]
    assert (last.opd, last.opd_name, last.group) == ("dinas-kesehatan", "Dinas Kesehatan",
                                                     "kader Posyandu")


def test_an_opd_by_its_slug_and_the_groups_segment(tmp_path, regency):
    rows = [[1, "A", "1702011203850001", "x", "", "bagian-kesra", "Guru Ngaji"]]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    p = plist.rows[0]
    assert (p.opd, p.group, p.segment) == ("bagian-kesra", "guru ngaji", "pekerja_sosial_keagamaan")


def test_empty_name_is_an_error_empty_address_a_warning(tmp_path, regency):
    rows = [[1, "", "1702011203850001", "x", "", "Dinas Perikanan", "nelayan"],
            [2, "B", "1702011203850002", "", "", "Dinas Perikanan", "nelayan"],
            [None] * 7,                                                   # a blank row: skipped
            [4, "C", "1702011203850003", "  ", "", "Dinas Perikanan", "nelayan"]]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    assert [p.row for p in plist.rows] == [2, 3, 5]
    got = [(f.where.line, f.code, f.severity) for f in plist.findings
           if f.code in ("name-empty", "address-empty")]
    assert got == [(2, "name-empty", "error"), (3, "address-empty", "warning")]
    assert "no address in rows 3, 5" in plist.findings[1].message


def test_without_a_region_code_the_region_is_not_checked_and_a_warning_says_so(tmp_path, regency):
    plist = read_participants(xlsx(tmp_path / "p.xlsx", NIK_CASES), regency,
                              reference_date=COVER_START)
    codes = [f.code for f in plist.findings]
    assert "nik-region" not in codes and "nik-region-unchecked" in codes
    assert plist.region_code is None


def test_region_code_must_be_four_digits(tmp_path, regency):
    with pytest.raises(RancangError, match="4 digits"):
        read(xlsx(tmp_path / "p.xlsx", NIK_CASES), regency, region_code="17")


def test_reference_date_defaults_to_the_start_of_cover(tmp_path, regency):
    plist = read_participants(xlsx(tmp_path / "p.xlsx", NIK_CASES), regency, region_code="1702")
    assert plist.reference_date == dt.date(2026, 1, 1)


# --- masking -----------------------------------------------------------------------------

def test_mask_nik():
    assert mask_nik("1702014501900001") == "************0001"
    assert mask_nik("123") == "***"
    assert mask_nik("170201450190000123") == "**************0123"


def test_no_full_nik_in_any_message_str_or_repr(tmp_path, regency):
    rows = NIK_CASES + [
        # a NIK typed into the OPD and group columns is not echoed either
        [9, "H", "1702011203850009", "x", "", "1702011203850010", "1702011203850011"],
        [10, "I", 1702011203850020, "x", "", "Dinas Perikanan", "nelayan"],
        [11, "J", "1702011203550012", "x", "", "Dinas Perikanan", "nelayan"],
    ]
    plist = read(xlsx(tmp_path / "p.xlsx", rows), regency)
    texts = [repr(plist), str(plist)]
    for f in plist.findings:
        texts += [f.message, str(f), repr(f)]
    for p in plist.rows:
        texts += [repr(p), str(p), p.nik]
    sixteen = re.compile(r"\d{16}")
    leaks = [t for t in texts if sixteen.search(t)]
    assert leaks == []
    # nor a shorter bad one in full
    assert not any("170201120385001" in t for t in texts)
    assert len(plist.findings) > 10


def test_the_full_nik_only_through_nik_for_lampiran(tmp_path, regency):
    plist = read(xlsx(tmp_path / "p.xlsx", NIK_CASES[:1]), regency)
    (p,) = plist.rows
    assert p.nik == "************0001"
    assert p.nik_for_lampiran() == "1702011203850001"


def test_a_bureau_may_make_a_nik_from_outside_the_regency_an_error(tmp_path, regency):
    strict = reader.Limits(load_limits(ROOT / "clauses").age, outside_region="error",
                           outside_region_confirmed=True)
    plist = read(xlsx(tmp_path / "p.xlsx", NIK_CASES), regency, limits=strict)
    (outside,) = [f for f in plist.findings if f.code == "nik-region"]
    assert (outside.where.line, outside.severity) == (4, "error")
    assert "not confirmed" not in outside.message


# --- headers -------------------------------------------------------------------------------

def test_headers_as_a_bureau_types_them_below_a_title(tmp_path, regency):
    header = ["NO.", "  NAMA  LENGKAP ", "No. NIK", "ALAMAT", "Desa / Kelurahan",
              "perangkat daerah / OPD", "KELOMPOK"]
    path = xlsx(tmp_path / "p.xlsx", NIK_CASES[:1], header=header,
                title_rows=[["DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN"], ["TAHUN 2026"], []])
    plist = read(path, regency)
    (p,) = plist.rows
    assert p.row == 5                          # title rows 1-3, header row 4
    assert (p.name, p.address, p.village) == ("Ahmad Fauzi", "Jl. Merdeka 1", "Talang Rimbo")


def test_the_village_column_is_optional(tmp_path, regency):
    header = ["Nama", "NIK", "Alamat", "OPD", "Kelompok"]
    row = ["A", "1702011203850001", "x", "Dinas Perikanan", "nelayan"]
    plist = read(xlsx(tmp_path / "p.xlsx", [row], header=header), regency)
    assert plist.rows[0].village == ""


def test_a_missing_column_is_one_error(tmp_path, regency, monkeypatch):
    monkeypatch.chdir(tmp_path)                    # messages name files relative to it
    header = ["Nama", "NIK", "Desa/Kelurahan", "OPD"]
    path = xlsx(tmp_path / "p.xlsx", [["A", "1", "x", "y"]], header=header)
    with pytest.raises(RancangError) as err:
        read(path, regency)
    assert str(err.value) == ("p.xlsx:1: the header has no columns Alamat, Kelompok (found: "
                              "Nama, NIK, Desa/Kelurahan, Perangkat Daerah/OPD)")


def test_a_column_named_twice_is_an_error(tmp_path, regency):
    header = ["Nama", "NIK", "No NIK", "Alamat", "OPD", "Kelompok"]
    with pytest.raises(RancangError, match=r"p.xlsx:1: the column NIK appears twice in the "
                                           r"header \(columns B and C\)"):
        read(xlsx(tmp_path / "p.xlsx", [], header=header), regency)


def test_the_list_on_a_later_sheet(tmp_path, regency):
    wb = openpyxl.Workbook()
    wb.active.append(["Petunjuk pengisian"])
    ws = wb.create_sheet("Peserta")
    ws.append(HEADER)
    ws.append(NIK_CASES[0])
    wb.save(tmp_path / "p.xlsx")
    assert [p.name for p in read(tmp_path / "p.xlsx", regency).rows] == ["Ahmad Fauzi"]


def test_a_wrong_stored_dimension_does_not_hide_rows(tmp_path, regency):
    path = xlsx(tmp_path / "p.xlsx", NIK_CASES)
    _rewrite_member(path, "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:G2"/>', xml))
    assert len(read(path, regency).rows) == 8


# --- CSV -------------------------------------------------------------------------------

CSV_SEMICOLON = (
    "\ufeffNo;Nama;NIK;Alamat;Desa/Kelurahan;Perangkat Daerah/OPD;Kelompok\r\n"
    "1;Ahmad Fauzi;1702011203850001;Jl. Merdeka 1, RT 02;Talang Rimbo;Dinas Perikanan;nelayan\r\n"
    '2;Euis;1702015203900004;"Jl. Merdeka 5;\r\nGang Mawar";Talang Rimbo;Dinas Kesehatan;kader Posyandu\r\n'
    "3;Dedi;1702013102850003;Jl. Merdeka 4;Talang Rimbo;Dinas Kesehatan;kader Posyandu\r\n"
)
CSV_COMMA = (
    "Nama,NIK,Alamat,Desa/Kelurahan,OPD,Kelompok\n"
    '"Ahmad Fauzi",1702011203850001,"Jl. Merdeka 1, RT 02",Talang Rimbo,Dinas Perikanan,nelayan\n'
    "Euis,1702015203900004,Jl. Merdeka 5,Talang Rimbo,Dinas Kesehatan,kader Posyandu\n"
    "Dedi,1702013102850003,Jl. Merdeka 4,Talang Rimbo,Dinas Kesehatan,kader Posyandu\n"
)


@pytest.mark.parametrize("text", [CSV_SEMICOLON, CSV_COMMA], ids=["semicolon-bom", "comma"])
def test_csv_in_both_dialects(tmp_path, regency, text):
    path = tmp_path / "peserta.csv"
    path.write_bytes(text.encode("utf-8"))
    plist = read(path, regency)
    assert [(p.row, p.name, p.village, p.opd) for p in plist.rows] == [
        (2, "Ahmad Fauzi", "Talang Rimbo", "dinas-perikanan"),
        (3, "Euis", "Talang Rimbo", "dinas-kesehatan"),
        (4, "Dedi", "Talang Rimbo", "dinas-kesehatan")]
    assert plist.rows[0].address == "Jl. Merdeka 1, RT 02"
    # the row numbers are Excel's, even after an address on two lines
    assert [(f.where.line, f.code) for f in plist.findings if f.code.startswith("nik")] == [
        (4, "nik-date")]


def test_csv_title_lines_above_the_header(tmp_path, regency):
    path = tmp_path / "p.csv"
    path.write_text("DAFTAR PESERTA;;;;;\n;;;;;\n" + CSV_SEMICOLON.lstrip("\ufeff"),
                    encoding="utf-8")
    assert [p.row for p in read(path, regency).rows] == [4, 5, 6]


def test_csv_scientific_notation_as_excel_writes_it(tmp_path, regency):
    path = tmp_path / "p.csv"
    path.write_text("Nama;NIK;Alamat;OPD;Kelompok\nA;1,70201E+15;x;Dinas Perikanan;nelayan\n",
                    encoding="utf-8")
    assert [f.code for f in read(path, regency).findings][:1] == ["nik-scientific"]


# --- files that are not a participant list -------------------------------------------------

def _raises(path, regency, pattern):
    with pytest.raises(RancangError, match=pattern):
        read(path, regency)


def test_csv_in_another_encoding(tmp_path, regency):
    path = tmp_path / "p.csv"
    path.write_bytes("Nama;NIK;Alamat;OPD;Kelompok\nRen\u00e9;1702011203850001;x;a;b\n"
                     .encode("cp1252"))
    _raises(path, regency, r"p.csv: line 2 is not UTF-8 text: in Excel save the list as "
                           r"'CSV UTF-8 \(Comma delimited\)'")
    path.write_bytes("Nama;NIK\n".encode("utf-16"))
    _raises(path, regency, "UTF-16")


def test_empty_files_and_lists(tmp_path, regency):
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    _raises(empty, regency, "kosong.csv: the file is empty")
    header_only = tmp_path / "h.csv"
    header_only.write_text("Nama;NIK;Alamat;OPD;Kelompok\n;;;;\n", encoding="utf-8")
    _raises(header_only, regency, "a header but no participants")
    no_header = tmp_path / "n.csv"
    no_header.write_text("a;b\n" * 20, encoding="utf-8")
    _raises(no_header, regency, "no header row in the first 10 rows")
    _raises(tmp_path / "tidak-ada.xlsx", regency, "file not found")
    _raises(tmp_path, regency, "a folder")


def test_not_a_workbook(tmp_path, regency):
    fake = tmp_path / "p.xlsx"
    fake.write_text("Nama;NIK\n", encoding="utf-8")
    _raises(fake, regency, r"not an Excel workbook although named .xlsx")
    docx = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    _raises(docx, regency, "not an Excel workbook: the package has no xl/workbook.xml")
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _raises(broken, regency, "damaged")


def test_encrypted_workbook_and_old_xls(tmp_path, regency):
    # both are OLE compound files; an encrypted OOXML workbook has an EncryptionInfo stream
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    enc = tmp_path / "rahasia.xlsx"
    enc.write_bytes(cfb + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512)
    _raises(enc, regency, "protected with a password")
    xls = tmp_path / "lama.xls"
    xls.write_bytes(cfb + "Workbook".encode("utf-16-le") + b"\x00" * 512)
    _raises(xls, regency, r"Excel 97-2003 workbook \(.xls\)")


def test_damaged_xml_inside_the_workbook(tmp_path, regency):
    path = xlsx(tmp_path / "p.xlsx", NIK_CASES)
    _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    _raises(path, regency, r"the workbook cannot be read, it may be damaged")


def test_a_million_rows_are_refused_at_once(tmp_path, regency):
    # a sheet with 1,000,000 rows, as Excel stores it (dimension A1:G1000000)
    path = tmp_path / "besar.xlsx"
    xlsx(path, NIK_CASES[:1])
    rows = "<row><c><v>1</v></c></row>" * 999_998         # rows may omit their number
    _rewrite_member(path, "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(r'<dimension ref="[^"]*"/>',
                                       '<dimension ref="A1:G1000000"/>', xml)
                    .replace("</sheetData>", rows + "</sheetData>"))
    _raises(path, regency, "more than 100.000 rows")


def test_too_many_rows_when_the_dimension_hides_them(tmp_path, regency, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    path = xlsx(tmp_path / "p.xlsx", NIK_CASES)
    _rewrite_member(path, "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1"/>', xml))
    _raises(path, regency, "more than 5 rows")


def test_a_million_row_csv(tmp_path, regency):
    path = tmp_path / "besar.csv"
    line = "A;1702011203850001;x;Dinas Perikanan;nelayan\n"
    path.write_text("Nama;NIK;Alamat;OPD;Kelompok\n" + line * 1_000_000, encoding="utf-8")
    _raises(path, regency, "more than 100.000 rows")


def test_a_cell_of_10_mb(tmp_path, regency):
    big = "x" * (10 * 2**20)
    path = xlsx(tmp_path / "p.xlsx", [[1, "A", "1702011203850001", big, "", "Dinas Perikanan",
                                       "nelayan"]])
    _raises(path, regency, r"p.xlsx:2: the Alamat cell is longer than 2.000 characters")
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("Nama;NIK;Alamat;OPD;Kelompok\nA;1;" + big + ";a;b\n", encoding="utf-8")
    _raises(csv_path, regency, r"line 2 is longer than 64 KB")


# --- the rules file -----------------------------------------------------------------------------

def test_the_bundled_limits_with_their_basis():
    limits = load_limits(ROOT / "clauses")
    rentan = limits.age["pekerja_rentan"]
    assert (rentan.min, rentan.max, rentan.confirmed) == (18, 65, False)
    assert "Permenaker" in rentan.source
    assert limits.age["pekerja_sosial_keagamaan"] == rentan
    assert "penerima_upah" not in limits.age
    assert (limits.outside_region, limits.outside_region_confirmed) == ("warning", False)


def test_a_mistake_in_the_limits_file_names_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "participants.yaml"
    path.write_text(textwrap.dedent("""\
        age_limits:
          - segments: [pekerja_rentan]
            min: 18
            max: tua
            source: x
            confirmed: false
        nik: {outside_region: warning, outside_region_source: x, outside_region_confirmed: false}
        """), encoding="utf-8")
    with pytest.raises(RancangError) as err:
        load_limits(path)
    assert str(err.value) == ("participants.yaml:4: field 'age_limits.0.max': 'tua' is not a "
                              "whole number")


# --- scale -------------------------------------------------------------------------------------

SCALE_REGENCY = REGENCY_HEAD + """\
opds:
  - name: Dinas Perikanan
    groups:
      - {name: nelayan, count: 8000}
      - {name: buruh tambak, count: 4000}
  - name: Dinas Kesehatan
    groups:
      - {name: kader Posyandu, count: 5000}
  - name: Dinas Pertanian
    groups:
      - {name: buruh tani, count: 3001}
"""


def test_a_list_of_20000(tmp_path):
    reg_path = tmp_path / "contoh.yaml"
    reg_path.write_text(SCALE_REGENCY, encoding="utf-8")
    regency = load_regency(reg_path)
    plan = ([("Dinas Perikanan", "nelayan")] * 8000 + [("Dinas Perikanan", "buruh tambak")] * 4000
            + [("Dinas Kesehatan", "kader Posyandu")] * 5000
            + [("Dinas Pertanian", "buruh tani")] * 3000)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Peserta")
    ws.append(HEADER)
    for i, (opd, group) in enumerate(plan):
        # district 01-03, born 12 March 1985 (women: day 52), serial 0001-9999: all distinct
        day = "52" if i % 2 else "12"
        nik = f"17020{1 + i // 9999}{day}0385{i % 9999 + 1:04d}"
        ws.append([i + 1, f"Peserta {i + 1}", nik, f"Jl. Contoh {i}", "Talang Rimbo", opd, group])
    wb.save(tmp_path / "besar.xlsx")
    plist = read_participants(tmp_path / "besar.xlsx", regency, region_code="1702")
    assert len(plist.rows) == 20000
    assert plist.rows[-1].row == 20001
    assert plist.counts() == {("dinas-perikanan", "nelayan"): 8000,
                              ("dinas-perikanan", "buruh tambak"): 4000,
                              ("dinas-kesehatan", "kader Posyandu"): 5000,
                              ("dinas-pertanian", "buruh tani"): 3000}
    assert [(f.severity, f.message) for f in plist.findings] == [
        ("warning", "Dinas Pertanian, group 'buruh tani': the participant list has 3.000 "
                    "participants, the regency file says 3.001")]
    assert sum(p.sex == "P" for p in plist.rows) == 10000


def test_an_entity_bomb_in_the_sheet_is_a_damaged_workbook(tmp_path, regency):
    # "billion laughs": ten levels of ten entities; the XML parser refuses the expansion
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = xlsx(tmp_path / "p.xlsx", [[1, "x", "1702011203850001", "x", "", "Dinas Perikanan",
                                       "nelayan"]])
    _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: (
        f"<!DOCTYPE worksheet [{entities}]>" + xml.replace("<t>x</t>", "<t>&l9;</t>", 1)))
    _raises(path, regency, "the workbook cannot be read, it may be damaged")
