"""Reading an existing regulation into the document tree the generator builds.

Input: DOCX and ODT (through pandoc, which also resolves Word's automatic list
numbering), Markdown or plain text, or a regency YAML file (built with its clause
library). Real-world text is noisy — several units on one line, page furniture such as
"SALINAN" mid-text, OCR slips — so units are found by their markers *and* by their
sequence: the Pasal of a regulation are numbered 1, 2, 3 … without a gap, which tells a
heading "Pasal 18" from the "Pasal 18" of another law quoted inside an amendment. The
text is first made what the parser reads (readers/normalise.py).
"""
from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass
from pathlib import Path

from rancang.errors import RancangError
from rancang.i18n import _
from rancang.readers.containers import package_problem, pandoc_text
from rancang.readers.normalise import UNVERIFIED, Versions, agreeing, normalise
from rancang.model import bahasa
from rancang.model.punctuation import squash
from rancang.model.tree import Document, Node, Placeholder
from rancang.sources.workspace import display_path

MAX_TEXT_BYTES = 20 * 1024 * 1024

_ROMAN = {v: k for k, v in ((n, bahasa.roman(n)) for n in range(1, 200))}
_ORDINAL_WORDS = {n: bahasa.ordinal(n) for n in range(1, 60)}
_ORDINAL = {word.lower(): n for n, word in _ORDINAL_WORDS.items()}
_ORDINAL["pertama"] = 1          # "Bagian Pertama": older and copied texts
_OCR_ONE = {"l": "1", "I": "1", "i": "1", "O": "0", "o": "0"}

@dataclass
class _Mark:
    kind: str
    num: int
    start: int          # where the marker starts
    end: int            # where its text begins
    raw: str
    heading: str | None = None
    suffix: str = ""    # the letter of a unit an amendment inserted: Pasal 7A, BAB IXA


def _chain(cands: list[_Mark], max_gap: int = 12) -> list[_Mark]:
    """The units a regulation numbers 1, 2, 3 …: the best chain of candidates in text
    order whose numbers rise by one — by up to `max_gap` where an OCR'd copy lost a
    heading, at a cost, so a gap-free chain wins. Between equal chains the later
    candidate wins: a quoted 'Pasal 18' inside Pasal 17 of an amending law gives way to
    the real Pasal 18 that follows it. Two readings of one OCR'd marker ("Pasa19": 9 or
    19) are two candidates at the same place; the chain takes the one in sequence."""
    best: dict[int, tuple[float, int, int]] = {}   # number -> (score, candidate, its end)
    get = best.get
    prev: list[int | None] = []
    costs = [(gap, 0.6 * (gap - 1)) for gap in range(1, max_gap + 1)]
    nothing = float("-inf")
    for i, c in enumerate(cands):
        num, start = c.num, c.start
        # the best way to reach this candidate: from nothing (a chain may start late, at a
        # cost) or from a candidate numbered up to max_gap less that ends before it; the
        # first best option wins a tie, in this order
        top, back = (1.0 - 0.6 * (num - 1), None) if num <= max_gap else (nothing, None)
        for gap, cost in costs:
            got = get(num - gap)
            if got is not None and got[2] <= start:
                score = got[0] + 1.0 - cost
                if score > top:
                    top, back = score, got[1]
        prev.append(back)
        if top != nothing:
            was = get(num)
            if was is None or top >= was[0]:
                best[num] = (top, i, c.end)
    if not best:
        return []
    end = max(best.values(), key=lambda v: (v[0], cands[v[1]].num))[1]
    chain = []
    i: int | None = end
    while i is not None:
        chain.append(cands[i])
        i = prev[i]
    return list(reversed(chain))


_QUOTE_INTRO = re.compile(r"(?:berikut|berbunyi)\s*:?\s*$")


def _heading_position(text: str, start: int, after_paren: bool = False) -> bool:
    """A heading starts a line, follows a sentence end, or follows the capitalised words
    of a heading before it on the same line; never a lower-case word or a comma."""
    before = text[max(0, start - 40):start].rstrip(" ")
    if not before or before.endswith(("\n", ".", ";", ":")):
        return not _QUOTE_INTRO.search(before)
    if after_paren and before.endswith(")"):
        return True           # OCR debris before a BAB heading: "(1) BAB VII"
    words = before.rsplit(None, 1)          # [] where before is all white space
    word = words[-1] if words else ""
    return bool(word) and word[0].isupper() and word not in ("Ketentuan", "Penjelasan")


def _find(pattern: re.Pattern | tuple[re.Pattern, ...], text: str, kind: str, to_int,
          lo: int, hi: int, after_paren: bool = False,
          seen: dict[int, bool] | None = None, made: set | None = None) -> list[_Mark]:
    """The candidates of a marker, their numbers read by `to_int` from the first group
    (or by to_int[g] from the group g that matched); `seen` keeps whether a place is a
    heading's for the other patterns of the same marker, `made` the candidates they
    made: one found again is left out (the chain would take either, to the same
    effect)."""
    out = []
    found = pattern.finditer(text, lo, hi) if isinstance(pattern, re.Pattern) else \
        _in_order(pattern, text, lo, hi)
    for m in found:
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "/-"):
            continue
        if seen is None:
            ok = _heading_position(text, start, after_paren)
        else:
            ok = seen.get(start)
            if ok is None:
                ok = seen[start] = _heading_position(text, start, after_paren)
        if not ok:
            continue
        if type(to_int) is dict:        # a reading for each group (_PASAL_ANY)
            group = m.lastindex
            value, suffix = to_int[group](m.group(group)), ""
        else:
            value = to_int(m.group(1))
            suffix = m.group(2) if m.re.groups > 1 else ""      # Pasal 7A, BAB IXA
        if value is None:
            continue
        end, raw = m.end(), m.group(0).strip()
        # an OCR'd marker may have two readings ("Pasa19": 9 or 19)
        for reading in (value,) if isinstance(value, int) else value:
            if made is not None:
                key = (start, reading, end, raw, suffix)
                if key in made:
                    continue
                made.add(key)
            out.append(_Mark(kind, reading, start, end, raw, suffix=suffix))
    return out


def _in_order(patterns, text: str, lo: int, hi: int | None = None):
    """The matches of patterns that never overlap one another, in text order."""
    lists = [got for got in (list(p.finditer(text, lo, len(text) if hi is None else hi))
                             for p in patterns) if got]
    return lists[0] if len(lists) == 1 else heapq.merge(*lists, key=lambda m: m.start())


