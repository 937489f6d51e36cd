"""The text of a regulation as the parser reads it (normalise): one space between words,
no page furniture of an official copy or a scan, emphasis marks and line-break hyphens
resolved, OCR'd digits in unit numbers read. A long text of a pair is normalised in
pieces, so that the second version redoes only what its edit touched (parse_pair).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from rancang.model import marks

# Page furniture of official copies: dropped wherever it stands. Every pattern starts
# with a literal (the first item), found by str.find, several times faster than the regex
# engine's own scan, which is kept for the hyphen, a character found too often for a loop.
_FURNITURE = [
    ("SALINAN", re.compile(r"SALINAN(?<![\w]SALINAN)\b")),
    ("PRESIDEN", re.compile(r"PRESIDEN\s+REPUBLIK\s+INDONESIA(?!\s*,)"
                            r"(?=\s+(?:-\s*\d+\s*-|[a-z(]|\n))")),
    (None, re.compile(r"-(?<=\s-)\s\d{1,3}\s-(?=\s)")),
    # the note of `rancang consolidate` under a unit an amendment changed
    ("[", re.compile(r"\[(?:Lampiran (?:[IVXLC]+ )?)?(?:diubah|disisipkan|ditambahkan|dihapus) "
                     r"dengan [^\]\n]{1,400}\]")),
    ("[", re.compile(r"\[Naskah konsolidasi, [^\]\n]{1,1200}\]")),
]
# rancang's mark after a citation it could not confirm: kept through normalising as one
# private character, so that the Mengingat item it follows stays unconfirmed (parse_text
# drops it anywhere else). Its low byte is one no text has: a search for it in a text
# beyond Latin-1 is a memchr (one whose low byte is 0 is read character by character).
_UNVERIFIED_MARK = marks.VERIFY
UNVERIFIED = "\ue0ff"
# rancang's Markdown mark around an unconfirmed value: the value stays, the mark goes
_UNCONFIRMED_OPEN = marks.UNCONFIRMED.split("{}")[0]
_UNCONFIRMED = re.compile(re.escape(_UNCONFIRMED_OPEN) + r"([^\]\n]*)\]")
# A whole line of furniture: a page number "- 5 -", a web address, the rules of a table.
_FURNITURE_LINE = re.compile(r"-\s*\d+\s*-|www\.\S+|[-=+|:]{3,}[-=+|: ]*")
# (only numbers with a letter in them: a number of digits alone stays as it is)
# (a pattern a word: a literal to scan for; their matches never overlap, as no word
# starts with a character of a number)
_OCR_NUMBER = [(word, re.compile(word + r" (?=[0-9]*[OolI])([0-9OolI]*[0-9][0-9OolI]*)\b"))
               for word in ("Pasal", "Nomor", "Tahun", "BAB", "NOMOR", "TAHUN")]
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# Emphasis of Markdown or a word processor's export: "**BAB I**", "_landrent_", and a
# heading marked with spaces inside, "__ Pasal 37 __". Runs of underscores that stand
# alone are the rules and blanks of a scanned page, not emphasis: dropped.
_EMPHASIS = re.compile(r"(?<![\w*_])([*_]{1,3})(?![*_\s])([^*_\n]*?[^*_\s])\1(?![\w*_])"
                       r"|(?<![\w*_])([*_]{1,3}) +([^*_\n]{1,40}?[^*_\s]) +\3(?![\w*_])")
_RULE = re.compile(r"(?<![\w*])[_*]{2,}(?![\w*])")
# Control characters of a damaged copy: spaces.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")
_CONTROL_CHARS = [chr(c) for c in range(0x20) if c != 0x0a]
# A hyphen where a line was broken: "perundang-\nundangan", or in OCR'd text whose lines
# were joined, "perundang- undangan".
_BREAK = re.compile(r"-(?: *\n *| +)(?=\w)")
_WORD_BEFORE = re.compile(r"\w+\Z")     # \Z: "$" would also match before a line break
_WORD_AFTER = re.compile(r"\w+")
_WORDISH = re.compile(r"[\w-]")
_RUN_BEFORE = re.compile(r"[\w-]*\Z")
_RUN_AFTER = re.compile(r"[\w-]*")
_EDGE_PUNCT = "()[]\"'“”‘’.,;:!?"


def _strip_emphasis(line: str) -> str:
    line = _EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), line)
    return _RULE.sub(" ", line) if "__" in line or "**" in line else line


def agreeing(a: str, b: str) -> tuple[int, int]:
    """How many first characters a and b have in common, and how many last ones of the
    rest: by halving (a slice compares in C; one character at a time does not)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if b.startswith(a[lo:mid], lo):         # one slice copied, not two
            lo = mid
        else:
            hi = mid - 1
    k, most, la, lb = 0, min(len(a), len(b)) - lo, len(a), len(b)
    while k < most:
        mid = (k + most + 1) // 2
        if b.endswith(a[la - mid:la - k], 0, lb - k):
            k = mid
        else:
            most = mid - 1
    return lo, k


