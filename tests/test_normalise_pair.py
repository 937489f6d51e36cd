"""normalise of a long text of a pair, piece by piece (issue 16): the second text redoes
only the pieces its edit touched, and must read exactly as normalise of it alone. Each
test is a case where a piece reused or cut wrongly would show: a step that reads across
a cut (a line-break hyphen, a catchword, page furniture), a word whose count an edit far
away changed (a hyphen decided by it, a stray hyphen). Expected texts are written by hand
from the rules of normalise; the random and corpus cases compare with normalise alone."""
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings, HealthCheck, strategies as st

from rancang.readers import normalise as normalising
from rancang.readers.parse import _Memo, normalise, read_text

LAW = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "uu-2020-11.md"
FILLER = "Pasal ini cukup jelas bagi semua orang.\n" * 12       # 480 quiet characters


class _Small:
    """Pieces of `size` characters (the real ones are 16 KB): short texts are cut too.
    loud=(): cuts anywhere, even next to what a step reads across (joined again)."""

    def __init__(self, size=200, loud=None):
        self.patches = [mock.patch.object(normalising, "_PIECE", size)]
        if loud is not None:
            self.patches.append(mock.patch.object(normalising, "_LOUD", loud))

    def __enter__(self):
        for p in self.patches:
            p.start()

    def __exit__(self, *exc):
        for p in reversed(self.patches):
            p.stop()


def pair(old: str, new: str) -> tuple[str, str, _Memo]:
    memo = _Memo()
    return normalise(old, memo), normalise(new, memo), memo


def test_cuts_anywhere_read_as_the_whole_text():
    # cut at every line: a break hyphen, a catchword, the header of a page, a page
    # number and a copy mark each stand across a line break, so the pieces around each
    # are joined again
    text = ("Pasal 1\n"
            "Kesatuan komunitas penye-\n"
            "lenggaraan dan hewan.\n"
            "(6) Untuk ...\n"
            "(6) Untuk dapat diangkat sebagai Pegawai.\n"
            "SALINAN\n"
            "PRESIDEN\n"
            "REPUBLIK INDONESIA\n"
            "(7) Pegawai bekerja - 5\n"
            "- (di Daerah).\n"
            "Pasal 1O berlaku SALINAN\n"
            " sejak Tahun 2O2O.\n")
    # the split word joined (no word of the text says otherwise, no capital, no repeated
    # stem); the catchword's line left empty; SALINAN and the header each a space on
    # their lines (trimmed); the page number "- 5\n-" a space, its line break with it;
    # the OCR'd digits read
    expected = ("Pasal 1\n"
                "Kesatuan komunitas penyelenggaraan dan hewan.\n"
                "\n"
                "(6) Untuk dapat diangkat sebagai Pegawai.\n"
                "\n"
                "\n"
                "(7) Pegawai bekerja (di Daerah).\n"
                "Pasal 10 berlaku\n"
                "sejak Tahun 2020.")
    assert normalise(text) == expected
    with _Small(size=4, loud=()):
        memo = _Memo()
        assert normalise(text, memo) == expected
        assert len(memo.normalised.pieces) >= 2      # the pieced path, not the plain one
        edited = text.replace("dan hewan", "dan satwa")
        assert normalise(edited, memo) == expected.replace("dan hewan", "dan satwa")


def _law_like(*parts: str) -> str:
    return FILLER.join(parts) + FILLER


def test_an_edit_far_away_that_flips_a_break_hyphen_redoes_its_piece():
    # 'tumbuh-tumbuhan' once, 'tumbuhtumbuhan' never: the break 'tumbuh-\ntumbuhan' keeps
    # its hyphen. The edit, pieces away, writes 'tumbuhtumbuhan' twice: 2 > 1, joined —
    # in a piece the edit did not touch (reused, it would keep the hyphen)
    old = _law_like("Pasal 1\nKomunitas tumbuh-\ntumbuhan hidup.\n",
                    "Pasal 2\nSemua tumbuh-tumbuhan dilindungi.\n",
                    "Pasal 3\nHutan lindung.\n")
    new = old.replace("Hutan lindung.", "Hutan tumbuhtumbuhan tumbuhtumbuhan.")
    with _Small():
        a, b, memo = pair(old, new)
        assert len(memo.normalised.pieces) >= 4
    assert "Komunitas tumbuh-tumbuhan hidup." in a
    assert "Komunitas tumbuhtumbuhan hidup." in b
    assert b == normalise(new)