def _pasal_num(s: str):
    if s.isdigit():
        return int(s)
    digits = "".join(_OCR_ONE.get(ch, ch) for ch in s)
    return int(digits) if digits.isdigit() else None


def _ocr_pasal_num(s: str):
    """What follows "Pas" in an OCR'd heading: "al 5", "il 5", "a1 5" (5); glued, "a19",
    the "1" may be the OCR'd "l" of "Pasal" (Pasal 9) or a digit (19, the "l" lost);
    "al19" 19 or 119."""
    if s[0] == "a" and s[1] in "1lI" and s[2:3].isdigit():
        value = _pasal_num(s[1:])
        return None if value is None else (value, int(s[2:]))
    return _pasal_num(s[2:].lstrip())


def _split_pasal_num(s: str) -> int:
    return int(s.replace(" ", ""))


# A heading may follow a sentence end, a line break, or the capitalised heading of a BAB
# or Bagian on the same line ("BAB I KETENTUAN UMUM Pasal 1 Dalam ..."); never a
# lower-case word ("dalam Pasal 5"), and its text starts with a capital or "(1)" — which
# OCR may read "(l)", "(f)" or "(U". Patterns start with a literal: fast to scan.
_PASAL_TEXT = r"(?=\s*(?:\(\w\)?|\n|[A-Z]|$))"
_PASAL = re.compile(r"Pasal\s+(\d+[OolI]*)\b" + _PASAL_TEXT)
# An OCR'd "Pasal": its group is what follows "Pas", read by _ocr_pasal_num; "Pasa19",
# the "l" of "Pasal" read "1" and glued to the number or lost, is tried first. Where
# _PASAL matches it would read the same (or nothing): those places are left to _PASAL.
_PASAL_OCR = re.compile(r"Pas(?!al\s+\d+[OolI]*\b" + _PASAL_TEXT + r")"
                        r"((?:a(?=[1lI]\d)|[ai][il1I]\s*)[1lI]?\d+)\b" + _PASAL_TEXT)
_PASAL_LOWER = re.compile(r"pasal\s+([1lI]?\d+)\b" + _PASAL_TEXT)
# "Pasal 1 10", "Pasal 1 1 1": an OCR'd 110, 111
_PASAL_SPLIT = re.compile(r"Pasal\s+(\d{1,2}(?: \d{1,2}){1,2})\b(?=\s*[A-Z(])")
_PASAL_ROMAN = re.compile(r"Pasal\s+([IVX]+)(?=\s*(?:\n|[A-Z0-9(]|$))")
_BAB = re.compile(r"BAB\s*([IVXLC]+)\b(?=\s*[A-Z\n])")
# Units an amendment inserted keep the number before them and a letter (L-II 234-235):
# "Pasal 7A", "BAB IXA", "(1a)"; they stand between that unit and the next.
_PASAL_SUFFIX = re.compile(r"Pasal\s+(\d+)([A-Z])\b" + _PASAL_TEXT)
# _PASAL, _PASAL_SPLIT and _PASAL_OCR in one scan (a scan of a long text costs about
# what reading it does): no two of them match at the same place, nor one inside
# another's match, so the alternation finds each one's matches; its groups, 1 arabic,
# 2 split and 3 OCR'd, are each pattern's own. (_PASAL_SUFFIX and _PASAL_ROMAN stay
# apart: "Pasal 5I" is Pasal 51 to _PASAL and Pasal 5I to _PASAL_SUFFIX, "Pasal I0"
# Pasal I to _PASAL_ROMAN and Pasal 10 to _PASAL_OCR.)
_PASAL_ANY = re.compile(
    r"Pas(?:al\s+(?:(\d+[OolI]*)\b" + _PASAL_TEXT +
    r"|(\d{1,2}(?: \d{1,2}){1,2})\b(?=\s*[A-Z(]))"
    r"|((?:a(?=[1lI]\d)|[ai][il1I]\s*)[1lI]?\d+)\b" + _PASAL_TEXT + r")")
_PASAL_ANY_READ = {1: _pasal_num, 2: _split_pasal_num, 3: _ocr_pasal_num}
_BAB_SUFFIX = re.compile(r"BAB\s*([IVXLC]+?)([A-H])\b(?=\s*[A-Z\n])")
_AYAT_SUFFIX = re.compile(r"\((\d{1,2})([a-z])\) ")


def _lettered_between(chain: list[_Mark], found: list[_Mark], hi: int) -> list[_Mark]:
    """`chain` with each unit followed by the lettered ones carrying its number that
    stand before the next unit, A (a), B (b) … in order."""
    if not found:
        return chain
    out = []
    for i, unit in enumerate(chain):
        out.append(unit)
        stop = chain[i + 1].start if i + 1 < len(chain) else hi
        want = 1
        for f in found:
            if f.num == unit.num and unit.end <= f.start < stop and \
                    bahasa.huruf_number(f.suffix) == want:
                out.append(f)
                want += 1
    return out

_BAGIAN = re.compile(r"Bag[a-z]{1,3}n\s+(Pertama|Ke[a-z]+(?:\s+(?:Belas|Puluh(?:\s+[A-Z][a-z]+)?))?)\b")
_PARAGRAF = re.compile(r"Paragraf\s+(\d+)\b")


_MARKER_PATTERNS = (_PASAL_ROMAN, _PASAL, _PASAL_OCR, _PASAL_LOWER, _PASAL_SPLIT, _BAB, _BAGIAN,
                    _PARAGRAF, _PASAL_SUFFIX, _BAB_SUFFIX)


def _heading_after(text: str, start: int, stop: int, upper: bool) -> tuple[str, int]:
    """The heading that follows a BAB, Bagian or Paragraf marker: capitals after a BAB,
    a short title-case phrase otherwise; it ends where the next unit begins."""
    chunk = text[start:stop]
    if upper:
        # the words without a lower-case letter: "KETENTUAN UMUM", OCR'd "PENGA\TIASAN"
        m = re.match(r"\s*((?:[^\sa-z]+\s+)*[^\sa-z]+)(?=\s|$)", chunk)
    else:
        m = re.match(r"\s*(.+?)\s*(?=\n|$)", chunk)
    if not m:
        return "", start
    return m.group(1).strip(), start + m.end()


