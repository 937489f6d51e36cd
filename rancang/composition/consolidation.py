"""The consolidated text: a base regulation with its amendments applied in order.

Each change read from an amending regulation's Pasal I (readers/amendment.py) replaces,
inserts or deletes units of the base tree; the unit keeps a note of the instrument that
last changed it (the words in clauses/perubahan/perubahan.yaml, `catatan_konsolidasi`).
The A/B numbers of inserted units stay (Pasal 7A) unless `renumber`: then deleted units
go, the Pasal, ayat and BAB are numbered from their position and the references of the
text follow (compare/references.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rancang.compare.references import Resolver, rewrite
from rancang.composition.sandbox import TextRenderer
from rancang.errors import RancangError
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Document, Node
from rancang.readers.amendment import Change, Instrument
from rancang.sources.loader import YamlMap


@dataclass
class _Shim:
    """A Pasal as the renumbered text numbers it, for `references.rewrite`."""
    num: str
    ordinal: int


class Consolidator:
    def __init__(self, base: Document, wording: YamlMap):
        self.doc = base
        self.spec = wording.get("catatan_konsolidasi") or YamlMap()
        self.dihapus = str(wording.get("dihapus", "Dihapus."))
        self.renderer = TextRenderer({})
        self.notes: list[str] = []

    def note(self, key: str, instrument: Instrument, **words: str) -> str:
        pieces = self.renderer.render(self.spec.get(key, ""), self.spec.where(key),
                                      {"instrumen": instrument.name, **words}) or []
        return "".join(str(p) for p in pieces)

    def _pasal(self) -> dict[str, Node]:
        return {n.num: n for n in self.doc.walk() if n.kind == "pasal"}

    def _bab(self, num: str) -> Node | None:
        return next((n for n in self.doc.children if n.kind == "bab" and n.num == num), None)

    def _missing(self, ins: Instrument, c: Change, unit: str) -> RancangError:
        return RancangError(_("{instrument}, point {n} of Pasal I: {unit} is not in the text "
                              "it amends").format(instrument=ins.name, n=c.point, unit=unit))

    def _taken(self, ins: Instrument, c: Change, num: str) -> RancangError:
        return RancangError(_("{instrument}, point {n} of Pasal I: the text it amends has a "
                              "Pasal {num} already").format(instrument=ins.name, n=c.point,
                                                            num=num))

    def apply(self, ins: Instrument) -> None:
        for c in ins.changes:
            getattr(self, f"_{c.op}")(ins, c)

    def _replace(self, ins: Instrument, c: Change) -> None:
        pasal = self._pasal()
        for u in c.units:
            old = pasal.get(u.num)
            if old is None:
                raise self._missing(ins, c, f"Pasal {u.num}")
            parent = old.parent
            parent.children[parent.children.index(old)] = u
            u.parent = parent
            u.attrs["note"] = self.note("diubah", ins)

    def _insert_after(self, ins: Instrument, c: Change) -> None:
        pasal = self._pasal()
        anchor = pasal.get(c.anchor)
        if anchor is None:
            raise self._missing(ins, c, f"Pasal {c.anchor}")
        parent = anchor.parent
        at = parent.children.index(anchor)
        key = "ditambahkan" if c.head.startswith("Setelah") else "disisipkan"
        for u in c.units:
            if u.num in pasal:
                raise self._taken(ins, c, u.num)
            at += 1
            parent.children.insert(at, u)
            u.parent = parent
            u.attrs["note"] = self.note(key, ins)

    def _delete(self, ins: Instrument, c: Change) -> None:
        pasal = self._pasal()
        for num in c.names or [c.anchor]:
            old = pasal.get(num)
            if old is None:
                raise self._missing(ins, c, f"Pasal {num}")
            old.content, old.children = [self.dihapus], []
            old.attrs.update(deleted=True, note=self.note("dihapus", ins))

    def _delete_bab(self, ins: Instrument, c: Change) -> None:
        bab = self._bab(c.anchor)
        if bab is None:
            raise self._missing(ins, c, f"BAB {c.anchor}")
        bab.heading, bab.children = self.dihapus, []
        bab.attrs.update(deleted=True, note=self.note("dihapus", ins))

    def _bab_heading(self, ins: Instrument, c: Change) -> None:
        bab = self._bab(c.anchor)
        if bab is None:
            raise self._missing(ins, c, f"BAB {c.anchor}")
        bab.heading = c.units[0].heading
        bab.attrs["note"] = self.note("diubah", ins)

    def _insert_bab_after(self, ins: Instrument, c: Change) -> None:
        bab = self._bab(c.anchor)
        if bab is None:
            raise self._missing(ins, c, f"BAB {c.anchor}")
        pasal = self._pasal()
        at = self.doc.children.index(bab)
        for u in c.units:
            for p in u.find("pasal"):
                if p.num in pasal:
                    raise self._taken(ins, c, p.num)
            at += 1
            self.doc.children.insert(at, u)
            u.parent = self.doc
            u.attrs["note"] = self.note("disisipkan", ins)

    def _replace_part(self, kind: str, text: str, note: str, keep: bool = False) -> None:
        node = next((n for n in self.doc.children if n.kind == kind), None)
        if node is None:
            node = Node(kind=kind, id=kind, label=kind.capitalize(), parent=self.doc)
            after = [i for i, n in enumerate(self.doc.children)
                     if n.kind in ("penutup", "lampiran")]
            self.doc.children.insert(after[-1] + 1 if after else len(self.doc.children), node)
        if text:
            node.content = [text]
        # one note a point: several Lampiran changed by one instrument keep theirs
        earlier = node.attrs.get("note") if keep else None
        notes = earlier if isinstance(earlier, list) else [earlier] if earlier else []
        node.attrs["note"] = notes + [note] if note not in notes else notes

    def _lampiran(self, ins: Instrument, c: Change) -> None:
        """The Lampiran, or the one of several a point names ("Lampiran III diubah ..."):
        the text the point quotes, else the amendment's own Lampiran (that one of them)."""
        text = c.text
        if not text and ins.lampiran:
            own = _sections(ins.lampiran)
            text = ins.lampiran if not c.anchor or not own else \
                ins.lampiran[slice(*own[c.anchor])] if c.anchor in own else ""
        if not text:
            which = f"Lampiran {c.anchor}" if c.anchor else "Lampiran"
            self.notes.append(_("{instrument}, point {n} of Pasal I changes {lampiran}, but "
                                "the new one is not in the file read: the base's stays")
                              .format(instrument=ins.name, n=c.point, lampiran=which))
            # which one, of several: "Lampiran III diubah ..."; each point its own note
            note = self.note("lampiran_tidak_ada", ins,
                             lampiran=f"Lampiran {c.anchor}" if c.anchor else "Lampiran")
            self._replace_part("lampiran", "", note, keep=True)
            return
        node = next((n for n in self.doc.children if n.kind == "lampiran"), None)
        base = _sections(node.text) if node is not None else {}
        if c.anchor and c.anchor in base:
            start, end = base[c.anchor]
            text = node.text[:start] + text.strip() + "\n" + node.text[end:].lstrip()
        elif c.anchor and base:         # a new one among several: after them
            text = node.text.rstrip() + "\n" + text.strip()
        self._replace_part("lampiran", text, self.note("diubah", ins))

    def _penjelasan(self, ins: Instrument, c: Change) -> None:
        if not c.anchor:
            self._replace_part("penjelasan", c.text, self.note("diubah", ins))
            return
        # the explanation of one Pasal: from its heading in PASAL DEMI PASAL to the next
        node = next((n for n in self.doc.children if n.kind == "penjelasan"), None)
        text = node.text if node is not None else ""
        start = text.find("PASAL DEMI PASAL")
        heads = [m for m in _PASAL_HEAD.finditer(text, max(start, 0))
                 if _after_stop(text, m.start())]
        own = next((i for i, m in enumerate(heads) if m.group(1) == c.anchor), None)
        if own is None:
            raise self._missing(ins, c, f"Penjelasan Pasal {c.anchor}")
        end = heads[own + 1].start() if own + 1 < len(heads) else len(text)
        new = c.text if re.match(r"Pasal\s+" + re.escape(c.anchor) + r"\b", c.text) \
            else f"Pasal {c.anchor}\n{c.text}"
        node.content = [text[:heads[own].start()] + new + "\n" + text[end:].lstrip()]
        node.attrs["note"] = self.note("diubah", ins)

    # -- --renumber ------------------------------------------------------------------------
    def renumber(self) -> None:
        for bab in [n for n in self.doc.children if n.kind == "bab" and n.attrs.get("deleted")]:
            self.doc.children.remove(bab)
        for p in [n for n in self.doc.walk() if n.kind == "pasal" and n.attrs.get("deleted")]:
            p.parent.children.remove(p)
        self.doc.link_parents()
        pasal = [n for n in self.doc.walk() if n.kind == "pasal"]
        new = {id(p): str(i) for i, p in enumerate(pasal, 1)}
        resolver = Resolver({p.num: p for p in pasal})

        for p in pasal:
            for i, a in enumerate((a for a in p.children if a.kind == "ayat"), 1):
                new[id(a)] = str(i)

        def counterpart(node: Node):
            if node.kind == "pasal":
                return _Shim(new[id(node)], int(new[id(node)]))
            if node.kind == "ayat" and id(node) in new:
                return _Shim(f"({new[id(node)]})", int(new[id(node)]))
            return node

        for node in self.doc.walk():
            if node.kind in ("ayat", "pasal", "rincian"):
                node.content = [rewrite(p, node, resolver, counterpart) if isinstance(p, str)
                                else p for p in node.content]
        for p in pasal:
            p.num, p.label, p.id = new[id(p)], f"Pasal {new[id(p)]}", f"pasal-{new[id(p)]}"
            ayat = [a for a in p.children if a.kind == "ayat"]
            for i, a in enumerate(ayat, 1):
                a.num, a.ordinal, a.label = f"({i})", i, f"{p.label} ayat ({i})"
        for i, bab in enumerate((n for n in self.doc.children if n.kind == "bab"), 1):
            bab.num, bab.ordinal, bab.label = bahasa.roman(i), i, f"BAB {bahasa.roman(i)}"


