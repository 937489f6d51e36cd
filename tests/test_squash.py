"""squash's fast path (issue 16) gives exactly the words of `" ".join(text.split())`:
expected values written by hand for the whitespace Python splits on and the characters
it does not, and property tests against the general way."""
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rancang.model.punctuation import (_ASCII_SPACES, _SPACES, _TAIL, _TAIL_CHARS, list_conj,
                                       split_end, squash, squash_tail)
from rancang.model.tree import Node


@pytest.mark.parametrize("text, words", [
    ("", ""),
    (" ", ""),
    ("\n\n", ""),
    ("Pasal 5", "Pasal 5"),
    ("  Pasal   5  ", "Pasal 5"),
    ("\nPasal 5\n", "Pasal 5"),
    ("Pasal\n5", "Pasal 5"),
    ("Pasal \n \n 5", "Pasal 5"),
    ("a" + " " * 40 + "b", "a b"),                 # a run longer than the fast path folds
    ("a\tb", "a b"),
    ("a \t b", "a b"),
    ("a\u00a0b", "a b"),                            # no-break space: Python splits on it
    ("a\u2003b", "a b"),                            # em space
    ("a\x85b", "a b"),                              # NEXT LINE
    ("a\u2028b", "a b"),                            # LINE SEPARATOR
    ("a\r\nb", "a b"),
    ("a\x0b\x0cb", "a b"),
    ("a\u3000b", "a b"),                            # ideographic space
    ("a\u200bb", "a\u200bb"),                       # zero width space: not whitespace
    ("a \u200b b", "a \u200b b"),
    ("a\u00adb", "a\u00adb"),                       # soft hyphen: a letter of the word
    ("  a\u00a0\n b\t", "a b"),
    ("ayat (1) huruf a;\n  dan", "ayat (1) huruf a; dan"),
])
def test_squash_by_hand(text, words):
    assert squash(text) == words
    # the same inside a text long enough for the fast path (squash's _SHORT)
    pad = "kata " * 60
    assert squash(pad + text + " " + pad) == " ".join(["kata"] * 60 + [words] * bool(words)
                                                     + ["kata"] * 60)
    assert squash(text + " " + pad + text) == " ".join([words] * bool(words) + ["kata"] * 60
                                                      + [words] * bool(words))


def test_ascii_whitespace_is_known():
    """The ASCII characters str.split splits on, by the Python documentation: space,
    \t \n \v \f \r and the four information separators \x1c-\x1f."""
    assert [c for c in map(chr, range(128)) if c.isspace()] == \
        ["\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", " "]


