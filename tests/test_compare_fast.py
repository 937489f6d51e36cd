"""The short cuts of the faster comparison (issue 16) change no result: the closing
parts compared as written first, then word by word; groups paired by the Pasal they
hold when two groups carry one number."""
from rancang.compare.diff import compare
from rancang.readers.parse import parse_text

TEXT = """PERATURAN BUPATI CONTOH
NOMOR 1 TAHUN 2026
TENTANG UJI

BAB I
UMUM

Pasal 1
Peraturan ini mengatur uji.

BAB II
UMUM

Pasal 2
Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.

Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam Berita Daerah Kabupaten Contoh.

Ditetapkan di Curup

PENJELASAN
ATAS
PERATURAN BUPATI CONTOH
I. UMUM
Uji ini menguji penjelasan yang panjang.
II. PASAL DEMI PASAL
Pasal 1
Cukup jelas.
"""

NONE = {"inserted": 0, "deleted": 0, "modified": 0, "moved": 0, "renumbered": 0}


def _penjelasan(doc):
    return next(n for n in doc.walk() if n.kind == "penjelasan")


def test_a_penjelasan_broken_into_other_lines_is_no_change():
    old, new = parse_text(TEXT), parse_text(TEXT)
    node = _penjelasan(new)
    node.content = [node.display.replace("menguji penjelasan", "menguji\n  penjelasan\t")]
    assert node.display != _penjelasan(old).display
    assert compare(old, new).summary == NONE


def test_a_word_of_the_penjelasan_is_shown_squashed():
    old, new = parse_text(TEXT), parse_text(TEXT.replace("yang panjang", "yang  amat\npanjang"))
    (change,) = compare(old, new).changes
    assert change.op == "modified" and change.unit == "penjelasan"
    assert change.old_text == ("PENJELASAN ATAS PERATURAN BUPATI CONTOH I. UMUM Uji ini menguji "
                               "penjelasan yang panjang. II. PASAL DEMI PASAL Pasal 1 Cukup jelas.")
    assert change.new_text == ("PENJELASAN ATAS PERATURAN BUPATI CONTOH I. UMUM Uji ini menguji "
                               "penjelasan yang amat panjang. II. PASAL DEMI PASAL Pasal 1 Cukup "
                               "jelas.")
    assert [w for w in change.words if w[0] != "="] == [("+", "amat")]


def test_a_blank_penjelasan_is_not_compared():
    old, new = parse_text(TEXT), parse_text(TEXT)
    _penjelasan(new).content = [" \n\t "]
    assert compare(old, new).summary == NONE


def test_the_penutup_formula_alone_is_compared():
    edited = TEXT.replace("Ditetapkan di Curup", "Ditetapkan di Lebong")
    assert compare(parse_text(TEXT), parse_text(edited)).summary == NONE
    edited = TEXT.replace("Berita Daerah", "Lembaran Daerah")
    (change,) = compare(parse_text(TEXT), parse_text(edited)).changes
    assert change.unit == "penutup"
    assert [w for w in change.words if w[0] != "="] == [("-", "Berita"), ("+", "Lembaran")]


def test_two_bab_of_one_number_pair_by_their_pasal():
    twice = TEXT.replace("BAB II\n", "BAB I\n")
    old, new = parse_text(twice), parse_text(twice.replace("mulai berlaku", "berlaku"))
    (change,) = compare(old, new).changes
    assert (change.op, change.old, change.new) == ("modified", "Pasal 2", "Pasal 2")
    assert [w for w in change.words if w[0] != "="] == [("-", "mulai")]


RENUMBER = """PERATURAN BUPATI CONTOH
NOMOR 1 TAHUN 2026
TENTANG UJI

Pasal 1
Ketentuan sebagaimana dimaksud dalam Pasal 2 ayat (1) berlaku.

Pasal 2
(1) Isi ayat satu.
(2) Isi ayat dua sesuai Pasal 3.

Pasal 3
Isi Pasal tiga.
"""


def test_a_pasal_inserted_renumbers_the_rest_and_their_references():
    """References that only followed the renumbering are no change: one insertion and
    renumbered Pasal, nothing modified."""
    new = RENUMBER.replace("Pasal 3\nIsi Pasal tiga.", "Pasal 4\nIsi Pasal tiga.") \
        .replace("sesuai Pasal 3.", "sesuai Pasal 4.") \
        .replace("dalam Pasal 2 ayat (1)", "dalam Pasal 3 ayat (1)") \
        .replace("\nPasal 2\n", "\nPasal 2\nPasal sisipan yang baru.\n\nPasal 3\n")
    cmp = compare(parse_text(RENUMBER), parse_text(new))
    assert cmp.summary == {"inserted": 1, "deleted": 0, "modified": 0, "moved": 0,
                           "renumbered": 2}
    assert [(c.op, c.old, c.new) for c in cmp.changes] == [
        ("inserted", None, "Pasal 2"), ("renumbered", "Pasal 2", "Pasal 3"),
        ("renumbered", "Pasal 3", "Pasal 4")]
    assert cmp.renumbering["Pasal 2"] == "Pasal 3"
    assert cmp.renumbering["Pasal 2 ayat (1)"] == "Pasal 3 ayat (1)"


def test_the_units_in_document_order():
    from rancang.compare.diff import _preorder
    from rancang.model.tree import Node
    tree = Node("document", id="d", children=[
        Node("bab", id="b1", children=[Node("pasal", id="p1", children=[
            Node("ayat", id="a1"), Node("ayat", id="a2", children=[Node("rincian", id="r1")])]),
            Node("pasal", id="p2")]),
        Node("bab", id="b2")])
    assert [n.id for n in _preorder(tree)] == ["d", "b1", "p1", "a1", "a2", "r1", "p2", "b2"]
