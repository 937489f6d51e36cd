"""`rancang consolidate`: the base regulation with its amendments applied.

Round trips use the BASE/WANTED pairs of tests/test_amend.py: the amendment `rancang
amend` writes, applied to BASE with --renumber, reads as WANTED (no change found by the
structural diff) and the changed unit carries the words written here by hand. PP 44/2015
with PP 82/2019 (../shared/corpus) is checked against words copied from PP 82/2019."""
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main
from rancang.commands.consolidate import run_consolidate
from rancang.compare.diff import compare
from rancang.errors import RancangError
from rancang.readers.parse import parse_text, read_text
from rancang.sources.workspace import Workspace
from conftest import SHARED, requires_pandoc
from test_amend import (TOPICS, amend, pasal_text, regulation, renumbered,
                        with_bab_ixa)

NOTE = "*[diubah dengan Peraturan Bupati Contoh Nomor ... Tahun 2026]*"


def consolidated(tmp_path, wanted: str, renumber: bool = True):
    """(consolidated Markdown, its tree, WANTED's tree)."""
    done, _md = amend(tmp_path, wanted)
    out = tmp_path / "konsolidasi.md"
    run_consolidate(Workspace.bundled(), str(tmp_path / "base.md"),
                    [str(p) for p in done.paths], out, renumber=renumber, force=True)
    text = out.read_text(encoding="utf-8")
    return text, parse_text(read_text(out), "konsolidasi"), parse_text(wanted, "wanted")


def same(doc, wanted) -> None:
    summary = compare(doc, wanted).summary
    assert [summary.get(k, 0) for k in ("inserted", "deleted", "modified")] == [0, 0, 0], summary


def pasal(doc, num: str):
    return next(n for n in doc.walk() if n.kind == "pasal" and n.num == num)


def words(node) -> str:
    """A unit's words and those of its ayat and lists, as one line."""
    return " ".join(" ".join(n.text.split()) for n in node.walk() if n.text.strip())


NEW6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."


def test_one_pasal_changed(tmp_path):
    md, doc, wanted = consolidated(tmp_path, regulation({6: NEW6}))
    same(doc, wanted)
    assert words(pasal(doc, "6")) == NEW6
    assert f"{NEW6}\n\n{NOTE}" in md
    assert words(pasal(doc, "5")) == "Bupati menetapkan kebijakan mengenai pembayaran iuran " \
                                     "bulanan di Daerah."


def test_ayat_inserted(tmp_path):
    topic = TOPICS[17]
    new18 = (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
             "(2) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.\n"
             f"(3) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
             f"(4) Laporan sebagaimana dimaksud pada ayat (3) memuat hasil {topic}.")
    md, doc, wanted = consolidated(tmp_path, regulation({6: NEW6, 18: new18}), renumber=False)
    # kept as the amendment numbers it: ayat (1a); its reference stays ayat (2)
    assert "(1a) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran." in md
    assert f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}." in md
    md, doc, wanted = consolidated(tmp_path, regulation({6: NEW6, 18: new18}))
    same(doc, wanted)
    assert [a.text for a in pasal(doc, "18").children][1] == \
        "Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran."


def test_pasal_inserted_kept_7a_or_renumbered(tmp_path):
    new = ("Pengawasan sebagaimana dimaksud dalam Pasal 7 dilaksanakan bersama laporan "
           "sebagaimana dimaksud dalam Pasal 9 ayat (2).")
    texts, babs = renumbered({}, {7.5: new})
    md, doc, wanted = consolidated(tmp_path, regulation(texts, babs), renumber=False)
    assert "#### Pasal 7A\n\nPengawasan sebagaimana dimaksud dalam Pasal 7 dilaksanakan " \
           "bersama laporan sebagaimana dimaksud dalam Pasal 8 ayat (2).\n\n" \
           "*[disisipkan dengan Peraturan Bupati Contoh Nomor ... Tahun 2026]*" in md
    md, doc, wanted = consolidated(tmp_path, regulation(texts, babs))
    same(doc, wanted)
    assert words(pasal(doc, "8")) == new        # the reference back to Pasal 9
    assert sum(1 for n in doc.walk() if n.kind == "pasal") == 21


