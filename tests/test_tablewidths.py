"""Column widths from the words of each column (the PDF test sees the result on paper)."""
import pytest

from rancang.views.blocks import Table
from rancang.views.tablewidths import CELL_PADDING_CM, SAFETY, column_widths, text_width_cm

PT = 2.54 / 72


def _t(*rows, header=1, bold_last=False):
    return Table([[[(c, None)] for c in row] for row in rows], header=header, bold_last=bold_last)


def test_word_widths_are_bookmans():
    # Bookman's advances in thousandths: K 720, e 520, t 380, n 660, a 580, g 540, k 620,
    # r 440, j 300 -> "Ketenagakerjaan" 8200, so 82 pt at 10 pt
    assert text_width_cm("Ketenagakerjaan", 10) == pytest.approx(82 * PT)
    # bold "No.": N 740, o 620, . 340 -> 17 pt at 10 pt
    assert text_width_cm("No.", 10, bold=True) == pytest.approx(17.0 * PT)


def test_each_column_holds_its_longest_word_and_the_table_fills_the_width():
    table = _t(["No.", "Perangkat Daerah", "Jumlah"],
               ["1", "Dinas Ketenagakerjaan dan Transmigrasi", "1.250"])
    widths = column_widths(table, 16.0, 10)
    assert sum(widths) == pytest.approx(16.0)
    assert widths[1] >= 82 * PT * SAFETY + CELL_PADDING_CM       # "Ketenagakerjaan"
    assert widths[0] >= 17.0 * PT * SAFETY + CELL_PADDING_CM     # bold "No."
    # here every cell fits on one line: the widths follow the one-line lengths
    assert widths[1] > widths[2] > widths[0]


def test_when_the_words_do_not_fit_only_the_widest_columns_give_way():
    long_word = "Ketenagakerjaan" * 4          # 11.6 cm at 10 pt
    table = _t(["No.", "A", "B"], ["1", long_word, "Rp16.800"])
    widths = column_widths(table, 8.0, 10)
    assert sum(widths) == pytest.approx(8.0)
    assert widths[0] == pytest.approx(17.0 * PT * SAFETY + CELL_PADDING_CM)
    # "Rp16.800": R 720, p 620, 1 620, 6 620, . 320, 8 620, 0 620, 0 620 = 4760
    assert widths[2] == pytest.approx(47.6 * PT * SAFETY + CELL_PADDING_CM)
    assert widths[1] < 11.6


def test_the_spanning_total_label_does_not_widen_the_first_column():
    table = _t(["No.", "Kelompok", "Jumlah"], ["1", "kader", "10"], ["JUMLAH", "", "10"],
               bold_last=True)
    assert table.spans(2) == [2, 0, 1]
    narrow = column_widths(_t(["No.", "Kelompok", "Jumlah"], ["1", "kader", "10"]), 16.0, 10)
    assert column_widths(table, 16.0, 10) == pytest.approx(narrow)