_MARGIN = 200                   # characters around an edit whose candidates are found again
# a run of spaces or of letters and digits a pattern could read through to the edit
_LONG_RUN = re.compile(r"\s{50}|\S{80}")
_SPACE_RUN = re.compile(r"\s{50}")


def _unmoved(memo: "_Memo | None", text: str, lo: int, hi: int):
    """Whether the candidates of the markers parse_pair's first text had are the second
    one's too: (shift, first place that shifts, the texts' common start and where their
    common end begins in the first); None to find them again. They are the same when no candidate starts near the
    edit in either text: the patterns and the checks of _find read at most ~90 characters
    around a candidate (without a long run of spaces or of other characters, which sends
    them back). Their chains are the same: the places the edit shifts keep their order."""
    if memo is None or memo.marks is None:
        return None
    old, old_lo, old_hi = memo.marks
    start, end = memo.agreeing(old, text)
    shift = len(text) - len(old)
    w_lo, w_old, w_new = start - _MARGIN, len(old) - end + _MARGIN, len(text) - end + _MARGIN

    def same(a: int, b: int) -> bool:      # lo and hi stand where the texts agree
        return (a == b and a < w_lo - _MARGIN) or (a + shift == b and a >= w_old + _MARGIN)
    if not (same(old_lo, lo) or (old_lo == lo == 0)) or not same(old_hi, hi):
        return None
    if w_lo < 0:
        return None
    for a, top in ((old, w_old), (text, w_new)):
        if _LONG_RUN.search(a, max(w_lo - _MARGIN, 0), top + _MARGIN):
            return None
        for pattern in _MARKER_PATTERNS:
            # a marker that starts before `top` ends within 2 margins of it (no long run
            # there): the search need not read on to the end of the text
            m = pattern.search(a, w_lo, top + 2 * _MARGIN)
            if m is not None and m.start() < top:
                return None
    return shift, w_old, start, len(old) - end


def _body_markers(text: str, lo: int, hi: int,
                  memo: "_Memo | None" = None) -> tuple[list[_Mark], bool]:
    reuse = _unmoved(memo, text, lo, hi)
    if reuse is not None:           # memo.picked is the last text's units
        return _shifted_marks(memo, text, lo, hi, reuse)

    def find(pattern, kind, to_int, after_paren=False, seen=None, made=None) -> list[_Mark]:
        return _find(pattern, text, kind, to_int, lo, hi, after_paren, seen, made)

    chain = _chain

    def with_suffixes(units: list[_Mark], pattern, kind, to_int, after_paren=False):
        """The chain with the lettered units (Pasal 7A, BAB IXA) after the unit whose
        number they carry."""
        if not units:
            return units
        return _lettered_between(units, find(pattern, kind, to_int, after_paren), hi)

    seen: dict[int, bool] = {}
    roman = chain(find(_PASAL_ROMAN, "pasal", _ROMAN.get, seen=seen))
    made: set = set()
    arabic = find(_PASAL_ANY, "pasal", _PASAL_ANY_READ, seen=seen, made=made) + \
        find(_PASAL_LOWER, "pasal", _pasal_num, seen=seen, made=made)
    arabic.sort(key=lambda m: (m.start, m.num))
    amendment = len(roman) >= 2 or bool(roman and not arabic)
    pasal = roman if amendment else with_suffixes(chain(arabic), _PASAL_SUFFIX, "pasal",
                                                  _pasal_num)
    babs = with_suffixes(chain(find(_BAB, "bab", _ROMAN.get, after_paren=True)),
                         _BAB_SUFFIX, "bab", _ROMAN.get, after_paren=True)
    marks = babs + pasal
    if not amendment:
        # Bagian and Paragraf restart in each BAB / Bagian: accept them in sequence.
        edges = sorted([m.start for m in babs] + [hi])
        for kind, pattern, to_int in (("bagian", _BAGIAN, lambda s: _ORDINAL.get(s.lower())),
                                      ("paragraf", _PARAGRAF, int)):
            expected, region = 1, None
            for m in find(pattern, kind, to_int):
                r = next(i for i, e in enumerate(edges) if m.start < e)
                if kind == "paragraf":
                    parents = [b for b in marks if b.kind == "bagian" and b.start < m.start]
                    r = (r, parents[-1].start if parents else None)
                if r != region:
                    region, expected = r, 1
                if m.num == expected:
                    marks.append(m)
                    expected += 1
    marks.sort(key=lambda m: m.start)
    # headings of the groups
    ends: dict[int, int] = {}
    for i, m in enumerate(marks):
        if m.kind in ("bab", "bagian", "paragraf"):
            stop = marks[i + 1].start if i + 1 < len(marks) else hi
            ends[id(m)] = m.end
            m.heading, m.end = _heading_after(text, m.end, stop, upper=m.kind == "bab")
            # a heading the copy lost is a blank to fill, as the rebuilt text shows it
            m.heading = m.heading or LOST
    if memo is not None:
        memo.marks = (text, lo, hi)
        # the units picked, each group's heading and where its text begins (the loop of
        # parse_text changes them on the marks), and where a group's marker ends
        memo.picked = ([(m.kind, m.num, m.start, m.end, m.raw, m.heading, m.suffix,
                         ends.get(id(m), m.end)) for m in marks], amendment)
    return marks, amendment


def _shifted_marks(memo: "_Memo", text: str, lo: int, hi: int,
                   reuse) -> tuple[list[_Mark], bool]:
    """_body_markers of a text whose candidates are those of the last one (_unmoved): the
    same units, shifted past the edit; a group's heading read again unless the text it is
    read from (its marker's end to the next unit) lies in the part both texts share."""
    shift, moved, same_start, same_end = reuse
    picked, amendment = memo.picked
    old_hi = memo.marks[2]
    marks, ends = [], []
    for i, (k, n, a, b, r, h, x, c) in enumerate(picked):
        d = shift if a >= moved else 0
        m = _Mark(k, n, a + d, b + d, r, h, x)
        if k in ("bab", "bagian", "paragraf"):
            last = i + 1 == len(picked)
            stop = old_hi if last else picked[i + 1][2]
            if not ((stop <= same_start and not d) or (c >= same_end and d)):
                new_stop = hi if last else stop + (shift if stop >= moved else 0)
                m.heading, m.end = _heading_after(text, c + d, new_stop, upper=k == "bab")
                m.heading = m.heading or LOST
        marks.append(m)
        ends.append(c + d)
    memo.marks = (text, lo, hi)
    memo.picked = ([(m.kind, m.num, m.start, m.end, m.raw, m.heading, m.suffix, c)
                    for m, c in zip(marks, ends)], amendment)
    return marks, amendment