_LAMPIRAN_HEAD = re.compile(r"\bLAMPIRAN\s+([IVXLC]+)\b")
_PASAL_HEAD = re.compile(r"(?<![\w])Pasal\s+(\d+[A-Z]?)(?![\w])")


def _sections(text: str) -> dict[str, tuple[int, int]]:
    """Where each of several Lampiran (LAMPIRAN I, LAMPIRAN II, ...) stands in a text."""
    heads: list[re.Match] = []
    for m in _LAMPIRAN_HEAD.finditer(text):
        if m.group(1) not in {h.group(1) for h in heads}:
            heads.append(m)
    return {m.group(1): (m.start(), heads[i + 1].start() if i + 1 < len(heads) else len(text))
            for i, m in enumerate(heads)}


def _after_stop(text: str, at: int) -> bool:
    """A heading stands at the start, after a line break or a sentence's end."""
    before = text[max(0, at - 3):at].rstrip(" ")
    return not before or before.endswith(("\n", ".", ":"))


def consolidate(base: Document, instruments: list[Instrument], wording: YamlMap,
                renumber: bool = False) -> tuple[Document, list[str]]:
    """The base with each instrument applied in order; and notes for the user."""
    work = Consolidator(base, wording)
    for ins in instruments:
        work.apply(ins)
    if renumber:
        work.renumber()
    if instruments and work.spec.get("kepala"):
        names = [i.name for i in instruments]
        listed = names[0] if len(names) == 1 else \
            ", ".join(names[:-1]) + " dan " + names[-1]
        pieces = work.renderer.render(work.spec["kepala"], work.spec.where("kepala"),
                                      {"instrumen": listed}) or []
        base.meta["consolidation_note"] = "".join(str(p) for p in pieces)
    base.link_parents()
    return base, work.notes

