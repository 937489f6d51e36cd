"""Structure-aware comparison of two versions of a regulation.

Units are matched by content and position, not by number: inserting one Pasal
renumbers every later Pasal and every reference to them, and that is one insertion plus
renumbering — not a changed rest of the regulation. A changed unit is reported at the
smallest unit whose own content changed (its words, its heading, its list's
conjunction), with the changed words; references are first renumbered as the new
version numbers its units, so a reference that only followed the renumbering is not a
change. A Pasal that stands in another BAB, Bagian or Paragraf than before has moved.

The result is an API as much as a report: each `Change` carries the old and the new
node, and `Comparison.counterpart()` / `renumbering` give the whole correspondence —
what `rancang amend` needs to word an amending regulation.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from rancang.compare import references
from rancang.compare.align import align
from rancang.compare.units import BODY_KINDS, GROUP_KINDS, Signature, Units, full_text, squash
from rancang.model.tree import Document, Node

OPS = ("inserted", "deleted", "modified", "moved", "renumbered")
UNIT_KINDS = {"bab", "bagian", "paragraf", "pasal", "ayat", "rincian", "menimbang",
              "mengingat", "judul", "penutup", "lampiran", "penjelasan"}
# Below this share of Pasal alike, two texts are different regulations.
RELATED = 0.2
# Word diffs of two very long, very different units are not attempted word by word.
MAX_WORD_CELLS = 4_000_000
_LIST_CONJ = re.compile(r" …;(?: \S+)? …$")

# "Pasal 5" of this regulation, not "Pasal 64 ayat (1) Undang-Undang Nomor 19 …"
_OWN_PASAL = re.compile(r"\bPasal (\d+[A-Z]?)\b(?!(?:[ \t]+ayat[ \t]+\(\d+\))?(?:[ \t]+huruf[ \t]+[a-z])?"
                        r"(?:[ \t]+angka[ \t]+\d+)?[ \t]+(?:Undang-Undang(?! ini)|Peraturan"
                        r"(?! [A-Z][a-z]+ ini)|UU|Kitab|KUHP))")


@dataclass
class Change:
    """One change a reviewer reads. `old`/`new` are the unit's labels in the old and the
    new numbering; `aspect` says what changed in a modified unit (text, heading,
    conjunction) or a moved one (order, group); `words` are (op, text) with op '=', '-'
    or '+'."""
    op: str
    unit: str
    old: str | None
    new: str | None
    old_text: str | None = None
    new_text: str | None = None
    words: list[tuple[str, str]] = field(default_factory=list)
    aspect: str = ""
    old_group: str | None = None
    new_group: str | None = None
    old_node: Node | None = field(default=None, repr=False, compare=False)
    new_node: Node | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        out = {"op": self.op, "unit": self.unit, "old": self.old, "new": self.new,
               "old_text": self.old_text, "new_text": self.new_text}
        if self.aspect:
            out["aspect"] = self.aspect
        if self.old_group or self.new_group:
            out["old_group"], out["new_group"] = self.old_group, self.new_group
        return out


@dataclass
class Comparison:
    old: Document
    new: Document
    changes: list[Change]
    pairs: list[tuple[Node | None, Node | None, str]]   # Pasal-level alignment, for views
    renumbering: dict[str, str] = field(default_factory=dict)   # old label -> new label
    related: bool = True        # False: no common structure, nothing compared word by word
    alike: float = 1.0          # share of Pasal the two versions have in common
    _forward: dict[int, Node] = field(default_factory=dict, repr=False)
    _back: dict[int, Node] = field(default_factory=dict, repr=False)

    @property
    def summary(self) -> dict[str, int]:
        return {op: sum(1 for c in self.changes if c.op == op) for op in OPS}

    def counterpart(self, old_node: Node) -> Node | None:
        """The unit of the new version that an old unit became (None: deleted)."""
        return self._forward.get(id(old_node))

    def origin(self, new_node: Node) -> Node | None:
        """The unit of the old version a new unit comes from (None: inserted)."""
        return self._back.get(id(new_node))

    def as_dict(self) -> dict:
        out = {"summary": self.summary, "changes": [c.as_dict() for c in self.changes]}
        if not self.related:
            out["related"] = False
            out["alike"] = round(self.alike, 3)
        return out


def own_text(node: Node) -> str:
    return squash(node.display)


def _words(old_key: str, new_key: str, old_shown: str | None = None) -> list[tuple[str, str]]:
    """The changed words: difflib over the words between the common first and last
    words; `old_shown` (the old text before its references were renumbered, word for
    word) is what a deletion shows."""
    a, b = old_key.split(), new_key.split()
    shown = old_shown.split() if old_shown is not None else a
    if len(shown) != len(a):
        shown = a
    lo, top = 0, min(len(a), len(b))
    while lo < top and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < top - lo and a[len(a) - 1 - hi] == b[len(b) - 1 - hi]:
        hi += 1
    out: list[tuple[str, str]] = []
    if lo:
        out.append(("=", " ".join(b[:lo])))
    mid_a, mid_b = a[lo:len(a) - hi], b[lo:len(b) - hi]
    if len(mid_a) * len(mid_b) > MAX_WORD_CELLS:
        opcodes = [("replace", 0, len(mid_a), 0, len(mid_b))]
    else:
        opcodes = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.append(("=", " ".join(mid_b[j1:j2])))
        if tag in ("delete", "replace") and i2 > i1:
            out.append(("-", " ".join(shown[lo + i1:lo + i2])))
        if tag in ("insert", "replace") and j2 > j1:
            out.append(("+", " ".join(mid_b[j1:j2])))
    if hi:
        out.append(("=", " ".join(b[len(b) - hi:])))
    return out


def renumbered(a: Node, b: Node) -> bool:
    """Numbered differently: a Bagian by its ordinal ("Pertama" is "Kesatu"), any other
    unit by its number as written."""
    return a.ordinal != b.ordinal if a.kind == "bagian" else a.num != b.num


def _tokens_of(units: Units):
    cache: dict[int, frozenset] = {}

    def tokens(node: Node) -> frozenset:
        got = cache.get(id(node))
        if got is None:
            got = cache[id(node)] = frozenset(units.signature(node).masked.split())
        return got
    return tokens


def _preorder(root: Node) -> list[Node]:
    """list(root.walk()), without a generator's step a unit."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        if node.children:
            stack.extend(reversed(node.children))
    return out


