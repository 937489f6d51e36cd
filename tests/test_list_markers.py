"""The list markers of a Pasal's text are found from the '.' or ')' that closes them (a
literal scan, issue 16), those at an item's place kept: the same markers, for every text,
as reading every marker with one pattern and keeping those at an item's place (the
reference below, as the parser did it before)."""
from hypothesis import given, settings, strategies as st

import re

from rancang.model.tree import Node
from rancang.readers.parse import _Markers, _rincian

# The parser before the scan: every marker of any style read with one pattern, and the
# place of an item checked for each (as the parser had them)
_MARKER = re.compile(r"(?<![\w.(])(?:([a-z]{1,2})|(\d{1,3}))([.)])\s")


def _item_position(text: str, start: int, after_stop: bool = False) -> bool:
    """A list item starts a line or follows ':' or ';' (and the conjunction after it);
    the numbered definitions of a Ketentuan Umum also follow a full stop."""
    before = text[max(0, start - 12):start].rstrip()
    if after_stop and before.endswith("."):
        return True
    return (not before or before.endswith(("\n", ":", ";")) or before.endswith(("; dan", "; atau",
            "; dan/atau", ";dan", ";atau")) or text[max(0, start - 1):start] == "\n")


def found(text: str) -> list[tuple]:
    """The markers the parser keeps for a text, in order."""
    return sorted(mark for marks, _ in _Markers(text).styles.values() for mark in marks)


def reference(text: str) -> list[tuple]:
    out = []
    colon = text.find(":")
    if colon < 0:
        return out
    for m in _MARKER.finditer(text, colon):
        if not _item_position(text, m.start(), True):
            continue
        if m.group(1) is not None:
            letters = m.group(1)
            value = ord(letters[0]) - 96 if len(letters) == 1 else \
                26 + ord(letters[1]) - 96 if letters[0] == letters[1] else None
            style = "a" + m.group(3)
        else:
            value, style = int(m.group(2)), "1" + m.group(3)
        if value is not None:
            out.append((m.start(), m.end(), style, value, m.group(0).strip(),
                        _item_position(text, m.start(), False)))
    return out


def markers(text: str) -> list[tuple]:
    return [(start, style, value, raw) for start, _, style, value, raw, _ in found(text)]


def test_a_list_after_a_colon_and_its_conjunction():
    text = "meliputi: a. satu; b. dua; dan c. tiga."
    assert markers(text) == [(10, "a.", 1, "a."), (19, "a.", 2, "b."), (31, "a.", 3, "c.")]


def test_markers_after_a_line_break_and_after_a_full_stop():
    text = "terdiri atas:\n1. Pusat.\n2. Daerah. 3. Desa."
    assert markers(text) == [(14, "1.", 1, "1."), (24, "1.", 2, "2."), (35, "1.", 3, "3.")]


def test_a_marker_inside_a_sentence_is_no_item():
    # "huruf a. " after a word, "2) " after a word: no item can start there
    text = "sebagai berikut: kata huruf a. lain dan angka 2) lagi"
    assert markers(text) == []


def test_nested_markers_right_after_one_another():
    text = "yaitu: a. 1) satu; 2) dua; b. tiga"
    assert markers(text) == [(7, "a.", 1, "a."), (10, "1)", 1, "1)"), (19, "1)", 2, "2)"),
                             (27, "a.", 2, "b.")]


def test_a_place_of_twelve_blanks_without_a_line_break():
    # "not before": twelve blanks of any kind before the marker make it an item's place
    for blanks in (" " * 12, "\u2003" * 12, "\t" * 6 + " " * 6):
        text = "meliputi: kata" + blanks + "a. satu"
        assert markers(text) == [(14 + 12, "a.", 1, "a.")], repr(blanks)


def test_the_found_markers_make_the_same_list():
    node = Node(kind="pasal", id="pasal-1", label="Pasal 1")
    _rincian(node, "Ruang lingkup meliputi:\na. pendaftaran;\nb. iuran; dan\nc. manfaat.")
    assert [c.label for c in node.children] == ["Pasal 1 huruf a", "Pasal 1 huruf b",
                                                "Pasal 1 huruf c"]
    assert [c.content for c in node.children] == [["pendaftaran;"], ["iuran; dan"],
                                                  ["manfaat."]]


PIECES = ["a.", "b.", "ab.", "bb.", "1.", "12.", "123.", "1234.", "a)", "1)", "z)", " ",
          "  ", "\n", ":", ";", ".", "dan", "atau", "dan/atau", "; dan", ";dan", "(", "(a",
          "x", "kata", ",", "\t", " " * 12, "\u2003", "\u00a0", "\u2028", "aa", "2", "9)"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
def test_the_scan_finds_what_reading_every_marker_finds(text):
    assert found(text) == reference(text)


def test_the_reference_letters_agree_with_the_parser_on_a_real_list():
    text = "meliputi: a. satu; aa. dua; ab. tiga"
    # 'ab' is no letter of a list (a, b, … z, aa, bb …): not a marker
    assert [f[3] for f in found(text)] == [1, 27]


def _items_of(text: str) -> list[str]:
    node = Node(kind="pasal", id="pasal-1", label="Pasal 1")
    _rincian(node, text)
    return [c.label for c in node.children]


def test_a_full_stop_starts_a_later_item_only():
    # after a full stop, "b." may follow "a." (an item closed with '.'), but a list of
    # letters does not start there
    assert _items_of("meliputi: a. satu. b. dua") == ["Pasal 1 huruf a", "Pasal 1 huruf b"]
    assert _items_of("meliputi: kata. a. satu; b. dua") == []
    # a numbered definition list may start after a full stop
    assert _items_of("Dalam Peraturan ini yang dimaksud dengan: kata. 1. Daerah adalah x. "
                     "2. Bupati adalah y.") == ["Pasal 1 angka 1", "Pasal 1 angka 2"]
