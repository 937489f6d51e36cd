"""Structure-aware comparison of two versions of a regulation.

Units are matched by content and position, not by number: inserting one Pasal
renumbers every later Pasal and every reference to them, and that is one insertion plus
renumbering — not a changed rest of the regulation. A changed unit is reported at the
smallest unit whose own text changed, with the changed words.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from rancang.model.tree import Document, Node

OPS = ("inserted", "deleted", "modified", "moved", "renumbered")
UNIT_KINDS = {"bab", "bagian", "paragraf", "pasal", "ayat", "rincian", "menimbang",
              "mengingat", "judul", "penutup", "lampiran"}

_REF_NUMBERS = re.compile(r"\b(Pasal|ayat|huruf|angka)\s+(\(?[0-9a-zA-Z]{1,4}\)?)")
_TRAILING = re.compile(r"(?:\s*(?:;\s*(?:dan/atau|dan|atau)|[;.:,]))+\s*$")


@dataclass
class Change:
    op: str
    unit: str
    old: str | None
    new: str | None
    old_text: str | None = None
    new_text: str | None = None
    words: list[tuple[str, str]] = field(default_factory=list)   # (op, text): '=', '-', '+'

    def as_dict(self) -> dict:
        return {"op": self.op, "unit": self.unit, "old": self.old, "new": self.new,
                "old_text": self.old_text, "new_text": self.new_text}


@dataclass
class Comparison:
    old: Document
    new: Document
    changes: list[Change]
    pairs: list[tuple[Node | None, Node | None, str]]   # pasal-level alignment, for views

    @property
    def summary(self) -> dict[str, int]:
        return {op: sum(1 for c in self.changes if c.op == op) for op in OPS}

    def as_dict(self) -> dict:
        return {"summary": self.summary, "changes": [c.as_dict() for c in self.changes]}


def own_text(node: Node) -> str:
    return re.sub(r"\s+", " ", node.display).strip()


def full_text(node: Node) -> str:
    parts = [(node.heading or ""), own_text(node)] + [full_text(c) for c in node.children]
    return " ".join(p for p in parts if p)


def signature(text: str) -> str:
    """The text with the numbers of references masked and list punctuation dropped: what
    stays the same when a unit only moves or is renumbered."""
    text = _TRAILING.sub("", text)
    return _REF_NUMBERS.sub(lambda m: m.group(1) + " #", text)


def _rewrite(text: str, pasal_map: dict[str, str]) -> str:
    """The old text with its Pasal references renumbered as the new version numbers
    them: what the new text should say if nothing but the numbering changed."""
    text = _OWN_PASAL.sub(lambda m: "Pasal " + pasal_map.get(m.group(1), m.group(1)), text)
    return _sort_ref_lists(text)


_REF_LIST = re.compile(r"Pasal \d+(?:(?:,| dan| atau|, dan|, atau) Pasal \d+)+")


def _sort_ref_lists(text: str) -> str:
    """'Pasal 8, Pasal 6, dan Pasal 7' after renumbering reads 'Pasal 6, Pasal 7, dan
    Pasal 8' as a drafter writes it (L-II 276): compare lists of Pasal as sorted."""
    def fix(m):
        nums = re.findall(r"Pasal (\d+)", m.group(0))
        seps = re.split(r"Pasal \d+", m.group(0))[1:-1]
        ordered = sorted(nums, key=int)
        return "".join(f"Pasal {n}" + (seps[i] if i < len(seps) else "")
                       for i, n in enumerate(ordered))
    return _REF_LIST.sub(fix, text)


# "Pasal 5" of this regulation, not "Pasal 64 ayat (1) Undang-Undang Nomor 19 …"
_OWN_PASAL = re.compile(r"\bPasal (\d+[A-Z]?)\b(?!(?:[ \t]+ayat[ \t]+\(\d+\))?(?:[ \t]+huruf[ \t]+[a-z])?"
                        r"(?:[ \t]+angka[ \t]+\d+)?[ \t]+(?:Undang-Undang(?! ini)|Peraturan"
                        r"(?! [A-Z][a-z]+ ini)|UU|Kitab|KUHP))")


