"""The Peraturan Bupati tentang Perubahan: from the comparison of the enacted text (base)
and the text it should become (wanted) to the amending regulation (L-II 230-238).

`plan()` reads the structure-aware comparison (units aligned across renumbering) and
turns it into the points of Pasal I, in the order of the text, each quoting the amended
unit in full. Nothing is renumbered (L-II 234-236): the base numbers stay, an inserted
unit takes the number of the one before it and a letter (Pasal 7A, ayat (1a), BAB IXA),
a deleted one stays "Dihapus.", and references in the wanted text to units it renumbered
are worded back in the base numbering. `AmendmentComposer` words the regulation with the
forms of `clauses/perubahan/perubahan.yaml`; the tree goes through the same numbering and
views as every other document.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from rancang.compare.diff import Comparison
from rancang.compare.references import Resolver, rewrite
from rancang.compare.units import full_text
from rancang.composition.base import Build
from rancang.composition.sandbox import TextRenderer
from rancang.errors import BuildError, Problem, RancangError
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.numbering import number_document
from rancang.model.punctuation import squash
from rancang.model.tree import Document, Inline, Node
from rancang.sources.loader import YamlMap

# What the wanted text may write for a unit it deletes (L-II 236).
_DELETED = re.compile(r"^\(?\d*[a-z]?\)?\s*dihapus\s*\.?$", re.I)
# A number an earlier amendment gave: Pasal 7A, ayat (1a), BAB IXA (letters A-H only after
# a Roman number, whose own letters are I, V, X, L, C).
_LETTERED = re.compile(r"^(\d+)([A-Za-z])$|^([IVXLC]+?)([A-H])$")
# A number or name a text leaves open: "Nomor ...", "Nomor …"
_OPEN_IN_TEXT = re.compile(r"(?<!\.)(?:\.\.\.|…)(?!\.)")
# Changes an amending regulation does not make in its Pasal I.
_OUTSIDE = ("judul", "menimbang", "mengingat", "penutup")


class AmendError(BuildError):
    """The two texts cannot be written as an amendment (too many changes, none)."""


@dataclass
class _Shim:
    """A unit as the amended text numbers it, for `references.rewrite`."""
    num: str
    ordinal: object


@dataclass
class Point:
    form: str                       # key of `bentuk` in perubahan.yaml
    words: dict                     # the labels the form names
    quoted: list[Node]              # the amended units, quoted in full
    key: tuple                      # place in the text: base position, wanted position


@dataclass
class Plan:
    points: list[Point]
    base_pasal: int                 # Pasal of the base text
    changed_pasal: int              # changed, inserted or deleted
    structural: list[str] = field(default_factory=list)   # why the sistematika changes
    outside: list[str] = field(default_factory=list)       # changes Pasal I does not make
    new_lampiran: Node | None = None    # the Lampiran as the wanted text has it, changed

    @property
    def too_many(self) -> bool:
        """L-II 237: the sistematika changes, or more than 50% of the materi does."""
        return bool(self.structural) or self.changed_pasal * 2 > self.base_pasal


def _letters(n: int, upper: bool) -> str:
    word = bahasa.huruf(n)
    return word.upper() if upper else word


def _lettered(after: str, run: int, upper: bool) -> str:
    """The number of the `run`-th unit inserted after unit `after`: 7 -> 7A, 7B; after a
    unit an earlier amendment inserted, its letters go on: 7A -> 7B (not 7AA), IXA -> IXB."""
    m = _LETTERED.match(after)
    if m:
        stem, letter = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"{stem}{_letters(bahasa.huruf_number(letter) + run, upper)}"
    return f"{after}{_letters(run, upper)}"


def _is_deleted(node: Node) -> bool:
    # a Pasal whose number the wanted text skips was taken out by the drafter: deleted
    return bool(node.attrs.get("lost")) or bool(_DELETED.match(squash(full_text(node))))


def _ayat_of(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind == "ayat"]


def _angka_of(node: Node) -> list[Node]:
    """The items of a list numbered 1., 2., ... right under a Pasal."""
    return [c for c in node.children if c.kind == "rincian" and c.num[:1].isdigit()]


def _pasal_of(node: Node) -> Node | None:
    return node if node.kind == "pasal" else node.ancestor("pasal")


class _Planner:
    def __init__(self, cmp: Comparison, dihapus: str = "Dihapus."):
        self.cmp = cmp
        self.dihapus = dihapus
        self.base, self.wanted = cmp.old, cmp.new
        self.base_pasal = [n for n in self.base.walk() if n.kind == "pasal"]
        self.wanted_pasal = [n for n in self.wanted.walk() if n.kind == "pasal"]
        self.base_index = {id(p): i for i, p in enumerate(self.base_pasal)}
        self.wanted_index = {id(n): i for i, n in enumerate(self.wanted.walk())}
        self.num: dict[int, str] = {}          # wanted Pasal -> amended number
        self.stand_in: set[int] = set()        # wanted "Pasal n Dihapus." of a deleted one
        self.replaced: dict[int, Node] = {}    # base Pasal -> the wanted one in its place
        self.ayat_replaced: dict[int, Node] = {}   # base ayat -> the wanted one in its place
        self.angka_num: dict[int, str] = {}    # wanted angka of a Pasal's list -> '5a'
        self.angka_replaced: dict[int, Node] = {}
        self.ayat_num: dict[int, str] = {}     # wanted ayat -> amended number ('1a')
        self.structural: list[str] = []
        self.outside: list[str] = []
        self.lampiran_change = None            # the Lampiran changes too (its point: last)
        self.resolver = Resolver({p.num: p for p in self.wanted_pasal})

    def origin(self, node: Node, kind: str) -> Node | None:
        other = self.cmp.origin(node)
        return other if other is not None and other.kind == kind else None

    # -- amended numbers -----------------------------------------------------------------
    def number(self) -> None:
        later = [False] * (len(self.wanted_pasal) + 1)
        for i in range(len(self.wanted_pasal) - 1, -1, -1):
            later[i] = later[i + 1] or self.origin(self.wanted_pasal[i], "pasal") is not None
        last: Node | None = None
        run = 0
        for i, n in enumerate(self.wanted_pasal):
            o = self.origin(n, "pasal")
            if o is not None:
                self.num[id(n)], last, run = o.num, o, 0
                self._number_ayat(n, o)
                continue
            nxt = self.base_pasal[self.base_index[id(last)] + 1] \
                if last is not None and self.base_index[id(last)] + 1 < len(self.base_pasal) \
                else (self.base_pasal[0] if last is None and self.base_pasal else None)
            if nxt is not None and self.cmp.counterpart(nxt) is None and \
                    self._in_place(nxt, self.wanted_pasal[i + 1:], self.base_pasal, "pasal"):
                # the wanted Pasal stands where the base has one it does not keep: that one,
                # rewritten (the comparison found them too unlike to pair) or "Dihapus."
                self.num[id(n)], last, run = nxt.num, nxt, 0
                if _is_deleted(n):
                    self.stand_in.add(id(n))
                else:
                    self.replaced[id(nxt)] = n
                continue
            run += 1
            if last is None:
                self.structural.append(_("a new Pasal stands before the first Pasal"))
                self.num[id(n)] = n.num
            elif not later[i + 1] and last.num.isdigit():
                self.num[id(n)] = str(int(last.num) + run)     # after the last: the next number
            else:
                self.num[id(n)] = _lettered(last.num, run, True)

    def _number_ayat(self, n: Node, o: Node) -> None:
        self._number_items(n, o, "ayat", _ayat_of, self.ayat_num, self.ayat_replaced)
        # a numbered list (the definitions of Pasal 1): angka 5a, not a new angka 6
        self._number_items(n, o, "rincian", _angka_of, self.angka_num, self.angka_replaced)

    def _number_items(self, n: Node, o: Node, kind: str, items_of, nums: dict,
                      replaced: dict) -> None:
        """Amended numbers of the ayat (or angka) of a wanted Pasal that has a base one:
        the base number, or the one before and a letter, or after the last the next."""
        base_items, items = items_of(o), items_of(n)
        if not base_items:
            return                      # a Pasal that now has ayat: numbered as written
        later = [False] * (len(items) + 1)
        for i in range(len(items) - 1, -1, -1):
            io = self.origin(items[i], kind)
            later[i] = later[i + 1] or (io is not None and io.parent is o)
        last, run = 0, 0
        top = max(a.ordinal for a in base_items)
        for i, a in enumerate(items):
            io = self.origin(a, kind)
            if io is not None and io.parent is o:
                nums[id(a)], last, run = str(io.ordinal), io.ordinal, 0
                continue
            gone = next((b for b in base_items if b.ordinal == last + 1), None)
            if gone is not None and (self.cmp.counterpart(gone) is None or
                                     self.cmp.counterpart(gone).parent is not n) and \
                    self._in_place(gone, items[i + 1:], base_items, kind):
                nums[id(a)], last, run = str(gone.ordinal), gone.ordinal, 0
                replaced[id(gone)] = a
                continue
            run += 1
            if not later[i + 1]:
                top += 1
                nums[id(a)] = str(top)
            elif last == 0:
                self.structural.append((
                    _("a new ayat stands before ayat (1) of {pasal}") if kind == "ayat" else
                    _("a new angka stands before angka 1 of {pasal}")).format(pasal=o.label))
                nums[id(a)] = str(a.ordinal)
            else:
                nums[id(a)] = _lettered(str(last), run, False)

    def _in_place(self, gone: Node, rest: list[Node], base: list[Node], kind: str) -> bool:
        """True when the next wanted unit that has an origin is the base unit after
        `gone` (or there is none, and `gone` is the last): the wanted unit stands in its
        place."""
        after = next((o for o in (self.origin(w, kind) for w in rest) if o is not None), None)
        i = base.index(gone)
        if after is None:
            return i == len(base) - 1
        return after in base and base.index(after) == i + 1

    def _same(self, o: Node, n: Node) -> bool:
        """The base unit reads as the wanted one does in the amended numbering."""
        amended = "".join(str(p) for p in self.text(n)) + n.suffix
        return squash(o.display) == squash(amended)

    def counterpart(self, node: Node):
        if node.kind == "pasal":
            return _Shim(self.num.get(id(node), node.num), node.ordinal)
        if node.kind == "ayat":
            x = self.ayat_num.get(id(node), str(node.ordinal))
            return _Shim(f"({x})", x)
        if id(node) in self.angka_num:
            return _Shim(f"{self.angka_num[id(node)]}.", node.ordinal)
        return node

    # -- the quoted units -------------------------------------------------------------------
    def text(self, node: Node) -> list[Inline]:
        """The wanted unit's words, its references worded in the amended numbering."""
        own = node.text
        if not own:
            return []
        return [rewrite(own, node, self.resolver, self.counterpart)]

    def copy(self, node: Node, label: str) -> Node:
        q = Node(kind=node.kind, id=f"kutipan.{node.id or id(node)}", content=self.text(node),
                 num=node.num, label=label, suffix=node.suffix, level=node.level,
                 style=node.style, ordinal=node.ordinal)
        for child in node.children:
            if child.kind == "rincian":
                q.children.append(self.copy(child, f"{label} {child.num}"))
        return q

    def quote_pasal(self, n: Node, o: Node | None) -> Node:
        num = self.num.get(id(n), n.num)
        q = Node(kind="pasal", id=f"kutipan.pasal.{num}", content=self.text(n), num=num,
                 label=f"Pasal {num}", suffix=n.suffix)
        base_ayat = [c for c in o.children if c.kind == "ayat"] if o is not None else []
        kept = {id(self.cmp.counterpart(a)) for a in base_ayat
                if self.cmp.counterpart(a) is not None}
        gone = [a for a in base_ayat if id(a) not in self.ayat_replaced and
                (self.cmp.counterpart(a) is None or self.cmp.counterpart(a).parent is not n)]
        angka = _angka_of(o) if o is not None else []
        dropped = [a for a in angka if id(a) not in self.angka_replaced and
                   (self.cmp.counterpart(a) is None or self.cmp.counterpart(a).parent is not n)] \
            if any(id(c) in self.angka_num for c in n.children) else []
        for child in n.children:
            if child.kind == "ayat":
                ao = self.origin(child, "ayat") if id(child) in kept else None
                if ao is None:
                    ao = next((b for b in base_ayat if self.ayat_replaced.get(id(b)) is child),
                              None)
                while gone and ao is not None and ao.parent is o and gone[0].ordinal < ao.ordinal:
                    q.children.append(self._deleted_ayat(num, gone.pop(0)))
                x = self.ayat_num.get(id(child), str(child.ordinal))
                a = self.copy(child, f"Pasal {num} ayat ({x})")
                a.num = f"({x})"
                q.children.append(a)
            elif child.kind == "rincian" and id(child) in self.angka_num:
                io = self.origin(child, "rincian")
                if io is None or io.parent is not o:
                    io = next((b for b in angka if self.angka_replaced.get(id(b)) is child), None)
                while dropped and io is not None and dropped[0].ordinal < io.ordinal:
                    q.children.append(self._deleted_angka(num, dropped.pop(0)))
                x = self.angka_num[id(child)]
                item = self.copy(child, f"Pasal {num} angka {x}")
                item.num = f"{x}."
                q.children.append(item)
            elif child.kind == "rincian":
                q.children.append(self.copy(child, f"Pasal {num} {child.num}"))
        for a in gone:
            q.children.append(self._deleted_ayat(num, a))
        for a in dropped:
            q.children.append(self._deleted_angka(num, a))
        return q

    def _deleted_angka(self, num: str, a: Node) -> Node:
        return Node(kind="rincian", id=f"kutipan.pasal.{num}.angka.{a.ordinal}",
                    content=[self.dihapus], num=f"{a.ordinal}.", style=a.style,
                    label=f"Pasal {num} angka {a.ordinal}")

    def _deleted_ayat(self, num: str, a: Node) -> Node:
        return Node(kind="ayat", id=f"kutipan.pasal.{num}.{a.ordinal}", content=[self.dihapus],
                    num=f"({a.ordinal})", label=f"Pasal {num} ayat ({a.ordinal})")

    def quote_group(self, g: Node, num: str) -> Node:
        q = Node(kind=g.kind, id=f"kutipan.{g.kind}.{num}", heading=g.heading, num=num,
                 label=f"BAB {num}" if g.kind == "bab" else g.label,
                 attrs={"as_written": True})
        for child in g.children:
            if child.kind == "pasal":
                q.children.append(self.quote_pasal(child, None))
            elif child.kind in ("bagian", "paragraf"):
                q.children.append(self.quote_group(child, child.num))
        return q

    # -- the points ---------------------------------------------------------------------
    def plan(self) -> Plan:
        self.number()
        touched: dict[int, dict] = {}
        deleted_pasal: list[Node] = []
        inserted_bab: list[Node] = []
        deleted_bab: list[Node] = []
        heading_bab: list[tuple[Node, Node]] = []
        moved: list[str] = []
        for c in self.cmp.changes:
            if c.op == "renumbered":
                continue
            if c.unit == "lampiran":
                self.lampiran_change = c
                continue
            if c.unit in _OUTSIDE:
                self.outside.append((c.old or c.new or c.unit))
                continue
            if c.op == "moved":
                moved.append(c.old)
                continue
            if c.unit in ("bagian", "paragraf"):
                self.structural.append(_("{unit} is {op}").format(
                    unit=c.old or c.new, op=_(c.op)))
                continue
            if c.unit == "bab":
                if c.op == "inserted" and not c.aspect:
                    inserted_bab.append(c.new_node)
                elif c.op == "deleted" and not c.aspect:
                    deleted_bab.append(c.old_node)
                elif c.op == "modified":
                    heading_bab.append((c.old_node, c.new_node))
                else:   # a heading without its Pasal: the Pasal are regrouped
                    self.structural.append(_("{unit} is {op}").format(
                        unit=c.old or c.new, op=_(c.op)))
                continue
            if c.unit == "pasal" and c.op == "inserted":
                continue            # found again by their numbers
            if c.unit == "pasal" and c.op == "deleted":
                if id(c.old_node) in self.replaced:
                    touched.setdefault(id(c.old_node), {
                        "pasal": c.old_node, "whole": True, "modified": set(),
                        "inserted": [], "deleted": set()})
                else:
                    deleted_pasal.append(c.old_node)
                continue
            if c.op == "modified" and c.aspect == "text" and \
                    self._same(c.old_node, c.new_node):
                continue        # a reference to a unit rewritten in place: the same words
            node = c.new_node if c.new_node is not None else c.old_node
            pasal = _pasal_of(node)
            if pasal is None:
                continue
            base_p = self.origin(pasal, "pasal") if c.new_node is not None else pasal
            if base_p is None:
                continue            # inside an inserted Pasal, quoted whole
            info = touched.setdefault(id(base_p), {"pasal": base_p, "whole": False,
                                                   "modified": set(), "inserted": [],
                                                   "deleted": set()})
            if c.unit == "pasal":
                info["whole"] = True
            elif c.unit == "ayat":
                if c.op == "modified":
                    if _is_deleted(c.new_node):
                        info["deleted"].add(c.old_node.ordinal)
                    else:
                        info["modified"].add(c.old_node.ordinal)
                elif c.op == "inserted":
                    if all(w is not c.new_node for w in self.ayat_replaced.values()):
                        info["inserted"].append(c.new_node)
                elif id(c.old_node) in self.ayat_replaced and \
                        not _is_deleted(self.ayat_replaced[id(c.old_node)]):
                    info["modified"].add(c.old_node.ordinal)
                else:
                    info["deleted"].add(c.old_node.ordinal)
            else:
                ayat = node.ancestor("ayat")
                if ayat is None:
                    info["whole"] = True
                elif c.new_node is not None:
                    ao = self.origin(ayat, "ayat")
                    if ao is not None:
                        info["modified"].add(ao.ordinal)
                else:
                    info["modified"].add(ayat.ordinal)
        if moved:       # one line, however many moved
            shown = ", ".join(moved[:5]) + (_(" and {n} more").format(n=len(moved) - 5)
                                            if len(moved) > 5 else "")
            self.structural.append(_("moved: {units}").format(units=shown))
        points: list[Point] = []
        in_new_bab = {id(p) for b in inserted_bab for p in b.find("pasal")}
        for info in touched.values():
            points.append(self._pasal_point(info))
        for p in deleted_pasal:
            points.append(Point("hapus_pasal", {"pasal": p.label}, [],
                                (self.base_index[id(p)], -1)))
        points += self._inserted_pasal(in_new_bab)
        points += self._inserted_bab(inserted_bab)
        for b in deleted_bab:
            first = next(b.find("pasal"), None)
            where = self.base_index[id(first)] if first is not None else -1
            # L-II 233 b writes it "Bab V dihapus."
            points.append(Point("hapus_bab", {"bab": f"Bab {b.num}"}, [], (where, -1)))
        for o, n in heading_bab:
            first = next(o.find("pasal"), None)
            where = self.base_index[id(first)] - 0.25 if first is not None else -1
            q = Node(kind="bab", id=f"kutipan.bab.{o.num}", heading=n.heading, num=o.num,
                     label=f"BAB {o.num}", attrs={"as_written": True})
            points.append(Point("ubah_judul_bab", {"bab": f"BAB {o.num}"}, [q], (where, -1)))
        points.sort(key=lambda p: p.key)
        new_lampiran = None
        if self.lampiran_change is not None:
            # after the points of the batang tubuh, as PP 82/2019 Pasal I angka 4 and 5
            c = self.lampiran_change
            if c.new_node is None:
                points.append(Point("hapus_lampiran", {}, [], (float("inf"), 0)))
            else:
                new_lampiran = c.new_node
                points.append(Point("ubah_lampiran" if c.old_node is not None
                                    else "tambah_lampiran", {}, [], (float("inf"), 0)))
        deleted_in_bab = sum(1 for b in deleted_bab for _p in b.find("pasal"))
        taken = {id(n) for n in self.replaced.values()} | self.stand_in
        inserted = sum(1 for n in self.wanted_pasal if self.origin(n, "pasal") is None
                       and id(n) not in taken)
        changed = len(touched) + len(deleted_pasal) + deleted_in_bab + inserted
        return Plan(points, len(self.base_pasal), changed, self.structural, self.outside,
                    new_lampiran)

    def _pasal_point(self, info: dict) -> Point:
        o = info["pasal"]
        n = self.replaced.get(id(o)) or self.cmp.counterpart(o)
        if id(o) in self.replaced:
            return Point("ubah_pasal", {"pasal": o.label}, [self.quote_pasal(n, None)],
                         (self.base_index[id(o)], -1))
        key = (self.base_index[id(o)], -1)
        if _is_deleted(n):                   # the wanted text writes "Pasal 16 Dihapus."
            return Point("hapus_pasal", {"pasal": o.label}, [], key)
        quoted = [self.quote_pasal(n, o)]
        words = {"pasal": o.label}
        base_ayat = [c for c in o.children if c.kind == "ayat"]
        kinds = [k for k in ("modified", "inserted", "deleted") if info[k]]
        if info["whole"] or len(kinds) != 1 or not base_ayat:
            return Point("ubah_pasal", words, quoted, key)
        if kinds == ["modified"]:
            if len(info["modified"]) == len(base_ayat):
                return Point("ubah_pasal", words, quoted, key)
            words["ayat"] = bahasa.join_words([f"ayat ({k})" for k in sorted(info["modified"])])
            return Point("ubah_ayat", words, quoted, key)
        if kinds == ["deleted"]:
            words["ayat"] = bahasa.join_words([f"ayat ({k})" for k in sorted(info["deleted"])])
            return Point("hapus_ayat", words, quoted, key)
        new = sorted(info["inserted"], key=lambda a: a.ordinal)
        labels = [self.ayat_num.get(id(a), str(a.ordinal)) for a in new]
        stems = {re.sub(r"[a-z]+$", "", x) for x in labels}
        appended = all(x.isdigit() for x in labels)
        wanted_ayat = [c for c in n.children if c.kind == "ayat"]
        positions = [wanted_ayat.index(a) for a in new if a in wanted_ayat]
        contiguous = positions == list(range(positions[0], positions[0] + len(positions))) \
            if positions else False
        if not contiguous or len(stems) != 1 and not appended:
            return Point("ubah_pasal", words, quoted, key)
        words.update(jumlah=bahasa.angka(len(new)),
                     baru=bahasa.join_words([f"ayat ({x})" for x in labels]))
        if appended:
            return Point("tambah_ayat", words, quoted, key)
        after = wanted_ayat[positions[-1] + 1] if positions[-1] + 1 < len(wanted_ayat) else None
        words.update(sebelum=f"ayat ({stems.pop()})",
                     sesudah=f"ayat ({self.ayat_num.get(id(after), '')})" if after else "")
        return Point("sisip_ayat", words, quoted, key)

    def _gap(self, i: int) -> tuple[Node | None, Node | None]:
        """The base Pasal before and after the i-th wanted Pasal."""
        before = after = None
        for n in reversed(self.wanted_pasal[:i]):
            before = self.origin(n, "pasal")
            if before is not None:
                break
        for n in self.wanted_pasal[i + 1:]:
            after = self.origin(n, "pasal")
            if after is not None:
                break
        return before, after

    def _inserted_pasal(self, in_new_bab: set[int]) -> list[Point]:
        runs: list[list[int]] = []
        for i, n in enumerate(self.wanted_pasal):
            if self.origin(n, "pasal") is not None or id(n) in in_new_bab or \
                    id(n) in self.stand_in or any(w is n for w in self.replaced.values()):
                continue
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        points = []
        for run in runs:
            before, after = self._gap(run[0])
            if before is None:
                continue                     # said as a structural change
            nodes = [self.wanted_pasal[i] for i in run]
            words = {"sebelum": before.label, "sesudah": after.label if after else "",
                     "jumlah": bahasa.angka(len(nodes)),
                     "baru": bahasa.join_words([f"Pasal {self.num[id(n)]}" for n in nodes])}
            points.append(Point("sisip_pasal" if after else "tambah_pasal", words,
                                [self.quote_pasal(n, None) for n in nodes],
                                (self.base_index[id(before)] + 0.5,
                                 self.wanted_index[id(nodes[0])])))
        return points

    def _inserted_bab(self, babs: list[Node]) -> list[Point]:
        wanted_babs = [b for b in self.wanted.children if b.kind == "bab"]
        points = []
        for bab in babs:
            i = wanted_babs.index(bab) if bab in wanted_babs else -1
            prev = next((self.origin(b, "bab") for b in reversed(wanted_babs[:i])
                         if self.origin(b, "bab") is not None), None) if i >= 0 else None
            nxt = next((self.origin(b, "bab") for b in wanted_babs[i + 1:]
                        if self.origin(b, "bab") is not None), None) if i >= 0 else None
            if prev is None or nxt is None:
                self.structural.append(_("{unit} is new before the first or after the last "
                                         "BAB").format(unit=bab.label))
                continue
            run = sum(1 for b in wanted_babs[:i] if self.origin(b, "bab") is None and
                      wanted_babs.index(b) > wanted_babs.index(self.cmp.counterpart(prev)))
            num = _lettered(prev.num, run + 1, True)
            pasal = list(bab.find("pasal"))
            before = self._gap(self.wanted_pasal.index(pasal[0]))[0] if pasal else None
            where = self.base_index[id(before)] + 0.5 if before is not None else -1
            points.append(Point("sisip_bab", {"sebelum": f"BAB {prev.num}",
                                              "sesudah": f"BAB {nxt.num}",
                                              "jumlah": bahasa.angka(1), "baru": f"BAB {num}"},
                                [self.quote_group(bab, num)],
                                (where, self.wanted_index[id(bab)])))
        return points


