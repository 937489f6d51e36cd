"""Page furniture, OCR'd unit numbers and runs of spaces (normalise's _unfurnish), and
where the body of a regulation ends (parse's _body_end): each found from the literal its
pattern starts with, so each test has a literal that is there but not the furniture's,
before or after one that is. Expected texts are written by hand from the patterns."""
import pytest

from rancang.readers.normalise import UNVERIFIED, _unfurnish, _unmark
from rancang.readers.parse import _body_end


@pytest.mark.parametrize("text, expected", [
    ("SALINAN Pasal 1", " Pasal 1"),
    ("SALINAN SALINAN a", " a"),                            # two, one after the other
    ("KSALINAN dan SALINANNYA", "KSALINAN dan SALINANNYA"),  # inside a word: not furniture
    ("KSALINAN SALINAN b", "KSALINAN b"),                   # one that is not, then one that is
    ("PRESIDEN REPUBLIK INDONESIA - 2 - dan", " dan"),      # the header and its page number
    ("PRESIDEN REPUBLIK INDONESIA, selaku", "PRESIDEN REPUBLIK INDONESIA, selaku"),
    ("PRESIDEN REPUBLIK INDONESIA Nomor", "PRESIDEN REPUBLIK INDONESIA Nomor"),
    ("PRESIDEN RI; PRESIDEN REPUBLIK INDONESIA dan", "PRESIDEN RI; dan"),
    ("PRESIDEN REPUBLIK INDONESIA\nmenetapkan", " \nmenetapkan"),
    ("Pasal 5 [diubah dengan Peraturan Bupati Nomor 2 Tahun 2026] isi", "Pasal 5 isi"),
    ("[lihat] [Naskah konsolidasi, per 1 Januari 2026] Pasal 1", "[lihat] Pasal 1"),
    ("[dihapus dengan tanpa penutup Pasal 2", "[dihapus dengan tanpa penutup Pasal 2"),
    ("Pasal 1O dan Tahun 2O2l", "Pasal 10 dan Tahun 2021"),   # OCR'd digits
    ("Pasal lO", "Pasal lO"),                               # no digit: a word, not a number
    ("a    b", "a b"),
    ("a" + " " * 7 + "b  c", "a b c"),
])
def test_unfurnish(text, expected):
    assert _unfurnish(text) == expected


def test_the_body_ends_at_the_first_closing_words_that_are_whole():
    # "PENJELASAN" without "ATAS" after it is not the Penjelasan; the one after is
    text = "Pasal 1\nPENJELASAN UMUM kata.\nPasal 2\nPENJELASAN\nATAS UNDANG-UNDANG"
    assert _body_end(text, 0) == text.index("PENJELASAN\nATAS")
    # the closing formula needs "memerintahkan"; an earlier end wins over a later one
    text = ("Agar setiap orang mengetahuinya saja. Pasal 2 Disahkan di Jakarta "
            "Agar setiap orang mengetahuinya, memerintahkan")
    assert _body_end(text, 0) == text.index("Disahkan")
    text = "Pasal 3 PASAL DEMI PASAL Ditetapkan di Jakarta"
    assert _body_end(text, 0) == text.index("PASAL DEMI")
    assert _body_end(text, text.index("PASAL DEMI") + 1) == text.index("Ditetapkan")


@pytest.mark.parametrize("text, expected", [
    ("iuran [belum terkonfirmasi: 0,24%] dibayar", "iuran 0,24% dibayar"),
    ("Pasal 5 [perlu verifikasi] ayat", f"Pasal 5 {UNVERIFIED} ayat"),
    ("[belum terkonfirmasi: a] dan [perlu verifikasi]", f"a dan {UNVERIFIED}"),
    ("tanpa tanda sama sekali", "tanpa tanda sama sekali"),
    ("[Lampiran] tetap", "[Lampiran] tetap"),          # a bracket that is no mark of ours
])
def test_rancangs_own_marks_are_read_back(text, expected):
    assert _unmark(text) == expected
