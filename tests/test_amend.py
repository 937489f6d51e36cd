"""`rancang amend`: the Peraturan Bupati tentang Perubahan written from two versions.

The expected wording is copied by hand from Lampiran II UU 12/2011 (items 233-236 and
their examples, ../shared/reference/uu-12-2011-lampiran-ii.txt), with this test
regulation's numbers; the BASE and WANTED texts are small Markdown files written here.
"""
import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main
from rancang.commands.amend import run_amend
from rancang.compare.diff import compare
from rancang.compare.references import Resolver, rewrite
from rancang.composition.amendment import AmendError, plan
from rancang.model.tree import Document
from rancang.readers.parse import parse_text
from rancang.sources.workspace import Workspace
from conftest import SHARED, requires_pandoc

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# 20 Pasal in 10 BAB, each on its own matter so that no two read alike.
TOPICS = ["pendataan pekerja rentan", "sosialisasi program", "kerja sama dengan desa",
          "pelaporan kecelakaan kerja", "pembayaran iuran bulanan", "kepesertaan pekerja "
          "bukan penerima upah", "pengawasan pemberi kerja", "pendaftaran peserta",
          "penganggaran dalam APBD", "pemutakhiran data", "literasi jaminan sosial",
          "pengaduan masyarakat", "pemberian penghargaan", "koordinasi lintas perangkat "
          "daerah", "evaluasi tahunan", "pelatihan kader", "penyediaan sarana pelayanan",
          "penetapan penerima bantuan iuran", "sanksi administratif", "pembiayaan lain"]
AYAT_PASAL = (8, 18)

HEAD = """PERATURAN BUPATI CONTOH
NOMOR 5 TAHUN 2024
TENTANG
PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN

DENGAN RAHMAT TUHAN YANG MAHA ESA

BUPATI CONTOH,

Menimbang: a. bahwa setiap pekerja berhak atas jaminan sosial;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan Bupati tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan;

Mengingat: 1. Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial (Lembaran Negara Republik Indonesia Tahun 2011 Nomor 116, Tambahan Lembaran Negara Republik Indonesia Nomor 5256);

MEMUTUSKAN:
Menetapkan: PERATURAN BUPATI TENTANG PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN.
"""
TAIL = """
Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam Berita Daerah Kabupaten Contoh.

Ditetapkan di Sukamaju
pada tanggal 1 Maret 2024
BUPATI CONTOH,
ttd
BUDI SANTOSO

BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5
"""
RUJUKAN = ("Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang Penyelenggaraan Program "
           "Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten Contoh Tahun 2024 Nomor 5)")


