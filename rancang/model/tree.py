"""The document tree: one model of a regulation or agreement, of which DOCX, text, the
diff and the checks are views.

A node's `content` is a list of inline pieces: plain strings, `Ref` (a cross-reference
by target ids, worded once numbering is known) and `Placeholder` (a parameter the
regency file leaves open). Numbers, labels, list punctuation and reference wording are
computed by `numbering.py`; nothing here is typed by a drafter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

# Unit kinds of the batang tubuh, outermost first.
STRUCTURE_KINDS = ("bab", "bagian", "paragraf", "pasal", "ayat", "rincian")


@dataclass(frozen=True)
class Source:
    """Where a piece of input came from, for messages: 'clauses/perbup/x.yaml:12'."""
    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Ref:
    """A cross-reference to one or more units by stable id (L-II 272-281)."""
    targets: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    source: Source | None = None
    optional: bool = False          # targets left out by a condition are dropped
    words: str | None = None        # set by the wording step


@dataclass
class Placeholder:
    """A parameter the regency file leaves as '...': rendered '...', refused by --final."""
    path: str
    source: Source | None = None

    def __str__(self) -> str:
        return "..."


@dataclass
class Unconfirmed(Placeholder):
    """A value the input marks unconfirmed (a regency fact, a cell of the statutory
    matrix, a citation): shown with its value, highlighted like an open parameter in a
    draft, refused by --final."""
    value: str = ""
    note: str = ""

    def __str__(self) -> str:
        return self.value


Inline = Union[str, Ref, Placeholder]


@dataclass
class Node:
    kind: str
    id: str = ""
    content: list[Inline] = field(default_factory=list)
    heading: str | None = None
    children: list["Node"] = field(default_factory=list)
    conj: str = "dan"               # conjunction of this node's rincian list
    level: int = 0                  # rincian level 1-4
    style: str | None = None        # e.g. 'definisi' for Ketentuan Umum entries
    source: Source | None = None
    attrs: dict = field(default_factory=dict)
    # computed by numbering
    num: str = ""                   # 'I', 'Kesatu', '1', '5', '(2)', 'a.'
    label: str = ""                 # 'Pasal 5 ayat (2) huruf b'
    suffix: str = ""                # list punctuation added after the text ('; dan')
    ordinal: int = 0                # position among siblings of the same kind, 1-based
    parent: "Node | None" = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, in document order."""
        stack = [self]        # iterative: a deep tree costs no nested generators
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def find(self, kind: str) -> Iterator["Node"]:
        return (n for n in self.walk() if n.kind == kind)

    @property
    def text(self) -> str:
        """The unit's own text with references worded and placeholders shown as '...'."""
        out = []
        for piece in self.content:
            if isinstance(piece, Ref):
                out.append(piece.words if piece.words is not None else "[?]")
            else:
                out.append(str(piece))
        return "".join(out)

    @property
    def display(self) -> str:
        """Text as it stands in the document, list punctuation included."""
        return self.text + self.suffix

    def is_within(self, other: "Node") -> bool:
        """True when this node is `other` or stands inside it."""
        node: Node | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False

    def ancestor(self, kind: str) -> "Node | None":
        node = self.parent
        while node is not None and node.kind != kind:
            node = node.parent
        return node

    def placeholders(self) -> Iterator[Placeholder]:
        """Every placeholder in this subtree, in its content or its attributes."""
        for node in self.walk():
            yield from _placeholders_in(node.content)
            yield from _placeholders_in(node.attrs)


def _placeholders_in(value) -> Iterator[Placeholder]:
    if isinstance(value, Placeholder):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _placeholders_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _placeholders_in(item)


@dataclass
class Document(Node):
    """The root. `doc_type` is perbup, mou, pks or parsed; `meta` holds what the views
    need beyond the units (title lines, jabatan, signature data)."""
    doc_type: str = "perbup"
    meta: dict = field(default_factory=dict)
    # id(unit) -> the unit of another document this one is an unchanged copy of (set by
    # the parser's parse_pair; valid while neither tree is edited): the diff reads the
    # copy's text from it instead of computing it again
    copied: dict = field(default_factory=dict, repr=False, compare=False)

    def placeholders(self) -> Iterator[Placeholder]:
        yield from super().placeholders()
        yield from _placeholders_in(self.meta)

    def by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.walk() if n.id}

    def link_parents(self, linked=()) -> None:
        """Each node's parent set; below the nodes whose id() is in `linked` they are
        set already."""
        stack = [self]
        while stack:
            node = stack.pop()
            for child in node.children:
                child.parent = node
            if id(node) not in linked:
                stack.extend(node.children)
