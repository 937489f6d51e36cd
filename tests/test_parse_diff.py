"""The parser on real regulations, round trips, and the structure-aware diff."""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from rancang.cli import main
from rancang.commands.build import Builder, load
from rancang.compare.diff import _OWN_PASAL, compare
from rancang.readers.parse import parse_text, read_text
from rancang.sources.workspace import Workspace
from rancang.views.pdf import find_soffice

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None and not os.environ.get("CI"),
                                  reason="pandoc is not installed (CI installs it)")


def run(*args):
    return CliRunner().invoke(main, list(args))


# Checked by hand against each text. Where the OCR'd copy lost a Pasal heading, the
# numbers say so (Pasal 4, then Pasal 6): the parser keeps the lost Pasal's place as an
# explicit placeholder ("lost"), so every later Pasal keeps its number; where the words
# of a Pasal follow the previous one as ayat (1), (2) … the heading of it is recovered.
#   pp-2018-28: Pasal 1-52; headings 5 ("dan Pasal 5 (l) Daerah", not at a heading's
#               place), 10 and 46 are not in the text; 7, 15, 26, 27, 31, 43, 45 are read
#               from their OCR'd forms ("Pasal 7 (l)", "Pasal 26 (f)", "Pasil27", "pasal 43");
#   pp-2021-37: Pasal 1-50; "Pasa19" is Pasal 9; Pasal 6's heading is lost, its ayat (1)-(5)
#               follow Pasal 5's words; BAB I-IX, "BABV" and "(1) BAB VII" read;
#   uu-2020-11 (Cipta Kerja): Pasal 1-186, 11 headings unreadable; "Pasal 1 10" is 110.
# Amending regulations (Pasal I and II) keep the amended law's units as text.
UU_2020_11_LOST = ["20", "30", "32", "41", "47", "74", "88", "112", "118", "126", "147"]
CORPUS_EXPECTED = {
    # file: (BAB, Pasal, last Pasal, Pasal whose heading is lost, recovered)
    "pp-2013-86": (3, 16, "16", [], []),
    "pp-2015-44": (11, 63, "63", [], []),
    "pp-2015-45": (7, 38, "38", [], []),
    "pp-2015-46": (8, 37, "37", [], []),
    "pp-2015-60": (0, 2, "II", [], []),
    "pp-2018-28": (8, 52, "52", ["5", "10", "46"], []),
    "pp-2019-82": (0, 2, "II", [], []),
    "pp-2021-37": (9, 50, "50", [], ["6"]),
    "uu-2004-40": (9, 53, "53", [], []),
    "uu-2011-12": (13, 104, "104", [], []),
    "uu-2011-24": (18, 71, "71", [], []),
    "uu-2014-23": (27, 411, "411", [], []),
    "uu-2020-11": (15, 186, "186", UU_2020_11_LOST, []),
    "uu-2022-13": (0, 2, "II", [], []),
}


@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_every_corpus_text_parses_with_its_bab_and_pasal(name):
    doc = parse_text(read_text(CORPUS / f"{name}.md"), name)
    babs = [n for n in doc.walk() if n.kind == "bab"]
    pasal = [n for n in doc.walk() if n.kind == "pasal"]
    lost = [p.num for p in pasal if p.attrs.get("lost")]
    recovered = [p.num for p in pasal if p.attrs.get("heading_lost")]
    assert (len(babs), len(pasal), pasal[-1].num, lost, recovered) == CORPUS_EXPECTED[name]
    numbers = [p.ordinal for p in pasal]
    if pasal[-1].num.isdigit():
        assert numbers == list(range(1, len(pasal) + 1))
    assert [b.ordinal for b in babs] == list(range(1, len(babs) + 1))
    assert all(p.text == "..." for p in pasal if p.attrs.get("lost"))
    assert any(n.kind == "menimbang" for n in doc.walk())