def test_pasal_deleted(tmp_path):
    left_out = {n: pasal_text(n) for n in range(1, 21) if n != 16}
    texts = {i: left_out[n] for i, n in enumerate(sorted(left_out), 1)} | {6: NEW6}
    babs = [(f"URUSAN KE-{i + 1}", [2 * i + 1, 2 * i + 2]) for i in range(7)] + [
        ("URUSAN KE-8", [15]), ("URUSAN KE-9", [16, 17]), ("URUSAN KE-10", [18, 19])]
    wanted_text = regulation(texts, babs)
    md, doc, wanted = consolidated(tmp_path, wanted_text, renumber=False)
    assert "#### Pasal 16\n\nDihapus.\n\n*[dihapus dengan Peraturan Bupati Contoh Nomor ... " \
           "Tahun 2026]*" in md
    md, doc, wanted = consolidated(tmp_path, wanted_text)
    same(doc, wanted)
    assert sum(1 for n in doc.walk() if n.kind == "pasal") == 19


def test_bab_inserted(tmp_path):
    md, doc, wanted = consolidated(tmp_path, with_bab_ixa(), renumber=False)
    assert "## BAB IXA\n\n## PELINDUNGAN PEKERJA MIGRAN\n\n*[disisipkan dengan Peraturan " \
           "Bupati Contoh Nomor ... Tahun 2026]*" in md
    assert "#### Pasal 18A" in md
    md, doc, wanted = consolidated(tmp_path, with_bab_ixa())
    same(doc, wanted)
    bab = next(n for n in doc.children if n.kind == "bab" and n.num == "X")
    assert bab.heading == "PELINDUNGAN PEKERJA MIGRAN"
    assert words(pasal(doc, "19")) == ("Pemerintah Daerah memberikan perlindungan kepada "
                                       "pekerja migran asal Daerah sebelum, selama, dan "
                                       "setelah bekerja.")


def test_several_changes_at_once(tmp_path):
    new3 = "Bupati menetapkan kebijakan mengenai kerja sama dengan desa dan kelurahan."
    ins = "Kerja sama sebagaimana dimaksud dalam Pasal 3 dituangkan dalam perjanjian."
    texts, babs = renumbered({3: new3, 16: "Dihapus."}, {3.5: ins})
    md, doc, wanted = consolidated(tmp_path, regulation(texts, babs), renumber=False)
    # (the parser does not read a 'Pasal 3A' heading: the Markdown is checked)
    assert f"#### Pasal 3\n\n{new3}\n\n{NOTE}\n\n#### Pasal 3A\n\n{ins}\n\n" in md
    assert "#### Pasal 16\n\nDihapus.\n\n" in md
    md, doc, wanted = consolidated(tmp_path, regulation(texts, babs))
    # WANTED writes its Pasal 17 "Dihapus."; --renumber leaves the deleted Pasal out
    summary = compare(doc, wanted).summary
    assert [summary.get(k, 0) for k in ("inserted", "deleted", "modified")] == [1, 0, 0]
    assert words(pasal(doc, "17")) == pasal_text(17)
    assert sum(1 for n in doc.walk() if n.kind == "pasal") == 20


AMENDING_HEAD = """PERATURAN BUPATI CONTOH
NOMOR 9 TAHUN 2025
TENTANG
PERUBAHAN ATAS PERATURAN BUPATI NOMOR 5 TAHUN 2024 TENTANG PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN

MEMUTUSKAN:
Menetapkan: PERATURAN BUPATI TENTANG PERUBAHAN ATAS PERATURAN BUPATI NOMOR 5 TAHUN 2024.

Pasal I
Beberapa ketentuan dalam Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan diubah sebagai berikut:
"""
AMENDING_TAIL = """
Pasal II
Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.

Ditetapkan di Sukamaju
"""


