"""Pasal headings as a scan reads them: "Pasa19" (the "l" of "Pasal" read "1" and glued
to the number, or lost) may be Pasal 9 or Pasal 19; "Pasal 16", whose "l" stands, is
Pasal 16 and nothing else. Expected labels are written by hand from the headings."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from rancang.readers.normalise import normalise
from rancang.readers.parse import (_PASAL, _PASAL_ANY, _PASAL_OCR, _PASAL_SPLIT, _PASAL_TEXT,
                                   _ocr_pasal_num, _pasal_num, parse_text, read_text)

WORDS = ("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas duabelas "
         "tigabelas empatbelas limabelas enambelas tujuhbelas delapanbelas sembilanbelas "
         "duapuluh").split()


def _parse(numbers, headings=None):
    headings = headings or {}
    body = "\n".join(f"{headings.get(n, f'Pasal {n}')}\nIsi {WORDS[n - 1]}." for n in numbers)
    text = ("UNDANG-UNDANG NOMOR 1 TAHUN 2000 TENTANG UJI\n" + body +
            "\nAgar setiap orang mengetahuinya, memerintahkan pengundangan.")
    return [(n.label, n.text) for n in parse_text(text).walk() if n.kind == "pasal"]


def test_a_glued_heading_is_read_as_the_pasal_between_its_neighbours():
    pasal = _parse(range(1, 21), {19: "Pasa19"})
    assert pasal[17:] == [("Pasal 18", "Isi delapanbelas."), ("Pasal 19", "Isi sembilanbelas."),
                          ("Pasal 20", "Isi duapuluh.")]


def test_a_heading_with_its_l_is_never_read_as_another_number():
    # Pasal 6 to 15 are not in the copy: "Pasal 16" is not Pasal 6 (the "1" is a digit,
    # the "l" of "Pasal" stands before it), nor "Pasal 17" Pasal 7
    pasal = _parse([1, 2, 3, 4, 5, 16, 17])
    labels = [label for label, _ in pasal]
    assert "Pasal 6" not in labels and "Pasal 7" not in labels
    assert all(label == f"Pasal {n}" for n, label in zip(range(1, 6), labels))
    assert "Isi enambelas." in " ".join(text for _, text in pasal)     # nothing lost
    assert _parse(range(1, 16), {14: "Pasal l4"})[13] == ("Pasal 14", "Isi empatbelas.")


@pytest.mark.parametrize("after_pas, readings", [
    ("al 5", 5), ("il 5", 5), ("a1 5", 5), ("al l5", 15),   # "Pasal" and its OCR'd forms
    ("a19", (19, 9)),            # glued: the "l" lost (19), or read "1" (9)
    ("aI5", (15, 5)),
    ("al19", (119, 19)),         # the "l" stands and a "1" follows, or is glued to 19
])
def test_the_readings_of_what_follows_pas(after_pas, readings):
    assert _ocr_pasal_num(after_pas) == readings


# the OCR pattern leaves to _PASAL the places _PASAL reads; without that exclusion it
# finds them too (what the scan of every "Pasal 5" did twice, to be deduplicated)
_OCR_WHOLE = re.compile(r"Pas((?:a(?=[1lI]\d)|[ai][il1I]\s*)[1lI]?\d+)\b" + _PASAL_TEXT)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(list("Pasil1IO059 \n(A)x.") + ["Pasal ", "Pasa", "Pas"]),
                max_size=10).map("".join))
def test_the_ocr_pattern_finds_only_what_pasal_does_not(text):
    whole = {(m.start(), m.end()): m.group(1) for m in _OCR_WHOLE.finditer(text)}
    found = {(m.start(), m.end()): m.group(1) for m in _PASAL_OCR.finditer(text)}
    assert found.items() <= whole.items()
    for (start, end), after_pas in whole.items() - found.items():
        plain = _PASAL.match(text, start)           # read by _PASAL, the same number
        assert plain is not None and plain.end() == end
        assert _pasal_num(plain.group(1)) == _ocr_pasal_num(after_pas)


def test_a_plain_heading_is_not_an_ocr_reading_and_an_ocr_one_is():
    assert _PASAL_OCR.search("Pasal 5\nIsi.") is None
    assert _PASAL_OCR.search("Pasal l5\nIsi.").group(1) == "al l5"
    assert _PASAL_OCR.search("Pasa19 Isi").group(1) == "a19"


# _PASAL_ANY is _PASAL, _PASAL_SPLIT and _PASAL_OCR in one scan: what it finds is what
# the three find apart, each match with the group of its own pattern
_APART = ((_PASAL, 1), (_PASAL_SPLIT, 2), (_PASAL_OCR, 3))


def _apart(text, lo=0, hi=None):
    hi = len(text) if hi is None else hi
    return {(m.start(), m.end(), group, m.group(1))
            for pattern, group in _APART for m in pattern.finditer(text, lo, hi)}


def _together(text, lo=0, hi=None):
    hi = len(text) if hi is None else hi
    return {(m.start(), m.end(), m.lastindex, m.group(m.lastindex))
            for m in _PASAL_ANY.finditer(text, lo, hi)}


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(list("Pasil1IO059 \n(A)xXV.") +
                                ["Pasal ", "Pasa", "Pas", "Pasal 1 1", "Pasal 7A"]),
                max_size=10).map("".join), st.integers(0, 3), st.integers(0, 3))
def test_one_scan_finds_what_the_three_pasal_patterns_find(text, cut_lo, cut_hi):
    hi = max(len(text) - cut_hi, cut_lo)
    assert _together(text, cut_lo, hi) == _apart(text, cut_lo, hi)


def test_each_pattern_has_its_group_in_the_one_scan():
    assert _together("Pasal 5\nIsi") == {(0, 7, 1, "5")}
    assert _together("Pasal 1 10 Ketentuan") == {(0, 10, 2, "1 10")}
    assert _together("Pasa19 Isi") == {(0, 6, 3, "a19")}
    assert _together("dalam Pasal 5 ayat (1)") == set()       # a reference, not a heading


def test_one_scan_finds_what_the_three_find_in_every_corpus_text():
    texts = sorted((SHARED / "corpus").glob("*.md"))
    assert len(texts) >= 10
    for path in texts:
        text = normalise(read_text(path))
        assert _together(text) == _apart(text), path.name