def test_an_edit_far_away_that_makes_a_hyphen_stray_redoes_its_piece():
    # 'da-lam' once and 'dalam' twice: 2 < 3, the hyphen stays. The edit writes a third
    # 'dalam' pieces away: 'da-lam' is a stray hyphen now, dropped where it stands
    old = _law_like("Pasal 1\nBerlaku da-lam Daerah.\n",
                    "Pasal 2\nTinggal dalam kota dan dalam desa.\n",
                    "Pasal 3\nHutan lindung.\n")
    new = old.replace("Hutan lindung.", "Hutan dalam lindung.")
    with _Small():
        a, b, _memo = pair(old, new)
    assert "Berlaku da-lam Daerah." in a
    assert "Berlaku dalam Daerah." in b
    assert b == normalise(new)
    # and back: the third 'dalam' gone again, the hyphen stays again
    with _Small():
        memo = _Memo()
        normalise(new, memo)
        assert "Berlaku da-lam Daerah." in normalise(old, memo)


def test_furniture_an_edit_puts_before_a_cut_reads_across_it():
    # 'PRESIDEN REPUBLIK INDONESIA' is furniture when '(' or a small letter follows, even
    # on the next line: the edit writes it at the end of the line before a cut
    old = _law_like("Pasal 1\n(1) Pegawai bekerja.\n(2) Pegawai pulang.\n")
    new = old.replace("(1) Pegawai bekerja.", "(1) Pegawai bekerja. PRESIDEN REPUBLIK INDONESIA")
    with _Small(size=4, loud=()):
        _a, b, _memo = pair(old, new)
    assert "(1) Pegawai bekerja.\n(2) Pegawai pulang." in b
    assert b == normalise(new)


def test_a_catchword_an_edit_puts_before_a_cut_reads_across_it():
    old = _law_like("Pasal 1\n(1) Pegawai bekerja.\n(2) Untuk dapat diangkat.\n")
    new = old.replace("(1) Pegawai bekerja.", "(1) Pegawai bekerja. (2) Untuk ...")
    with _Small(size=4, loud=()):
        _a, b, _memo = pair(old, new)
    assert "(1) Pegawai bekerja.\n(2) Untuk dapat diangkat." in b
    assert b == normalise(new)


def test_a_catchword_over_short_lines_reads_across_each_cut():
    # the catchword 'Untuk dapat' stands on two short lines before the '...' that begins
    # the third: the '...' is read with the 60 characters before it, over two cuts (the
    # second cut is asked again once the pieces after it are one)
    old = _law_like("Pasal 4\n(3) Pegawai\nUntuk\ndapat\n... Untuk dapat diangkat.\n")
    new = old.replace("(3) Pegawai", "(3) Pegawai Negeri")
    with _Small(size=1, loud=()):
        a, b, _memo = pair(old, new)
    assert "Pasal 4\n(3) Pegawai\nUntuk dapat diangkat.\n" in a
    assert "Pasal 4\n(3) Pegawai Negeri\nUntuk dapat diangkat.\n" in b
    assert b == normalise(new)


def test_a_break_an_edit_opens_at_the_end_of_a_piece_joins_the_next_line():
    # the edit ends the line before a cut with 'perundang-'; the next line, not edited,
    # begins with 'undangan': 'perundang-undangan' once in the text, the joined form
    # never, the hyphen stays
    old = _law_like("Pasal 1\nPeraturan perundang-undangan berlaku.\nundangan ini sah.\n")
    new = old.replace("berlaku.\n", "berlaku perundang-\n")
    with _Small(size=4, loud=()):
        _a, b, _memo = pair(old, new)
    assert "Peraturan perundang-undangan berlaku perundang-undangan ini sah." in b
    assert b == normalise(new)


