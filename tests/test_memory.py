"""The collector is paused while a text is parsed or compared, and left as it was."""
import gc

import pytest

from rancang.compare.diff import compare
from rancang.memory import collector_paused
from rancang.readers.parse import parse_pair, parse_text

TEXT = ("PERATURAN BUPATI TENTANG UJI\nMEMUTUSKAN:\nPasal 1\nCukup.\nPasal 2\n"
        "Iuran dibayar paling lambat tanggal 15 setiap bulan oleh pemberi kerja.\n")


def test_off_inside_and_on_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()       # the inner use does not turn it on
    assert gc.isenabled()


def test_on_again_after_an_error():
    with pytest.raises(ValueError):
        with collector_paused():
            raise ValueError("x")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        parse_text(TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parsing_and_comparing_leave_it_on():
    old, new = parse_pair(TEXT, TEXT.replace("tanggal 15", "tanggal 10"))
    assert gc.isenabled()
    assert [c.new for c in compare(old, new).changes] == ["Pasal 2"]
    assert gc.isenabled()
