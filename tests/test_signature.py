"""A unit's signature as an alignment key (issue 16): masked only when compared, it is
equal, and hashed alike, exactly when the masked texts are equal."""
from hypothesis import given, settings
from hypothesis import strategies as st

from rancang.compare.units import Signature, mask


def test_mask_by_hand():
    assert mask("Pasal 5 ayat (2) huruf a angka 3") == "Pasal # ayat # huruf # angka #"
    assert mask("sebagaimana dimaksud dalam Pasal 12A") == "sebagaimana dimaksud dalam Pasal #"
    # one keyword's number swallowing the next keyword: as the four passes in turn do
    assert mask("ayat Pasal 5") == "ayat #l #"


def test_renumbered_references_are_one_signature():
    a = Signature("pa:Ketentuan Pasal 5 ayat (2) berlaku.\nay:sesuai Pasal 7.")
    b = Signature("pa:Ketentuan Pasal 6 ayat (3) berlaku.\nay:sesuai Pasal 8.")
    assert a == b and hash(a) == hash(b)
    assert {a: 1}[b] == 1


def test_other_words_are_another_signature():
    a = Signature("pa:Ketentuan Pasal 5 berlaku.")
    assert a != Signature("pa:Ketentuan Pasal 5 tidak berlaku.")
    assert a != Signature("pa:Ketentuan Pasal 5 berlaku")
    assert a != Signature("pa:Ketentuan Pasal 5 berlaku.\nay:baru")
    assert a != "pa:Ketentuan Pasal # berlaku."      # a key of the alignment, not a text
    assert a.masked == "pa:Ketentuan Pasal # berlaku."


_TEXT = st.lists(st.sampled_from(["Pasal", "ayat", "huruf", "angka", " ", " ", "\n", "(",
                                  ")", "1", "12", "a", "b", "5A", "Pasal 3", "ayat (2)",
                                  "kata", ".", ";"]), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TEXT, _TEXT)
def test_equal_and_hashed_as_the_masked_texts(x, y):
    a, b = Signature(x), Signature(y)
    assert (a == b) == (mask(x) == mask(y))
    if mask(x) == mask(y):
        assert hash(a) == hash(b)
    assert a.masked == mask(x)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_a_renumbering_in_turn(x):
    """The same text with other numbers: one signature where only references' numbers
    changed, another where a number outside a reference did."""
    y = x.translate(str.maketrans("125ab", "736cd"))
    a, b = Signature(x), Signature(y)
    assert (a == b) == (mask(x) == mask(y))
    if a == b:
        assert hash(a) == hash(b)


def test_the_hash_reads_the_text_before_the_first_reference_word():
    # a reference's number past the first 200 characters, and one straddling them
    pad = "pa:" + "kata " * 40
    for at in (pad[:150], pad[:190], pad[:194], pad[:196], pad[:199], pad[:201], pad):
        a, b = Signature(at + "Pasal 5 ayat (2) berlaku."), Signature(at + "Pasal 17 ayat (3) berlaku.")
        assert a == b and hash(a) == hash(b), len(at)
    # words before the first reference word, or another number of units: another hash
    a = Signature("pa:berlaku Pasal 5")
    assert hash(a) != hash(Signature("pa:tidak berlaku Pasal 5"))
    assert hash(a) != hash(Signature("pa:berlaku Pasal 5\nay:baru"))


@settings(max_examples=600, deadline=None)
@given(st.integers(185, 210), _TEXT, _TEXT)
def test_equal_and_hashed_as_the_masked_texts_past_the_head(n, x, y):
    head = ("k " * 120)[:n]
    a, b = Signature(head + x), Signature(head + y)
    assert (a == b) == (mask(head + x) == mask(head + y))
    if a == b:
        assert hash(a) == hash(b)