def _parts(text: str, size: int) -> Iterator[str]:
    """text cut at line breaks into parts of about `size` characters (the breaks left
    out)."""
    at, end = 0, len(text)
    while at < end:
        cut = text.find("\n", at + size)
        if cut < 0:
            cut = end
        yield text[at:cut]
        at = cut + 1


class _Words:
    """How often each word stands in the text, punctuation around it ignored: the
    vocabulary that decides whether a hyphen at a line break belongs to the word."""

    def __init__(self, text: str = "", parts: Iterable[str] = ()):
        """The words of `text`, or of the text `parts` make joined by line breaks."""
        counts: Counter = Counter()
        # counted a part of some 64,000 characters at a time: the tokens of one part are
        # freed before the next is split (a third faster than all the text's at once)
        for part in parts or _parts(text, 64_000):
            counts.update(part.split())
        # most tokens are words already: only those with punctuation at an end are merged
        # into the word they strip to (which has none at its ends, or is "")
        for token in [t for t in counts if t[0] in _EDGE_PUNCT or t[-1] in _EDGE_PUNCT]:
            n = counts.pop(token)
            word = token.strip(_EDGE_PUNCT)
            counts[word] = counts.get(word, 0) + n
        self.counts: dict[str, int] = counts

    def __getitem__(self, word: str) -> int:
        return self.counts.get(word, 0)

    def edited(self, old: str, new: str) -> "_Words":
        """The words of `new`, counted from those of `old` (this text): only the words
        around where the two differ are counted again."""
        return self.changed(old, new)[0]

    def changed(self, old: str, new: str) -> tuple["_Words", set[str]]:
        """The words of `new` counted from those of `old` (this text, or a part of it
        cut at line breaks), and the words whose count differs."""
        lo, top = agreeing(old, new)
        # widen to whole tokens (str.split's): the words outside are the same in both
        while lo > 0 and not old[lo - 1].isspace():
            lo -= 1
        end_old, end_new = len(old) - top, len(new) - top
        while end_old < len(old) and not old[end_old].isspace():
            end_old += 1
            end_new += 1
        delta: dict[str, int] = {}
        for part, sign in ((old[lo:end_old], -1), (new[lo:end_new], 1)):
            for token in part.split():
                word = token.strip(_EDGE_PUNCT)
                delta[word] = delta.get(word, 0) + sign
        twin = _Words("")
        counts = twin.counts = dict(self.counts)
        changed = set()
        for word, d in delta.items():
            if d:
                changed.add(word)
                n = counts.get(word, 0) + d
                if n:
                    counts[word] = n
                else:
                    del counts[word]
        return twin, changed


def _broken_word(before: str, after: str, words: _Words) -> str:
    """'X-' at the end of a line and 'Y' at the start of the next: the hyphen of a
    compound ("Undang-Undang", "masing-masing") or of a word split by the typesetter
    ("penye-lenggaraan"). The text's own words decide; without them a capital or a
    repeated stem tells a compound, and a split word is joined."""
    hyphenated, joined = f"{before}-{after}", before + after
    if words[hyphenated] or words[joined]:
        return hyphenated if words[hyphenated] >= words[joined] else joined
    stem = before.lower()[-3:]
    if after[:1].isupper() or (len(stem) == 3 and stem in after.lower()):
        return hyphenated
    return joined


