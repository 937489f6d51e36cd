"""What of a unit is compared: its own words, its heading, the conjunction of its list,
and the punctuation that closes it where that is not what its place in the list asks for.

When an item is added at the end of a list, the item before it changes from '.' to
'; dan' without being changed (model/punctuation.py): punctuation that the item's place
explains is left out of the comparison; the conjunction is a property of the list
(alternative or cumulative: a change of meaning) and compared as part of the unit that
owns the list; punctuation that the place does not explain is compared as written.
"""
from __future__ import annotations

import re

from rancang.model import bahasa
from rancang.model.punctuation import expected_ends, list_conj, split_end, squash
from rancang.model.tree import Document, Node

GROUP_KINDS = ("bab", "bagian", "paragraf")
BODY_KINDS = ("pasal", "ayat", "rincian")
def heading_text(node: Node, doc: Document) -> str:
    """A BAB, Bagian or Paragraf heading as the reader sees it: a generated document
    prints a BAB heading in capitals and a Bagian heading in title case."""
    heading = squash(node.heading or "")
    if doc.doc_type == "parsed" or node.attrs.get("as_written"):
        return heading
    if node.kind == "bab":
        return heading.upper()
    return bahasa.title_words(heading)


class Units:
    """The comparable text of every unit of one document, computed once."""

    def __init__(self, doc: Document, source: "Units | None" = None):
        self.doc = doc
        self._ends: dict[int, str] | None = None
        self._own: dict[int, str] = {}
        self._sig: dict[int, Signature] = {}
        self._raw: dict[int, str] = {}
        self._conj: dict[int, str | None] = {}
        # the units of doc that are unchanged copies of units of source's document
        # (Document.copied): their text is the original's, computed once
        self.source = source
        self.copied = {} if source is None else \
            {k: v for k, v in doc.copied.items() if id(v) in source.ids}
        self._ids: set[int] | None = None

    def end(self, node: Node) -> str | None:
        """The closing punctuation the unit's place asks for (expected_ends), worked out
        for its Pasal when first asked: a copied document may need it for one Pasal."""
        if self._ends is None:
            self._ends, self._ends_done = {}, set()
        pasal = node if node.kind == "pasal" else node.ancestor("pasal")
        top = pasal if pasal is not None else self.doc
        if id(top) not in self._ends_done:
            # a Pasal's places depend on the Pasal alone: the same as for the document
            self._ends.update(expected_ends(top, self.conj))
            self._ends_done.add(id(top))
        return self._ends.get(id(node))

    def conj(self, node: Node) -> str | None:
        """list_conj of the unit, read once (its places and its own words both need it)."""
        key = id(node)
        if key not in self._conj:
            self._conj[key] = list_conj(node)
        return self._conj[key]

    @property
    def ids(self) -> set[int]:
        if self._ids is None:
            self._ids = {id(n) for n in self.doc.walk()}
        return self._ids

    def own(self, node: Node) -> str:
        """The unit's own words as compared: list-place punctuation left out, the list's
        conjunction and any unexplained punctuation kept."""
        key = self._own.get(id(node))
        if key is not None:
            return key
        if node.kind in GROUP_KINDS:
            key = heading_text(node, self.doc)
        elif node.kind in BODY_KINDS:
            key = self._body_own(node, self.end(node))
        else:
            key = squash(node.display)
            if node.kind in ("menimbang", "mengingat"):
                key = split_end(key)[0]
        self._own[id(node)] = key
        return key

    def _body_own(self, node: Node, expected: str | None) -> str:
        """own() of a Pasal, ayat or rincian whose place asks for `expected`."""
        text, mark = split_end(squash(node.display))
        if mark != (mark if expected is None else expected):
            text += mark or " ∅"        # ∅: no punctuation where its place wants one
        conj = self.conj(node)
        if conj is not None:
            text = f"{text} …; {conj} …" if conj else f"{text} …; …"
        return text

    def raw(self, node: Node) -> str:
        """The whole unit as compared, without unit numbers: its own words and those of
        its sub-units."""
        got = self._raw.get(id(node))
        if got is None and id(node) in self.copied:
            got = self._raw[id(node)] = self.source.raw(self.copied[id(node)])
        if got is None:
            if node.kind in ("pasal", "ayat"):
                got = self._raw[id(node)] = self._raw_at_once(node)
            else:
                parts = [node.kind[:2] + ":" + self.own(node)]
                parts += [self.raw(c) for c in node.children if c.kind in BODY_KINDS]
                got = self._raw[id(node)] = "\n".join(parts)
        return got

    def _raw_at_once(self, top: Node) -> str:
        """raw() of a Pasal or ayat in one pass over its units: the sub-units' own() are
        kept, their raw() left to be joined when asked."""
        parts: list[str] = []
        own = self._own
        for node, end in self._places(top):
            if end is _COPY:            # a copy inside: its text is the original's
                parts.append(self.raw(node))
                continue
            text = own.get(id(node))
            if text is None:
                text = own[id(node)] = self._body_own(node, end)
            parts.append(node.kind[:2] + ":" + text)
        return "\n".join(parts)

    def _places(self, top: Node):
        """The units of a Pasal or ayat in raw()'s order, each with the closing
        punctuation its place asks for (expected_ends' rules, handed down from the
        parent rather than looked up), _COPY for a copy (not entered)."""
        copied, conj = self.copied, self.conj
        # (unit, the place its list asks for: None when expected_ends gives it none)
        stack: list[tuple[Node, str | None]] = [(top, None)]
        while stack:
            node, place = stack.pop()
            key = id(node)
            if key in copied:
                yield node, _COPY
                continue
            kind = node.kind
            listed = [c for c in node.children if c.kind == "rincian"]
            if len(listed) < 2:
                self._conj[key] = None      # list_conj: no list of two or more
            if kind == "pasal" or kind == "ayat":
                end, last = (":" if listed else "."), "."
            elif kind == "rincian" and place is not None:
                end, last = (":" if listed else place), place
            else:
                end = last = None
            yield node, end
            if last is not None and listed:
                lc = conj(node) or ""
                second = f"; {lc}" if lc else ";"
                n = len(listed)
                places = {id(item): ("." if item.style == "definisi" else last if i == n - 1
                                     else second if i == n - 2 else ";")
                          for i, item in enumerate(listed)}
                below = [(c, places.get(id(c))) for c in node.children if c.kind in BODY_KINDS]
            else:
                below = [(c, None) for c in node.children if c.kind in BODY_KINDS]
            stack.extend(reversed(below))

    def lines_head(self, node: Node) -> tuple[int, str]:
        """raw(node).count("\n") and raw(node)[:_HEAD], without the rest of raw() where
        that can be: an unchanged unit's signature is hashed, never read whole."""
        got = self._raw.get(id(node))
        if got is None and node.kind in ("pasal", "ayat") and id(node) not in self.copied:
            got = self._lines_head(node)
            if got is not None:
                return got
            got = None
        raw = got if got is not None else self.raw(node)
        return raw.count("\n"), raw[:_HEAD]

    def _lines_head(self, top: Node) -> tuple[int, str] | None:
        """lines_head of a Pasal or ayat: one raw() line a unit; the first lines' own
        words, of a long text its first words (None: a copy inside, read raw())."""
        lines, stack, copied = -1, [top], self.copied
        while stack:
            node = stack.pop()
            if id(node) in copied:
                return None
            lines += 1
            if node.children:
                stack += [c for c in node.children if c.kind in BODY_KINDS]
        pieces, size = [], 0
        for node, end in self._places(top):
            if size > _HEAD:            # the pieces and their line breaks: _HEAD or more
                break
            text = self._own.get(id(node))
            if text is None:
                display = node.display
                text = squash(display[:_LONG]) if len(display) > _LONG else ""
                # own() drops at most 41 characters from the end of squash(display),
                # which starts with this squash of its start: its first _HEAD are own()'s
                if len(text) < _HEAD + 50:
                    text = self._own[id(node)] = self._body_own(node, end)
            piece = node.kind[:2] + ":" + text
            pieces.append(piece)
            size += len(piece) + 1
        return lines, "\n".join(pieces)[:_HEAD]

    def signature(self, node: Node) -> "Signature":
        """The whole unit with the numbers of references masked: equal for a unit that
        was only renumbered or moved."""
        sig = self._sig.get(id(node))
        if sig is None and id(node) in self.copied:
            sig = self._sig[id(node)] = self.source.signature(self.copied[id(node)])
        if sig is None:
            sig = self._sig[id(node)] = Signature(None, self, node)
        return sig

    def full(self, node: Node) -> str:
        """The unit's own words and those of its sub-units, numbered: for views."""
        return full_text(node)