# --- lists ----------------------------------------------------------------------------
# The four markers of a tabulation (L-II 87 g): "a.", "1.", "a)", "1)", each with the
# rincian level at which the drafting rules put it and the word that cites it. A real
# text may nest them in another order ("1)" right under "a.", "a." under a numbered
# definition): each list keeps the marker it is written with.
LIST_STYLES = {"a.": 1, "1.": 2, "a)": 3, "1)": 4}
# The same markers found from the '.' or ')' that closes them (each pattern a literal to
# scan for, skipped to in C; a character class first would be read at every character):
# the letters or digits before it, and no word character, '.' or '(' before those.
def _closed_by(close: str) -> re.Pattern:
    runs = ("[a-z]", "[a-z]{2}", r"\d", r"\d{2}", r"\d{3}")
    return re.compile(close + r"(?=\s)(?:" + "|".join(
        rf"(?<=({run}){close})(?<![\w.(]{run}{close})" for run in runs) + ")")


_CLOSED_BY = (_closed_by(r"\."), _closed_by(r"\)"))
# the number of each list letter (bahasa.huruf_number of one or two letters a-z), looked up
_LETTER_NUMBER = {letters: bahasa.huruf_number(letters)
                  for letters in [chr(c) for c in range(97, 123)] +
                  [chr(a) + chr(b) for a in range(97, 123) for b in range(97, 123)]}
# what the text before an item ends with; or a full stop, for some items
_ITEM_AFTER = (":", ";", "; dan", "; atau", "; dan/atau", ";dan", ";atau")
_CONJ_END = re.compile(r";\s*(dan/atau|dan|atau)$")


class _Markers:
    """The list markers of one text, in order: each nested list looks up its own among
    them instead of scanning its part of the text again."""

    def __init__(self, text: str):
        self.text = text
        # each style's markers apart, for split: (markers, their starts)
        self.styles: dict[str, tuple[list, list[int]]] = {}
        colon = text.find(":")          # a tabulation follows a ':'
        if colon >= 0:
            self._scan(text, colon)

    def _scan(self, text: str, colon: int) -> None:
        """The markers after the first ':' that stand where an item can start: at the
        start of a line, after ':' or ';' (and the conjunction after it) or a full stop,
        within 12 characters: only those can be an item's (split). Each keeps whether its
        place is an item's without the full stop (where only a later item, or a "1.",
        may start)."""
        styles = self.styles
        # each scan's markers are of its own styles ("a." and "1.", or "a)" and "1)"), in
        # text order: the styles' lists need no merge of the two
        for closed_by in _CLOSED_BY:
            for m in closed_by.finditer(text, colon):
                group = m.lastindex
                start = m.start(group)
                # an item's place without a full stop (after one, only some items start)
                if text[start - 1] == "\n":
                    strict = True
                else:
                    before = text[max(0, start - 12):start].rstrip()
                    strict = not before or before.endswith(_ITEM_AFTER)
                    if not strict and not before.endswith("."):
                        continue
                at = m.start()          # the '.' or ')'
                if group <= 2:
                    value, style = _LETTER_NUMBER[m.group(group)], "a" + text[at]
                else:
                    value, style = int(m.group(group)), "1" + text[at]
                if value is not None:
                    same = styles.get(style)
                    if same is None:
                        same = styles[style] = ([], [])
                    same[0].append((start, at + 2, style, value, text[start:at + 1], strict))
                    same[1].append(start)

    def split(self, lo: int, hi: int, used: tuple[str, ...]):
        """The tabulation that follows a ':' in text[lo:hi]: (items as (marker, start of
        its text, end), style, where its first marker starts — hi without one), the list
        that starts first being the outer one ("1. … adalah: a. …; b. …"); items numbered
        without a gap."""
        text = self.text
        colon = text.find(":", lo, hi)
        if colon < 0 or len(used) >= 4:
            return [], None, hi
        found = []
        for style in LIST_STYLES:
            if style in used or style not in self.styles:
                continue
            entries, starts = self.styles[style]
            first = bisect.bisect_left(starts, colon)
            items, want = [], 1
            for start, end, _, value, raw, strict in entries[first:bisect.bisect_left(starts, hi, first)]:
                # a later item may follow a full stop that closed the one before it
                if value == want and (strict or style == "1." or want > 1):
                    items.append((start, end, raw))
                    want += 1
            if len(items) >= 2 or (items and style == "1."):
                found.append((items[0][0], style, items))
        if not found:
            return [], None, hi
        first, style, items = min(found)
        out = [(raw, end, items[i + 1][0] if i + 1 < len(items) else hi)
               for i, (start, end, raw) in enumerate(items)]
        return out, style, first


def _rincian(parent: Node, text: str, used: tuple[str, ...] = (),
             markers: _Markers | None = None, lo: int = 0, hi: int | None = None) -> None:
    markers = markers or _Markers(text)
    text = markers.text
    hi = len(text) if hi is None else hi
    items, style, lead_end = markers.split(lo, hi, used)
    lead = text[lo:lead_end].strip()
    parent.content = [lead] if lead else []
    if not items:
        return
    bodies = [text[a:b].strip() for _, a, b in items]
    definitions = style == "1." and not used and \
        sum(body.endswith(".") for body in bodies) * 2 > len(items)
    conj = _CONJ_END.search(bodies[-2][-20:]) if len(items) >= 2 else None
    parent.conj = conj.group(1) if conj else ""
    for i, ((raw, a, b), body) in enumerate(zip(items, bodies), 1):
        node = Node(kind="rincian", id=f"{parent.id}.{i}", num=raw, ordinal=i,
                    level=LIST_STYLES[style], style="definisi" if definitions else None,
                    attrs={"marker": style})
        word = "huruf" if style[0] == "a" else "angka"
        node.label = f"{parent.label} {word} {raw.rstrip('.') if style.endswith('.') else raw}"
        node.parent = parent
        _rincian(node, text, used + (style,), markers, a, b)
        parent.children.append(node)