@needs_corpus
def test_several_units_on_one_line_and_page_furniture():
    # pp-2015-44 runs "SALINAN BAB I KETENTUAN UMUM Pasal 1 Dalam ..." on one line
    doc = parse_text(read_text(CORPUS / "pp-2015-44.md"))
    bab1 = next(n for n in doc.walk() if n.kind == "bab")
    assert bab1.heading == "KETENTUAN UMUM"
    assert bab1.children[0].label == "Pasal 1"
    assert "SALINAN" not in "".join(n.text for n in doc.walk())
    pasal4 = next(n for n in doc.walk() if n.label == "Pasal 4")
    assert pasal4.children[0].label == "Pasal 4 ayat (1)"


def test_units_rincian_and_definitions():
    text = ("BUPATI CONTOH\nPERATURAN BUPATI CONTOH NOMOR 1 TAHUN 2026 TENTANG UJI\n"
            "DENGAN RAHMAT TUHAN YANG MAHA ESA\nMenimbang : a. bahwa satu; b. bahwa dua;\n"
            "Mengingat : 1. Undang-Undang Nomor 1 Tahun 2000; 2. Undang-Undang Nomor 2 Tahun 2001;\n"
            "MEMUTUSKAN:\nMenetapkan : PERATURAN BUPATI TENTANG UJI.\n"
            "BAB I KETENTUAN UMUM Pasal 1 Dalam Peraturan Bupati ini yang dimaksud dengan: "
            "1. Daerah adalah Kabupaten Contoh. 2. Bupati adalah Bupati Contoh.\n"
            "BAB II ISI\nBagian Kesatu\nUmum\nPasal 2\n(1) Ruang lingkup meliputi:\na. satu;\n"
            "b. dua:\n1. dua satu; dan\n2. dua dua; dan\nc. tiga.\n(2) Lihat ayat (1).\n"
            "Pasal 3\nPeraturan Bupati ini mulai berlaku pada tanggal diundangkan.\n"
            "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini.")
    doc = parse_text(text)
    labels = [n.label for n in doc.walk() if n.kind in ("pasal", "ayat", "rincian")]
    assert labels == ["Pasal 1", "Pasal 1 angka 1", "Pasal 1 angka 2", "Pasal 2",
                      "Pasal 2 ayat (1)", "Pasal 2 ayat (1) huruf a", "Pasal 2 ayat (1) huruf b",
                      "Pasal 2 ayat (1) huruf b angka 1", "Pasal 2 ayat (1) huruf b angka 2",
                      "Pasal 2 ayat (1) huruf c", "Pasal 2 ayat (2)", "Pasal 3"]
    assert [n.text for n in doc.walk() if n.kind == "menimbang"] == ["bahwa satu;", "bahwa dua;"]
    bagian = next(n for n in doc.walk() if n.kind == "bagian")
    assert (bagian.num, bagian.heading) == ("Kesatu", "Umum")
    assert any(n.kind == "penutup" for n in doc.children)


@pytest.mark.parametrize("slug", ["rejang-lebong", "lebak", "serang"])
@pytest.mark.parametrize("fmt", ["md", pytest.param("docx", marks=needs_pandoc)])
def test_build_then_parse_gives_the_same_tree(tmp_path, slug, fmt):
    ws = Workspace.bundled()
    builder = Builder(ws, load(ws, slug))
    job = builder.jobs(("perbup",))[0]
    out = builder.write(job, tmp_path, ("docx", "md"))
    built = builder.tree(job).document
    parsed = parse_text(read_text(tmp_path / f"{job.stem}.{fmt}"))

    def shape(doc):
        return [(n.kind, n.num, re.sub(r"\s+", " ", n.display).strip()) for n in doc.walk()
                if n.kind in ("bab", "bagian", "pasal", "ayat", "rincian", "menimbang",
                              "mengingat")]
    assert shape(parsed) == shape(built)
    assert out.paths


# --- edits of a real text give exactly the expected summary ---------------------------------

def _uu40():
    text = read_text(CORPUS / "uu-2004-40.md")
    cut = text.index("PENJELASAN")
    return text[:cut], text[cut:]


