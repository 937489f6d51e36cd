"""The punctuation that closes a unit by its place (L-II 87-91), read back from a text.

A drafter's list closes every item with ';', the second-to-last with '; dan' (or
'; atau', '; dan/atau'), the last with what closes the unit around the list ('.' at the
end of a Pasal or ayat); a unit that opens a list ends with ':'; a definition of the
Ketentuan Umum is a sentence, ending with '.'. `numbering.py` writes these; the diff and
the importer read a text against them: what the place explains, and what is written
otherwise.
"""
from __future__ import annotations

import re

from rancang.model.tree import Node

_TAIL = re.compile(r"(?:\s*;\s*(?:dan/atau|dan|atau)|\s*[;.:,])+\s*$")
_TAIL_SIZE = 40         # the closing punctuation is read from the text's last characters
# every whitespace character (str.isspace, str.split and re's \s agree), ASCII first
_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
           "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_ASCII_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"     # of them, ASCII but " " and "\n"
_TAIL_CHARS = ";.:,dan/tu" + _SPACES      # every character _TAIL can match
_AFTER_MARK = ";.:," + _SPACES     # what _TAIL's match may have before its last mark
_SHORT = 200            # below this length split/join costs less than squash's checks
_MARK_PARTS = re.compile(r"[;.:,]|dan/atau|dan|atau")
_MARKS: dict[str, str] = {}     # the closing punctuation found -> its canonical spelling


def squash(text: str) -> str:
    """The words of a text, one space between them: `" ".join(text.split())`, faster.

    When " " and "\n" are a long text's only whitespace, collapsing the runs of spaces
    with str.replace gives the same words at a fraction of the cost. Whitespace as
    str.split reads it: in an ASCII text the characters of _ASCII_SPACES; in any other,
    once the newlines are spaces, an unprintable character (every whitespace character
    but " " is unprintable). Short texts, long runs of spaces and any other whitespace
    take the general way."""
    if len(text) < _SHORT:
        return " ".join(text.split())
    flat = text.replace("\n", " ")
    if flat.isascii():
        plain = not any(c in flat for c in _ASCII_SPACES)
    else:
        plain = flat.isprintable()
    if plain:
        for _ in range(3):
            if "  " not in flat:
                return flat.strip(" ")
            flat = flat.replace("  ", " ")
    return " ".join(flat.split())


def squash_tail(text: str, size: int) -> str:
    """The last `size` characters of squash(text), squashing only the end of the text.

    squash(text) ends with the squashed piece cut from the end of the text (the cut
    may shorten the piece's first word, never change the words after it): once that
    piece has `size` characters, they are the end."""
    if size <= 0:
        return ""
    take = 2 * size + 16
    while take < len(text):
        piece = squash(text[-take:])
        if len(piece) >= size:
            return piece[-size:]
        take *= 4
    return squash(text)[-size:]


def split_end(text: str) -> tuple[str, str]:
    """The text without its closing punctuation, and that punctuation in its canonical
    spelling ('; dan', '.', ':')."""
    last = text[-1:]
    if last and last not in _TAIL_CHARS:        # no closing punctuation
        return text, ""
    if last and last in ";.:," and len(text) > 1 and text[-2] not in _AFTER_MARK \
            and not text.endswith(("dan" + last, "atau" + last)):
        # one mark after a word that is no conjunction: _TAIL matches the mark alone
        return text[:-1], last
    tail = text[-_TAIL_SIZE:]
    # _TAIL's match is made of _TAIL_CHARS alone: it starts where their run at the end
    # starts, or later (a search from each of 40 places costs more than the text)
    m = _TAIL.search(tail[len(tail.rstrip(_TAIL_CHARS)):])
    if not m:
        return text, ""
    found = m.group(0)
    mark = _MARKS.get(found)
    if mark is None:
        mark = "".join(p if p in ";.:," else " " + p for p in _MARK_PARTS.findall(found))
        if len(_MARKS) < 512:       # the few ways units end, not every spacing of them
            _MARKS[found] = mark
    return text[:len(text) - len(found)].rstrip(), mark


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
    # split_end reads the closing punctuation from the text's last characters alone
    return conj_of(split_end(squash_tail(_deepest_last(listed[-2]).display, _TAIL_SIZE))[1])


def expected_ends(root: Node, conj_of_list=list_conj) -> dict[int, str]:
    """The closing punctuation each Pasal, ayat and rincian has by its place alone
    (keyed by id(node)), the list's conjunction as the list has it (`conj_of_list`: the
    caller's list_conj, one that keeps what it read)."""
    out: dict[int, str] = {}
    for node in root.walk():
        if node.kind in ("pasal", "ayat"):
            listed = items(node)
            out[id(node)] = ":" if listed else "."
            # (owner, the place its list closes with, its items): a stack, not a
            # recursive closure (a cycle that would keep conj_of_list's owner alive)
            lists = [(node, ".", listed)] if listed else []
            while lists:
                owner, last, listed = lists.pop()
                conj = conj_of_list(owner) or ""
                for i, item in enumerate(listed):
                    if item.style == "definisi":
                        place = "."
                    elif i == len(listed) - 1:
                        place = last
                    elif i == len(listed) - 2:
                        place = f"; {conj}" if conj else ";"
                    else:
                        place = ";"
                    sub = items(item)
                    out[id(item)] = ":" if sub else place
                    if sub:
                        lists.append((item, place, sub))
    return out
