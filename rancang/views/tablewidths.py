"""Column widths for a table of the text it holds, so that no word is broken inside a
cell ("Ketenagakerj-aan"). The rule of the automatic table layout of HTML: each column
needs at least its longest word and would like its longest cell on one line (a header
cell may wrap: it asks for its longest word only); the table fills the text width; room
beyond the minimum goes to the columns that want it most.
Widths are measured with Bookman Old Style's own character widths, in linear time."""
from __future__ import annotations

from itertools import repeat

from rancang.views import fontwidths

CELL_PADDING_CM = 2 * 0.19       # Word's and LibreOffice's default left and right cell margins
SAFETY = 1.06                    # room for Word's Bookman Old Style beside its clone, rounding
_PT_CM = 2.54 / 72
_REGULAR = dict(zip(fontwidths.CHARS, fontwidths.REGULAR))
_BOLD = dict(zip(fontwidths.CHARS, fontwidths.BOLD))
_UNKNOWN = 700                   # a character outside the table: as wide as a capital
_WIDEST = max(*fontwidths.REGULAR, *fontwidths.BOLD, _UNKNOWN)


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    return _units(text, _BOLD if bold else _REGULAR) * size_pt / 1000 * _PT_CM


def _units(text: str, table: dict) -> int:
    return sum(map(table.get, text, repeat(_UNKNOWN)))


def column_widths(table, width_cm: float, size_pt: float) -> list[float]:
    cols = max(len(r) for r in table.rows)
    # in thousandths of the font size until the end; a cell or word that cannot beat the
    # column's widest so far even in the widest letters is not measured
    least = [0] * cols            # the longest word
    most = [0] * cols             # the longest cell on one line
    last = len(table.rows) - 1
    for r, row in enumerate(table.rows):
        header = r < table.header
        bold = header or (table.bold_last and r == last)
        widths = _BOLD if bold else _REGULAR
        space = widths[" "]
        c = 0
        for span, runs in zip(table.spans(r), row):
            if span == 1:
                text = "".join(t for t, _ in runs)
                if len(text) * _WIDEST > least[c]:
                    words = text.split()
                    line = 0
                    for word in words:
                        units = _units(word, widths)
                        line += units
                        if units > least[c]:
                            least[c] = units
                    line += space * max(0, len(words) - 1)
                    if line > most[c] and not header:   # a heading may wrap
                        most[c] = line
            c += span
    scale = size_pt / 1000 * _PT_CM * SAFETY
    least = [w * scale + CELL_PADDING_CM for w in least]
    most = [max(m * scale + CELL_PADDING_CM, w) for m, w in zip(most, least)]
    if sum(most) <= width_cm:         # everything fits on one line: share out the rest
        return [m * width_cm / sum(most) for m in most]
    if sum(least) >= width_cm:        # not even the words fit: break only the longest
        return _capped(least, width_cm)
    room, wants = width_cm - sum(least), [m - w for m, w in zip(most, least)]
    return [w + room * want / sum(wants) for w, want in zip(least, wants)]


def _capped(least: list[float], width_cm: float) -> list[float]:
    """The widths min(w, cap) that add up to `width_cm`: the narrow columns keep their
    words whole, the widest give way."""
    rest, count = width_cm, len(least)
    for i, w in enumerate(sorted(least)):
        cap = rest / (count - i)
        if w > cap:
            return [min(x, cap) for x in least]
        rest -= w
    return list(least)
