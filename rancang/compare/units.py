"""What of a unit is compared: its own words, its heading, the conjunction of its list,
and the punctuation that closes it where that is not what its place in the list asks for.

A drafter's list closes every item with ';', the second-to-last with '; dan' (or
'; atau', '; dan/atau'), the last with '.' — so when an item is added at the end, the
item before it changes from '.' to '; dan' without being changed. That punctuation is
explained by the item's place and left out of the comparison; the conjunction is a
property of the list (alternative or cumulative: a change of meaning) and compared as
part of the unit that owns the list; punctuation that the place does not explain is
compared as written.
"""
from __future__ import annotations

import re

from rancang.model import bahasa
from rancang.model.tree import Document, Node

GROUP_KINDS = ("bab", "bagian", "paragraf")
BODY_KINDS = ("pasal", "ayat", "rincian")
_TAIL = re.compile(r"(?:\s*;\s*(?:dan/atau|dan|atau)|\s*[;.:,])+\s*$")
_MARK_PARTS = re.compile(r"[;.:,]|dan/atau|dan|atau")
# the numbers of references, masked: what stays when only the numbering changed
_REF_NUMBER = re.compile(r"(Pasal|ayat|huruf|angka) (\(?[0-9a-zA-Z]{1,4}\)?)")


def squash(text: str) -> str:
    return " ".join(text.split())


def split_end(text: str) -> tuple[str, str]:
    """The text without its closing punctuation, and that punctuation ('; dan', '.')."""
    tail = text[-40:]
    m = _TAIL.search(tail)
    if not m:
        return text, ""
    core = text[:len(text) - len(m.group(0))].rstrip()
    parts = _MARK_PARTS.findall(m.group(0))
    mark = "".join(p if p in ";.:," else " " + p for p in parts)
    return core, mark


def conj_of(mark: str) -> str:
    return mark.rsplit(" ", 1)[-1] if " " in mark else ""


def items(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind == "rincian"]


def _deepest_last(node: Node) -> Node:
    while True:
        sub = items(node)
        if not sub:
            return node
        node = sub[-1]


def list_conj(node: Node) -> str | None:
    """The conjunction of the list this unit opens ('dan', 'atau', 'dan/atau', '' for
    none), read where it stands: after the second-to-last item (or after the last item
    of that item's own sub-list). None when the unit opens no list of two or more."""
    listed = items(node)
    if len(listed) < 2:
        return None
    return conj_of(split_end(squash(_deepest_last(listed[-2]).display))[1])


def expected_ends(doc: Document) -> dict[int, str]:
    """The closing punctuation each Pasal, ayat and rincian has by its place alone."""
    out: dict[int, str] = {}

    def walk_list(owner: Node, last: str) -> None:
        listed = items(owner)
        conj = list_conj(owner) or ""
        for i, item in enumerate(listed):
            if item.style == "definisi":
                place = "."
            elif i == len(listed) - 1:
                place = last
            elif i == len(listed) - 2:
                place = f"; {conj}" if conj else ";"
            else:
                place = ";"
            out[id(item)] = ":" if items(item) else place
            walk_list(item, place)

    for node in doc.walk():
        if node.kind in ("pasal", "ayat"):
            out[id(node)] = ":" if items(node) else "."
            walk_list(node, ".")
    return out


def heading_text(node: Node, doc: Document) -> str:
    """A BAB, Bagian or Paragraf heading as the reader sees it: a generated document
    prints a BAB heading in capitals and a Bagian heading in title case."""
    heading = squash(node.heading or "")
    if doc.doc_type == "parsed":
        return heading
    return heading.upper() if node.kind == "bab" else bahasa.title_words(heading)


class Units:
    """The comparable text of every unit of one document, computed once."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.ends = expected_ends(doc)
        self._own: dict[int, str] = {}
        self._sig: dict[int, str] = {}

    def own(self, node: Node) -> str:
        """The unit's own words as compared: list-place punctuation left out, the list's
        conjunction and any unexplained punctuation kept."""
        key = self._own.get(id(node))
        if key is not None:
            return key
        if node.kind in GROUP_KINDS:
            key = heading_text(node, self.doc)
        else:
            text = squash(node.display)
            if node.kind in BODY_KINDS:
                text, mark = split_end(text)
                if mark != self.ends.get(id(node), mark):
                    text += mark or " ∅"        # ∅: no punctuation where its place wants one
                conj = list_conj(node)
                if conj is not None:
                    text = f"{text} …; {conj} …" if conj else f"{text} …; …"
            elif node.kind in ("menimbang", "mengingat"):
                text = split_end(text)[0]
            key = text
        self._own[id(node)] = key
        return key

    def signature(self, node: Node) -> str:
        """The whole unit with the numbers of references masked and without unit numbers:
        equal for a unit that was only renumbered or moved."""
        sig = self._sig.get(id(node))
        if sig is None:
            parts = [node.kind[:2] + ":" + mask(self.own(node))]
            parts += [self.signature(c) for c in node.children if c.kind in BODY_KINDS]
            sig = "\n".join(parts)
            self._sig[id(node)] = sig
        return sig

    def full(self, node: Node) -> str:
        """The unit's own words and those of its sub-units, numbered: for views."""
        return full_text(node)


def mask(text: str) -> str:
    return _REF_NUMBER.sub(r"\1 #", text) if ("Pasal" in text or "ayat" in text or
                                                "huruf" in text or "angka" in text) else text


def full_text(node: Node) -> str:
    """A unit as the document shows it, with the numbers of its sub-units."""
    parts = []
    if node.kind in GROUP_KINDS and node.heading:
        parts.append(node.heading)
    own = squash(node.display)
    if own:
        parts.append(own)
    for child in node.children:
        if child.kind in BODY_KINDS:
            parts.append(f"{child.num} {full_text(child)}".strip())
    return " ".join(parts)
