"""Two sequences of units aligned by content, in bounded time.

Units with equal keys in sequence pair first (those both sequences start and end with,
then difflib's matching blocks over whole-unit keys: linear in the number of units for an
edit or two). In each stretch between them, units pair by the likeness of their words —
compared only with the units near the same relative place (a window), so two unrelated
texts cost units × window comparisons, not units². What is left is inserted or deleted;
an insertion and a deletion of the same key are one move.
"""
from __future__ import annotations

import bisect
import difflib
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
WINDOW = 24           # units compared with each unit of a changed stretch
ALIKE = 0.5           # likeness from which two units are one unit, modified
SHORT = 8             # fewer distinct words than this: likeness is the Jaccard index alone


def likeness(a: frozenset, b: frozenset) -> float:
    """How alike two units' words are, 0–1: the Jaccard index, averaged with the share of
    the shorter unit's words found in the longer one (a unit that absorbed another, or
    gained a sentence, stays alike)."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    common = len(a & b)
    jaccard = common / (len(a) + len(b) - common)
    if min(len(a), len(b)) < SHORT:
        return jaccard
    return (jaccard + common / min(len(a), len(b))) / 2


def align(old: Sequence[T], new: Sequence[T], key: Callable[[T], str],
          words: Callable[[T], frozenset]) -> list[tuple[T | None, T | None, str]]:
    """Pairs (old, new, how): 'same' for equal keys in sequence, 'similar' for a
    modified unit, 'moved' for an equal key out of sequence; None on one side for an
    insertion or a deletion. The pairs follow the new order."""
    ka, kb = [key(n) for n in old], [key(n) for n in new]
    # the equal keys both start and end with paired first: the matcher hashes only the
    # keys between (an unchanged unit's key is often the same object in both)
    head, most = 0, min(len(ka), len(kb))
    while head < most and (ka[head] is kb[head] or ka[head] == kb[head]):
        head += 1
    tail = 0
    while tail < most - head and (ka[-1 - tail] is kb[-1 - tail] or
                                  ka[-1 - tail] == kb[-1 - tail]):
        tail += 1
    pairs: list[tuple[T | None, T | None, str]] = [(old[k], new[k], "same") for k in range(head)]
    matcher = difflib.SequenceMatcher(None, ka[head:len(ka) - tail], kb[head:len(kb) - tail],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "equal":
            pairs += [(old[i1 + k], new[j1 + k], "same") for k in range(i2 - i1)]
            continue
        pairs += _pair_stretch(old, new, i1, i2, j1, j2, words)
    shift = len(new) - len(old)
    pairs += [(old[k], new[k + shift], "same") for k in range(len(old) - tail, len(old))]
    # an insertion and a deletion of the same content are one move
    deleted: dict[str, list[int]] = {}
    for idx, (o, n, how) in enumerate(pairs):
        if how == "deleted":
            deleted.setdefault(key(o), []).append(idx)
    if deleted:
        for idx, (o, n, how) in enumerate(pairs):
            if how == "inserted" and deleted.get(key(n)):
                d = deleted[key(n)].pop(0)
                pairs[idx] = (pairs[d][0], n, "moved")
                pairs[d] = (None, None, "drop")
    return [p for p in pairs if p[2] != "drop"]


def _pair_stretch(old, new, i1, i2, j1, j2, words) -> list:
    """A changed stretch: each old unit against the new units near its relative place;
    the most alike pairs first, never crossing one another (a crossing is a move)."""
    na, nb = i2 - i1, j2 - j1
    candidates = []
    if na and nb:
        wb = [words(new[j]) for j in range(j1, j2)]
        for i in range(i1, i2):
            wa = words(old[i])
            centre = (i - i1) * nb // na
            for j in range(max(0, centre - WINDOW), min(nb, centre + WINDOW + 1)):
                score = likeness(wa, wb[j])
                if score >= ALIKE:
                    candidates.append((-score, i, j1 + j))
    candidates.sort()
    chosen_i: list[int] = []       # sorted, with chosen_j in the same order
    chosen_j: list[int] = []
    for _, i, j in candidates:
        at = bisect.bisect_left(chosen_i, i)
        if at < len(chosen_i) and chosen_i[at] == i:
            continue
        if (at and chosen_j[at - 1] >= j) or (at < len(chosen_j) and chosen_j[at] <= j):
            continue          # taken, or crossing a pair already chosen
        chosen_i.insert(at, i)
        chosen_j.insert(at, j)
    out = []
    oi, nj = i1, j1
    for i, j in zip(chosen_i, chosen_j):
        out += [(old[k], None, "deleted") for k in range(oi, i)]
        out += [(None, new[k], "inserted") for k in range(nj, j)]
        out.append((old[i], new[j], "similar"))
        oi, nj = i + 1, j + 1
    out += [(old[k], None, "deleted") for k in range(oi, i2)]
    out += [(None, new[k], "inserted") for k in range(nj, j2)]
    return out