_AYAT = re.compile(r"\(([0-9lIi]{1,2})\) ")


def _ayat_position(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" ")
    return not before or before.endswith(("\n", ".", ";", ":"))


_NON_SPACE = re.compile(r"\S")
_AMENDING = re.compile(r"diubah sebagai berikut|diubah sehingga berbunyi|diubah dan ditambah|"
                       r"disisipkan \d+ \(")


def _ayat_marks(text: str) -> list[_Mark]:
    """The ayat (1), (2) … of a Pasal's text, in sequence from (1)."""
    cands = []
    for m in _AYAT.finditer(text):
        num = _pasal_num(m.group(1))
        if num is not None and _ayat_position(text, m.start()):
            cands.append(_Mark("ayat", num, m.start(), m.end(), m.group(0).strip()))
    ayat, want = [], 1
    for c in cands:
        if c.num == want:
            ayat.append(c)
            want += 1
    if ayat and ayat[0].start > 20 and len(ayat) < 2:
        ayat = []
    if ayat and "(" in text:
        lettered = [_Mark("ayat", int(m.group(1)), m.start(), m.end(), m.group(0).strip(),
                          suffix=m.group(2))
                    for m in _AYAT_SUFFIX.finditer(text) if _ayat_position(text, m.start())]
        ayat = _lettered_between(ayat, lettered, len(text))
    return ayat


def _pasal(node: Node, text: str) -> None:
    ayat = _ayat_marks(text)
    if not ayat:
        _rincian(node, text.strip())
        return
    node.content = [text[:ayat[0].start].strip()] if text[:ayat[0].start].strip() else []
    for i, a in enumerate(ayat):
        stop = ayat[i + 1].start if i + 1 < len(ayat) else len(text)
        num = f"{a.num}{a.suffix}"
        child = Node(kind="ayat", id=f"{node.id}.a{num}", num=f"({num})", ordinal=a.num,
                     label=f"{node.label} ayat ({num})")
        child.parent = node
        _rincian(child, text[a.end:stop].strip())
        node.children.append(child)


def _items(text: str, pattern: str) -> list[str]:
    marks = [m for m in re.finditer(pattern, text)]
    if not marks:
        return [text.strip()] if text.strip() else []
    out = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append(text[m.end():stop].strip())
    return out


LOST = "..."


_MENIMBANG_ITEM = r"(?:(?<=^)|(?<=\n)|(?<=;\s)|(?<=;))\s*[a-z]\.?\s(?=bahwa)"
_MENGINGAT_ITEM = r"(?:(?<=^)|(?<=\n)|(?<=;\s)|(?<=;))\s*\d+\.\s"
_OPENING = re.compile(r"DENGAN\s*RAHMAT\s*TUHAN\s*YANG\s*MAHA\s*ESA(?:\s*[A-Z][A-Z .'/-]{2,80},)?")
_LABEL = re.compile(r"(Menimbang|Mengingat)\s*:?")
# where a Menimbang item starts: "bahwa" at the start, after ';' or a marker "a."
_BAHWA = re.compile(r"(?:^|(?<=;)|(?<=\n)|(?<=:))\s*(?:[a-z]\.?\s+)?bahwa\b")
_FIRST_BAHWA = re.compile(r"(?:(?<![\w.])[a-z]\.?\s+)?(?<![\w-])bahwa\b")


def _unmarked(text: str) -> str:
    """A preamble item's words, without rancang's [perlu verifikasi] mark (an attribute
    of the Mengingat item it follows)."""
    return squash(text.replace(UNVERIFIED, " ") if UNVERIFIED in text else text)


def _preamble(doc: Document, head: str) -> None:
    """The title, the Menimbang items ("bahwa …") and the Mengingat items ("1. …"). An
    OCR'd copy laid out in columns may put the words "Menimbang" and "Mengingat" anywhere
    (both before the title, or both before both lists), and the opening formula between
    the lists: the items are found by what they say, the labels only split them."""
    body = _OPENING.sub(" ", head, count=1)
    labels = list(_LABEL.finditer(body))
    first = _FIRST_BAHWA.search(body)
    bahwa = [first] + [m for m in _BAHWA.finditer(body) if m.start() > first.end()] \
        if first else []
    first_label = labels[0].start() if labels else len(body)
    title = _LABEL.sub(" ", body[:bahwa[0].start() if bahwa else first_label])
    if not bahwa and not labels:
        title = body
    doc.children.append(Node(kind="judul", id="judul", label="Judul", content=[_unmarked(title)]))
    if not bahwa and not labels:
        return
    start = bahwa[0].start() if bahwa else first_label
    # the Mengingat list starts at its label when that stands after the Menimbang items,
    # else after the item of the last "bahwa"
    mengingat = next((m for m in labels if m.group(1) == "Mengingat"
                      and (not bahwa or m.start() > bahwa[-1].start())), None)
    if mengingat is not None:
        split, rest_at = mengingat.start(), mengingat.end()
    elif bahwa:
        stop = body.find(";", bahwa[-1].end())
        split = rest_at = stop + 1 if stop >= 0 else len(body)
    else:
        split = rest_at = len(body)
    menimbang_text = _LABEL.sub(" ", body[start:split])
    mengingat_text = _LABEL.sub(" ", body[rest_at:])
    if menimbang_text.strip():
        block = Node(kind="konsiderans", id="menimbang")
        for i, item in enumerate(_items(menimbang_text, _MENIMBANG_ITEM), 1):
            block.children.append(Node(kind="menimbang", id=f"menimbang.{i}", num=f"{bahasa.huruf(i)}.",
                                       label=f"Menimbang huruf {bahasa.huruf(i)}",
                                       content=[_unmarked(item)]))
        doc.children.append(block)
    tail = re.split(r"Dengan Persetujuan Bersama", mengingat_text)[0]
    if tail.strip():
        block = Node(kind="dasar_hukum", id="mengingat")
        for i, item in enumerate(_items(tail, _MENGINGAT_ITEM), 1):
            node = Node(kind="mengingat", id=f"mengingat.{i}", num=f"{i}.",
                        label=f"Mengingat angka {i}",
                        content=[_unmarked(item)])
            if UNVERIFIED in item:
                node.attrs["confirmed"] = False
            block.children.append(node)
        doc.children.append(block)


