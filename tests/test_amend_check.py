"""`rancang check FILE` on an amending regulation: the rules of the Perubahan form
(L-II items 6-7 and 233-236, ../shared/reference/uu-12-2011-lampiran-ii.txt). A correct
amendment written by `rancang amend` has no finding; each rule broken by a hand edit of
its Markdown gives its own finding, the expected words written here by hand."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main
from test_amend import TOPICS, amend, regulation, renumbered

NEW3 = "Bupati menetapkan kebijakan mengenai kerja sama dengan desa dan kelurahan."
INS = "Kerja sama sebagaimana dimaksud dalam Pasal 3 dituangkan dalam perjanjian."
NEW18 = (f"(1) Pelaksanaan {TOPICS[17]} menjadi tanggung jawab Pemerintah Daerah.\n"
         "(2) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.\n"
         "(3) Keputusan Bupati memuat nama, NIK, dan alamat setiap penerima.\n"
         f"(4) Perangkat Daerah melaporkan {TOPICS[17]} kepada Bupati setiap bulan.\n"
         f"(5) Laporan sebagaimana dimaksud pada ayat (4) memuat hasil {TOPICS[17]}.")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Pasal 3 changed, Pasal 3A inserted, Pasal 16 deleted, ayat (1a) and (1b) in
    Pasal 18: four points, as `rancang amend` writes them (DOCX and Markdown)."""
    tmp = tmp_path_factory.mktemp("amendment")
    pasal, babs = renumbered({3: NEW3, 16: "Dihapus.", 18: NEW18}, {3.5: INS})
    done, md = amend(tmp, regulation(pasal, babs), formats=("md", "docx"),
                     reasons=["bahwa kerja sama dengan desa perlu diatur"])
    assert len(done.plan.points) == 4
    return tmp / "out", md


def check(path: Path, form_only: bool = True, *options: str):
    """Exit status and findings; `form_only`: those of the Perubahan form (amend-*), not
    the blanks a draft keeps open (tested on their own below)."""
    result = CliRunner().invoke(main, ["check", str(path), "--json", *options])
    assert "Traceback" not in result.output
    findings = json.loads(result.output)["findings"]
    if form_only:
        findings = [f for f in findings if f["code"].startswith("amend-")]
    return result.exit_code, findings


def test_the_blanks_of_a_draft_and_its_unconfirmed_citations(generated, tmp_path):
    """A draft keeps 'NOMOR ... TAHUN 2026' and the dates open: info in a draft, errors
    in the version to sign; a citation marked [perlu verifikasi] is a warning, then an
    error (the same severities as `rancang check REGENCY`)."""
    folder, md = generated
    text = md.replace("Nomor 5256);", "Nomor 5256); [perlu verifikasi]", 1)
    assert text != md
    path = tmp_path / "perubahan.md"
    path.write_text(text, encoding="utf-8")
    status, findings = check(path, False)
    lines = text.splitlines()
    nomor = lines.index("NOMOR ... TAHUN 2026") + 1
    assert status == 0
    assert {"severity": "info", "code": "placeholder-open",
            "message": "1 field(s) still open ('...'): NOMOR ... TAHUN 2026",
            "where": {"file": str(path), "line": nomor}} in findings
    cited = [f for f in findings if f["code"] == "citation-unconfirmed"]
    assert len(cited) == 1 and cited[0]["severity"] == "warning"
    assert "[perlu verifikasi]" in cited[0]["message"]
    status, findings = check(path, False, "--final")
    assert status == 1
    assert {f["severity"] for f in findings if f["code"] in ("placeholder-open",
                                                             "citation-unconfirmed")} == {"error"}


def test_a_generated_amendment_has_no_findings(generated):
    folder, md = generated
    status, findings = check(folder / "perubahan-contoh.md")
    assert (status, findings) == (0, [])


def test_the_generated_docx_has_no_findings(generated):
    import shutil
    if not shutil.which("pandoc"):          # pandoc reads the DOCX back
        pytest.skip("pandoc is not installed")
    status, findings = check(generated[0] / "perubahan-contoh.docx")
    assert (status, findings) == (0, [])