def run(tmp_path, points: str, base: str | None = None, renumber=False, after: str = ""):
    (tmp_path / "base.md").write_text(base or regulation(), encoding="utf-8")
    (tmp_path / "p.md").write_text(AMENDING_HEAD + points + AMENDING_TAIL + after,
                                   encoding="utf-8")
    out = tmp_path / "k.md"
    done = run_consolidate(Workspace.bundled(), str(tmp_path / "base.md"),
                           [str(tmp_path / "p.md")], out, renumber=renumber)
    return done, out.read_text(encoding="utf-8")


def test_lampiran_changed_and_judul_bab_and_bab_deleted(tmp_path):
    """Forms amend does not write: 'Ketentuan Lampiran diubah ...', 'Judul BAB V diubah
    ...', 'BAB X dihapus.' (L-II 233-236)."""
    base = regulation().replace("BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5",
                                "BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5\n\n"
                                "LAMPIRAN\nDAFTAR LAMA")
    done, md = run(tmp_path, """1. Ketentuan Lampiran diubah sehingga berbunyi sebagai berikut:
LAMPIRAN
DAFTAR BARU PENERIMA BANTUAN IURAN
2. Judul BAB V diubah sehingga berbunyi sebagai berikut:
BAB V
PEMBAYARAN DAN PENDAFTARAN
3. BAB X dihapus.
""", base)
    assert done.changes == 3
    assert "LAMPIRAN\n\nDAFTAR BARU PENERIMA BANTUAN IURAN\n\n*[diubah dengan Peraturan " \
           "Bupati Contoh Nomor 9 Tahun 2025]*" in md
    assert "DAFTAR LAMA" not in md
    assert "## BAB V\n\n## PEMBAYARAN DAN PENDAFTARAN" in md
    assert "## BAB X\n\n## Dihapus." in md and "Pasal 19" not in md


def test_unknown_point_form_is_refused_and_nothing_written(tmp_path):
    with pytest.raises(RancangError) as e:
        run(tmp_path, """1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:
Pasal 6
Bupati menetapkan kebijakan.
2. Pasal 7 diganti dengan ketentuan sebagai berikut:
Pasal 7
Bupati menetapkan.
""")
    assert "point 2 of Pasal I ('Pasal 7 diganti dengan ketentuan sebagai berikut:" in str(e.value)
    assert not (tmp_path / "k.md").exists()


def test_a_point_naming_a_pasal_the_base_lacks(tmp_path):
    with pytest.raises(RancangError) as e:
        run(tmp_path, """1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:
Pasal 6
Bupati menetapkan kebijakan.
2. Pasal 25 dihapus.
""")
    assert str(e.value).startswith("Peraturan Bupati Contoh Nomor 9 Tahun 2025, point 2 of "
                                   "Pasal I: Pasal 25 is not in the text it amends")
    assert not (tmp_path / "k.md").exists()