def plan(cmp: Comparison, dihapus: str = "Dihapus.") -> Plan:
    """The points of Pasal I that make the base text the wanted one."""
    if not cmp.related:
        raise AmendError([Problem.coded("amend-unrelated", _(
            "the two texts share too little to be versions of one regulation ({alike:.0%} of "
            "the Pasal alike); an amendment cannot be written").format(alike=cmp.alike))],
            _("no amendment was written"))
    return _Planner(cmp, dihapus).plan()


# -- what the base regulation is ----------------------------------------------------------

_NUMBER = re.compile(r"\bNOMOR\s+(\d+)\s+TAHUN\s+(\d{4})\s+TENTANG\s+(.+)$", re.I | re.S)
# a regulation of another kind than a Peraturan Bupati, by its title
_OTHER_KIND = re.compile(r"^(UNDANG-UNDANG|PERATURAN PEMERINTAH|PERATURAN PRESIDEN|PERATURAN "
                         r"DAERAH|PERATURAN MENTERI|PERATURAN GUBERNUR|PERATURAN WALI ?KOTA)\b",
                         re.I)
_BERITA = re.compile(r"BERITA\s+DAERAH\s+KABUPATEN\s+.+?\s+TAHUN\s+(\d{4})\s+NOMOR\s+(\d+)",
                     re.I)