def _renumber(text, mapping):
    def sub(m):
        num = m.group(1)
        return f"Pasal {mapping.get(int(num), num)}" if num.isdigit() else m.group(0)
    return _OWN_PASAL.sub(sub, text)


def _summary(old_text, new_text):
    return compare(parse_text(old_text), parse_text(new_text))


def _zero(**counts):
    base = {"inserted": 0, "deleted": 0, "modified": 0, "moved": 0, "renumbered": 0}
    base.update(counts)
    return base


@needs_corpus
def test_inserting_a_pasal_early_is_one_insertion_and_renumbering():
    body, tail = _uu40()
    pos = body.index("\nPasal 3\n")
    new = body[:pos] + _renumber(body[pos:], {n: n + 1 for n in range(3, 60)})
    new = new[:pos] + "\nPasal 3\nSistem Jaminan Sosial Nasional diselenggarakan secara terpadu." \
        + new[pos:]
    cmp = _summary(body + tail, new + tail)
    assert cmp.summary == _zero(inserted=1, renumbered=51)
    (ins,) = [c for c in cmp.changes if c.op == "inserted"]
    assert (ins.unit, ins.old, ins.new) == ("pasal", None, "Pasal 3")


@needs_corpus
def test_deleting_an_ayat():
    body, tail = _uu40()
    start = body.index("\nPasal 7\n")
    end = body.index("\nPasal 8\n")
    pasal = body[start:end]
    pasal = re.sub(r"\n\(2\) Dewan Jaminan Sosial Nasional berfungsi[^\n]*", "", pasal)
    pasal = pasal.replace("\n(3) ", "\n(2) ").replace("\n(4) ", "\n(3) ")
    cmp = _summary(body + tail, body[:start] + pasal + body[end:] + tail)
    assert cmp.summary == _zero(deleted=1, renumbered=2)
    (gone,) = [c for c in cmp.changes if c.op == "deleted"]
    assert (gone.unit, gone.old) == ("ayat", "Pasal 7 ayat (2)")


@needs_corpus
def test_changing_one_word():
    body, tail = _uu40()
    new = body.replace("Nasional dengan Undang- Undang ini dibentuk Dewan",
                       "Nasional dengan Undang- Undang ini didirikan Dewan", 1)
    cmp = _summary(body + tail, new + tail)
    assert cmp.summary == _zero(modified=1)
    (change,) = cmp.changes
    assert (change.unit, change.old, change.new) == ("pasal", "Pasal 6", "Pasal 6")
    assert [w for w in change.words if w[0] != "="] == [("-", "dibentuk"), ("+", "didirikan")]


@needs_corpus
def test_moving_a_pasal():
    body, tail = _uu40()
    p6, p7, p9 = (body.index(f"\nPasal {n}\n") for n in (6, 7, 9))
    moved = body[:p6] + body[p7:p9] + body[p6:p7] + body[p9:]
    # the headings and references follow the new order: 7 -> 6, 8 -> 7, 6 -> 8; a list
    # such as "Pasal 6, Pasal 7, dan Pasal 8" keeps its ascending order (L-II 276)
    swapped = _renumber(moved, {7: 6, 8: 7, 6: 8})
    swapped = re.sub(r"Pasal 8, Pasal 6, dan Pasal 7", "Pasal 6, Pasal 7, dan Pasal 8", swapped)
    cmp = _summary(body + tail, swapped + tail)
    assert cmp.summary == _zero(moved=1, renumbered=2)
    (move,) = [c for c in cmp.changes if c.op == "moved"]
    assert (move.old, move.new) == ("Pasal 6", "Pasal 8")


@needs_corpus
def test_swapping_two_rincian():
    body, tail = _uu40()
    b = "b. Perusahaan Perseroan (Persero) Dana Tabungan dan Asuransi Pegawai Negeri (TASPEN);"
    c = "c. Perusahaan Perseroan (Persero) Asuransi Sosial Angkatan Bersenjata Republik Indonesia (ASABRI); dan"
    assert b in body and c in body
    new = body.replace(b + "\n" + c, "b. " + c[3:-5] + ";\nc. " + b[3:-1] + "; dan")
    cmp = _summary(body + tail, new + tail)
    # one rincian moved past the other, which took the letter before it
    assert cmp.summary == _zero(moved=1, renumbered=1)
    units = {(c.op, c.unit) for c in cmp.changes}
    assert units == {("moved", "rincian"), ("renumbered", "rincian")}


