"""The cyclic garbage collector paused while a long text is parsed or two are compared."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """The objects a parse or a comparison makes live on (the trees, their texts) or go
    with their last reference; a collection of the older generations would walk them all
    again and again for nothing (a tenth of the diff of a long law). Nested and
    concurrent uses are safe: only who turned the collector off turns it on again."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