def _join_breaks(text: str, words: _Words, read: list | None = None) -> str:
    """The line-break hyphens of the text resolved; `read` gets the words each decision
    read (the hyphenated and the joined form)."""
    out, pos = [], 0
    for m in _BREAK.finditer(text):
        wb = _WORD_BEFORE.search(text, max(pos, m.start() - 60), m.start())
        wa = _WORD_AFTER.match(text, m.end())
        if wb is None or wa is None:
            continue
        before, after = wb.group(0), wa.group(0)
        if read is not None:
            read += (f"{before}-{after}", before + after)
        out.append(text[pos:wb.start()])
        out.append(_broken_word(before, after, words))
        pos = wa.end()
    if out:
        out.append(text[pos:])
        text = "".join(out)
    return text


def _strays(words: _Words, hyphened: dict | None = None) -> dict[str, str]:
    """The hyphenated words of the text that are an OCR'd hyphen inside a common word,
    each with the word without it; `hyphened` gets every word of one hyphen, by the
    word without it."""
    stray, counts = {}, words.counts
    for word in [w for w in counts if "-" in w]:
        if word.count("-") == 1:
            if hyphened is not None:
                hyphened.setdefault(word.replace("-", ""), []).append(word)
            n = counts[word]
            if n <= 2:
                joined = _stray(word, n, words)
                if joined:
                    stray[word] = joined
    return stray


def _stray(word: str, n: int, words: _Words) -> str | None:
    head, tail = word.split("-")
    if head.isalpha() and tail.isalpha() and tail[:1].islower() and \
            words[head + tail] >= max(3, 3 * n) and head.lower() != tail.lower():
        return head + tail
    return None


def _strays_changed(words: _Words, stray: dict, hyphened: dict, changed: set) -> dict:
    """The stray hyphenated words of a text (_strays) from those of the last one: only
    words whose count, or whose joined form's count, changed can turn or stop being
    one (`hyphened` gets the new words of one hyphen)."""
    asked = set()
    for word in changed:
        asked.update(hyphened.get(word, ()))
        if word.count("-") == 1 and word in words.counts:
            joined = word.replace("-", "")
            if word not in hyphened.get(joined, ()):
                hyphened.setdefault(joined, []).append(word)
            asked.add(word)
    stray = dict(stray)
    for word in asked:
        stray.pop(word, None)
        n = words[word]
        joined = _stray(word, n, words) if 1 <= n <= 2 else None
        if joined:
            stray[word] = joined
    return stray


def _join_strays(text: str, stray: dict[str, str]) -> str:
    # an occurrence stands between characters that are neither word nor hyphen: it is a
    # whole run of word characters and hyphens, found from its hyphen (a text has far
    # fewer hyphens than it has occurrences of the words); two never overlap
    if not stray:
        return text
    longest = max(map(len, stray))
    hits, at = [], text.find("-")
    while at >= 0:
        lo = max(at - longest, 0)
        start = _RUN_BEFORE.search(text, lo, at).start()
        end = _RUN_AFTER.match(text, at).end()
        if not (start == lo and lo and _WORDISH.match(text, lo - 1)):     # else too long
            joined = stray.get(text[start:end])
            if joined:
                hits.append((start, end, joined))
        at = text.find("-", end)
    if not hits:
        return text
    out, pos = [], 0
    for start, end, joined in hits:
        out += (text[pos:start], joined)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def resolve_hyphens(text: str, memo: "Versions | None" = None) -> str:
    """Line-break hyphens resolved against the words of the text, so that a re-wrapped
    copy reads the same; and an OCR'd hyphen inside a common word ("Pa-sal", "da-lam")
    dropped where the text has the word many times without it."""
    if "-" not in text:
        return text
    words = memo.words(text) if memo is not None else _Words(text)
    return _join_strays(_join_breaks(text, words), _strays(words))


def drop_catchwords(text: str) -> str:
    """The catchword at the foot of a page of an official copy — the first words of the
    next page and '...' ("(6) Untuk ...", then "(6) Untuk dapat diangkat …") — dropped."""
    if "..." not in text:
        return text
    out, pos = [], 0
    at = text.find("...")
    while at >= 0:
        words = text[max(pos, at - 60):at].split()
        following = text[at + 3:at + 80].lstrip(" \n")
        for k in (4, 3, 2, 1):
            if len(words) < k:
                continue
            catch = " ".join(words[-k:])
            if len(catch) >= 3 and following.startswith(catch + " "):
                start = text.rfind(words[-k], max(pos, at - 60), at)
                out.append(text[pos:start])
                pos = at + 3
                break
        at = text.find("...", at + 3)
    out.append(text[pos:])
    return "".join(out)