def lost(what: str) -> Placeholder:
    """A unit whose heading the source lost (an OCR'd copy): an explicit placeholder."""
    return Placeholder(_("{unit}: not found in the source text").format(unit=what))


def _lost_pasal(num: int) -> Node:
    return Node(kind="pasal", id=f"pasal-{num}", num=str(num), ordinal=num,
                label=f"Pasal {num}", content=[lost(f"Pasal {num}")], attrs={"lost": True})


class _Memo(Versions):
    """What parsing one text leaves for parsing another version of it (`parse_pair`):
    what normalising it left (Versions), where MEMUTUSKAN and the end of the body stood,
    its marker candidates and the units picked from them, and the sub-units of each
    Pasal, by the Pasal's id, label and text (or its place in a part both texts share).
    A Pasal the edit did not touch is copied, not parsed again; it is keyed by
    everything its sub-units' ids, labels and text come from. Each is taken over only
    where the edit cannot have changed it, which the two texts' agreeing tells."""

    def __init__(self):
        super().__init__()
        self.bodies: dict[tuple, Node] = {}
        self.copied: dict[int, Node] = {}
        self.marks: tuple | None = None       # the last text and its body's bounds (lo, hi)
        self.picked: tuple | None = None      # the units _body_markers picked from them
        self.ends: tuple | None = None        # the last text, where its body begins and ends
        self.decide: tuple | None = None      # the last text and where MEMUTUSKAN stands
        # the units filled by their place in the last text and in this one: (how, id,
        # label, span) -> the unit parsed from that body
        self.placed: dict[tuple, Node] = {}
        self.placing: dict[tuple, Node] = {}
        self.place: tuple | None = None
        self.agreed: tuple | None = None

    def agreeing(self, old: str, new: str) -> tuple[int, int]:
        """agreeing(old, new), asked once for a pair."""
        if self.agreed is None or self.agreed[0] is not old or self.agreed[1] is not new:
            self.agreed = (old, new, agreeing(old, new))
        return self.agreed[2]

    def decided(self, text: str):
        """Where _DECIDE first matches in text (its span, None if nowhere) from where it
        did in the last text, when the edit cannot have moved it; False to search again."""
        if self.decide is None:
            return False
        old, span = self.decide
        start, end = self.agreeing(old, text)
        shift, after = len(text) - len(old), len(old) - end
        # a match before the edit read no further than a character before it
        if span is not None and span[1] < start:
            return span
        # none starts near or in the edit in the new text
        if text.find("MEMUTUSKAN", max(start - 9, 0), len(text) - end + 9) >= 0:
            return False
        if span is None:
            return None
        if span[0] >= after:
            return span[0] + shift, span[1] + shift
        return False

    def body_end(self, text: str, lo: int) -> int | None:
        """_body_end(text, lo) from where the last text's body ended, when no end can start
        or be read near the edit; None to find it again."""
        if self.ends is None:
            return None
        old, old_lo, old_hi = self.ends
        start, end = self.agreeing(old, text)
        shift, after = len(text) - len(old), len(old) - end
        if lo - shift == old_lo and old_lo >= after:
            return old_hi + shift       # the body begins after the edit: all of it shifted
        if lo != old_lo or lo > start - _MARGIN:
            return None
        # no end starts near the edit in either text, and no run of spaces there that a
        # pattern of _BODY_ENDS could read through (what it reads elsewhere is the same)
        for a, top in ((old, after), (text, len(text) - end)):
            w_lo, w_hi = max(start - _MARGIN, 0), top + _MARGIN
            if _SPACE_RUN.search(a, w_lo, w_hi) or \
                    any(a.find(words, w_lo, w_hi + len(words)) >= 0 for words, _ in _BODY_ENDS):
                return None
        if old_hi == len(old):
            return len(text)            # no end in the parts both share, none near the edit
        if old_hi < start - _MARGIN:
            return old_hi
        if old_hi >= after + _MARGIN:
            return old_hi + shift
        return None

    def begin(self, text: str) -> None:
        """Before the units of a text are filled: where the last text's places stand in
        this one (the parts both share, by agreeing)."""
        self.placed, self.placing = self.placing, {}
        self.copied = {}                # this text's copies only (link_parents skips them)
        last = self.decide[0] if self.decide is not None else None
        if last is None:
            self.place = None
            return
        start, end = self.agreeing(last, text)
        self.place = (start, len(text) - end, len(text) - len(last))

    def fill(self, how, node: Node, body: str | None, at: tuple[int, int] | None = None,
             text: str = "") -> None:
        """node's sub-units from `body` (None: text[at].strip()), `at` the span of the text
        it is stripped from: copied from a unit of the last text with the same id, label
        and body — found by its place where the body lies in a part both texts share, by
        the body elsewhere."""
        done = None
        if at is not None and self.place is not None:
            same_to, same_from, shift = self.place
            a, b = at
            was = at if b <= same_to else (a - shift, b - shift) if a >= same_from else None
            if was is not None:
                done = self.placed.get((how, node.id, node.label, was))
        if done is None:
            if body is None:
                body = text[at[0]:at[1]].strip()
            key = (how, node.id, node.label, body)
            done = self.bodies.get(key)
        if at is not None:
            self.placing[(how, node.id, node.label, at)] = done or node
        if done is None:
            how(node, body)
            self.bodies[key] = node
            return
        node.content = list(done.content)
        node.conj = done.conj
        node.children = [_copy(c, node) for c in done.children]
        self.copied[id(node)] = done


def _copy(node: Node, parent: Node) -> Node:
    """A copy of a parsed sub-unit and all below it (fresh nodes: the diff tells the
    two versions' units apart by identity)."""
    twin = _new(Node)           # each field set, in the order Node declares them
    twin.kind, twin.id, twin.content, twin.heading = \
        node.kind, node.id, node.content[:], node.heading
    children = node.children
    twin.children = [_copy(c, twin) for c in children] if children else []
    attrs = node.attrs
    twin.conj, twin.level, twin.style, twin.source, twin.attrs = \
        node.conj, node.level, node.style, node.source, attrs.copy() if attrs else {}
    twin.num, twin.label, twin.suffix, twin.ordinal, twin.parent = \
        node.num, node.label, node.suffix, node.ordinal, parent
    return twin


_new = object.__new__


def _direct(how, node: Node, body: str | None, at=None, text: str = "") -> None:
    how(node, text[at[0]:at[1]].strip() if body is None else body)