_MASKS = [(word, re.compile(word + r" \(?[0-9a-zA-Z]{1,4}\)?"), word + " #")
          for word in ("Pasal", "ayat", "huruf", "angka")]


_WORDS = tuple(word for word, _, _ in _MASKS)
_HEAD = 200             # the most of a text the hash reads
_LONG = 1000            # of a longer text, the hash's start is squashed from this many
_COPY = object()        # _places: a copy of a unit of the source, not entered


def mask(text: str) -> str:
    """The numbers of references masked: 'Pasal 5 ayat (2)' reads 'Pasal # ayat #'."""
    for word, pattern, masked in _MASKS:     # a literal first: fast to scan
        if word in text:
            text = pattern.sub(masked, text)
    return text


class Signature:
    """mask(raw) of a unit as a key of the alignment, masked only when it is compared
    with another unit's of the same hash: most units are paired with their unchanged
    copy (the same object) or differ in their hash, and masking a long text costs four
    scans of it. Equal and hashed as the masked texts are (hash: of what masking keeps).
    Of a unit of `units`, raw is read when first compared: the hash needs its start."""
    __slots__ = ("_raw", "_units", "_node", "_masked", "_hash")

    def __init__(self, raw: str | None, units: "Units | None" = None, node: Node | None = None):
        self._raw = raw
        self._units, self._node = units, node
        self._masked: str | None = None
        self._hash: int | None = None

    @property
    def raw(self) -> str:
        if self._raw is None:
            self._raw = self._units.raw(self._node)
        return self._raw

    @property
    def masked(self) -> str:
        if self._masked is None:
            self._masked = mask(self.raw)
        return self._masked

    def __hash__(self) -> int:
        if self._hash is None:
            # mask rewrites a reference's number, never a line break, nor the text before
            # the first of its words (a rewrite starts after 'Pasal '): the text up to
            # there, or up to _HEAD if that is sooner, is the masked text's too
            if self._raw is None:
                lines, head = self._units.lines_head(self._node)
            else:
                lines, head = self._raw.count("\n"), self._raw[:_HEAD]
            cut = _HEAD     # a word cut by _HEAD: rewritten after it
            for word in _WORDS:
                at = head.find(word)
                if 0 <= at < cut:
                    cut = at
            self._hash = hash((lines, head[:cut]))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return self is other or self.raw == other.raw or self.masked == other.masked

    def __repr__(self) -> str:
        return f"Signature({self.masked!r})"


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