def _label(node: Node | None) -> str | None:
    return node.label if node is not None else None


def _words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            out.append(("-", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("+", " ".join(b[j1:j2])))
    return out


def _align(old: list[Node], new: list[Node], key) -> list[tuple[Node | None, Node | None, str]]:
    """Pairs (old, new, how): 'same' for equal keys in sequence, 'similar' for a
    modified unit, 'moved' for an equal key out of sequence; None on one side for an
    insertion or deletion."""
    ka, kb = [key(n) for n in old], [key(n) for n in new]
    pairs: list[tuple[Node | None, Node | None, str]] = []
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(old[i1 + k], new[j1 + k], "same") for k in range(i2 - i1)]
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        used: set[int] = set()
        for i in olds:
            best, best_ratio = None, 0.5
            for j in news:
                if j in used:
                    continue
                ratio = difflib.SequenceMatcher(None, ka[i], kb[j], autojunk=False).quick_ratio()
                if ratio > best_ratio:
                    ratio = difflib.SequenceMatcher(None, ka[i], kb[j], autojunk=False).ratio()
                    if ratio > best_ratio:
                        best, best_ratio = j, ratio
            if best is None:
                pairs.append((old[i], None, "deleted"))
            else:
                used.add(best)
                pairs.append((old[i], new[best], "similar"))
        pairs += [(None, new[j], "inserted") for j in news if j not in used]
    # an insertion and a deletion of the same content are one move
    deleted = {key(o): idx for idx, (o, n, how) in enumerate(pairs) if how == "deleted"}
    for idx, (o, n, how) in enumerate(pairs):
        if how == "inserted" and key(n) in deleted:
            d = deleted.pop(key(n))
            pairs[d] = (pairs[d][0], n, "moved")
            pairs[idx] = (None, None, "drop")
    return [p for p in pairs if p[2] != "drop"]


def _pasals(doc: Document) -> list[Node]:
    return [n for n in doc.walk() if n.kind == "pasal"]


def _compare_children(old: Node, new: Node, pasal_map, out: list[Change]) -> None:
    """A unit whose text changed: report it, or descend to the smallest changed unit."""
    own_old, own_new = _rewrite(own_text(old), pasal_map), _sort_ref_lists(own_text(new))
    kids_old = [c for c in old.children if c.kind in ("ayat", "rincian")]
    kids_new = [c for c in new.children if c.kind in ("ayat", "rincian")]
    if _TRAILING.sub("", own_old) != _TRAILING.sub("", own_new):
        out.append(Change("modified", new.kind, old.label, new.label, own_text(old),
                          own_text(new), _words(own_text(old), own_text(new))))
    pairs = _align(kids_old, kids_new, lambda n: signature(full_text(n)))
    for o, n, how in pairs:
        if how == "inserted":
            out.append(Change("inserted", n.kind, None, n.label, None, full_text(n)))
        elif how == "deleted":
            out.append(Change("deleted", o.kind, o.label, None, full_text(o), None))
        elif how == "moved":
            out.append(Change("moved", n.kind, o.label, n.label, full_text(o), full_text(n)))
        else:
            same = _TRAILING.sub("", _rewrite(full_text(o), pasal_map)) == \
                _TRAILING.sub("", _sort_ref_lists(full_text(n)))
            if same:
                if o.num != n.num:
                    out.append(Change("renumbered", n.kind, o.label, n.label, full_text(o),
                                      full_text(n)))
            else:
                _compare_children(o, n, pasal_map, out)


def _closing(text: str) -> str:
    """The Penutup's formula; the signature blocks after it are parameters that a
    generated tree keeps apart."""
    m = re.search(r"Agar setiap orang mengetahuinya.*?\.(?=\s|$)", text)
    return m.group(0) if m else text


def _topic(judul: str) -> str:
    """What a title is about: a generated tree holds the topic, a parsed one the whole
    title block (jabatan, number, 'TENTANG')."""
    return re.split(r"\bTENTANG\b", judul, flags=re.I)[-1].strip().upper()