def parse_pair(old: str, new: str, old_name: str = "old",
               new_name: str = "new") -> tuple[Document, Document]:
    """Two versions of one regulation parsed: the same trees as `parse_text` of each,
    the Pasal that stand unchanged in both parsed once."""
    memo = _Memo()
    first = parse_text(old, old_name, _memo=memo)
    memo.copied = {}
    second = parse_text(new, new_name, _memo=memo)
    second.copied = memo.copied
    return first, second


# where the body ends: the closing formula, or the Penjelasan; each found from its first
# words by str.find, which reads a text several times faster than the regex engine (and
# only up to the first end found so far)
_BODY_ENDS = [(words, re.compile(p) if p != words else None) for words, p in (
    ("Agar setiap orang mengetahuinya", r"Agar setiap orang mengetahuinya,?\s+memerintahkan"),
    ("Ditetapkan di", "Ditetapkan di"), ("Disahkan di", "Disahkan di"),
    ("PENJELASAN", r"PENJELASAN\s+ATAS"), ("PASAL DEMI PASAL", "PASAL DEMI PASAL"))]


def _body_end(text: str, lo: int) -> int:
    """Where the first of _BODY_ENDS stands after lo (the first of them where two start at
    one place, as in one alternation); the end of the text without one."""
    first = len(text)
    for words, pattern in _BODY_ENDS:
        # an occurrence that starts before `first` (it may end after it)
        at = text.find(words, lo, first + len(words) - 1)
        while at >= 0 and pattern is not None and pattern.match(text, at) is None:
            at = text.find(words, at + 1, first + len(words) - 1)
        if at >= 0:
            first = at
    return first


_DECIDE = re.compile(r"MEMUTUSKAN\s*:?")


def parse_text(text: str, name: str = "text", _memo: _Memo | None = None) -> Document:
    """Parse the text of a regulation into a document tree (doc_type 'parsed')."""
    fill = _memo.fill if _memo is not None else _direct
    text = normalise(text, _memo)
    if _memo is not None:
        _memo.begin(text)
    unverified = UNVERIFIED in text
    doc = Document(kind="document", id=name, doc_type="parsed")
    got = _memo.decided(text) if _memo is not None else False
    if got is False:
        decide = _DECIDE.search(text) if "MEMUTUSKAN" in text else None
        got = decide.span() if decide else None
    if _memo is not None:
        _memo.decide = (text, got)
    decide = got is not None
    pre_end, body_lo = got if decide else (0, 0)
    # the body ends at the closing formula or where the Penjelasan begins
    body_hi = _memo.body_end(text, body_lo) if _memo is not None else None
    if body_hi is None:
        body_hi = _body_end(text, body_lo)
    if _memo is not None:
        _memo.ends = (text, body_lo, body_hi)
    marks, amendment = _body_markers(text, body_lo, body_hi, _memo)
    if not marks:
        raise RancangError(_("no Pasal found: is this the text of a regulation?"), name)
    first = marks[0].start
    # Judul, Menimbang, Mengingat
    head = text[:pre_end] if decide else text[:first]
    _preamble(doc, head)
    if unverified:      # the mark anywhere but after a Mengingat item: a space (same places)
        text = text.replace(UNVERIFIED, " ")
    if decide:
        doc.children.append(Node(kind="diktum", id="diktum", label="Diktum",
                                 content=[text[body_lo:first].strip()]))
    # the body
    stack: list[Node] = [doc]
    last_pasal = 0
    empty: list[Node] = []         # groups opened since the last Pasal, none in them yet
    after: list[int | None] = [None] * len(marks)      # the number of the next Pasal mark
    for i in range(len(marks) - 2, -1, -1):
        nxt = marks[i + 1]
        after[i] = nxt.num if nxt.kind == "pasal" else after[i + 1]
    for i, m in enumerate(marks):
        stop = marks[i + 1].start if i + 1 < len(marks) else body_hi
        if m.kind in ("bab", "bagian", "paragraf"):
            # what stands between a heading and the next unit: the text of a Pasal whose
            # heading the copy lost, when the numbers say one is missing; else the heading's
            following = after[i]
            leftover = squash(text[m.end:stop])
            recovered = bool(re.match(r"\([1lI]\)|[A-Z]", leftover)) and not amendment \
                and following is not None and following > last_pasal + 1
            if leftover and not recovered:
                m.heading = squash(f"{'' if m.heading == LOST else m.heading} {leftover}")
        if m.kind == "bab":
            roman = bahasa.roman(m.num) + m.suffix
            node = Node(kind="bab", id=f"bab-{m.num}{m.suffix}", num=roman, ordinal=m.num,
                        heading=m.heading, label=f"BAB {roman}")
            stack = [doc, node]
            doc.children.append(node)
            empty.append(node)
        if m.kind in ("bagian", "paragraf"):
            parent_kinds = ("bab",) if m.kind == "bagian" else ("bagian", "bab")
            while len(stack) > 1 and stack[-1].kind not in parent_kinds:
                stack.pop()
            num = str(m.num) if m.kind == "paragraf" else \
                "Pertama" if m.raw.endswith("Pertama") else \
                _ORDINAL_WORDS.get(m.num) or bahasa.ordinal(m.num)
            node = Node(kind=m.kind, id=f"{stack[-1].id}.{m.kind}-{m.num}", num=num,
                        ordinal=m.num, heading=m.heading,
                        label=f"{stack[-1].label} {m.kind.capitalize()} {num}".strip())
            stack[-1].children.append(node)
            stack.append(node)
            empty.append(node)
        if m.kind != "pasal":
            if recovered:
                last_pasal += 1
                node = Node(kind="pasal", id=f"pasal-{last_pasal}", num=str(last_pasal),
                            ordinal=last_pasal, label=f"Pasal {last_pasal}",
                            attrs={"heading_lost": True}, parent=stack[-1])
                fill(_pasal, node, text[m.end:stop].strip(), (m.end, stop))
                stack[-1].children.append(node)
                empty.clear()
            continue
        parent = stack[-1]
        if not amendment and not m.suffix:
            # the numbers tell where a copy lost a Pasal heading: keep its place — in a
            # group left without a Pasal first (its heading was read, its Pasal's not)
            holders = [g for g in empty if not any(g is p or p.is_within(g) for p in stack)
                       and not any(h is not g and h.is_within(g) for h in empty)]
            for missing in range(last_pasal + 1, m.num):
                holder = holders.pop(0) if holders else parent
                lost_node = _lost_pasal(missing)
                lost_node.parent = holder
                holder.children.append(lost_node)
            last_pasal = m.num
            empty.clear()
        num = bahasa.roman(m.num) if amendment else f"{m.num}{m.suffix}"
        node = Node(kind="pasal", id=f"pasal-{num}", num=num, ordinal=m.num, label=f"Pasal {num}")
        node.parent = parent
        if amendment:
            # the amended law's own units stay text of this Pasal
            node.content = [text[m.end:stop].strip()]
            parent.children.append(node)
            continue
        # the body (text[m.end:stop].strip()) cut only if it is parsed: its first 600
        # characters are read in the text (_AMENDING has no anchor, and no match of it
        # ends in a space)
        first_char = _NON_SPACE.search(text, m.end, stop)
        begins = first_char.start() if first_char else stop
        if _AMENDING.search(text, begins, min(begins + 600, stop)):
            # a Pasal of an omnibus law that amends another law: the ayat in it are that
            # law's, quoted; its numbered points ("1. Ketentuan Pasal 5 diubah …") are its own
            fill(_rincian, node, None, (m.end, stop), text)
            parent.children.append(node)
            continue
        following = after[i] if after[i] is not None else m.num + 1
        body, ayat = None, []
        if following > m.num + 1:
            body = text[m.end:stop].strip()
            ayat = _ayat_marks(body)
        at: tuple[int, int] | None = (m.end, stop)
        if len(ayat) >= 2 and ayat[0].start > 20:
            # words, then ayat (1), (2) …, where the next Pasal's heading is lost: the
            # ayat are that Pasal's
            fill(_pasal, node, body[:ayat[0].start])
            parent.children.append(node)
            node = Node(kind="pasal", id=f"pasal-{m.num + 1}", num=str(m.num + 1),
                        ordinal=m.num + 1, label=f"Pasal {m.num + 1}",
                        attrs={"heading_lost": True})
            node.parent = parent
            body = body[ayat[0].start:]
            at = None               # a part of the span
            last_pasal = m.num + 1
        fill(_pasal, node, body, at, text)
        parent.children.append(node)
    # Penutup, Penjelasan, Lampiran
    rest = text[body_hi:]
    expl = re.search(r"PENJELASAN\s+ATAS", rest)
    penutup_text = rest[:expl.start()] if expl else rest
    lampiran = re.search(r"\bLAMPIRAN\b", penutup_text)
    if lampiran:
        doc.children.append(Node(kind="penutup", id="penutup", label="Penutup",
                                 content=[penutup_text[:lampiran.start()].strip()]))
        doc.children.append(Node(kind="lampiran", id="lampiran", label="Lampiran",
                                 content=[penutup_text[lampiran.start():].strip()]))
    elif penutup_text.strip():
        doc.children.append(Node(kind="penutup", id="penutup", label="Penutup",
                                 content=[penutup_text.strip()]))
    if expl:
        doc.children.append(Node(kind="penjelasan", id="penjelasan", label="Penjelasan",
                                 content=[rest[expl.start():].strip()]))
    # a copied Pasal's sub-units have their parents (_copy)
    doc.link_parents(_memo.copied if _memo is not None else ())
    return doc