# --- the command and its views ---------------------------------------------------------

@pytest.fixture
def two_versions(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("build", "rejang-lebong", "--format", "docx,md", "-o", "v1").exit_code == 0
    bab = Path("clauses")
    shutil.copytree(Path(__file__).resolve().parent.parent / "clauses", bab)
    shutil.copytree(Path(__file__).resolve().parent.parent / "regencies", "regencies")
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", "templates")
    path = bab / "perbup" / "pemantauan.yaml"
    path.write_text(path.read_text().replace("{{ angka(30, 'hari') }}", "{{ angka(14, 'hari') }}"))
    assert run("build", "rejang-lebong", "--format", "docx,md", "-o", "v2").exit_code == 0
    return tmp_path


def test_diff_json_between_two_builds(two_versions):
    result = run("diff", "v1/perbup-rejang-lebong.md", "v2/perbup-rejang-lebong.md", "--json")
    data = json.loads(result.output)
    assert data["summary"] == _zero(modified=1)
    (change,) = data["changes"]
    assert change["unit"] == "pasal" and change["old"] == change["new"] == "Pasal 27"
    assert "30 (tiga puluh) hari" in change["old_text"] and "14 (empat belas) hari" in change["new_text"]


def test_diff_mixed_kinds_regency_against_markdown(two_versions):
    # the regency file, built with the edited clause library, against the first draft
    result = run("diff", "v1/perbup-rejang-lebong.md", "regencies/rejang-lebong.yaml", "--json")
    data = json.loads(result.output)
    assert data["summary"] == _zero(modified=1)
    assert data["changes"][0]["new"] == "Pasal 27"
    same = run("diff", "v2/perbup-rejang-lebong.docx", "regencies/rejang-lebong.yaml", "--json")
    assert json.loads(same.output)["summary"] == _zero()


def test_diff_text_and_html_views(two_versions):
    text = run("diff", "v1/perbup-rejang-lebong.md", "v2/perbup-rejang-lebong.md")
    assert "modified pasal: Pasal 27" in text.output
    assert "[-30 (tiga puluh)-] {+14 (empat belas)+}" in text.output
    assert run("diff", "v1/perbup-rejang-lebong.md", "v2/perbup-rejang-lebong.md", "--format",
               "html", "-o", "d.html").exit_code == 0
    page = Path("d.html").read_text()
    assert "<del>30 (tiga puluh)</del>" in page and "<ins>14 (empat belas)</ins>" in page
    assert 'href="#c1"' in page and "<script" not in page


@needs_pandoc
def test_tracked_changes_docx_read_back_by_pandoc_and_libreoffice(two_versions, tmp_path):
    assert run("diff", "v1/perbup-rejang-lebong.docx", "v2/perbup-rejang-lebong.docx",
               "--format", "docx", "-o", "tracked.docx").exit_code == 0
    shown = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", "--track-changes=all",
                            "--wrap=none", "tracked.docx"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"\[30 \(tiga puluh\)\]\{\.deletion[^}]*author=\"rancang\"", shown)
    assert re.search(r"\[14 \(empat belas\)\]\{\.insertion[^}]*author=\"rancang\"", shown)
    accepted = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--track-changes=accept",
                               "tracked.docx"], capture_output=True, text=True, check=True).stdout
    assert "14 (empat belas) hari" in accepted and "30 (tiga puluh) hari" not in accepted
    if find_soffice():
        out = subprocess.run([find_soffice(), "--headless", "--convert-to", "pdf", "--outdir",
                              str(tmp_path / "lo"), "tracked.docx"], capture_output=True,
                             timeout=120)
        assert out.returncode == 0 and (tmp_path / "lo" / "tracked.pdf").is_file()


