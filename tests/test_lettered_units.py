"""Units an amendment inserted carry the number before them and a letter (L-II 234-235):
"Pasal 10A", "BAB IXA", "ayat (1a)". The reader takes them as units, so a Bagian Hukum
can type the wanted text in the numbering of the enacted one, and a text amended once
can be amended again. A Pasal whose number the wanted text skips was taken out."""
from __future__ import annotations

from test_amend import TOPICS, amend, pasal_satu, pasal_text, regulation

from rancang.readers.normalise import UNVERIFIED
from rancang.readers.parse import parse_text

SMALL = """PERATURAN BUPATI CONTOH
NOMOR 1 TAHUN 2026
TENTANG UJI

BAB I
KETENTUAN UMUM

Pasal 1
Peraturan ini mengatur uji.

Pasal 2
(1) Ayat satu.
(1a) Ayat sisipan.
(1b) Ayat sisipan kedua.
(2) Ayat dua.

Pasal 2A
Pasal sisipan pertama.

Pasal 2B
Pasal sisipan kedua.

BAB IA
BAB SISIPAN

Pasal 3
Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.
"""


def _labels(doc) -> list[str]:
    return [n.label for n in doc.walk() if n.kind in ("bab", "pasal", "ayat")]


def test_lettered_pasal_bab_and_ayat_are_units():
    doc = parse_text(SMALL)
    assert _labels(doc) == [
        "BAB I", "Pasal 1", "Pasal 2", "Pasal 2 ayat (1)", "Pasal 2 ayat (1a)",
        "Pasal 2 ayat (1b)", "Pasal 2 ayat (2)", "Pasal 2A", "Pasal 2B", "BAB IA", "Pasal 3"]
    pasal_2a = next(n for n in doc.walk() if n.label == "Pasal 2A")
    assert pasal_2a.text == "Pasal sisipan pertama."
    bab_ia = next(n for n in doc.walk() if n.label == "BAB IA")
    assert bab_ia.heading == "BAB SISIPAN"


def test_a_letter_out_of_order_or_a_citation_is_not_a_heading():
    text = SMALL.replace("Pasal 2A\n", "Pasal 2C\n").replace(
        "Pasal sisipan kedua.", "Pasal sisipan kedua sebagaimana dimaksud dalam Pasal 2A.")
    doc = parse_text(text)
    # "Pasal 2C" and "Pasal 2B" without a 2A before them, and "dalam Pasal 2A", stay
    # text: lettered units run A, B, C … (a deleted one stays, "Dihapus.")
    assert [n.label for n in doc.walk() if n.kind == "pasal"] == ["Pasal 1", "Pasal 2",
                                                                  "Pasal 3"]
    (ayat_2,) = [n for n in doc.walk() if n.label == "Pasal 2 ayat (2)"]
    assert ayat_2.text.split() == ("Ayat dua. Pasal 2C Pasal sisipan pertama. Pasal 2B Pasal "
                                   "sisipan kedua sebagaimana dimaksud dalam Pasal 2A.").split()


def _insert(text: str, before: str, new: str) -> str:
    assert text.count(before) == 1, before
    return text.replace(before, new + before)