def _line_ends(text: str) -> str:
    """Every line break "\n": Windows' "\r\n" and an old Mac's "\r" too."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _lines(text: str) -> str:
    """normalise's first step, line by line: line breaks, control characters, OCR
    carets, emphasis and furniture lines."""
    text = _line_ends(text).replace("\u00a0", " ")
    if any(ch in text for ch in _CONTROL_CHARS):     # 31 scans for one character: faster
        text = _CONTROL.sub(" ", text)
    if "^" in text:     # an OCR program's mark before a word ("^pada"): never the law's
        text = text.replace("^", "")
    lines = [line.strip() for line in text.split("\n")]
    if "_" in text or "*" in text:
        for i, line in enumerate(lines):
            if "_" in line or "*" in line:
                lines[i] = _strip_emphasis(line)
    for i in [i for i, line in enumerate(lines) if line and line[0] in "-w=+|:"]:
        if _FURNITURE_LINE.fullmatch(lines[i]):
            lines[i] = ""
    return "\n".join(lines)


def _unmark(text: str) -> str:
    """rancang's own marks: an unconfirmed value's dropped, a citation's kept as one
    character."""
    if "[" not in text:         # both marks open with one: a single scan, for one character
        return text
    if _UNCONFIRMED_OPEN in text:
        text = _UNCONFIRMED.sub(r"\1", text)
    if _UNVERIFIED_MARK in text:
        text = text.replace(_UNVERIFIED_MARK, UNVERIFIED)
    return text


def _sub_from(literal: str, pattern: re.Pattern, text: str) -> str:
    """pattern.sub(" ", text) for a pattern whose matches start with `literal`."""
    at = text.find(literal)
    if at < 0:
        return text
    out, pos = [], 0
    while at >= 0:
        m = pattern.match(text, at)
        if m is None:
            at = text.find(literal, at + 1)
            continue
        out += (text[pos:at], " ")
        pos = m.end()
        at = text.find(literal, pos)
    out.append(text[pos:])
    return "".join(out)


def _unfurnish(text: str) -> str:
    """Page furniture dropped, OCR'd digits in unit numbers read, runs of spaces one."""
    for literal, pattern in _FURNITURE:
        text = pattern.sub(" ", text) if literal is None else _sub_from(literal, pattern, text)
    # OCR reads 0 as O and 1 as l inside numbers: "Pasal 1O", "Tahun 2O2O"
    # (no `word in text` first: that is a second scan wherever the word stands)
    for word, pattern in _OCR_NUMBER:
        text = pattern.sub(lambda m, w=word: w + " " + m.group(1).translate(_OCR_DIGITS), text)
    # runs of spaces to one: str.replace beats the regex; a text that keeps its length
    # had none left (no second search to find that out)
    while True:
        fewer = text.replace("  ", " ")
        if len(fewer) == len(text):
            return text
        text = fewer


def _finish(text: str) -> str:
    return _trim_breaks(text).strip()


def _trim_breaks(text: str) -> str:
    # one space at most each side of a line break now: the lines stripped (str.replace
    # without an occurrence costs one search, as `in` would)
    return text.replace(" \n", "\n").replace("\n ", "\n")


def normalise(text: str, memo: "Versions | None" = None) -> str:
    """The text as the parser reads it: one space between words, no page furniture,
    emphasis marks and line-break hyphens resolved, OCR'd digits in unit numbers."""
    if memo is not None and len(text) >= 2 * _PIECE:
        return _pieced(text, memo)
    return _finish(_unfurnish(_unmark(resolve_hyphens(drop_catchwords(_lines(text)), memo))))


# A long text of a pair is normalised in pieces of whole lines, each on its own, so that
# the second text redoes only the pieces its edit touched (issue 16). Each step of
# normalise reads within a line, or a few words across a line break, except the words
# the hyphens are decided by (counted over all the pieces) and the last trim of spaces
# at line breaks (done on the whole): two pieces are joined again wherever a step would
# read across the line break between them.
_PIECE = 16384          # characters a piece aims at
_LOUD = ("-", "...", "PRESIDEN", "INDONESIA", "SALINAN")     # none near a cut
_FURNITURE_WORDS = ("-", "SALINAN", "PRESIDEN", "REPUBLIK", "INDONESIA")