def test_spaces_a_note_leaves_at_a_cut_go_as_at_any_line_break():
    # a consolidation note is dropped within its line (no piece joined for it): the
    # space it leaves at the end of the line before a cut, or at the start of the line
    # after it, goes as every space next to a line break
    old = _law_like("Pasal 2\nBerlaku [diubah dengan UU 1]\n[diubah dengan UU 2] sejak diundangkan.\n")
    new = old.replace("Berlaku", "Pasal ini berlaku")
    with _Small(size=4, loud=()):
        a, b, _memo = pair(old, new)
    assert "Pasal 2\nBerlaku\nsejak diundangkan.\n" in a
    assert "Pasal 2\nPasal ini berlaku\nsejak diundangkan.\n" in b
    assert b == normalise(new)


def test_a_line_that_begins_with_a_hyphen_reads_the_line_before_it():
    # _BREAK at a hyphen that begins a line takes the last word of the line before as
    # the word before it (the "$" of _WORD_BEFORE matches before that line break): the
    # two pieces around the cut are read as one, as normalise reads the whole
    old = _law_like("Pasal 3\nKetentuan berikut\n- huruf a.\n")
    new = old.replace("Ketentuan berikut", "Ketentuan yang berikut")
    with _Small(size=4, loud=()):
        a, b, _memo = pair(old, new)
    assert a == normalise(old) and b == normalise(new)


# Random texts of what the steps of normalise read across lines, and random edits: the
# pieces are cut anywhere (or only where quiet), the result must be normalise's alone.
STRESS = ["-", "- ", "- \n", "-\n", "...", " ...", "PRESIDEN REPUBLIK INDONESIA", "PRESIDEN",
          "REPUBLIK", "INDONESIA", "SALINAN", "Pasal 1O", "Tahun 2O2O", "**x**", "__ y __",
          "\r\n", "\r", "\x0c", "^", "\u00a0", "[perlu verifikasi]", "[belum terkonfirmasi: x]",
          "[diubah dengan UU 1]", "- 5 -", "www.x.id", "---", "tumbuh-", "tumbuh-tumbuhan",
          "da-lam", "Untuk ...", "  ", "\t", "kata\n- kata", "\n-kata", " [diubah dengan UU 1]\n",
          "\n[diubah dengan UU 2] ", "x [belum terkonfirmasi: ]\n", "(2) Untuk ...\n(2) Untuk ", "Untuk\n... Untuk ",
          "tumbuh-\ntumbuhan", "tumbuh- tumbuhan", "Per-wakilan", "Perwakilan", "Perwakilan",
          "PRESIDEN REPUBLIK INDONESIA\n", "PRESIDEN REPUBLIK\nINDONESIA", "INDONESIA\n", "\r\n",
          "Untuk\ndapat ... Untuk dapat ", "\n---\n", "\n   \n", "tumbuhtumbuhan", "dalam", "dalam"]
# mostly quiet words between them, so that most line breaks can be cut at (the words of
# the hyphens each more than once: the edits flip their decisions)
QUIET = ["kata", "Kata", " ", " ", " ", "\n", "\n", "tumbuhan", "(2)", "a.", "Pasal", "Untuk"]
TOKENS = STRESS + QUIET * 6
texts = st.lists(st.sampled_from(TOKENS), min_size=0, max_size=90).map("".join)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from([(6, ()), (12, ()), (40, None)]))
def test_random_edits_read_as_the_edited_text_alone(data, pieces):
    size, loud = pieces
    text = data.draw(texts)
    with _Small(size, loud):
        memo = _Memo()
        assert normalise(text, memo) == normalise(text)
        for _ in range(data.draw(st.integers(1, 3))):      # each from the last one's pieces
            breaks = [i for i, c in enumerate(text) if c == "\n"]   # edits at cuts, often
            lo = data.draw(st.sampled_from(breaks) if breaks and data.draw(st.booleans())
                           else st.integers(0, len(text)))
            hi = data.draw(st.integers(lo, min(len(text), lo + 30)))
            put = data.draw(texts.map(lambda s: s[:40])) + data.draw(st.sampled_from(["", "\r"]))
            text = text[:lo] + put + text[hi:]
            assert normalise(text, memo) == normalise(text)