def base_identity(doc: Document) -> dict:
    """Number, year, title and Berita Daerah number of the base as its text states them
    (None where it does not): 'PERATURAN BUPATI X NOMOR 5 TAHUN 2024 TENTANG ...'."""
    judul = next((n for n in doc.children if n.kind == "judul"), None)
    text = squash(judul.text) if judul is not None else ""
    out: dict = {"number": None, "year": None, "title": None, "berita_daerah": None,
                 "berita_tahun": None}
    m = _NUMBER.search(text)
    if m:
        out.update(number=m.group(1), year=m.group(2), title=m.group(3))
    elif text:
        out["title"] = re.split(r"\bTENTANG\b", text, flags=re.I)[-1].strip()
    # a Rancangan has no number yet: it cannot be amended (L-II 233 a cites the enacted one)
    out["rancangan"] = bool(re.search(r"\bRANCANGAN\b", text[:200]))
    province = re.search(r"\bPROVINSI\s+([A-Z][A-Z .]*?)\s+(?:RANCANGAN\s+)?PERATURAN\b", text)
    out["province"] = bahasa.title_words(province.group(1).lower()) if province else None
    kind = _OTHER_KIND.match(text)
    out["jenis"] = bahasa.title_words(kind.group(1).lower()) if kind else None
    if out["title"]:
        title = out["title"].strip(" .")
        out["title"] = bahasa.title_words(title.lower()) if title.isupper() else title
    tail = " ".join(squash(n.text) for n in doc.children if n.kind in ("penutup",))
    b = _BERITA.search(tail) or _BERITA.search(squash(full_text(doc.children[-1]))
                                                if doc.children else "")
    if b:       # promulgated in another year than enacted, sometimes
        out["berita_daerah"], out["berita_tahun"] = b.group(2), b.group(1)
    return out