def _items(doc: Document, kind: str) -> list[Node]:
    return [n for n in doc.walk() if n.kind == kind]


def compare(old: Document, new: Document) -> Comparison:
    changes: list[Change] = []
    # the preamble: Judul, Menimbang, Mengingat
    for kind in ("judul",):
        a, b = _items(old, kind), _items(new, kind)
        if a and b and _topic(own_text(a[0])) != _topic(own_text(b[0])):
            changes.append(Change("modified", kind, a[0].label, b[0].label, own_text(a[0]),
                                  own_text(b[0]), _words(own_text(a[0]), own_text(b[0]))))
    for kind in ("menimbang", "mengingat"):
        for o, n, how in _align(_items(old, kind), _items(new, kind),
                                lambda x: signature(own_text(x))):
            _pair_change(kind, o, n, how, changes, {})
    # the body, Pasal by Pasal
    pairs = _align(_pasals(old), _pasals(new), lambda n: signature(full_text(n)))
    pasal_map = {o.num: n.num for o, n, how in pairs if o is not None and n is not None}
    body: list[Change] = []
    for o, n, how in pairs:
        _pair_change("pasal", o, n, how, body, pasal_map)
    changes += _lift_whole_groups(old, new, body)
    for kind in ("penutup", "lampiran"):
        a, b = _items(old, kind), _items(new, kind)
        if a and b and (not own_text(a[0]) or not own_text(b[0])):
            continue    # a generated Lampiran is a computed table, not text to compare
        if a and b and _closing(own_text(a[0])) != _closing(own_text(b[0])):
            changes.append(Change("modified", kind, a[0].label, b[0].label, own_text(a[0]),
                                  own_text(b[0]), _words(own_text(a[0]), own_text(b[0]))))
        elif a and not b:
            changes.append(Change("deleted", kind, a[0].label, None, own_text(a[0]), None))
        elif b and not a:
            changes.append(Change("inserted", kind, None, b[0].label, None, own_text(b[0])))
    return Comparison(old, new, changes, pairs)


def _pair_change(kind, o, n, how, out: list[Change], pasal_map) -> None:
    if how == "inserted":
        out.append(Change("inserted", kind, None, n.label, None, full_text(n)))
    elif how == "deleted":
        out.append(Change("deleted", kind, o.label, None, full_text(o), None))
    elif how == "moved":
        out.append(Change("moved", kind, o.label, n.label, full_text(o), full_text(n)))
    else:
        if _rewrite(full_text(o), pasal_map) == _sort_ref_lists(full_text(n)):
            if o.num != n.num:
                out.append(Change("renumbered", kind, o.label, n.label, full_text(o),
                                  full_text(n)))
        elif kind == "pasal":
            _compare_children(o, n, pasal_map, out)
        else:
            out.append(Change("modified", kind, o.label, n.label, own_text(o), own_text(n),
                              _words(own_text(o), own_text(n))))


def _lift_whole_groups(old: Document, new: Document, body: list[Change]) -> list[Change]:
    """A BAB (or Bagian) whose every Pasal is inserted, and whose heading the other
    version does not have, is one inserted BAB; likewise for deletions."""
    out = list(body)
    for doc, other, op, side in ((new, old, "inserted", "new"), (old, new, "deleted", "old")):
        other_headings = {(g.kind, (g.heading or "").lower()) for g in other.walk()
                          if g.kind in ("bab", "bagian")}
        for group in [g for g in doc.walk() if g.kind in ("bab", "bagian")]:
            pasal_labels = {p.label for p in group.walk() if p.kind == "pasal"}
            if not pasal_labels or (group.kind, (group.heading or "").lower()) in other_headings:
                continue
            hits = [c for c in out if c.op == op and c.unit == "pasal"
                    and getattr(c, side) in pasal_labels]
            if len(hits) == len(pasal_labels):
                first = out.index(hits[0])
                out = [c for c in out if c not in hits]
                label = group.label
                out.insert(first, Change(op, group.kind, label if side == "old" else None,
                                         label if side == "new" else None,
                                         full_text(group) if side == "old" else None,
                                         full_text(group) if side == "new" else None))
    return out
