"""References renumbered as the new version numbers its units, before comparing.

When an ayat is inserted, "sebagaimana dimaksud pada ayat (3)" in the old text becomes
"… pada ayat (4)" in the new one without being changed. Each reference of the old text
is resolved to the unit it names (Pasal, ayat, huruf, angka, relative to where it
stands, L-II 272-281), that unit's counterpart is looked up, and the reference is worded
with the counterpart's numbers. What is left different is a real change — including a
reference left pointing at a unit that was deleted.
"""
from __future__ import annotations

import re
from typing import Callable

from rancang.model import bahasa
from rancang.model.tree import Node

_START = re.compile(r"(?:Pasal|ayat|huruf|angka) ")
_CHAIN = re.compile(r"(?:Pasal (?P<p>\d+[A-Z]?)(?![\w/]))?"
                    r"(?: ?ayat \((?P<a>\d{1,2})\))?"
                    r"(?: ?huruf (?P<h>[a-z]{1,2})(?P<hp>\))?(?![\w/]))?"
                    r"(?: ?angka (?P<n>\d{1,3})(?P<np>\))?(?![\w/]))?")
# a reference to another regulation's unit: "Pasal 64 ayat (1) Undang-Undang Nomor 19 …"
_EXTERNAL = re.compile(r" ?(?:Undang-Undang(?! ini)|Peraturan(?! (?:[A-Z][a-z]+ ){0,2}ini)|"
                       r"UU\b|Kitab|KUHP|Perpu)")
# "ayat (2) dan ayat (3)", "huruf a, huruf b, atau huruf c", "Pasal 5 sampai dengan …":
# a later target shares the earlier one's Pasal and ayat
_LIST_GAP = re.compile(r",? ?(?:(?:dan/atau|dan|atau|sampai dengan|s\.d\.) )?")
# an amending Pasal quotes the amended law: its references are to that law's units
_AMENDING = re.compile(r"diubah sehingga berbunyi|diubah sebagai berikut|disisipkan \d+ \(|"
                       r"sehingga berbunyi sebagai berikut")
_REF_LIST = re.compile(r"Pasal \d+(?:(?:,| dan| atau|, dan|, atau) Pasal \d+)+")
DELETED = "⟨dihapus⟩"


def _letter(num: str) -> str:
    return num.rstrip(".)")


def _is_numeric(node: Node) -> bool:
    return node.num[:1].isdigit()


def _item(container: Node | None, ordinal: int | None, numeric: bool) -> Node | None:
    if container is None or ordinal is None:
        return None
    return next((c for c in container.children if c.kind == "rincian"
                 and c.ordinal == ordinal and _is_numeric(c) == numeric), None)


def _within(node: Node, kind: str) -> Node | None:
    while node is not None and node.kind != kind:
        node = node.parent
    return node


def amending(text: str) -> bool:
    """True for the text of a Pasal that amends another law (its references are to it)."""
    return bool(_AMENDING.search(text))


class Resolver:
    """References of one document, resolved to its units."""

    def __init__(self, pasal: dict[str, Node]):
        self.pasal = pasal

    def resolve(self, m: re.Match, here: Node, inherit: dict | None) -> dict | None:
        """The units a reference chain names: {'p': Pasal, 'a': ayat, 'h': huruf item,
        'n': angka item}; None when it names nothing of this document."""
        p, a, h, n = m.group("p"), m.group("a"), m.group("h"), m.group("n")
        parts: dict[str, Node] = {}
        if p is not None:
            base = self.pasal.get(p)
            if base is None:
                return None
            parts["p"] = base
        elif inherit and "p" in inherit and (a is not None or (h is not None and "a" not in inherit)):
            base = inherit["p"]
        else:
            base = _within(here, "pasal")
            if base is None:
                return None
        if a is not None:
            ayat = next((c for c in base.children if c.kind == "ayat"
                         and c.ordinal == int(a)), None)
            if ayat is None:
                return None
            parts["a"] = ayat
            container = ayat
        elif p is not None:
            container = base
        elif inherit and h is not None and "a" in inherit:
            container = inherit["a"]
        else:
            own_ayat = _within(here, "ayat")
            container = own_ayat if own_ayat is not None and own_ayat.parent is base else base
        if h is not None:
            item = _item(container, bahasa.huruf_number(h), numeric=False)
            if item is None:
                return None
            parts["h"] = item
            container = item
        if n is not None:
            if h is None and a is None and p is None:
                if inherit:
                    container = inherit.get("h") or inherit.get("a") or inherit.get("p")
                else:
                    # "angka 3": the nearest list numbered 1., 2., … around the citing unit
                    node = here
                    while node is not None and not any(c.kind == "rincian" and _is_numeric(c)
                                                       for c in node.children):
                        node = node.parent
                    container = node
            item = _item(container, int(n), numeric=True)
            if item is None:
                return None
            parts["n"] = item
        return parts


def chains(text: str):
    """Each reference chain of a text: (match) in order."""
    for start in _START.finditer(text):
        if start.start() and (text[start.start() - 1].isalnum() or text[start.start() - 1] == "/"):
            continue
        m = _CHAIN.match(text, start.start())
        if m is None or m.end() == m.start() or not any(m.group(g) for g in "pahn"):
            continue
        if _EXTERNAL.match(text, m.end()):
            continue
        yield m


def rewrite(text: str, here: Node, resolver: Resolver,
            counterpart: Callable[[Node], Node | None]) -> str:
    """The text with each reference worded in the other version's numbering."""
    out, pos, last_end = [], 0, -1
    inherit: dict | None = None
    for m in chains(text):
        if m.start() < pos:
            continue
        near = inherit if last_end >= 0 and m.start() - last_end <= 20 and \
            _LIST_GAP.fullmatch(text, last_end, m.start()) else None
        parts = resolver.resolve(m, here, near)
        last_end = m.end()
        if parts is None:
            inherit = None
            continue
        first = next(g for g in "pahn" if m.group(g))
        inherit = {k: v for k, v in (near or {}).items() if "pahn".index(k) < "pahn".index(first)}
        inherit.update(parts)
        replaced = []
        for group, node in parts.items():
            other = counterpart(node)
            if other is None:
                value = DELETED
            elif group == "p":
                value = other.num
            elif group == "a":
                value = str(other.ordinal)
            elif group == "h":
                value = _letter(other.num) if not _is_numeric(other) else DELETED
            else:
                value = _letter(other.num) if _is_numeric(other) else DELETED
            replaced.append((m.start(group), m.end(group), value))
        replaced.sort()
        for start, end, value in replaced:
            out.append(text[pos:start])
            out.append(value)
            pos = end
    if not out:
        return text
    out.append(text[pos:])
    return sort_ref_lists("".join(out))


def sort_ref_lists(text: str) -> str:
    """'Pasal 8, Pasal 6, dan Pasal 7' after renumbering reads 'Pasal 6, Pasal 7, dan
    Pasal 8' as a drafter writes it (L-II 276): compare lists of Pasal as sorted."""
    if "Pasal" not in text:
        return text

    def fix(m):
        nums = re.findall(r"Pasal (\d+)", m.group(0))
        seps = re.split(r"Pasal \d+", m.group(0))[1:-1]
        ordered = sorted(nums, key=int)
        return "".join(f"Pasal {n}" + (seps[i] if i < len(seps) else "")
                       for i, n in enumerate(ordered))
    return _REF_LIST.sub(fix, text)