def pasal_text(n: int) -> str:
    topic = TOPICS[n - 1]
    if n in AYAT_PASAL:
        return (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
                f"(2) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
                f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.")
    return f"Bupati menetapkan kebijakan mengenai {topic} di Daerah."


def regulation(pasal: dict[int, str] | None = None, babs: list | None = None) -> str:
    """The base text, or a version of it: `pasal` replaces texts by number, `babs` lists
    (heading, [Pasal numbers]) per BAB, numbered as written."""
    pasal = {n: pasal_text(n) for n in range(1, 21)} | (pasal or {})
    babs = babs or [(f"URUSAN KE-{i + 1}", [2 * i + 1, 2 * i + 2]) for i in range(10)]
    parts = [HEAD]
    shown = 0
    for i, (heading, numbers) in enumerate(babs):
        parts.append(f"BAB {ROMAN_ALL[i]}\n{heading}\n")
        for n in numbers:
            shown += 1
            parts.append(f"Pasal {shown}\n{pasal[n]}\n")
    parts.append(TAIL)
    return "\n".join(parts)


ROMAN_ALL = ROMAN + ["XI", "XII"]
BABS = [(f"URUSAN KE-{i + 1}", [2 * i + 1, 2 * i + 2]) for i in range(10)]


def amend(tmp_path, wanted: str, base: str | None = None, **kw):
    (tmp_path / "base.md").write_text(base or regulation(), encoding="utf-8")
    (tmp_path / "wanted.md").write_text(wanted, encoding="utf-8")
    kw.setdefault("year", 2026)
    done = run_amend(Workspace.bundled(), str(tmp_path / "base.md"),
                     str(tmp_path / "wanted.md"), tmp_path / "out",
                     formats=kw.pop("formats", ("md",)), **kw)
    md = (tmp_path / "out" / f"{done.stem}.md").read_text(encoding="utf-8") \
        if (tmp_path / "out" / f"{done.stem}.md").exists() else ""
    return done, md


def pasal_satu(md: str) -> list[str]:
    """The lines of Pasal I, as the Markdown view writes them (headings '#### ')."""
    lines = [line for line in md.splitlines() if line.strip()]
    start = lines.index("#### Pasal I")
    end = lines.index("#### Pasal II")
    return [line.replace("\\", "") for line in lines[start + 1:end]]


def test_one_pasal_changed_is_the_single_change_form_of_pasal_i(tmp_path):
    """L-II 233 a, Contoh 2: 'Ketentuan Pasal ... dalam ... diubah sehingga berbunyi
    sebagai berikut:', then the Pasal in full."""
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    done, md = amend(tmp_path, regulation({6: new6}))
    assert pasal_satu(md) == [
        f"Ketentuan Pasal 6 dalam {RUJUKAN} diubah sehingga berbunyi sebagai berikut:",
        "#### Pasal 6",
        new6,
    ]
    assert done.plan.changed_pasal == 1 and done.plan.base_pasal == 20
    # L-II 6: the title names the regulation it amends
    assert "RANCANGAN PERATURAN BUPATI CONTOH\n\nNOMOR ... TAHUN 2026\n\nTENTANG\n\n" \
           "PERUBAHAN ATAS PERATURAN BUPATI NOMOR 5 TAHUN 2024 TENTANG " \
           "PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN\n" in md
    assert "#### Pasal II\n\nPeraturan Bupati ini mulai berlaku pada tanggal diundangkan." in md


def test_l2_233_example_1_pasal_and_ayat_changed(tmp_path):
    """'1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut: ... 2. Ketentuan ayat
    (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:'"""
    new6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."
    new8 = ("(1) Pelaksanaan pendaftaran peserta menjadi tanggung jawab Pemerintah Daerah.\n"
            "(2) Perangkat Daerah melaporkan pendaftaran peserta kepada Bupati setiap triwulan.\n"
            "(3) Laporan sebagaimana dimaksud pada ayat (2) memuat jumlah peserta baru.")
    done, md = amend(tmp_path, regulation({6: new6, 8: new8}))
    assert pasal_satu(md) == [
        f"Beberapa ketentuan dalam {RUJUKAN} diubah sebagai berikut:",
        "1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:",
        "#### Pasal 6",
        new6,
        "2. Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi "
        "sebagai berikut:",
        "#### Pasal 8",
        "(1) Pelaksanaan pendaftaran peserta menjadi tanggung jawab Pemerintah Daerah.",
        "(2) Perangkat Daerah melaporkan pendaftaran peserta kepada Bupati setiap triwulan.",
        "(3) Laporan sebagaimana dimaksud pada ayat (2) memuat jumlah peserta baru.",
    ]


def renumbered(texts: dict[int, str], inserted: dict[float, str]) -> tuple[dict, list]:
    """A wanted text that inserts Pasal (key 7.5: after base Pasal 7) and numbers them
    as a new regulation would: every later Pasal one up."""
    order = sorted([float(n) for n in range(1, 21)] + list(inserted))
    pasal = {}
    for i, key in enumerate(order, 1):
        pasal[i] = inserted[key] if key in inserted else texts.get(int(key), pasal_text(int(key)))
    babs, i = [], 0
    for b in range(10):
        count = sum(1 for key in order if 2 * b < key <= 2 * b + 2 or
                    (b == 0 and key <= 2))
        babs.append((f"URUSAN KE-{b + 1}", list(range(i + 1, i + 1 + count))))
        i += count
    return pasal, babs


def test_l2_234_b_pasal_inserted_and_references_mapped_back(tmp_path):
    """'Di antara Pasal 7 dan Pasal 8 disisipkan 1 (satu) pasal, yakni Pasal 7A sehingga
    berbunyi sebagai berikut:'. WANTED numbers the new Pasal 8 and the old 8 as 9; the
    amendment keeps the base numbers: the new one is Pasal 7A, and its reference to
    'Pasal 9 ayat (2)' of WANTED names Pasal 8 ayat (2)."""
    new = ("Pengawasan sebagaimana dimaksud dalam Pasal 7 dilaksanakan bersama laporan "
           "sebagaimana dimaksud dalam Pasal 9 ayat (2).")
    pasal, babs = renumbered({}, {7.5: new})
    done, md = amend(tmp_path, regulation(pasal, babs))
    assert pasal_satu(md) == [
        f"Di antara Pasal 7 dan Pasal 8 dalam {RUJUKAN} disisipkan 1 (satu) pasal, yakni "
        "Pasal 7A sehingga berbunyi sebagai berikut:",
        "#### Pasal 7A",
        "Pengawasan sebagaimana dimaksud dalam Pasal 7 dilaksanakan bersama laporan "
        "sebagaimana dimaksud dalam Pasal 8 ayat (2).",
    ]


def test_l2_235_ayat_inserted(tmp_path):
    """'Di antara ayat (1) dan ayat (2) Pasal 18 disisipkan 2 (dua) ayat, yakni ayat (1a)
    dan ayat (1b) sehingga Pasal 18 berbunyi sebagai berikut:' with '(1) ... (1a) ...
    (1b) ... (2) ...'; WANTED's 'ayat (4)' (the base ayat (2)) is cited as ayat (2)."""
    topic = TOPICS[17]
    new18 = (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
             "(2) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.\n"
             "(3) Keputusan Bupati memuat nama, NIK, dan alamat setiap penerima.\n"
             f"(4) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
             f"(5) Laporan sebagaimana dimaksud pada ayat (4) memuat hasil {topic}.")
    new6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."
    done, md = amend(tmp_path, regulation({6: new6, 18: new18}))
    lines = pasal_satu(md)
    i = lines.index("#### Pasal 18")
    assert lines[i - 1] == (
        "2. Di antara ayat (1) dan ayat (2) Pasal 18 disisipkan 2 (dua) ayat, yakni ayat (1a) "
        "dan ayat (1b) sehingga Pasal 18 berbunyi sebagai berikut:")
    assert lines[i + 1:] == [
        f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.",
        "(1a) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.",
        "(1b) Keputusan Bupati memuat nama, NIK, dan alamat setiap penerima.",
        f"(2) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.",
        f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.",
    ]


def test_l2_236_pasal_deleted(tmp_path):
    """'Pasal 16 dihapus.' — whether WANTED leaves the Pasal out (and renumbers) or writes
    it 'Dihapus.' as a consolidated text does."""
    new6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."
    left_out = {n: pasal_text(n) for n in range(1, 21) if n != 16}
    pasal = {i: left_out[n] for i, n in enumerate(sorted(left_out), 1)} | {6: new6}
    babs = BABS[:7] + [("URUSAN KE-8", [15]), ("URUSAN KE-9", [16, 17]),
                       ("URUSAN KE-10", [18, 19])]
    for wanted in (regulation(pasal, babs), regulation({16: "Dihapus.", 6: new6})):
        done, md = amend(tmp_path, wanted)
        assert pasal_satu(md)[-1] == "2. Pasal 16 dihapus."
        assert pasal_satu(md)[1] == "1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai " \
                                    "berikut:"


def test_l2_236_ayat_deleted(tmp_path):
    """'Ketentuan Pasal 4 ayat (1) dan ayat (2) dihapus, sehingga Pasal 4 berbunyi sebagai
    berikut:' (L-II 236 Contoh 2), the ayat standing '(1) Dihapus.'; WANTED's 'ayat (1)'
    (the base ayat (2)) is cited as ayat (2)."""
    topic = TOPICS[17]
    new18 = (f"(1) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
             f"(2) Laporan sebagaimana dimaksud pada ayat (1) memuat hasil {topic}.")
    new6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."
    done, md = amend(tmp_path, regulation({6: new6, 18: new18}))
    lines = pasal_satu(md)
    i = lines.index("#### Pasal 18")
    assert lines[i - 1] == ("2. Ketentuan Pasal 18 ayat (1) dihapus, sehingga Pasal 18 "
                            "berbunyi sebagai berikut:")
    assert lines[i + 1:] == [
        "(1) Dihapus.",
        f"(2) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.",
        f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.",
    ]


def with_bab_ixa() -> str:
    """WANTED with a new BAB after BAB IX, of one new Pasal, numbered as a new
    regulation would: BAB X, Pasal 19; the old BAB X becomes BAB XI."""
    pasal = {n: pasal_text(n) for n in range(1, 19)}
    pasal[19] = ("Pemerintah Daerah memberikan perlindungan kepada pekerja migran asal "
                 "Daerah sebelum, selama, dan setelah bekerja.")
    pasal[20], pasal[21] = pasal_text(19), pasal_text(20)
    babs = BABS[:9] + [("PELINDUNGAN PEKERJA MIGRAN", [19]), ("URUSAN KE-10", [20, 21])]
    return regulation(pasal, babs)


def test_l2_234_a_bab_inserted(tmp_path):
    """'Di antara BAB IX dan BAB X disisipkan 1 (satu) bab, yakni BAB IXA sehingga
    berbunyi sebagai berikut:' then 'BAB IXA' and its heading; its Pasal is 18A."""
    done, md = amend(tmp_path, with_bab_ixa())
    assert pasal_satu(md) == [
        f"Di antara BAB IX dan BAB X dalam {RUJUKAN} disisipkan 1 (satu) bab, yakni BAB IXA "
        "sehingga berbunyi sebagai berikut:",
        "## BAB IXA",
        "## PELINDUNGAN PEKERJA MIGRAN",
        "#### Pasal 18A",
        "Pemerintah Daerah memberikan perlindungan kepada pekerja migran asal Daerah "
        "sebelum, selama, dan setelah bekerja.",
    ]


def test_several_changes_at_once_in_text_order(tmp_path):
    """Every kind at once: one point each, numbered 1., 2., ... in the order of the text
    (L-II 233 a), whatever order the comparison found them in."""
    new3 = "Bupati menetapkan kebijakan mengenai kerja sama dengan desa dan kelurahan."
    ins = "Kerja sama sebagaimana dimaksud dalam Pasal 3 dituangkan dalam perjanjian."
    pasal, babs = renumbered({3: new3, 16: "Dihapus."}, {3.5: ins})
    done, md = amend(tmp_path, regulation(pasal, babs))
    points = [line for line in pasal_satu(md) if re.match(r"\d+\. ", line)]
    assert points == [
        "1. Ketentuan Pasal 3 diubah sehingga berbunyi sebagai berikut:",
        "2. Di antara Pasal 3 dan Pasal 4 disisipkan 1 (satu) pasal, yakni Pasal 3A sehingga "
        "berbunyi sebagai berikut:",
        "3. Pasal 16 dihapus.",
    ]
    assert "#### Pasal 3A" in pasal_satu(md)
    assert done.plan.changed_pasal == 3


def test_too_many_changes_offer_a_replacing_regulation(tmp_path):
    """L-II 237 b: more than half of the Pasal changed -> not an amendment: say so, offer
    the replacing regulation; --force writes it anyway."""
    changed = {n: pasal_text(n).replace("di Daerah", "di seluruh wilayah Daerah")
               for n in range(1, 21) if n not in AYAT_PASAL}
    assert len(changed) == 18
    with pytest.raises(AmendError) as err:
        amend(tmp_path, regulation(changed))
    text = str(err.value)
    assert "too many changes for an amendment" in text and "perbup.replaces" in text
    assert "18 of the 20 Pasal change, more than half (L-II item 237 b)" in text
    assert not (tmp_path / "out").exists()
    done, md = amend(tmp_path, regulation(changed), force=True)
    assert done.plan.too_many and md.count(" diubah sehingga berbunyi") == 18
    # exactly half is not more than half
    half = {n: t for n, t in list(changed.items())[:10]}
    done, md = amend(tmp_path, regulation(half))
    assert not done.plan.too_many


def test_too_many_in_indonesian(tmp_path, monkeypatch):
    monkeypatch.setenv("RANCANG_LANG", "id")
    changed = {n: pasal_text(n).replace("di Daerah", "di seluruh wilayah Daerah")
               for n in range(1, 21) if n not in AYAT_PASAL}
    (tmp_path / "base.md").write_text(regulation(), encoding="utf-8")
    (tmp_path / "wanted.md").write_text(regulation(changed), encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "id", "amend", str(tmp_path / "base.md"),
                                       str(tmp_path / "wanted.md"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "dicabut" in result.output and "Lampiran II angka 237" in result.output
    assert "Traceback" not in result.output


def test_identical_texts_and_unreadable_input(tmp_path):
    with pytest.raises(AmendError) as err:
        amend(tmp_path, regulation())
    assert "there is nothing to amend" in str(err.value)
    (tmp_path / "base.md").write_text(regulation(), encoding="utf-8")
    result = CliRunner().invoke(main, ["amend", str(tmp_path / "base.md"),
                                       str(tmp_path / "nowhere.md"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "file not found" in result.output
    (tmp_path / "other.md").write_text(
        "\n".join(f"Pasal {i}\nPenduduk wajib membayar pajak kendaraan jenis {i}.\n"
                  for i in range(1, 8)), encoding="utf-8")
    result = CliRunner().invoke(main, ["amend", str(tmp_path / "base.md"),
                                       str(tmp_path / "other.md"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "versions of one regulation" in result.output
    assert not (tmp_path / "o").exists()


def test_docx_opens_and_reads_back(tmp_path):
    import docx

    new6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."
    pasal, babs = renumbered({6: new6}, {7.5: "Pengawasan dilakukan setiap semester."})
    done, _md = amend(tmp_path, regulation(pasal, babs), formats=("docx",))
    (path,) = done.paths
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    assert f"Beberapa ketentuan dalam {RUJUKAN} diubah sebagai berikut:" in paragraphs
    assert "Pasal 7A" in paragraphs and "Pasal I" in paragraphs and "Pasal II" in paragraphs
    assert any(p.endswith("Di antara Pasal 7 dan Pasal 8 disisipkan 1 (satu) pasal, yakni "
                          "Pasal 7A sehingga berbunyi sebagai berikut:") for p in paragraphs)
    # the quoted Pasal is set in under the point's words (1 cm, 567 twips), the body's not
    by_text = {p.text: p for p in docx.Document(str(path)).paragraphs}
    assert by_text["Pasal 7A"].paragraph_format.left_indent.twips == 567
    assert by_text["Pasal I"].paragraph_format.left_indent in (None, 0)


def test_cli_json_and_reason(tmp_path):
    (tmp_path / "base.md").write_text(regulation(), encoding="utf-8")
    (tmp_path / "wanted.md").write_text(regulation({6: "Bupati menetapkan kebijakan."}),
                                        encoding="utf-8")
    result = CliRunner().invoke(main, [
        "amend", str(tmp_path / "base.md"), str(tmp_path / "wanted.md"), "-o",
        str(tmp_path / "o"), "--format", "md", "--json",
        "--reason", "bahwa kebijakan kepesertaan perlu disederhanakan"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["points"] == [{"form": "ubah_pasal", "pasal": "Pasal 6"}]
    md = (tmp_path / "o" / "perubahan-contoh.md").read_text(encoding="utf-8")
    # one consideration: one unlettered item closing with 'perlu menetapkan' (L-II 24-27)
    assert ("Menimbang : bahwa kebijakan kepesertaan perlu disederhanakan, perlu menetapkan "
            "Peraturan Bupati tentang Perubahan atas Peraturan Bupati Nomor 5 Tahun 2024 "
            "tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan;") in md
    # Mengingat: the base's, then the base itself with its Berita Daerah
    assert f"2. {RUJUKAN};" in md.replace("\\", "")
    assert "Ditetapkan di Sukamaju" in md
    result = CliRunner().invoke(main, [
        "amend", str(tmp_path / "base.md"), str(tmp_path / "wanted.md"), "-o",
        str(tmp_path / "o2"), "--format", "md", "--final"])
    assert result.exit_code == 1 and "missing: --nomor" in result.output
    result = CliRunner().invoke(main, [
        "amend", str(tmp_path / "base.md"), str(tmp_path / "wanted.md"), "-o",
        str(tmp_path / "o2"), "--format", "md", "--final", "--nomor", "1", "--ditetapkan",
        "2026-01-05", "--diundangkan", "2026-01-06", "--berita-daerah", "1"])
    assert result.exit_code == 1 and "placeholder" in result.output


def test_perubahan_kedua_from_the_regency_file(workspace_copy, in_dir):
    """L-II 7: amended once before, the title says PERUBAHAN KEDUA ATAS; Pasal I cites the
    base with the earlier amendment; number, year and Berita Daerah of the base come from
    the regency file when its text does not state them."""
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "perbup:\n  status: draft\n  year: 2026\n",
        "perbup:\n  status: enacted\n  number: 7\n  year: 2024\n  ditetapkan: 2024-03-01\n"
        "  diundangkan: 2024-03-02\n  berita_daerah: 7\n  amendments:\n"
        "    - number: 3\n      year: 2025\n      berita_daerah: 3\n      confirmed: true\n")
    path.write_text(text, encoding="utf-8")
    base = regulation().replace("BUPATI CONTOH\nNOMOR 5 TAHUN 2024\n", "BUPATI REJANG LEBONG\n") \
        .replace("BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5\n", "")
    wanted = base.replace(pasal_text(6), "Bupati menetapkan kebijakan kepesertaan di Daerah.")
    Path("base.md").write_text(base, encoding="utf-8")
    Path("wanted.md").write_text(wanted, encoding="utf-8")
    result = CliRunner().invoke(main, ["amend", "base.md", "wanted.md", "-o", "o",
                                       "--regency", "rejang-lebong", "--format", "md,docx"])
    assert result.exit_code == 0, result.output
    md = Path("o/perubahan-rejang-lebong.md").read_text(encoding="utf-8")
    assert "\nPERUBAHAN KEDUA ATAS PERATURAN BUPATI NOMOR 7 TAHUN 2024 TENTANG PENYELENGGARAAN " \
           "PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN\n" in md
    assert pasal_satu(md)[0] == (
        "Ketentuan Pasal 6 dalam Peraturan Bupati Rejang Lebong Nomor 7 Tahun 2024 tentang "
        "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten "
        "Rejang Lebong Tahun 2024 Nomor 7) sebagaimana telah diubah dengan Peraturan Bupati "
        "Rejang Lebong Nomor 3 Tahun 2025 tentang Perubahan atas Peraturan Bupati Nomor 7 "
        "Tahun 2024 tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan (Berita "
        "Daerah Kabupaten Rejang Lebong Tahun 2025 Nomor 3) diubah sehingga berbunyi sebagai "
        "berikut:")
    assert "BUPATI REJANG LEBONG\n\nPROVINSI BENGKULU\n" in md
    assert "Ditetapkan di Curup" in md and "BERITA DAERAH KABUPATEN REJANG LEBONG TAHUN" in md


def test_base_is_a_regency_build(workspace_copy, in_dir):
    """BASE may be a regency built with its clause library, as `rancang diff` reads it;
    WANTED here is its Markdown with one Pasal's words changed."""
    in_dir(workspace_copy)
    built = CliRunner().invoke(main, ["build", "rejang-lebong", "--format", "md", "-o", "b"])
    assert built.exit_code == 0, built.output
    md = Path("b/perbup-rejang-lebong.md").read_text(encoding="utf-8")
    old = "memutakhirkan data penerima Bantuan Pembayaran Iuran paling sedikit"
    assert old in md
    Path("wanted.md").write_text(md.replace(old, "memutakhirkan dan memverifikasi data "
                                                 "penerima Bantuan Pembayaran Iuran paling sedikit", 1),
                                 encoding="utf-8")
    result = CliRunner().invoke(main, ["amend", "rejang-lebong", "wanted.md", "-o", "o",
                                       "--format", "md", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["points"] == [{"form": "ubah_ayat", "pasal": "Pasal 15", "ayat": "ayat (1)"}]
    out = Path("o/perubahan-rejang-lebong.md").read_text(encoding="utf-8")
    assert "(1) Perangkat Daerah sesuai dengan bidang tugasnya memutakhirkan dan memverifikasi " \
           "data penerima Bantuan Pembayaran Iuran" in out


def test_moved_pasal_change_the_structure(tmp_path):
    """L-II 237 a: Pasal in another order change the sistematika: said once, not per Pasal."""
    pasal = {n: pasal_text(n) for n in range(1, 21)}
    pasal[3], pasal[4] = pasal[4], pasal[3]
    with pytest.raises(AmendError) as err:
        amend(tmp_path, regulation(pasal))
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 1 and messages[0].startswith(
        "the structure changes (L-II item 237 a): moved: Pasal ")


def test_bab_deleted_and_appended_units(tmp_path):
    """A whole BAB left out: 'Bab V dihapus.' as L-II 233 b writes it. An ayat after the
    last takes the next number, as does a Pasal after the last one."""
    pasal = {n: pasal_text(n) for n in range(1, 21) if n not in (9, 10)}
    topic = TOPICS[7]
    pasal[8] = pasal_text(8) + "\n(4) Bupati mengumumkan hasil " + topic + " setiap tahun."
    numbers = sorted(pasal)
    texts = {i: pasal[n] for i, n in enumerate(numbers, 1)}
    texts[19] = "Ketentuan lebih lanjut diatur oleh Bupati."
    babs = BABS[:4] + [(h, [n - 2 for n in ns]) for h, ns in BABS[5:]]
    babs[-1] = ("URUSAN KE-10", [17, 18, 19])
    done, md = amend(tmp_path, regulation(texts, babs))
    points = [line for line in pasal_satu(md) if re.match(r"\d+\. ", line)]
    assert points == [
        "1. Ketentuan Pasal 8 ditambah 1 (satu) ayat, yakni ayat (4) sehingga Pasal 8 "
        "berbunyi sebagai berikut:",
        "2. Bab V dihapus.",
        "3. Setelah Pasal 20 ditambahkan 1 (satu) pasal, yakni Pasal 21 sehingga berbunyi "
        "sebagai berikut:",
    ]
    assert "#### Pasal 21" in pasal_satu(md)


def test_perubahan_ketiga_lists_the_earlier_amendments(workspace_copy, in_dir):
    """L-II 233 b: amended more than once, Pasal I names the regulation 'yang telah
    beberapa kali diubah dengan' and its amendments lettered, then 'diubah sebagai
    berikut:' and the points; the title says PERUBAHAN KETIGA (L-II 7)."""
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "perbup:\n  status: draft\n  year: 2026\n",
        "perbup:\n  status: enacted\n  number: 7\n  year: 2024\n  ditetapkan: 2024-03-01\n"
        "  diundangkan: 2024-03-02\n  berita_daerah: 7\n  amendments:\n"
        "    - {number: 3, year: 2025, berita_daerah: 3, confirmed: true}\n"
        "    - {number: 9, year: 2025, berita_daerah: 9, confirmed: true}\n"),
        encoding="utf-8")
    base = regulation().replace("BUPATI CONTOH\nNOMOR 5 TAHUN 2024\n", "BUPATI REJANG LEBONG\n") \
        .replace("BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5\n", "")
    wanted = base.replace(pasal_text(6), "Bupati menetapkan kebijakan kepesertaan di Daerah.")
    Path("base.md").write_text(base, encoding="utf-8")
    Path("wanted.md").write_text(wanted, encoding="utf-8")
    result = CliRunner().invoke(main, ["amend", "base.md", "wanted.md", "-o", "o",
                                       "--regency", "rejang-lebong", "--format", "md"])
    assert result.exit_code == 0, result.output
    md = Path("o/perubahan-rejang-lebong.md").read_text(encoding="utf-8")
    assert "\nPERUBAHAN KETIGA ATAS PERATURAN BUPATI NOMOR 7 TAHUN 2024 TENTANG " in md
    assert pasal_satu(md)[:5] == [
        "Peraturan Bupati Rejang Lebong Nomor 7 Tahun 2024 tentang Penyelenggaraan Program "
        "Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten Rejang Lebong Tahun 2024 "
        "Nomor 7) yang telah beberapa kali diubah dengan Peraturan Bupati:",
        "a. Nomor 3 Tahun 2025 (Berita Daerah Kabupaten Rejang Lebong Tahun 2025 Nomor 3);",
        "b. Nomor 9 Tahun 2025 (Berita Daerah Kabupaten Rejang Lebong Tahun 2025 Nomor 9);",
        "diubah sebagai berikut:",
        "1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:",
    ]
    # Mengingat cites the last amendment (L-II 41a-41c as UU 13/2022 inserted them)
    assert ("sebagaimana telah beberapa kali diubah terakhir dengan Peraturan Bupati Rejang "
            "Lebong Nomor 9 Tahun 2025 tentang Perubahan Kedua atas Peraturan Bupati Nomor 7 "
            "Tahun 2024") in md


def test_bab_heading_and_an_ayat_rewritten_in_its_place(tmp_path):
    """A BAB heading changed is quoted alone; an ayat rewritten beyond pairing, standing
    where the base has its ayat (2), is ayat (2) changed, not deleted and inserted."""
    babs = [(h if i != 2 else "KERJA SAMA DAN PELAPORAN", ns) for i, (h, ns) in enumerate(BABS)]
    topic = TOPICS[7]
    new8 = (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
            "(2) Setiap pemberi kerja wajib mengunggah data pekerjanya melalui aplikasi "
            "yang disediakan BPJS Ketenagakerjaan.\n"
            f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.")
    done, md = amend(tmp_path, regulation({8: new8}, babs))
    lines = pasal_satu(md)
    assert lines[1:4] == ["1. Judul BAB III diubah sehingga berbunyi sebagai berikut:",
                          "## BAB III", "## KERJA SAMA DAN PELAPORAN"]
    assert lines[4] == ("2. Ketentuan ayat (2) Pasal 8 diubah, sehingga Pasal 8 berbunyi "
                        "sebagai berikut:")
    assert lines[6:] == [
        f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.",
        "(2) Setiap pemberi kerja wajib mengunggah data pekerjanya melalui aplikasi yang "
        "disediakan BPJS Ketenagakerjaan.",
        f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.",
    ]


def test_berita_daerah_of_another_year(tmp_path):
    """Enacted late in 2024, promulgated in 2025: Pasal I cites the Berita Daerah's year."""
    base = regulation().replace("TAHUN 2024 NOMOR 5", "TAHUN 2025 NOMOR 1")
    wanted = base.replace(pasal_text(6), "Bupati menetapkan kebijakan kepesertaan di Daerah.")
    done, md = amend(tmp_path, wanted, base=base)
    assert pasal_satu(md)[0] == (
        "Ketentuan Pasal 6 dalam Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang "
        "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten "
        "Contoh Tahun 2025 Nomor 1) diubah sehingga berbunyi sebagai berikut:")


@requires_pandoc
def test_docx_base_and_wanted(workspace_copy, in_dir):
    """Both versions as Word files: the built Perbup, and a copy with one ayat edited in
    Word's way (python-docx)."""
    import docx

    in_dir(workspace_copy)
    built = CliRunner().invoke(main, ["build", "rejang-lebong", "-o", "b"])
    assert built.exit_code == 0, built.output
    document = docx.Document("b/perbup-rejang-lebong.docx")
    old = "memutakhirkan data penerima Bantuan Pembayaran Iuran"
    (paragraph,) = [p for p in document.paragraphs if old in p.text]
    for run in paragraph.runs:
        run.text = run.text.replace("memutakhirkan data", "memutakhirkan dan memverifikasi data")
    document.save("wanted.docx")
    result = CliRunner().invoke(main, ["amend", "b/perbup-rejang-lebong.docx", "wanted.docx",
                                       "-o", "o", "--format", "md", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["points"] == [
        {"form": "ubah_ayat", "pasal": "Pasal 15", "ayat": "ayat (1)"}]


DEFINITIONS = ("Dalam Peraturan Bupati ini yang dimaksud dengan:\n"
               "1. Daerah adalah Kabupaten Contoh.\n"
               "2. Bupati adalah Bupati Contoh.\n"
               "3. Peserta adalah setiap orang yang telah terdaftar pada BPJS Ketenagakerjaan.")


def test_a_definition_inserted_takes_a_letter(tmp_path):
    """No renumbering in a numbered list either: a definition between angka 2 and 3 is
    angka 2a, and WANTED's 'Pasal 1 angka 4' (the base angka 3) is cited as angka 3."""
    base = regulation({1: DEFINITIONS})
    wanted = regulation({
        1: DEFINITIONS.replace("3. Peserta", "3. Pekerja Rentan adalah pekerja yang "
                               "berpenghasilan rendah.\n4. Peserta"),
        6: "Bupati mendorong kepesertaan Peserta sebagaimana dimaksud dalam Pasal 1 angka 4."})
    done, md = amend(tmp_path, wanted, base=base)
    lines = pasal_satu(md)
    assert lines[1:8] == [
        "1. Ketentuan Pasal 1 diubah sehingga berbunyi sebagai berikut:",
        "#### Pasal 1",
        "Dalam Peraturan Bupati ini yang dimaksud dengan:",
        "1. Daerah adalah Kabupaten Contoh.",
        "2. Bupati adalah Bupati Contoh.",
        "2a. Pekerja Rentan adalah pekerja yang berpenghasilan rendah.",
        "3. Peserta adalah setiap orang yang telah terdaftar pada BPJS Ketenagakerjaan.",
    ]
    assert lines[-1] == ("Bupati mendorong kepesertaan Peserta sebagaimana dimaksud dalam "
                         "Pasal 1 angka 3.")


def test_a_peraturan_pemerintah_is_not_amended_by_a_perbup(tmp_path):
    base = SHARED / "corpus" / "pp-2015-44.md"
    result = CliRunner().invoke(main, ["amend", str(base), str(base), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "is a Peraturan Pemerintah: a Peraturan Bupati cannot amend it" in result.output


# --- the round trip, with a stand-in for `rancang consolidate` ------------------------------
# Applying the points to the base (each quoted unit in place of the base's, deleted units
# removed, inserted ones after the unit they follow) and numbering the result by position
# must give WANTED back: no change but BAB numbers. The stand-in works on the plan, not on
# the text; `rancang consolidate` (another branch) parses the text itself.

def _apply(base: Document, the_plan) -> Document:
    doc = copy.deepcopy(base)
    doc.link_parents()
    pasal = {p.num: p for p in doc.walk() if p.kind == "pasal"}
    babs = {b.num: b for b in doc.children if b.kind == "bab"}
    for point in the_plan.points:
        w, form = point.words, point.form
        if "pasal" in w and point.quoted:
            old, new = pasal[w["pasal"].split()[1]], point.quoted[0]
            new.children = [c for c in new.children if c.content != ["Dihapus."]]
            old.parent.children[old.parent.children.index(old)] = new
            pasal[new.num] = new
        elif form == "hapus_pasal":
            old = pasal[w["pasal"].split()[1]]
            old.parent.children.remove(old)
        elif form in ("sisip_pasal", "tambah_pasal"):
            before = pasal[w["sebelum"].split()[1]]
            i = before.parent.children.index(before)
            before.parent.children[i + 1:i + 1] = point.quoted
        elif form == "sisip_bab":
            i = doc.children.index(babs[w["sebelum"].split()[1]])
            doc.children[i + 1:i + 1] = point.quoted
        elif form == "hapus_bab":
            doc.children.remove(babs[w["bab"].split()[1]])
        doc.link_parents()
    return doc


@dataclass
class _Number:
    num: str
    ordinal: int


def _renumber(doc: Document) -> Document:
    """Every Pasal, ayat and angka numbered by its place, references worded after them."""
    units = [n for n in doc.walk() if n.kind in ("pasal", "ayat", "rincian")]
    for n in units:      # an integral number resolves a reference; '(1a)' none
        if n.kind == "ayat" or (n.kind == "rincian" and n.num[:1].isdigit()):
            x = n.num.strip("().")
            n.ordinal = int(x) if x.isdigit() else -1
    new, count = {}, 0
    for n in units:
        if n.kind == "pasal":
            count += 1
            new[id(n)] = _Number(str(count), count)
            continue
        i = [c for c in n.parent.children if c.kind == n.kind].index(n) + 1
        new[id(n)] = _Number(f"({i})" if n.kind == "ayat" else
                             f"{i}." if n.num[:1].isdigit() else n.num, i)
    resolver = Resolver({p.num: p for p in units if p.kind == "pasal"})
    texts = {id(n): rewrite(n.text, n, resolver, lambda x: new.get(id(x), x)) for n in units}
    for n in units:
        n.content, n.num, n.ordinal = [texts[id(n)]], new[id(n)].num, new[id(n)].ordinal
        if n.kind == "pasal":
            n.label = f"Pasal {n.num}"
    return doc


def _cases():
    topic = TOPICS[17]
    new18 = (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
             "(2) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.\n"
             f"(3) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
             f"(4) Laporan sebagaimana dimaksud pada ayat (3) memuat hasil {topic}.")
    ins = ("Kerja sama sebagaimana dimaksud dalam Pasal 3 mengacu pada Pasal 9 dan "
           "Pasal 19 ayat (4).")
    several = renumbered({3: "Bupati menetapkan kebijakan kerja sama dengan kelurahan.",
                          18: new18, 12: "Dihapus."}, {3.5: ins, 15.5: "Kader dilatih."})
    gone = {n: pasal_text(n) for n in range(1, 21) if n != 16}
    deleted = ({i: gone[n] for i, n in enumerate(sorted(gone), 1)},
               BABS[:7] + [("URUSAN KE-8", [15]), ("URUSAN KE-9", [16, 17]),
                           ("URUSAN KE-10", [18, 19])])
    definitions = regulation({1: DEFINITIONS.replace("3. Peserta", "3. Pekerja Rentan "
                                                      "adalah pekerja berpenghasilan rendah.\n"
                                                      "4. Peserta"),
                              6: "Bupati mendorong Peserta dalam Pasal 1 angka 4."})
    return {
        "one Pasal changed": (regulation(), regulation({6: "Bupati menetapkan kebijakan."})),
        "ayat inserted": (regulation(), regulation({18: new18})),
        "Pasal inserted": (regulation(), regulation(*renumbered({}, {7.5: ins}))),
        "Pasal deleted": (regulation(), regulation(*deleted)),
        "BAB inserted": (regulation(), with_bab_ixa()),
        "definition inserted": (regulation({1: DEFINITIONS}), definitions),
        "several at once": (regulation(), regulation(*several)),
    }


@pytest.mark.parametrize("case", list(_cases()))
def test_round_trip_gives_wanted_back(case):
    base_text, wanted_text = _cases()[case]
    base, wanted = parse_text(base_text), parse_text(wanted_text)
    the_plan = plan(compare(base, wanted))
    assert the_plan.points
    merged = _renumber(_apply(parse_text(base_text), the_plan))
    # WANTED as the stand-in makes it: a Pasal it writes "Dihapus." left out
    wanted = parse_text(wanted_text)
    for p in [p for p in wanted.walk() if p.kind == "pasal" and p.text == "Dihapus."]:
        p.parent.children.remove(p)
    wanted = _renumber(wanted)
    left = [(c.op, c.old, c.new, c.old_text, c.new_text) for c in compare(merged, wanted).changes
            if not (c.op == "renumbered" and c.unit == "bab")]
    assert left == []


def _signed_setup(workspace_copy):
    """Rejang Lebong with its officials named, a base of its own and one Pasal changed."""
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  bupati: ...", "  bupati: Syamsul Effendi").replace(
        "  sekretaris_daerah: ...", "  sekretaris_daerah: Hendra Saputra")
    path.write_text(text, encoding="utf-8")
    base = regulation().replace("BUPATI CONTOH\nNOMOR 5", "BUPATI REJANG LEBONG\nNOMOR 5")
    Path("base.md").write_text(base, encoding="utf-8")
    Path("wanted.md").write_text(base.replace(pasal_text(6), "Bupati menetapkan kebijakan."),
                                 encoding="utf-8")
    return ["amend", "base.md", "wanted.md", "--regency", "rejang-lebong", "--format", "md",
            "--reason", "bahwa kebijakan kepesertaan perlu disederhanakan"]


def test_final_prints_the_amending_perbups_own_number_and_dates(workspace_copy, in_dir):
    """The version to sign has its own Nomor, dates and Berita Daerah; the Rancangan keeps
    them '...' even when given (a Rancangan never shows an enacted number)."""
    in_dir(workspace_copy)
    args = _signed_setup(workspace_copy)
    own = ["--nomor", "12", "--ditetapkan", "2026-05-04", "--diundangkan", "2026-05-05",
           "--berita-daerah", "13"]
    result = CliRunner().invoke(main, args + ["-o", "draft"] + own)
    assert result.exit_code == 0, result.output
    assert ("--nomor, --ditetapkan, --diundangkan, --berita-daerah: printed only in the "
            "version to sign (--final); a Rancangan shows '...'") in result.output
    md = Path("draft/perubahan-rejang-lebong.md").read_text(encoding="utf-8")
    assert "RANCANGAN PERATURAN BUPATI REJANG LEBONG\n\nNOMOR ... TAHUN 2026\n" in md
    assert "NOMOR 12" not in md and "4 Mei 2026" not in md
    assert "BERITA DAERAH KABUPATEN REJANG LEBONG TAHUN 2026 NOMOR ..." in md
    result = CliRunner().invoke(main, args + ["-o", "final", "--final"] + own)
    assert result.exit_code == 0, result.output
    md = Path("final/perubahan-rejang-lebong.md").read_text(encoding="utf-8")
    assert "\nPERATURAN BUPATI REJANG LEBONG\n\nNOMOR 12 TAHUN 2026\n" in md
    assert "RANCANGAN" not in md
    assert "Ditetapkan di Curup\n\npada tanggal 4 Mei 2026\n" in md
    assert "Diundangkan di Curup\n\npada tanggal 5 Mei 2026\n" in md
    assert md.rstrip().endswith("BERITA DAERAH KABUPATEN REJANG LEBONG TAHUN 2026 NOMOR 13")
    assert "..." not in md


def test_final_promulgated_next_year_takes_that_year(workspace_copy, in_dir):
    """Enacted on 30 December, promulgated on 2 January: the number's year and the Berita
    Daerah's are those of pengundangan."""
    in_dir(workspace_copy)
    args = _signed_setup(workspace_copy)
    result = CliRunner().invoke(main, args + [
        "-o", "o", "--final", "--nomor", "1", "--ditetapkan", "2026-12-30",
        "--diundangkan", "2027-01-02", "--berita-daerah", "1"])
    assert result.exit_code == 0, result.output
    md = Path("o/perubahan-rejang-lebong.md").read_text(encoding="utf-8")
    assert "NOMOR 1 TAHUN 2027\n" in md and "pada tanggal 30 Desember 2026" in md
    assert md.rstrip().endswith("TAHUN 2027 NOMOR 1")


def test_final_refuses_naming_what_is_missing(workspace_copy, in_dir):
    in_dir(workspace_copy)
    args = _signed_setup(workspace_copy)
    result = CliRunner().invoke(main, args + ["-o", "o", "--final", "--nomor", "12",
                                              "--ditetapkan", "2026-05-04"])
    assert result.exit_code == 1
    assert "missing: --diundangkan, --berita-daerah" in result.output
    assert not Path("o").exists()
    result = CliRunner().invoke(main, args + [
        "-o", "o", "--final", "--nomor", "12a", "--ditetapkan", "4 Mei 2026",
        "--diundangkan", "2026-05-05", "--berita-daerah", "13"])
    assert result.exit_code == 1
    assert "--nomor 12a: not a number" in result.output
    assert "--ditetapkan 4 Mei 2026: not a date in YYYY-MM-DD form" in result.output
    result = CliRunner().invoke(main, args + [
        "-o", "o", "--final", "--nomor", "12", "--ditetapkan", "2026-05-06",
        "--diundangkan", "2026-05-05", "--berita-daerah", "13"])
    assert result.exit_code == 1 and "is before --ditetapkan 2026-05-06" in result.output
    assert "Traceback" not in result.output and not Path("o").exists()


def test_perubahan_ketiga_passes_the_amendment_check(workspace_copy, in_dir):
    """The L-II 233 b form (the earlier amendments lettered a., b. before the points)
    has no finding of `rancang check FILE`; the lettered list is not taken for points."""
    test_perubahan_ketiga_lists_the_earlier_amendments(workspace_copy, in_dir)
    result = CliRunner().invoke(main, ["check", "o/perubahan-rejang-lebong.md", "--json"])
    assert result.exit_code == 0, result.output
    # of the Perubahan form none; what a draft leaves open is info, checked in test_amend_check
    assert [f for f in json.loads(result.output)["findings"]
            if f["severity"] != "info"] == []