class _Piece:
    """A run of whole lines of the text (`raw`, `size` characters), the pieces of the
    last text it stands for (`olds`), and what each step of normalise made of it
    (`tidy`: the last, but for the trim of the whole); `fresh`: the first step whose
    result may differ from the last text's."""
    __slots__ = ("size", "olds", "fresh", "raw", "lines", "dropped", "read", "broken",
                 "resolved", "unmarked", "tidy")
    STEPS = (("raw", "lines"), ("dropped",), ("read", "broken", "resolved"), ("unmarked",),
             ("tidy",))

    def __init__(self, raw: str, olds: tuple, fresh: int):
        self.raw, self.size, self.olds, self.fresh = raw, len(raw), olds, fresh


class _Normalised:
    """A text as normalise left it, piece by piece: what the next version reuses."""

    def __init__(self, pieces: list, words: _Words, stray: dict, hyphened: dict,
                 result: str):
        self.pieces, self.words, self.stray, self.hyphened, self.result = \
            pieces, words, stray, hyphened, result


def _cuts(text: str) -> list[int]:
    """The line breaks a long text is cut at: away from everything a step of normalise
    reads across lines (a cut that is not is joined again: fewer joins)."""
    cuts, pos, end = [], _PIECE, len(text) - _PIECE // 2
    while pos < end:
        at = text.find("\n", pos, end)
        if at < 0:
            break
        near = text[max(at - 120, 0):at + 120]
        # (the text has no "\r": _pieced made its line ends "\n")
        if text[at - 1] != "\n" and text[at + 1:at + 2] != "\n" and \
                not any(w in near for w in _LOUD):
            cuts.append(at)
            pos = at + _PIECE
        else:
            pos = at + 1
    return cuts


def _catchword_near(left: str, right: str) -> bool:
    # drop_catchwords reads 60 characters before a '...' and 80 after it
    return "..." in left[-90:] or "..." in right[:70]


def _break_near(left: str, right: str) -> bool:
    # _BREAK: a hyphen, spaces, the line break (a hyphen that begins a line reads no
    # word before it: _WORD_BEFORE ends at the hyphen)
    return left.rstrip(" ").endswith("-")


def _furniture_near(left: str, right: str) -> bool:
    # a pattern of _FURNITURE that reads across a line break has one of these words, or
    # a hyphen, in the last word before it or the first after it
    last, first = left.rsplit(None, 1)[-1:], right.split(None, 1)[:1]
    return not last or not first or \
        any(w in last[0] or w in first[0] for w in _FURNITURE_WORDS)


def _join_near(pieces: list, step: int, near) -> list:
    """Each two pieces joined whose break a step reads across (`near` of the step's
    results; asked only where one of them is new): the results so far of the two with
    the line break between them, the later steps to do."""
    attr = _Piece.STEPS[step][-1]
    out = [pieces[0]]
    for p in pieces[1:]:
        out.append(p)
        # a joined piece begins earlier: the cut before it is asked again (a piece shorter
        # than what the step reads across is read across too)
        while len(out) > 1:
            q, p = out[-2:]
            if min(q.fresh, p.fresh) > step or not near(getattr(q, attr), getattr(p, attr)):
                break
            both = _Piece(q.raw + "\n" + p.raw, q.olds + p.olds, min(q.fresh, p.fresh, step + 1))
            for names in _Piece.STEPS[:step + 1]:
                for name in names:
                    a, b = getattr(q, name), getattr(p, name)
                    setattr(both, name, a + b if name == "read" else a + "\n" + b)
            out[-2:] = [both]
    return out


def _edited_piece(text: str, last: _Normalised) -> list | None:
    """The last text's pieces with those the edit touched made one piece of this text;
    None if the texts are the same. The pieces before the edit stand where they stood,
    those after it shifted (str.startswith compares them without a copy)."""
    olds, n = last.pieces, len(last.pieces)
    first = at = 0
    while first < n:
        p = olds[first]
        end = at + p.size
        if not text.startswith(p.raw, at) or \
                (text[end:end + 1] != "\n" if first + 1 < n else end != len(text)):
            break
        first, at = first + 1, end + 1
    if first == n:
        return None
    end, stop = n - 1, len(text)
    while end > first:
        p = olds[end]
        start = stop - p.size
        if start - 1 < at or text[start - 1] != "\n" or not text.startswith(p.raw, start):
            break
        end, stop = end - 1, start - 1
    edited = _Piece(text[at:stop], tuple(range(first, end + 1)), 0)
    edited.lines = _lines(edited.raw)
    return olds[:first] + [edited] + olds[end + 1:]