def test_the_whitespace_constants_are_python_s():
    """squash and split_end name the whitespace characters: the ones Python splits on
    and re's \\s matches, for this Python's Unicode tables."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert sorted(_SPACES) == [c for c in every if c.isspace()]
    assert re.findall(r"\s", every) == [c for c in every if c.isspace()]
    assert _ASCII_SPACES == "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
    assert set(_TAIL_CHARS) == set(";.:,dan/atau" + _SPACES)


def test_every_whitespace_character_but_space_is_unprintable():
    """The fast path's premise, for this Python's Unicode tables: a text whose only
    whitespace is ' ' is printable exactly when it holds no other whitespace."""
    odd = [hex(c) for c in range(sys.maxunicode + 1)
           if chr(c).isspace() and c != 0x20 and chr(c).isprintable()]
    assert odd == []


def _pieces(*pieces: str, size: int):
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


_TEXT = _pieces("a", "b", "é", ";", ".", " ", " ", " ", "\n", "\t", "\u00a0", "\u2003",
                "\u200b", "\x85", "\r", "dan", "  ", "     ", "\u3000", size=60)


_ASCII = _pieces("a", "b", ";", ".", " ", " ", " ", "\n", "\n\n", "\t", "\x0b", "\x0c", "\r",
                 "\x1c", "\x1d", "\x1e", "\x1f", "\x00", "dan", "  ", "      ", size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, _ASCII), st.sampled_from(["", "kata " * 50, "\n" * 250]))
def test_squash_is_the_general_way(text, pad):
    for whole in (text, pad + text, text + pad, pad + text + pad):
        assert squash(whole) == " ".join(whole.split())


@settings(max_examples=400, deadline=None)
@given(_pieces("x", "; dan", ";", ".", " ", "\n", "  ", "\t", "atau", ",", "panjangsekali",
               size=80),
       st.integers(min_value=0, max_value=50))
def test_squash_tail_is_the_end_of_squash(text, size):
    assert squash_tail(text, size) == (squash(text)[-size:] if size else "")


@pytest.mark.parametrize("text, size, tail", [
    ("x" * 100 + " y", 3, "x y"),
    ("x" * 100 + " y", 1, "y"),
    ("a b c", 10, "a b c"),
    ("word " * 30 + "\n\n  akhir;   dan  ", 8, "hir; dan"),
    # the first cut from the end (256 characters) falls inside the long run of spaces,
    # the 120 characters wanted reach back into 'kata': 116 + ' ;' + 'a '
    ("kata" + " " * 200 + "sangatpanjangsekalikatanyaini" * 4 + " ;", 120,
     "a " + "sangatpanjangsekalikatanyaini" * 4 + " ;"),
    ("", 5, ""),
    # the first piece cut (22 characters) squashes to 'ab', one short of the 3 wanted
    ("xyz" + " " * 20 + "ab", 3, " ab"),
])
def test_squash_tail_by_hand(text, size, tail):
    assert squash_tail(text, size) == tail


def test_list_conj_reads_the_end_of_a_long_item():
    """The conjunction stands after the second-to-last item, however long that item is
    and however its end is spaced."""
    owner = Node("pasal", content=["Ruang lingkup:"])
    owner.children = [Node("rincian", content=["kata " * 5000 + "pertama;\n   dan/atau  "]),
                      Node("rincian", content=["kedua."])]
    assert list_conj(owner) == "dan/atau"
    assert split_end(squash(owner.children[0].display))[1] == "; dan/atau"


def _split_end_before(text: str) -> tuple[str, str]:
    """split_end as it was: _TAIL searched from each place of the last 40 characters."""
    m = _TAIL.search(text[-40:])
    if not m:
        return text, ""
    core = text[:len(text) - len(m.group(0))].rstrip()
    parts = re.findall(r"[;.:,]|dan/atau|dan|atau", m.group(0))
    return core, "".join(p if p in ";.:," else " " + p for p in parts)


@pytest.mark.parametrize("text, core, mark", [
    ("Pasal 5 berlaku.", "Pasal 5 berlaku", "."),
    ("pertama; dan", "pertama", "; dan"),
    ("pertama;dan", "pertama", "; dan"),
    ("pertama ; dan/atau ", "pertama", "; dan/atau"),
    ("pertama;\u00a0atau\n", "pertama", "; atau"),
    ("Sudan", "Sudan", ""),                 # 'dan' is a conjunction after ';' only
    ("Sudan.", "Sudan", "."),
    ("bahwa: ", "bahwa", ":"),
    ("a, b;.", "a, b", ";."),
    ("tanpa tanda", "tanpa tanda", ""),
    ("", "", ""),
    ("; dan", "", "; dan"),
    ("kawasan;", "kawasan", ";"),         # one mark after a word: the mark alone
    ("Pasal 5 ayat (2),", "Pasal 5 ayat (2)", ","),
    ("x.", "x", "."),
    (".", "", "."),
    ("x ;", "x", ";"),
    ("badan;", "badan", ";"),             # 'dan' ending a word, without ';' before it
    ("x; dan;", "x", "; dan;"),           # a conjunction before the last mark: all of it
    ("x;atau.", "x", "; atau."),
    ("x; dan/atau:", "x", "; dan/atau:"),
    ("x" * 50 + " ;" + " " * 39, "x" * 50, ";"),   # the ';' 40th from the end
    ("x" * 50 + " ;" + " " * 40, "x" * 50 + " ;" + " " * 40, ""),   # 41st: not read
])
def test_split_end_by_hand(text, core, mark):
    assert split_end(text) == (core, mark)


@settings(max_examples=500, deadline=None)
@given(_pieces("x", "Sudan", "dan", "atau", "dan/atau", "/", ";", ".", ":", ",", " ", "\n",
               "\t", "\u00a0", "\u2003", "tu", "n", size=30))
def test_split_end_is_the_search_from_every_place(text):
    assert split_end(text) == _split_end_before(text)