@pytest.fixture(scope="module")
def law():
    if not LAW.is_file():
        pytest.skip("../shared/corpus is not here")
    return read_text(LAW)


@pytest.mark.parametrize("find, put", [
    ("kegiatan berusaha", "kegiatan usaha"),                       # one word, early
    ("Undang-Undang ini mulai berlaku pada tanggal diundangkan",   # one phrase, at the end
     "Undang-Undang ini mulai berlaku pada tanggal 1 Januari 2021"),
    ("Hutan", "Hutan tumbuhtumbuhan tumbuhtumbuhan"),              # flips 'tumbuh- tumbuhan'
    ("Perwakilan", "Per-wakilan Per-wakilan"),                     # 'Per-wakilan' not stray
    ("rllang", "rllang rl-lang rl-lang"),                          # 'rl-lang' not stray
    ("\n", "\r\n"),                                                 # the first line break
    ("bahwa", "PRESIDEN REPUBLIK INDONESIA\nbahwa"),
])
def test_the_law_edited_reads_as_alone(law, find, put):
    new = law.replace(find, put, 1)
    assert new != law
    _a, b, _memo = pair(law, new)
    assert b == normalise(new)


def _piece_at(memo: _Memo, pos: int) -> int:
    at = 0
    for i, p in enumerate(memo.normalised.pieces):
        at += p.size + 1
        if pos < at:
            return i
    raise AssertionError(pos)


def test_the_law_a_word_far_away_flips_a_hyphen(law):
    # 'tumbuh-tumbuhan' once in the law, 'tumbuhtumbuhan' never: the break 'tumbuh-
    # tumbuhan' in the coastal law's definitions keeps its hyphen; two 'tumbuhtumbuhan'
    # written before the closing formula join it: three in the new text
    edit = "Agar setiap orang mengetahuinya"
    new = law.replace(edit, "tumbuhtumbuhan tumbuhtumbuhan " + edit, 1)
    a, b, memo = pair(law, new)
    assert a.count("tumbuhtumbuhan") == 0 and "komunitas tumbuh-tumbuhan, hewan" in a
    assert b.count("tumbuhtumbuhan") == 3 and "komunitas tumbuhtumbuhan, hewan" in b
    # the break stands in a piece the edit did not touch
    assert _piece_at(memo, law.index("komunitas tumbuh-")) < _piece_at(memo, law.index(edit)) - 1


def test_the_law_a_whole_piece_cut_out_a_return_at_a_cut_and_an_edit_at_each_end(law):
    memo = _Memo()
    normalise(law, memo)
    pieces = memo.normalised.pieces
    start = sum(p.size + 1 for p in pieces[:10])
    cut = law[:start] + law[start + pieces[10].size + 1:]        # piece 10 and its break
    assert normalise(cut, memo) == normalise(cut)
    end = start + pieces[11].size          # now piece 11's end: "\r\n" is one line break
    returned = cut[:end] + "\r" + cut[end:]
    assert cut[end] == "\n" and normalise(returned, memo) == normalise(returned)
    ends = "X" + cut[1:-1] + "Y"
    assert normalise(ends, memo) == normalise(ends)
    assert normalise(ends, memo) == normalise(ends)            # the same text again


# Lines of words whose counts decide hyphens, a line edited at a time: the pieces of the
# other lines are reused, unless a count their hyphens were decided by changed.
WORDS = ["tumbuh- tumbuhan", "tumbuh-\ntumbuhan", "tumbuhtumbuhan", "tumbuh-tumbuhan", "da-lam",
         "dalam", "Per-wakilan", "Perwakilan", "Per- wakilan", "kata", "Kata", "(2)", "...",
         "PRESIDEN REPUBLIK INDONESIA", "-", "Untuk", "\r", "[diubah dengan UU 1]"]
lines = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, min_size=3, max_size=30), st.data())
def test_lines_edited_one_at_a_time_read_as_the_text_alone(text_lines, data):
    with _Small(size=1, loud=()):
        memo = _Memo()
        text = "\n".join(text_lines)
        assert normalise(text, memo) == normalise(text)
        for _ in range(data.draw(st.integers(1, 4))):
            i = data.draw(st.integers(0, len(text_lines) - 1))
            text_lines[i] = data.draw(lines)
            text = "\n".join(text_lines)
            assert normalise(text, memo) == normalise(text)