def test_tracked_changes_for_an_inserted_pasal(tmp_path):
    old = tmp_path / "a.txt"
    new = tmp_path / "b.txt"
    base = "MEMUTUSKAN:\nPasal 1\nSatu.\nPasal 2\nDua.\nAgar setiap orang mengetahuinya, memerintahkan x."
    old.write_text(base)
    new.write_text(base.replace("Pasal 2\nDua.", "Pasal 2\nSisipan.\nPasal 3\nDua."))
    assert run("diff", str(old), str(new), "--format", "docx", "-o", str(tmp_path / "t.docx")).exit_code == 0
    xml = WordDocument(str(tmp_path / "t.docx")).element.xml
    assert "<w:ins" in xml and "Sisipan." in xml


def test_matrix_view(two_versions):
    assert run("diff", "v1/perbup-rejang-lebong.md", "v2/perbup-rejang-lebong.md", "--format",
               "matrix", "-o", "m.docx").exit_code == 0
    table = WordDocument("m.docx").tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No", "Rumusan Lama", "Rumusan Baru",
                                                       "Keterangan"]
    # one row per changed unit: the one Pasal changed
    assert [r.cells[3].text for r in table.rows[1:]] == ["Diubah"]
    assert table.rows[1].cells[1].paragraphs[0].text == "Pasal 27"


def test_parse_command_outline_and_json(two_versions):
    outline = run("parse", "v1/perbup-rejang-lebong.docx")
    assert outline.exit_code == 0 and "BAB I KETENTUAN UMUM" in outline.output
    data = json.loads(run("parse", "v1/perbup-rejang-lebong.md", "--json").output)
    assert data["kind"] == "document"
    assert {"kind", "num", "heading", "text", "children"} <= set(data["children"][0])


def test_parse_refuses_what_is_not_a_regulation(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("Daftar belanja: beras, minyak, gula.")
    result = run("parse", str(junk))
    assert result.exit_code == 2 and "no Pasal found" in result.output


@needs_pandoc
def test_odt_input_parses_like_the_docx(tmp_path):
    ws = Workspace.bundled()
    builder = Builder(ws, load(ws, "serang"))
    out = builder.write(builder.jobs(("perbup",))[0], tmp_path, ("docx",))
    odt = tmp_path / "perbup-serang.odt"
    subprocess.run(["pandoc", str(out.docx), "-o", str(odt)], check=True)
    from_docx = parse_text(read_text(out.docx))
    from_odt = parse_text(read_text(odt))
    # pandoc's ODT reader drops the header row of the Lampiran's table; the regulation
    # itself reads the same
    changes = compare(from_docx, from_odt).changes
    assert [c.unit for c in changes] in ([], ["lampiran"])
    assert [n.label for n in from_odt.walk() if n.kind == "pasal"][-1] == \
        [n.label for n in from_docx.walk() if n.kind == "pasal"][-1]


def test_inputs_that_are_not_texts_say_what_they_are(tmp_path, in_dir):
    """A PDF, a binary file, a folder: each named, with what to do, never a traceback."""
    in_dir(tmp_path)
    (tmp_path / "naskah.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "salah.md").write_bytes(b"%PDF-1.4\n")              # a PDF renamed
    (tmp_path / "gambar.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "folder").mkdir()
    (tmp_path / "kosong.md").write_text("")
    expected = {
        "naskah.pdf": "naskah.pdf: a PDF cannot be read as text: open it in Word and save "
                      "it as DOCX",
        "salah.md": "salah.md: a PDF cannot be read as text",
        "gambar.txt": "gambar.txt: this is not a text file",
        "folder": "folder: this is a folder: give the file of the regulation in it",
        "kosong.md": "kosong.md: no Pasal found: is this the text of a regulation?",
    }
    for name, message in expected.items():
        result = run("diff", name, "kosong.md")
        assert result.exit_code == 2, (name, result.output)
        assert message in result.output, (name, result.output)
        assert "Traceback" not in result.output