# -- the document ---------------------------------------------------------------------------

class AmendmentComposer:
    """Words the amending regulation: `info` holds the base (number, year, title,
    berita_daerah, earlier: [{number, year, berita_daerah}]) and the regency (name,
    province, seat, bupati, sekretaris_daerah), None where unknown (a placeholder)."""

    def __init__(self, wording: YamlMap, info: dict, the_plan: Plan, reasons: list[str],
                 base: Document, year: int, own: dict | None = None):
        """`own`: the amending Perbup's nomor, ditetapkan, diundangkan (dates) and
        berita_daerah, for the version to sign; None (a Rancangan) leaves them '...'."""
        self.spec, self.plan, self.reasons, self.base = wording, the_plan, reasons, base
        self.renderer = TextRenderer({})
        earlier = info.get("earlier") or []
        kali = [str(k) for k in wording.get("kali") or [""]]
        n = len(earlier) + 1
        self.renderer.context.update({
            "regency": self._open(info["regency"], "regency"),
            "base": self._open({**info["base"], "berita_tahun": info["base"].get(
                "berita_tahun") or info["base"].get("year")}, "base"),
            "kabupaten": f"Kabupaten {info['regency'].get('name') or '...'}",
            "tahun": year,
            "kali": kali[n - 1] if n <= len(kali) else str(n),
            "penetapan": self._penetapan(own, year),
            "alasan": self.renderer.placeholder(_("the reason for the amendment (--reason)"),
                                               None),
        })
        self.earlier = [self._open({**e, "kali": kali[i] if i < len(kali) else ""},
                                   f"perbup.amendments[{i}]")
                        for i, e in enumerate(earlier)]

    def _penetapan(self, own: dict | None, year: int) -> dict:
        open_ = self.renderer.placeholder(
            _("the number and dates of the amending Perbup (given at penetapan)"), None)
        keys = ("nomor", "ditetapkan", "diundangkan", "berita_daerah")
        out = {k: (own or {}).get(k) for k in keys}
        out = {k: open_ if v in (None, "") else v for k, v in out.items()}
        # placed in the Berita Daerah when promulgated: the year of pengundangan
        diundangkan = (own or {}).get("diundangkan")
        out["berita_tahun"] = getattr(diundangkan, "year", None) or year
        return out

    def _open(self, values: dict, path: str) -> dict:
        return {k: (v if v not in (None, "", "...") else
                    self.renderer.placeholder(f"{path}.{k}", None))
                for k, v in values.items()}

    def line(self, key: str, extra: dict | None = None, spec: YamlMap | None = None) -> list[Inline]:
        spec = spec if spec is not None else self.spec
        pieces = self.renderer.render(spec.get(key, ""), spec.where(key), extra)
        return pieces if pieces is not None else []

    def src(self, pieces: list[Inline]) -> str:
        """Pieces back as clause text, their placeholders as markers."""
        return "".join(p if isinstance(p, str) else self.renderer.marker(p) for p in pieces)

    def rujukan(self) -> list[Inline]:
        pieces = self.line("rujukan")
        if self.earlier:
            key = "diubah_sekali" if len(self.earlier) == 1 else "diubah_beberapa_kali"
            pieces = pieces + [" "] + self.line(key, {"last": self.earlier[-1]})
        return pieces

    def compose(self) -> Build:
        judul = Node(kind="judul", id="judul", content=self.line("judul"))
        rujukan = self.src(self.rujukan())
        doc = Document(kind="document", id="perubahan", doc_type="perubahan")
        doc.children = [judul, self.menimbang(judul), self.mengingat(rujukan), *self.pasal(rujukan),
                        self.penutup()]
        if self.plan.new_lampiran is not None:
            # the amending Perbup carries the Lampiran as it now reads (PP 82/2019: "diubah
            # menjadi sebagaimana terlampir")
            wanted = self.plan.new_lampiran
            parent, wanted.parent = wanted.parent, None     # copied alone, not its document
            try:
                lampiran = copy.deepcopy(wanted)
            finally:
                wanted.parent = parent
            doc.children.append(lampiran)
        doc.meta = {
            "kop": [self.renderer.render(k, self.spec.where("kop")) or []
                    for k in self.spec.get("kop") or []],
            "jenis": str(self.spec.get("jenis", "Peraturan Bupati")),
            "nomor": self.line("nomor"), "jabatan": self.line("jabatan"),
            "pembukaan": str(self.spec.get("pembukaan") or ""),
            "nama_daerah": self.line("nama_daerah"), "pasal_numbering": "romawi",
        }
        doc.link_parents()
        problems = number_document(doc) + self.renderer.problems
        if problems:
            raise BuildError(problems)
        return Build(doc, [])

    def menimbang(self, judul: Node) -> Node:
        block = Node(kind="konsiderans", id="menimbang")
        reasons = [r.strip().rstrip(";.").strip() for r in self.reasons if r.strip()]
        if not reasons:         # left open: a draft shows '...', --final refuses it
            items = [self.line("menimbang_tanpa_alasan")]
        else:
            items = [[r if r.lower().startswith("bahwa") else f"bahwa {r}"] for r in reasons]
        title = [f"{self.spec.get('jenis', 'Peraturan Bupati')} tentang "] + judul.content
        for i, content in enumerate(items, 1):
            block.children.append(Node(kind="menimbang", id=f"menimbang.{i}",
                                       content=list(content)))
        if len(items) == 1:
            head, _sep, tail = bahasa.menimbang_single("\x00").partition("\x00")
            block.children[0].content += [head, *title, tail]
            block.attrs["single"] = True
        else:
            head, _sep, tail = bahasa.menimbang_closing(len(items), "\x00").partition("\x00")
            block.children.append(Node(kind="menimbang", id="menimbang.penutup",
                                       content=[head, *title, tail],
                                       attrs={"generated": True}))
        return block

    def mengingat(self, rujukan: str) -> Node:
        """The base's Mengingat, then the base itself (a Perbup: last in the hierarchy)."""
        block = Node(kind="dasar_hukum", id="mengingat")
        for i, item in enumerate(self.base.find("mengingat")):
            text = squash(item.text).rstrip(" ;.")
            if text:
                # what the base leaves open ("Nomor ...") stays open, highlighted and
                # refused by --final, as in any draft
                what = _("Mengingat angka {n} of the base text").format(n=i + 1)
                text = _OPEN_IN_TEXT.sub(lambda _m: self.renderer.placeholder(what, None), text)
                block.children.append(Node(kind="mengingat", id=f"mengingat.{i}",
                                           content=self.renderer.split(text + ";"), attrs={
                                               "confirmed": item.attrs.get("confirmed", True)}))
        block.children.append(Node(kind="mengingat", id="mengingat.base",
                                   content=self.renderer.split(rujukan) + [";"],
                                   attrs={"confirmed": True}))
        return block

    def pasal(self, rujukan: str) -> list[Node]:
        forms = self.spec.get("bentuk") or YamlMap()
        points = self.plan.points
        satu = Node(kind="pasal", id="pasal.I", attrs={"end": ":"})
        many = len(self.earlier) > 1
        if len(points) == 1 and not many:
            # one change: its point's own form with the regulation after the unit it names,
            # "Ketentuan Pasal 6 dalam ... diubah sehingga ..." (L-II 233 a, Contoh 2), "Di
            # antara ayat (1) dan ayat (2) Pasal 5 dalam ... disisipkan ..." (L-II 235)
            only = points[0]
            satu.content = self.line(only.form, {**only.words, "dalam": " dalam " + rujukan},
                                     forms)
            satu.attrs["end"] = ":" if only.quoted else "."
            if only.quoted:
                satu.children.append(Node(kind="kutipan", id="pasal.I.kutipan",
                                          children=only.quoted))
        elif many:
            # amended more than once: the regulation, its amendments lettered, then the
            # points (L-II 233 b)
            satu.content = self.line("pasal_satu_beberapa_kali",
                                     {"rujukan": self.src(self.line("rujukan"))})
            daftar = Node(kind="daftar", id="pasal.I.perubahan")
            for i, earlier in enumerate(self.earlier, 1):
                daftar.children.append(Node(
                    kind="butir", id=f"pasal.I.perubahan.{i}", num=f"{bahasa.huruf(i)}.",
                    content=self.line("perubahan_sebelumnya", {"item": earlier}), suffix=";"))
            satu.children.append(daftar)
            satu.children.append(Node(kind="lanjutan", id="pasal.I.lanjutan",
                                      content=self.line("pasal_satu_lanjutan")))
        else:
            satu.content = self.line("pasal_satu", {"rujukan": rujukan})
        if len(points) > 1 or many:
            for i, point in enumerate(points, 1):
                item = Node(kind="rincian", id=f"pasal.I.{i}", style="definisi",
                            content=self.line(point.form, {**point.words, "dalam": ""}, forms),
                            attrs={"end": ":" if point.quoted else ".", "form": point.form})
                if point.quoted:
                    item.children.append(Node(kind="kutipan", id=f"pasal.I.{i}.kutipan",
                                              children=point.quoted))
                satu.children.append(item)
        dua = Node(kind="pasal", id="pasal.II", content=self.line("pasal_dua"))
        return [satu, dua]

    def penutup(self) -> Node:
        spec = self.spec.get("penutup") or YamlMap()
        node = Node(kind="penutup", id="penutup", content=self.line("pengundangan", spec=spec))
        for block in ("ditetapkan", "diundangkan"):
            if block in spec:
                node.attrs[block] = {k: self.line(k, spec=spec[block]) for k in spec[block]}
        node.attrs["berita_daerah"] = self.line("berita_daerah", spec=spec)
        return node


def refuse_too_many(the_plan: Plan, rujukan: str) -> RancangError:
    """L-II 237: better revoked and drafted anew than amended."""
    reasons = []
    if the_plan.changed_pasal * 2 > the_plan.base_pasal:
        # a Pasal rewritten beyond recognition counts as gone and new: never "22 of 20"
        reasons.append(Problem.coded("amend-too-many", _(
            "{changed} of the {total} Pasal change, more than half (L-II item 237 b)").format(
            changed=min(the_plan.changed_pasal, the_plan.base_pasal),
            total=the_plan.base_pasal)))
    for why in dict.fromkeys(the_plan.structural):     # each reason once
        reasons.append(Problem.coded("amend-structure", _(
            "the structure changes (L-II item 237 a): {why}").format(why=why)))
    return AmendError(reasons, _(
        "too many changes for an amendment: {rujukan} is better revoked and replaced by a "
        "new Peraturan Bupati (L-II item 237). Draft the new one with `rancang build` and "
        "name the old one under perbup.replaces in the regency file (its Ketentuan Penutup "
        "then revokes it), or give --force to write the amendment anyway").format(
        rujukan=rujukan))