def _body_children(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind in BODY_KINDS]


def _blank(text: str) -> bool:
    """squash(text) is empty: the text is whitespace or nothing."""
    return not text or text.isspace()


def _closing(text: str) -> str:
    """The Penutup's formula; the signature blocks after it are parameters that a
    generated tree keeps apart."""
    m = re.search(r"Agar setiap orang mengetahuinya.*?\.(?=\s|$)", text)
    return m.group(0) if m else ""


def _topic(judul: str) -> str:
    """What a title is about: a generated tree holds the topic, a parsed one the whole
    title block (jabatan, number, 'TENTANG')."""
    return re.split(r"\bTENTANG\b", judul, flags=re.I)[-1].strip().upper()


class _Comparer:
    def __init__(self, old: Document, new: Document):
        self.old, self.new = old, new
        self.walked = {id(old): _preorder(old), id(new): _preorder(new)}
        # each document's units of each kind, in document order: asked for many times
        self._kinds: dict[tuple, list[Node]] = {}
        for doc in (old, new):
            of_kind: dict[str, list[Node]] = {}
            for n in self.walked[id(doc)]:
                got = of_kind.get(n.kind)
                if got is None:
                    of_kind[n.kind] = [n]
                else:
                    got.append(n)
            self._kinds.update(((id(doc), kind), got) for kind, got in of_kind.items())
        self.uo = Units(old)
        self.uo._ids = {id(n) for n in self.walked[id(old)]}
        self.un = Units(new, self.uo)
        self.forward: dict[int, Node] = {}
        self.back: dict[int, Node] = {}
        self.child_pairs: dict[int, list] = {}
        self.changes: list[Change] = []
        self.renumbered_any = False
        self.resolver = references.Resolver({p.num: p for p in self.items(old, "pasal")})
        self._amending: dict[int, bool] = {}
        self._pasal_in: dict[int, list[Node]] | None = None
        self._tok_o, self._tok_n = _tokens_of(self.uo), _tokens_of(self.un)
        self._old_ids = self.uo.ids

    def items(self, doc: Document, *kinds: str) -> list[Node]:
        """The units of these kinds in document order (a list kept: not to be changed)."""
        key = (id(doc), *kinds)
        got = self._kinds.get(key)
        if got is None:
            got = self._kinds[key] = [n for n in self.walked[id(doc)] if n.kind in kinds]
        return got

    # -- correspondence ------------------------------------------------------------------
    def pair(self, o: Node, n: Node) -> None:
        self.forward[id(o)] = n
        self.back[id(n)] = o
        if o.label != n.label:
            self.renumbered_any = True

    def match_subtree(self, o: Node, n: Node, how: str) -> None:
        """Pair the sub-units of two paired units: by position where the whole units are
        alike but for their numbers, else by aligning them."""
        if how == "same":
            self._match_same(o, n)
            return
        self.pair(o, n)
        ko, kn = _body_children(o), _body_children(n)
        if not ko and not kn:
            return
        pairs = align(ko, kn, self._sig, self.words)
        self.child_pairs[id(o)] = pairs
        for a, b, sub in pairs:
            if a is not None and b is not None:
                self.match_subtree(a, b, sub)
            elif a is not None:
                self.renumbered_any = True      # a deleted unit: references to it change

    def _match_same(self, o: Node, n: Node) -> None:
        """match_subtree of two units alike but for their numbers, without recursion:
        every sub-unit paired by position, in the same order."""
        forward, back, child_pairs = self.forward, self.back, self.child_pairs
        renumbered_any = self.renumbered_any
        stack = [(o, n)]
        while stack:
            o, n = stack.pop()
            forward[id(o)] = n          # self.pair, inline: once for every unit
            back[id(n)] = o
            if not renumbered_any and o.label != n.label:
                renumbered_any = True
            if not o.children and not n.children:
                continue
            ko, kn = _body_children(o), _body_children(n)
            if not ko and not kn:
                continue
            pairs = [(a, b, "same") for a, b in zip(ko, kn)]
            child_pairs[id(o)] = pairs
            stack.extend((a, b) for a, b, _ in reversed(pairs))
        self.renumbered_any = renumbered_any

    def words(self, node: Node) -> frozenset:
        return (self._tok_o if self._in_old(node) else self._tok_n)(node)

    # -- text as compared -----------------------------------------------------------------
    def old_key(self, node: Node) -> str:
        text = self.uo.own(node)
        if not self.renumbered_any or node.kind not in BODY_KINDS:
            return text
        pasal = node if node.kind == "pasal" else node.ancestor("pasal")
        if pasal is not None and self.amending(pasal):
            return text
        return references.sort_ref_lists(
            references.rewrite(text, node, self.resolver, self.counterpart))

    def new_key(self, node: Node) -> str:
        text = self.un.own(node)
        return references.sort_ref_lists(text) if self.renumbered_any else text

    def amending(self, pasal: Node) -> bool:
        got = self._amending.get(id(pasal))
        if got is None:
            got = self._amending[id(pasal)] = references.amending(full_text(pasal))
        return got

    def counterpart(self, node: Node) -> Node | None:
        return self.forward.get(id(node))

    # -- changes ------------------------------------------------------------------------
    def add(self, op: str, o: Node | None, n: Node | None, **kw) -> Change:
        unit = (n or o).kind
        change = Change(op, unit, o.label if o is not None else None,
                        n.label if n is not None else None,
                        kw.pop("old_text", full_text(o) if o is not None else None),
                        kw.pop("new_text", full_text(n) if n is not None else None),
                        old_node=o, new_node=n, **kw)
        self.changes.append(change)
        return change

    def compare_units(self, o: Node, n: Node) -> bool:
        """Report what changed inside two paired units; True when anything did."""
        if not self.renumbered_any and (self.un.copied.get(id(n)) is o
                                        or self.uo.raw(o) == self.un.raw(n)):
            return False        # word for word the same (a copy: by its making), and no
                                # reference renumbered
        before = len(self.changes)
        ok, nk = self.old_key(o), self.new_key(n)
        if ok != nk:
            aspect = "heading" if o.kind in GROUP_KINDS else "text"
            if o.kind in BODY_KINDS and _LIST_CONJ.sub("", ok) == _LIST_CONJ.sub("", nk):
                aspect = "conjunction"
            self.add("modified", o, n, old_text=own_text(o), new_text=own_text(n),
                     words=_words(ok, nk, self.uo.own(o)), aspect=aspect)
        for a, b, how in self.child_pairs.get(id(o), ()):
            if self.one_sided(a, b, how):
                if how == "moved":
                    self.compare_units(a, b)
            elif not self.compare_units(a, b) and renumbered(a, b):
                self.add("renumbered", a, b)
        return len(self.changes) > before

    def one_sided(self, o: Node | None, n: Node | None, how: str) -> bool:
        """Report an inserted, deleted or moved unit; False for a pair to compare."""
        if o is None:
            self.add("inserted", None, n)
        elif n is None:
            self.add("deleted", o, None)
        elif how == "moved":
            self.add("moved", o, n, aspect="order")
        else:
            return False
        return True

    def run(self) -> "Comparison":
        old, new = self.old, self.new
        po, pn = self.items(old, "pasal"), self.items(new, "pasal")
        pairs = align(po, pn, lambda x: self._sig(x), self.words)
        matched = sum(1 for o, n, _ in pairs if o is not None and n is not None)
        alike = matched / max(len(po), len(pn), 1)
        if max(len(po), len(pn)) >= 5 and alike < RELATED:
            return self.unrelated(pairs, alike)
        for o, n, how in pairs:
            if o is not None and n is not None:
                self.match_subtree(o, n, how)
            elif o is not None:
                self.renumbered_any = True
        self.preamble()
        group_map = self.match_groups()
        for o, n, how in pairs:
            if n is None:
                self.add("deleted", o, None)
            elif o is None:
                self.add("inserted", None, n)
            else:
                if how == "moved":
                    self.add("moved", o, n, aspect="order")
                elif self.moved_group(o, n, group_map):
                    self.add("moved", o, n, aspect="group",
                             old_group=self._group_label(o), new_group=self._group_label(n))
                if not self.compare_units(o, n) and renumbered(o, n) and how != "moved":
                    self.add("renumbered", o, n)
        self.group_changes(group_map)
        self.closing()
        return self.finish(pairs, alike)

    # -- helpers of run -----------------------------------------------------------------
    def _in_old(self, node: Node) -> bool:
        return id(node) in self._old_ids

    def _sig(self, node: Node) -> Signature:
        return self.uo.signature(node) if self._in_old(node) else self.un.signature(node)

    def unrelated(self, pairs, alike: float) -> "Comparison":
        """Two different regulations: every Pasal of each, without a word diff."""
        for p in self.items(self.old, "pasal"):
            self.add("deleted", p, None)
        for p in self.items(self.new, "pasal"):
            self.add("inserted", None, p)
        return Comparison(self.old, self.new, self.changes, pairs, {}, False, alike)

    def preamble(self) -> None:
        old, new = self.old, self.new
        a, b = self.items(old, "judul"), self.items(new, "judul")
        if a and b:
            self.pair(a[0], b[0])
        if a and b and _topic(own_text(a[0])) != _topic(own_text(b[0])):
            self.add("modified", a[0], b[0], old_text=own_text(a[0]), new_text=own_text(b[0]),
                     words=_words(own_text(a[0]), own_text(b[0])), aspect="text")
        for kind in ("menimbang", "mengingat"):
            for o, n, how in align(self.items(old, kind), self.items(new, kind),
                                   lambda x: self._own_any(x), self.words):
                if o is not None and n is not None:
                    self.pair(o, n)
                if self.one_sided(o, n, how):
                    continue
                if self.uo.own(o) != self.un.own(n):
                    self.add("modified", o, n, old_text=own_text(o), new_text=own_text(n),
                             words=_words(self.uo.own(o), self.un.own(n)), aspect="text")

    def _own_any(self, node: Node) -> str:
        return self.uo.own(node) if self._in_old(node) else self.un.own(node)

    def match_groups(self) -> dict[int, Node]:
        """BAB, Bagian and Paragraf of the two versions paired by the Pasal they hold
        (most in common first), then by their heading."""
        mapping: dict[int, Node] = {}
        taken: set[int] = set()
        for kind in GROUP_KINDS:
            olds, news = self.items(self.old, kind), self.items(self.new, kind)
            labels = Counter(g.label for g in olds)
            votes = []
            for i, g in enumerate(olds):
                count = Counter()
                for p in self.pasal_in(g):
                    other = self.forward.get(id(p))
                    holder = other.ancestor(kind) if other is not None else None
                    if holder is not None:
                        count[id(holder)] += 1
                # the first group equal to g (a group of its own label is equal to none other)
                gi = i if labels[g.label] == 1 else olds.index(g)
                votes += [(-c, gi, h) for h, c in count.items()]
            by_id = {id(h): h for h in news}
            for _, gi, hid in sorted(votes):
                g = olds[gi]
                if id(g) in mapping or hid in taken:
                    continue
                mapping[id(g)] = by_id[hid]
                taken.add(hid)
            for g in olds:
                if id(g) in mapping:
                    continue
                same = next((h for h in news if id(h) not in taken
                             and self.uo.own(g) == self.un.own(h)), None)
                if same is not None:
                    mapping[id(g)] = same
                    taken.add(id(same))
        for g in self.items(self.old, *GROUP_KINDS):
            if id(g) in mapping:
                self.pair(g, mapping[id(g)])
        return mapping

    def pasal_in(self, group: Node) -> list[Node]:
        """The Pasal within a BAB, Bagian or Paragraf, in document order."""
        if self._pasal_in is None:
            self._pasal_in = {}
            for doc in (self.old, self.new):
                for p in self.items(doc, "pasal"):
                    node = p.parent
                    while node is not None:
                        if node.kind in GROUP_KINDS:
                            self._pasal_in.setdefault(id(node), []).append(p)
                        node = node.parent
        return self._pasal_in.get(id(group), [])

    def moved_group(self, o: Node, n: Node, group_map: dict[int, Node]) -> bool:
        node = o.parent
        while node is not None and node.kind in GROUP_KINDS:
            target = group_map.get(id(node))
            if target is not None and not n.is_within(target):
                return True
            node = node.parent
        return False

    @staticmethod
    def _group_label(node: Node) -> str | None:
        parent = node.parent
        return parent.label if parent is not None and parent.kind in GROUP_KINDS else None

    def group_changes(self, group_map: dict[int, Node]) -> None:
        mapped_new = {id(h) for h in group_map.values()}
        for g in self.items(self.old, *GROUP_KINDS):
            h = group_map.get(id(g))
            if h is None:
                self.lift(g, "deleted")
            elif self.uo.own(g) != self.un.own(h):
                self.add("modified", g, h, old_text=g.heading, new_text=h.heading,
                         words=_words(self.uo.own(g), self.un.own(h)), aspect="heading")
            elif renumbered(g, h):
                self.add("renumbered", g, h, old_text=g.heading, new_text=h.heading)
        for h in self.items(self.new, *GROUP_KINDS):
            if id(h) not in mapped_new:
                self.lift(h, "inserted")

    def lift(self, group: Node, op: str) -> None:
        """A group the other version does not have: when every Pasal in it is inserted
        (deleted) too, that is one inserted (deleted) BAB; else only its heading is."""
        side = "new_node" if op == "inserted" else "old_node"
        pasal = {id(p) for p in self.pasal_in(group)}
        hits = [c for c in self.changes if c.op == op and c.unit == "pasal"
                and id(getattr(c, side)) in pasal]
        whole = bool(pasal) and len(hits) == len(pasal)
        if whole:
            self.changes = [c for c in self.changes if c not in hits]
        o, n = (None, group) if op == "inserted" else (group, None)
        text = full_text(group) if whole else group.heading
        self.add(op, o, n, old_text=text if o is not None else None,
                 new_text=text if n is not None else None,
                 aspect="" if whole else "heading")

    def closing(self) -> None:
        for kind in ("penutup", "lampiran", "penjelasan"):
            a, b = self.items(self.old, kind), self.items(self.new, kind)
            if a and b:
                self.pair(a[0], b[0])
                raw_a, raw_b = a[0].display, b[0].display
                if _blank(raw_a) or _blank(raw_b):
                    continue    # a generated Lampiran is a computed table, not text to compare
                if raw_a == raw_b:
                    continue    # the same text: the same words (a long Penjelasan: not squashed)
                # of the Penutup only the formula is text; the Penjelasan is compared whole
                same = (_closing if kind == "penutup" else (lambda text: text))
                text_a, text_b = own_text(a[0]), own_text(b[0])
                if same(text_a) != same(text_b):
                    self.add("modified", a[0], b[0], old_text=text_a, new_text=text_b,
                             aspect="text", words=_words(text_a, text_b))
            elif a and not b:
                self.add("deleted", a[0], None, old_text=own_text(a[0]))
            elif b and not a:
                self.add("inserted", None, b[0], new_text=own_text(b[0]))

    def finish(self, pairs, alike: float) -> "Comparison":
        order = {id(n): i for i, n in enumerate(self.walked[id(self.new)])}
        place, last = {}, -1.0
        if any(c.new_node is None for c in self.changes):   # a deleted unit's place
            for node in self.walked[id(self.old)]:
                other = self.forward.get(id(node))
                if other is not None and id(other) in order:
                    last = order[id(other)]
                place[id(node)] = last + 0.5
        position = {id(c): (order[id(c.new_node)] if c.new_node is not None
                            else place.get(id(c.old_node), -1.0)) for c in self.changes}
        rank = {"moved": 0, "modified": 1}
        self.changes.sort(key=lambda c: (position[id(c)], rank.get(c.op, 2)))
        renumbering = {}
        for node in self.walked[id(self.old)]:
            other = self.forward.get(id(node))
            if other is not None and node.label and node.label != other.label:
                renumbering[node.label] = other.label
        return Comparison(self.old, self.new, self.changes, pairs, renumbering, True, alike,
                          self.forward, self.back)


def compare(old: Document, new: Document) -> Comparison:
    """Compare two versions of a regulation (any mix of parsed and generated trees)."""
    comparer = _Comparer(old, new)
    try:
        return comparer.run()
    finally:
        # a signature keeps its Units to read its text when compared: freed now, not
        # left to the cycle collector
        comparer.uo._sig.clear()
        comparer.un._sig.clear()
