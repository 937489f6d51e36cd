"""align() of two sequences of units, by hand: units are strings, a unit's key is its
text, its words the words of the text."""
from rancang.compare.align import align


def _align(old, new):
    return align(old, new, key=lambda u: u, words=lambda u: frozenset(u.split()))


def test_the_same_units_pair_in_order():
    units = ["a b c", "d e f", "g h i"]
    assert _align(units, list(units)) == [(u, u, "same") for u in units]


def test_one_unit_changed_between_unchanged_ones_is_modified():
    # {d e f} and {d e x}: 2 common words of 4, likeness 0.5 (alike from 0.5)
    assert _align(["a b c", "d e f", "g h i"], ["a b c", "d e x", "g h i"]) == [
        ("a b c", "a b c", "same"), ("d e f", "d e x", "similar"), ("g h i", "g h i", "same")]


def test_insertions_and_deletions_at_either_end():
    assert _align(["a", "b"], ["x", "a", "b"]) == [
        (None, "x", "inserted"), ("a", "a", "same"), ("b", "b", "same")]
    assert _align(["a", "b", "z"], ["a", "b"]) == [
        ("a", "a", "same"), ("b", "b", "same"), ("z", None, "deleted")]
    assert _align([], ["a"]) == [(None, "a", "inserted")]
    assert _align(["a"], []) == [("a", None, "deleted")]


def test_a_unit_taken_from_the_start_to_the_end_is_moved():
    assert _align(["a", "b", "c"], ["b", "c", "a"]) == [
        ("b", "b", "same"), ("c", "c", "same"), ("a", "a", "moved")]


def test_a_repeated_unit_inserted_next_to_its_twin_keeps_the_others_paired():
    got = _align(["a", "b", "c"], ["a", "a", "b", "c"])
    assert [p for p in got if p[2] == "same"] == [("a", "a", "same"), ("b", "b", "same"),
                                                   ("c", "c", "same")]
    assert [p for p in got if p[2] != "same"] == [(None, "a", "inserted")]


class _Key:
    hashed = 0

    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        return self.text == other.text

    def __hash__(self):
        _Key.hashed += 1
        return hash(self.text)


def test_the_units_both_sequences_start_and_end_with_are_paired_without_hashing():
    texts = [f"u{i}" for i in range(40)]
    old = [_Key(t) for t in texts]
    new = [_Key("x" if t == "u20" else t) for t in texts]
    _Key.hashed = 0
    got = align(old, new, key=lambda u: u, words=lambda u: frozenset([u.text]))
    assert [(o and o.text, n and n.text, how) for o, n, how in got] == \
        [(t, t, "same") for t in texts[:20]] + [("u20", None, "deleted"), (None, "x", "inserted")] + \
        [(t, t, "same") for t in texts[21:]]
    # the matcher and the search for moves hash the two units between (the 78 others,
    # hashed, would be 80 and more)
    assert _Key.hashed <= 8