def _pieced(text: str, memo: "Versions") -> str:
    """normalise(text), piece by piece; from the pieces of the last text the memo saw,
    where it has one."""
    # _lines' first step, on the whole: a text with Windows line ends ("\r\n") can then
    # be cut at its line breaks too
    text = _line_ends(text)
    last = memo.normalised
    if last is None:
        pieces, at = [], 0
        for cut in _cuts(text) + [len(text)]:
            pieces.append(_Piece(text[at:cut], (), 0))
            pieces[-1].lines = _lines(pieces[-1].raw)
            at = cut + 1
    else:
        pieces = _edited_piece(text, last)
        if pieces is None:
            return last.result
    pieces = _join_near(pieces, 0, _catchword_near)
    for p in pieces:
        if p.fresh <= 1:
            p.dropped = drop_catchwords(p.lines)
    pieces = _join_near(pieces, 1, _break_near)
    if last is None:
        words, changed = _Words(parts=[p.dropped for p in pieces]), set()
        hyphened = {}
        stray = _strays(words, hyphened)
    else:
        # the words of the new pieces counted again, those of the old ones they replace
        # taken out (one run of pieces: the edited one, joined to some of its neighbours)
        new = [p for p in pieces if p.fresh <= 1]
        gone = "\n".join(last.pieces[i].dropped for p in new for i in p.olds)
        words, changed = last.words.changed(gone, "\n".join(p.dropped for p in new))
        hyphened = last.hyphened
        stray = _strays_changed(words, last.stray, hyphened, changed)
    flipped = {w for w in stray.keys() | last.stray.keys()
               if stray.get(w) != last.stray.get(w)} if last is not None else ()
    for i, p in enumerate(pieces):
        if p.fresh > 2 and not any(w in changed for w in p.read) and \
                not any(w in p.broken for w in flipped):
            continue           # decided by words that count as they did
        q = p if p.fresh <= 2 else _Piece(p.raw, p.olds, p.fresh)
        q.read = []
        q.broken = _join_breaks(p.dropped, words, q.read) if "-" in p.dropped else p.dropped
        q.resolved = _join_strays(q.broken, stray) if "-" in q.broken else q.broken
        if q is not p:
            q.lines, q.dropped, q.unmarked, q.tidy = p.lines, p.dropped, p.unmarked, p.tidy
            if q.resolved != p.resolved:
                q.fresh = 2
            pieces[i] = q
    for p in pieces:
        if p.fresh <= 3:
            p.unmarked = _unmark(p.resolved)
    pieces = _join_near(pieces, 3, _furniture_near)
    parts = []
    for i, p in enumerate(pieces):
        if p.fresh <= 4:
            p.tidy = _trim_breaks(_unfurnish(p.unmarked))
        p.olds, p.fresh = (i,), 99          # as the next text's last pieces
        # _trim_breaks of the whole: a space before the line break after the piece, and
        # one after the line break before it, go too (runs of spaces are one by now)
        part = p.tidy
        if part.endswith(" ") and i + 1 < len(pieces):
            part = part[:-1]
        if part.startswith(" ") and i:
            part = part[1:]
        parts.append(part)
    result = "\n".join(parts).strip()
    memo.normalised = _Normalised(pieces, words, stray, hyphened, result)
    return result


class Versions:
    """What normalising one text leaves for normalising another version of it: its words
    and its pieces (parse_pair's memo is one)."""

    def __init__(self):
        self.last: tuple[str, _Words] | None = None
        self.normalised: _Normalised | None = None      # the last text, normalised in pieces

    def words(self, text: str) -> _Words:
        """The words of a text resolve_hyphens reads, counted from the last one's."""
        words = self.last[1].edited(self.last[0], text) if self.last else _Words(text)
        self.last = (text, words)
        return words