def test_cli_refuses_to_overwrite_and_reports(tmp_path):
    (tmp_path / "base.md").write_text(regulation(), encoding="utf-8")
    (tmp_path / "p.md").write_text(AMENDING_HEAD + "1. Pasal 16 dihapus.\n" + AMENDING_TAIL,
                                   encoding="utf-8")
    (tmp_path / "k.md").write_text("suntingan sendiri", encoding="utf-8")
    args = ["consolidate", str(tmp_path / "base.md"), str(tmp_path / "p.md"), "-o",
            str(tmp_path / "k.md")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert (tmp_path / "k.md").read_text(encoding="utf-8") == "suntingan sendiri"
    result = CliRunner().invoke(main, args + ["--force"])
    assert result.exit_code == 0, result.output
    assert "#### Pasal 16\n\nDihapus." in (tmp_path / "k.md").read_text(encoding="utf-8")


# -- PP 44/2015 with PP 82/2019 ------------------------------------------------------------

def plain(text: str) -> str:
    """The corpus copies are OCR'd with '^' marks: compare without them."""
    return " ".join(text.replace("^", " ").split())


@pytest.fixture(scope="module")
def pp(tmp_path_factory):
    out = tmp_path_factory.mktemp("pp") / "pp-44-2015-konsolidasi.md"
    done = run_consolidate(Workspace.bundled(), str(SHARED / "corpus" / "pp-2015-44.md"),
                           [str(SHARED / "corpus" / "pp-2019-82.md")], out)
    return done, parse_text(read_text(out), "pp"), out.read_text(encoding="utf-8")


def test_pp_44_2015_with_pp_82_2019(pp):
    done, doc, md = pp
    assert done.instruments[0].name == "Peraturan Pemerintah Nomor 82 Tahun 2019"
    assert [c.op for c in done.instruments[0].changes] == \
        ["replace", "replace", "replace", "lampiran", "lampiran"]
    # PP 82/2019 inserts no Pasal: PP 44/2015 has 63
    assert sum(1 for n in doc.walk() if n.kind == "pasal") == 63
    p26 = plain(words(pasal(doc, "26")))
    assert p26.startswith("Hak Peserta dan/atau Pemberi Kerja selain penyelenggara negara "
                          "untuk menuntut manfaat JKK sebagaimana dimaksud dalam Pasal 25 ayat "
                          "(2) menjadi gugur apabila telah lewat waktu 5 (lima) tahun sejak "
                          "Kecelakaan Kerja terjadi")
    p25 = plain(words(pasal(doc, "25")))
    assert p25.startswith("Peserta yang mengalami Kecelakaan Kerja atau penyakit akibat keda "
                          "berhak atas manfaat JKK.")       # 'keda': the OCR of the copy
    # its 7 ayat, "(2)" OCR'd as "(21 Manfaat" in the copy
    ayat = [a for a in pasal(doc, "25").children if a.kind == "ayat"]
    assert len(ayat) == 7
    assert plain(ayat[1].text).startswith("Manfaat JKK sebagaimana dimaksud pada. ayat (1) "
                                          "berupa:")
    assert plain(ayat[6].text).startswith("Ketentuan lebih lanjut mengenai pelayanan kesehatan "
                                          "sebagaimana dimaksud pada ayat (2) huruf a diatur "
                                          "dengan Peraturan Menteri berkoordinasi")
    # angka 13 and 14 added to ayat (2) huruf a
    assert "perawatan di rumah bagi Peserta yang tidak memungkinkan melanjutkan pengobatan " \
           "ke rumah sakit; dan" in p25
    p34 = plain(words(pasal(doc, "34")))
    assert "beasiswa pendidikan bagi anak dari Peserta yang telah memiliki masa iur paling " \
           "singkat 3 (tiga) tahun dan meninggal dunia bukan akibat Kecelakaan Kerja." in p34
    assert "Ketentuan lebih lanjut mengenai tata cara pemberian dan persyaratan memperoleh " \
           "beasiswa pendidikan bagi anak dari Peserta" in p34
    for num in ("25", "26", "34"):
        i = md.index(f"#### Pasal {num}\n")
        nxt = md.index("#### Pasal", i + 5)
        assert "*[diubah dengan Peraturan Pemerintah Nomor 82 Tahun 2019]*" in md[i:nxt]
    assert len(done.notes) == 2        # Lampiran I and III: not in the corpus file
    # PP 82/2019 Pasal I angka 4 and 5: "Lampiran I diubah ...", "Lampiran III diubah ..."
    assert "*[Lampiran I diubah dengan Peraturan Pemerintah Nomor 82 Tahun 2019; teks " \
           "Lampiran I yang baru tidak terdapat dalam berkas perubahan yang dibaca] [Lampiran " \
           "III diubah dengan Peraturan Pemerintah Nomor 82 Tahun 2019; teks Lampiran III " \
           "yang baru tidak terdapat dalam berkas perubahan yang dibaca]*" in md
    assert [n.split(", but")[0] for n in done.notes] == [
        "Peraturan Pemerintah Nomor 82 Tahun 2019, point 4 of Pasal I changes Lampiran I",
        "Peraturan Pemerintah Nomor 82 Tahun 2019, point 5 of Pasal I changes Lampiran III"]
    # the reader drops the notes again
    assert not [n.label for n in doc.walk() if "dengan Peraturan Pemerintah Nomor 82" in n.text]


def test_pp_untouched_pasal_stay_as_pp_44_2015(pp):
    _done, doc, _md = pp
    base = parse_text(read_text(SHARED / "corpus" / "pp-2015-44.md"), "base")
    for num in ("1", "24", "27", "35", "63"):
        assert words(pasal(doc, num)) == words(pasal(base, num)), num
    assert plain(words(pasal(doc, "27"))).startswith(plain(words(pasal(base, "27")))[:40])


@requires_pandoc
def test_docx_reads_back_as_wanted_with_the_note_in_italics(tmp_path):
    import zipfile
    done, _md = amend(tmp_path, regulation({6: NEW6}))
    out = tmp_path / "konsolidasi.docx"
    run_consolidate(Workspace.bundled(), str(tmp_path / "base.md"),
                    [str(p) for p in done.paths], out)
    doc = parse_text(read_text(out), "konsolidasi")
    same(doc, parse_text(regulation({6: NEW6}), "wanted"))
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    note = "[diubah dengan Peraturan Bupati Contoh Nomor ... Tahun 2026]"
    assert re.search(r"<w:i/>(?:(?!</w:r>).)*" + re.escape(note), xml)


def test_more_l2_forms(tmp_path):
    """L-II 234-236 forms amend does not write in these words: 'Setelah Pasal 20
    ditambahkan ...', 'Ketentuan Pasal 18 ditambah 1 (satu) ayat ...', 'Ketentuan ayat (2)
    dan ayat (3) Pasal 8 diubah, ...', 'Bab V dihapus.'"""
    done, md = run(tmp_path, """1. Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:
Pasal 8
(1) Pelaksanaan penganggaran dalam APBD menjadi tanggung jawab Pemerintah Daerah.
(2) Perangkat Daerah melaporkan penganggaran kepada Bupati setiap triwulan.
(3) Laporan memuat realisasi anggaran.
2. Ketentuan Pasal 18 ditambah 1 (satu) ayat, yakni ayat (4) sehingga Pasal 18 berbunyi sebagai berikut:
Pasal 18
(1) Satu.
(2) Dua.
(3) Tiga.
(4) Laporan disampaikan juga kepada DPRD.
3. Bab V dihapus.
4. Setelah Pasal 20 ditambahkan 1 (satu) pasal, yakni Pasal 21 sehingga berbunyi sebagai berikut:
Pasal 21
Peraturan Bupati ini ditinjau setiap 5 (lima) tahun.
5. Pasal 13 dan Pasal 14 dihapus.
""")
    assert [c.op for c in done.instruments[0].changes] == \
        ["replace", "replace", "delete_bab", "insert_after", "delete"]
    assert "#### Pasal 13\n\nDihapus." in md and "#### Pasal 14\n\nDihapus." in md
    assert "(3) Laporan memuat realisasi anggaran." in md
    assert "(4) Laporan disampaikan juga kepada DPRD." in md
    assert "## BAB V\n\n## Dihapus." in md and "#### Pasal 9\n" not in md
    assert md.index("#### Pasal 20") < md.index("#### Pasal 21\n\nPeraturan Bupati ini "
                                                 "ditinjau setiap 5 (lima) tahun.\n\n*[ditambahkan")
    assert done.pasal == 19                  # 20 - Pasal 9 and 10 of BAB V + Pasal 21


def test_two_amendments_in_order_the_second_names_the_first_s_pasal(tmp_path):
    (tmp_path / "base.md").write_text(regulation(), encoding="utf-8")
    first = AMENDING_HEAD + ("1. Di antara Pasal 7 dan Pasal 8 disisipkan 1 (satu) pasal, "
                             "yakni Pasal 7A sehingga berbunyi sebagai berikut:\nPasal 7A\n"
                             "Bupati membina kader.\n") + AMENDING_TAIL
    second = (AMENDING_HEAD.replace("NOMOR 9 TAHUN 2025", "NOMOR 3 TAHUN 2026")
              + "1. Ketentuan Pasal 7A diubah sehingga berbunyi sebagai berikut:\nPasal 7A\n"
              "Bupati membina dan melatih kader.\n" + AMENDING_TAIL)
    (tmp_path / "a.md").write_text(first, encoding="utf-8")
    (tmp_path / "b.md").write_text(second, encoding="utf-8")
    out = tmp_path / "k.md"
    run_consolidate(Workspace.bundled(), str(tmp_path / "base.md"),
                    [str(tmp_path / "a.md"), str(tmp_path / "b.md")], out)
    md = out.read_text(encoding="utf-8")
    assert "#### Pasal 7A\n\nBupati membina dan melatih kader.\n\n*[diubah dengan Peraturan " \
           "Bupati Contoh Nomor 3 Tahun 2026]*" in md
    with pytest.raises(RancangError) as e:      # the other order: no Pasal 7A yet
        run_consolidate(Workspace.bundled(), str(tmp_path / "base.md"),
                        [str(tmp_path / "b.md"), str(tmp_path / "a.md")], tmp_path / "x.md")
    assert "Pasal 7A is not in the text it amends" in str(e.value)
    assert not (tmp_path / "x.md").exists()


def test_penjelasan_of_one_pasal_changed(tmp_path):
    base = regulation() + ("\nPENJELASAN ATAS PERATURAN BUPATI CONTOH NOMOR 5 TAHUN 2024\n"
                           "I. UMUM\nCukup jelas.\nII. PASAL DEMI PASAL\nPasal 1\nCukup jelas.\n"
                           "Pasal 2\nCukup jelas.\nPasal 3\nCukup jelas.\n")
    done, md = run(tmp_path, """1. Penjelasan Pasal 2 diubah sehingga berbunyi sebagai berikut:
Pasal 2
Yang dimaksud dengan "sosialisasi" adalah penyebarluasan informasi program.
""", base)
    assert "Pasal 1 Cukup jelas." in " ".join(md.split())
    assert "Pasal 2 Yang dimaksud dengan \"sosialisasi\" adalah penyebarluasan informasi " \
           "program. Pasal 3 Cukup jelas." in " ".join(md.split())


def test_one_of_several_lampiran_from_the_amendment_s_own(tmp_path):
    """'Lampiran II diubah menjadi sebagaimana terlampir ...' (as PP 82/2019 words it): the
    amendment's LAMPIRAN II replaces the base's, Lampiran I and III stay."""
    base = regulation().replace(
        "BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5",
        "BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5\n\nLAMPIRAN I\nDAFTAR SATU LAMA\n"
        "LAMPIRAN II\nDAFTAR DUA LAMA\nLAMPIRAN III\nDAFTAR TIGA LAMA")
    done, md = run(tmp_path, "1. Lampiran II diubah menjadi sebagaimana terlampir yang "
                             "merupakan bagian tidak terpisahkan dari Peraturan Bupati ini.\n",
                   base, after="\nLAMPIRAN II\nDAFTAR DUA BARU\n")
    flat = " ".join(md.split())
    assert "LAMPIRAN I DAFTAR SATU LAMA LAMPIRAN II DAFTAR DUA BARU LAMPIRAN III DAFTAR TIGA " \
           "LAMA" in flat