# each: the edit of the Markdown, the code, words of the message expected
BROKEN = [
    ("\nPERUBAHAN ATAS PERATURAN BUPATI", "\nPERUBAHAN PERTAMA ATAS PERATURAN BUPATI",
     "amend-title", "begins 'PERUBAHAN ATAS' (the first) or 'PERUBAHAN KEDUA ATAS'"),
    ("#### Pasal I\n", "#### Pasal 1\n",
     "amend-pasal-roman", "'Pasal 1' where the amending regulation has Pasal I"),
    ("#### Pasal II\n", "#### Pasal 2\n",
     "amend-pasal-roman", "'Pasal 2' where the amending regulation has Pasal II"),
    ("2\\. Di antara Pasal 3", "b\\. Di antara Pasal 3",
     "amend-point-number", "point 'b' of Pasal I: the changes are numbered in Arabic "
     "numerals in order, 1, 2, 3 (L-II item 233 a); 2 is expected here"),
    ("yakni Pasal 3A sehingga", "yakni Pasal 4 sehingga",
     "amend-renumbered", "Pasal 4 inserted after Pasal 3: an inserted unit takes the number "
     "of the one before it and a letter (Pasal 3A)"),
    ("yakni ayat (1a) dan ayat (1b)", "yakni ayat (2) dan ayat (3)",
     "amend-renumbered", "ayat (2) inserted after ayat (1): an inserted unit takes the "
     "number of the one before it and a letter (ayat (1a))"),
    ("Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
     "Peraturan Bupati ini ditetapkan oleh Bupati.",
     "amend-commencement", "Pasal II says when the amendment takes effect"),
]


@pytest.mark.parametrize("old, new, code, words", BROKEN, ids=[b[2] + "-" + b[1][:12]
                                                               for b in BROKEN])
def test_each_broken_rule_gives_its_finding(generated, tmp_path, old, new, code, words):
    folder, md = generated
    assert old in md
    path = tmp_path / "edited.md"
    path.write_text(md.replace(old, new, 1), encoding="utf-8")
    status, findings = check(path)
    assert status == 1
    # one finding a broken rule; the two ayat inserted as (2) and (3) are two
    assert [f["code"] for f in findings] == [code] * (2 if "ayat (3)" in new else 1), findings
    assert words in findings[0]["message"].replace("\\", "")
    assert findings[0]["where"]["file"].endswith("edited.md")


def test_a_quoted_pasal_s_own_items_are_not_points(generated, tmp_path):
    """A quoted Pasal's list '1. Ketentuan ...' is its text, not a point of Pasal I."""
    folder, md = generated
    quoted = NEW3 + "\n\n1\\. Ketentuan lebih lanjut diatur dengan Peraturan Bupati."
    path = tmp_path / "edited.md"
    path.write_text(md.replace(NEW3, quoted, 1), encoding="utf-8")
    assert check(path) == (0, [])


def test_the_mengingat_names_the_amended_regulation(generated, tmp_path):
    folder, md = generated
    lines = md.splitlines()
    # the last Mengingat item, the base itself, taken out by hand
    kept = [x for x in lines if not x.startswith("2\\. Peraturan Bupati Contoh Nomor 5")]
    assert len(kept) == len(lines) - 1
    path = tmp_path / "edited.md"
    path.write_text("\n".join(kept), encoding="utf-8")
    status, findings = check(path)
    assert status == 1 and [f["code"] for f in findings] == ["amend-mengingat"]
    assert "names the regulation it amends (Nomor 5 Tahun 2024)" in findings[0]["message"]


def test_a_regulation_that_is_not_an_amendment(tmp_path):
    path = tmp_path / "perbup.md"
    path.write_text(regulation(), encoding="utf-8")
    status, findings = check(path)
    assert status == 2 and [f["code"] for f in findings] == ["amend-not-amendment"]
    status, findings = check(tmp_path / "missing.md", False)
    assert status == 2 and "file not found" in findings[0]["message"]