def test_wanted_typed_in_the_base_numbering(tmp_path):
    """The drafter types Pasal 10A, ayat (1a) and leaves Pasal 16 out, without
    renumbering: the points are the insertion, the ayat insertion and the deletion."""
    base = regulation()
    wanted = _insert(base, "Pasal 11\n", "Pasal 10A\nBupati membentuk pusat layanan "
                     "jaminan sosial di setiap kecamatan.\n\n")
    wanted = wanted.replace(f"(2) Perangkat Daerah melaporkan {TOPICS[17]}",
                            "(1a) Penetapan dilakukan dengan Keputusan Bupati.\n"
                            f"(2) Perangkat Daerah melaporkan {TOPICS[17]}")
    sixteen = f"Pasal 16\n{pasal_text(16)}\n"
    assert wanted.count(sixteen) == 1
    wanted = wanted.replace(sixteen, "")
    done, md = amend(tmp_path, wanted, base)
    lines = pasal_satu(md)
    points = [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.")]
    assert points == [
        "1. Di antara Pasal 10 dan Pasal 11 disisipkan 1 (satu) pasal, yakni Pasal 10A "
        "sehingga berbunyi sebagai berikut:",
        "2. Pasal 16 dihapus.",
        "3. Di antara ayat (1) dan ayat (2) Pasal 18 disisipkan 1 (satu) ayat, yakni ayat (1a) "
        "sehingga Pasal 18 berbunyi sebagai berikut:",
    ]
    i = lines.index("#### Pasal 10A")
    assert lines[i + 1] == "Bupati membentuk pusat layanan jaminan sosial di setiap kecamatan."
    assert "(1a) Penetapan dilakukan dengan Keputusan Bupati." in lines


def test_a_base_amended_once_can_be_amended_again(tmp_path):
    """The base has a Pasal 10A (inserted by a first amendment): a change to it names it."""
    base = _insert(regulation(), "Pasal 11\n", "Pasal 10A\nBupati membentuk pusat layanan "
                   "jaminan sosial di setiap kecamatan.\n\n")
    wanted = base.replace("di setiap kecamatan.", "di setiap kecamatan dan kelurahan.")
    done, md = amend(tmp_path, wanted, base)
    assert pasal_satu(md)[:3] == [
        "Ketentuan Pasal 10A dalam Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang "
        "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten "
        "Contoh Tahun 2024 Nomor 5) diubah sehingga berbunyi sebagai berikut:",
        "#### Pasal 10A",
        "Bupati membentuk pusat layanan jaminan sosial di setiap kecamatan dan kelurahan.",
    ]


def test_a_pasal_inserted_after_a_lettered_one_takes_the_next_letter(tmp_path):
    """Base amended once (Pasal 10A); the new Pasal after it is Pasal 10B (L-II 234 b)."""
    base = _insert(regulation(), "Pasal 11\n", "Pasal 10A\nBupati membentuk pusat layanan "
                   "jaminan sosial di setiap kecamatan.\n\n")
    wanted = _insert(base, "Pasal 11\n", "Pasal 10B\nPusat layanan melapor kepada Bupati "
                     "setiap triwulan.\n\n")
    done, md = amend(tmp_path, wanted, base)
    lines = pasal_satu(md)
    assert lines[0] == (
        "Di antara Pasal 10A dan Pasal 11 dalam Peraturan Bupati Contoh Nomor 5 Tahun 2024 "
        "tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan (Berita Daerah "
        "Kabupaten Contoh Tahun 2024 Nomor 5) disisipkan 1 (satu) pasal, yakni Pasal 10B "
        "sehingga berbunyi sebagai berikut:")
    assert lines[1:] == ["#### Pasal 10B",
                         "Pusat layanan melapor kepada Bupati setiap triwulan."]


RUJUKAN = ("Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang Penyelenggaraan Program "
           "Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten Contoh Tahun 2024 Nomor 5)")


def test_a_single_change_keeps_the_form_of_its_kind(tmp_path):
    """Pasal I with one change names the regulation after the unit (L-II 233 a, Contoh 2)
    in the form of that change: an ayat inserted is 'Di antara ayat (1) dan ayat (2) Pasal
    8 dalam ... disisipkan' (L-II 235), a Pasal deleted 'Pasal 16 dalam ... dihapus.'."""
    topic = TOPICS[7]
    new8 = (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
            "(2) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.\n"
            f"(3) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
            f"(4) Laporan sebagaimana dimaksud pada ayat (3) memuat hasil {topic}.")
    done, md = amend(tmp_path, regulation({8: new8}))
    assert pasal_satu(md) == [
        f"Di antara ayat (1) dan ayat (2) Pasal 8 dalam {RUJUKAN} disisipkan 1 (satu) ayat, "
        "yakni ayat (1a) sehingga Pasal 8 berbunyi sebagai berikut:",
        "#### Pasal 8",
        f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.",
        "(1a) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.",
        f"(2) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.",
        f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.",
    ]
    done, md = amend(tmp_path, regulation({16: "Dihapus."}))
    assert pasal_satu(md) == [f"Pasal 16 dalam {RUJUKAN} dihapus."]


def test_the_province_and_a_rancangan_base_are_read_off_the_base(tmp_path):
    """'BUPATI CONTOH PROVINSI JAWA BARAT' above the title gives the kop's province; a base
    still titled RANCANGAN, without a number, is said to be one (L-II 233 a cites an
    enacted regulation)."""
    base = "BUPATI CONTOH\nPROVINSI JAWA BARAT\n" + regulation()
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    wanted = "BUPATI CONTOH\nPROVINSI JAWA BARAT\n" + regulation({6: new6})
    done, md = amend(tmp_path, wanted, base)
    assert md.startswith("BUPATI CONTOH\n\nPROVINSI JAWA BARAT\n")
    assert not any("Rancangan" in note for note in done.notes)
    draft = base.replace("PERATURAN BUPATI CONTOH\nNOMOR 5 TAHUN 2024",
                         "RANCANGAN PERATURAN BUPATI CONTOH\nNOMOR ... TAHUN 2024")
    assert draft != base
    done, md = amend(tmp_path, draft.replace(TOPICS[5] + " di Daerah", "kepesertaan"), draft)
    assert any(note.startswith("the base is a Rancangan without a number") for note in done.notes)


def test_what_the_base_mengingat_leaves_open_stays_open(tmp_path):
    """A base drafted by rancang marks a citation it could not confirm '[perlu verifikasi]'
    and leaves an unread LN number '...': the amendment keeps both as they were — marked,
    counted as open, refused by --final — instead of quietly dropping them (L-II 47)."""
    base = regulation().replace(
        "Nomor 116, Tambahan Lembaran Negara Republik Indonesia Nomor 5256);",
        "Nomor ..., Tambahan Lembaran Negara Republik Indonesia Nomor 5256); [perlu verifikasi]")
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    wanted = base.replace(f"Bupati menetapkan kebijakan mengenai {TOPICS[5]} di Daerah.", new6)
    assert wanted != base
    done, md = amend(tmp_path, wanted, base)
    assert ("1. Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial "
            "(Lembaran Negara Republik Indonesia Tahun 2011 Nomor ..., Tambahan Lembaran "
            "Negara Republik Indonesia Nomor 5256); [perlu verifikasi]") in md.replace("\\", "")
    assert done.placeholders >= 1
    from rancang.errors import RancangError
    import pytest
    with pytest.raises(RancangError) as refused:
        amend(tmp_path, wanted, base, final=True, reasons=("bahwa perlu",),
              own={"nomor": "3", "ditetapkan": "2026-05-04", "diundangkan": "2026-05-05",
                   "berita_daerah": "3"})
    assert "Mengingat angka 1 of the base text" in str(refused.value.problems)


def test_a_single_reason_that_concludes_itself_is_named(tmp_path):
    """One reason stands unlettered and rancang closes it ', perlu menetapkan ...'
    (L-II 23-27): a reason already ending in its own 'perlu ...' would say it twice."""
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    done, md = amend(tmp_path, regulation({6: new6}), reasons=(
        "bahwa untuk meningkatkan pelindungan pekerja, perlu mengubah Peraturan Bupati",))
    assert any(n.startswith("the reason already concludes") for n in done.notes)
    done, md = amend(tmp_path, regulation({6: new6}), reasons=(
        "bahwa pelindungan pekerja bukan penerima upah perlu ditingkatkan",))
    assert not any(n.startswith("the reason already concludes") for n in done.notes)


def test_the_ocr_caret_before_a_word_is_dropped():
    """'Cukup ^jelas', 'dimaksud ^pada ayat' (the OCR of pp-2019-82, uu-2022-13): the caret
    is the scanner's, never the law's; with it gone 'Tahun ^2OOl' is read as 2001 too."""
    text = SMALL.replace("Peraturan ini mengatur uji.",
                         "Peraturan ini mengatur uji ^sebagaimana dimaksud dalam Undang-Undang "
                         "Nomor 22 Tahun ^2OOl.")
    doc = parse_text(text)
    (pasal_1,) = [n for n in doc.walk() if n.label == "Pasal 1"]
    assert pasal_1.text == ("Peraturan ini mengatur uji sebagaimana dimaksud dalam "
                            "Undang-Undang Nomor 22 Tahun 2001.")


def test_the_verification_mark_is_kept_only_as_the_mengingat_item_s_state():
    text = SMALL.replace("TENTANG UJI\n", "TENTANG UJI\n\nMenimbang: bahwa perlu uji "
                         "[perlu verifikasi];\n\nMengingat: 1. Undang-Undang Nomor 24 Tahun "
                         "2011 tentang BPJS; [perlu verifikasi]\n\n").replace(
        "Peraturan ini mengatur uji.", "Peraturan ini mengatur uji [perlu verifikasi].")
    doc = parse_text(text)
    texts = [c for n in doc.walk() for c in n.content if isinstance(c, str)]
    assert not any(UNVERIFIED in t or "[perlu verifikasi]" in t for t in texts)
    (item,) = doc.find("mengingat")
    assert item.attrs.get("confirmed") is False
    (pasal_1,) = [n for n in doc.walk() if n.label == "Pasal 1"]
    assert pasal_1.text.split() == ["Peraturan", "ini", "mengatur", "uji", "."]