def read_text(path: Path) -> str:
    """The text of FILE, whatever its kind (DOCX/ODT through pandoc)."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise RancangError(_("this is a folder: give the file of the regulation in it"),
                           display_path(path))
    if not path.is_file():
        raise RancangError(_("file not found"), display_path(path))
    if suffix in (".docx", ".odt"):
        why = package_problem(path, "word/document.xml" if suffix == ".docx" else "content.xml")
        if why:
            raise RancangError(why, display_path(path))
        return pandoc_text(path, "docx" if suffix == ".docx" else "odt", display_path(path))
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise RancangError(_("the file is larger than {mb} MB").format(
            mb=MAX_TEXT_BYTES // 2**20), display_path(path))
    raw = path.read_bytes()
    if raw.startswith(b"%PDF"):
        raise RancangError(_("a PDF cannot be read as text: open it in Word and save it as "
                             "DOCX, or copy its text into a .txt file"), display_path(path))
    if b"\x00" in raw[:4096]:
        raise RancangError(_("this is not a text file (DOCX, ODT, Markdown or text)"),
                           display_path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if suffix == ".md":
        text = re.sub(r"\n#{1,6}[ \t]+", "\n", "\n" + text)[1:]      # headings
        text = re.sub(r"\\([.)(\[\]*_#|\\-])", r"\1", text)   # escapes
        text = re.sub(r"\n\|[^\n]*\|[ \t]*(?=\n|$)", "\n", "\n" + text)[1:]   # tables (Lampiran)
    return text


def to_json(node: Node) -> dict:
    out = {"kind": node.kind, "num": node.num or None, "heading": node.heading,
           "text": node.text, "children": [to_json(c) for c in node.children]}
    if node.kind == "document":
        out["kind"] = "document"
    return out


def outline(doc: Document) -> str:
    """The tree as indented text: one unit a line — for reading, and for git's textconv."""
    lines = []

    def walk(node: Node, level: int):
        if node.kind in ("bab", "bagian", "paragraf"):
            head = node.label if node.kind == "bab" else f"{node.kind.capitalize()} {node.num}"
            lines.append("  " * level + f"{head} {node.heading or ''}".rstrip())
            for child in node.children:
                walk(child, level + 1)
            return
        if node.kind == "pasal":
            lines.append("  " * level + node.label)
            if node.display.strip():
                lines.append("  " * (level + 1) + node.display)
            for child in node.children:
                walk(child, level + 1)
            return
        if node.kind in ("ayat", "rincian", "menimbang", "mengingat"):
            lines.append("  " * level + f"{node.num} {node.display}".strip())
            for child in node.children:
                walk(child, level + 1)
            return
        if node.kind in ("konsiderans", "dasar_hukum"):
            lines.append("Menimbang:" if node.kind == "konsiderans" else "Mengingat:")
            for child in node.children:
                walk(child, 1)
            return
        if node.content:
            lines.append(f"[{node.kind}] {node.display}")
        for child in node.children:
            walk(child, level)

    for child in doc.children:
        walk(child, 0)
    return "\n".join(lines) + "\n"