def test_the_law_the_header_of_a_page_written_at_a_cut_goes(law):
    # 'PRESIDEN REPUBLIK INDONESIA' at the end of the line before a cut, the line after
    # it beginning with '(' or a small letter: page furniture, dropped with the space
    # before it — the new text reads as the old one
    memo = _Memo()
    a = normalise(law, memo)
    at = 0
    for p, after in zip(memo.normalised.pieces, memo.normalised.pieces[1:]):
        at += p.size
        if after.raw[:1] == "(" or after.raw[:1].islower():
            break
        at += 1
    else:
        raise AssertionError("no cut before '(' or a small letter")
    assert law[at] == "\n"
    new = law[:at] + " PRESIDEN REPUBLIK INDONESIA" + law[at:]
    assert normalise(new, memo) == a


def test_a_text_with_windows_line_ends_is_cut_too(law):
    # "\r\n" line ends (a .txt saved on Windows): read as the text alone, and the second
    # version of a pair redoes only its edited piece
    text = law.replace("\n", "\r\n")
    new = text.replace("kegiatan berusaha", "kegiatan usaha", 1)
    memo = _Memo()
    assert normalise(text, memo) == normalise(text) == normalise(law)
    first = memo.normalised.pieces
    assert len(first) > 10
    assert normalise(new, memo) == normalise(new)
    kept = [p for p in memo.normalised.pieces if any(p is q for q in first)]
    assert len(kept) >= len(first) - 2          # all but the edited piece (and a neighbour)


@pytest.mark.parametrize("a, b, expected", [
    ("abcXdef", "abcYdef", (3, 3)),      # one character differs
    ("abc", "abc", (3, 0)),              # the same: all of it agrees from the start
    ("abc", "abcd", (3, 0)),             # a character added at the end
    ("xabc", "abc", (0, 3)),             # one taken from the start
    ("aXa", "aa", (1, 1)),               # the end agrees only with what the start left
    ("aaa", "aa", (2, 0)),               # never more than the shorter text in all
    ("", "x", (0, 0)),
    ("Pasal 1 ayat", "Pasal 12 ayat", (7, 5)),
])
def test_agreeing_counts_the_first_and_then_the_last_characters_in_common(a, b, expected):
    assert normalising.agreeing(a, b) == expected


@settings(max_examples=300, deadline=None)
@given(st.text("ab\n", max_size=40), st.text("ab\n", max_size=40))
def test_agreeing_is_what_one_character_at_a_time_finds(a, b):
    lo = 0
    while lo < min(len(a), len(b)) and a[lo] == b[lo]:
        lo += 1
    k = 0
    while k < min(len(a), len(b)) - lo and a[-1 - k] == b[-1 - k]:
        k += 1
    assert normalising.agreeing(a, b) == (lo, k)


def test_words_are_counted_with_the_punctuation_at_their_ends_left_out():
    words = normalising._Words('kerja, (kerja) kerja. "kerja" kerja.x ... pasal-pasal; Pasal\n'
                               "Kerja")
    assert words.counts == {"kerja": 4, "kerja.x": 1, "": 1, "pasal-pasal": 1, "Pasal": 1,
                            "Kerja": 1}
    assert words["kerja"] == 4 and words["tidak"] == 0


def test_words_are_counted_alike_in_parts_of_a_long_text():
    # a text longer than one counted part (64,000 characters): cut at line breaks only,
    # no word lost or split in two at a cut, nor counted twice
    line = "kerja, pasal-pasal Pekerja\n"
    text = line * 5000 + "akhir"                       # 135,000 characters
    words = normalising._Words(text)
    assert words.counts == {"kerja": 5000, "pasal-pasal": 5000, "Pekerja": 5000, "akhir": 1}
    joined = "x" * 70_000 + " kerja\nkerja"             # no line break for 70,000 characters
    assert normalising._Words(joined).counts == {"x" * 70_000: 1, "kerja": 2}
    assert normalising._Words(parts=["kerja ker", "ja kerja"]).counts == \
        {"kerja": 2, "ker": 1, "ja": 1}
