"""Reading the Pasal I of an amending regulation (L-II 233-236) into changes.

An amending text parses as a document of Pasal I and Pasal II (readers/parse.py keeps
their words as text). Pasal I opens with "Beberapa ketentuan dalam ... diubah sebagai
berikut:" and numbered points, or holds one change directly. Each point is found by its
opening words ("Ketentuan ...", "Di antara ...", "Setelah ...", "Pasal 16 dihapus.",
"Lampiran ...") and ends where the next one begins; the units it quotes in full (Pasal
7A, BAB IXA) are parsed into Nodes with the parser's own lists and ayat."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rancang.errors import RancangError
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.punctuation import squash
from rancang.model.tree import Document, Node
from rancang.readers.parse import _heading_after, _heading_position, _rincian

_UNIT = r"\d+[A-Z]?"
_BAB_NUM = r"[IVXLC]+[A-Z]?"
# the opening words of a point, and where its head ends: the quote follows "berikut:"
_HEAD = re.compile(
    r"(?:(?<=\s)|^)(?:(\d{1,3})\s?\.\s+)?("
    r"(?:Ketentuan|Di\s+antara|Setelah|Judul|Lampiran|Penjelasan)\b[^.:]{0,900}?"
    r"(?:berikut\s*:|dihapus\s*\.|terlampir[^.:]*\.)"
    r"|Pasal\s+" + _UNIT + r"(?:\s*(?:,|dan|,\s*dan)\s+Pasal\s+" + _UNIT + r")*\s+"
    r"(?:dalam\s[^.:]{0,600}?)?dihapus\s*\."
    r"|(?:BAB|Bab)\s+" + _BAB_NUM + r"\s+(?:dalam\s[^.:]{0,600}?)?dihapus\s*\.)")
_VERB = re.compile(r"\b(?:diubah|ditambah|ditambahkan|disisipkan|dihapus)\b")
_LEAD = re.compile(r"diubah\s+sebagai\s+berikut\s*:")
# a numbered sentence that reads as a point's head but opens with other words
_LOOKS_LIKE_POINT = re.compile(r"(?:(?<=\s)|^)(\d{1,3})\s?\.\s+([A-Z][^.:]{0,600}?"
                               r"(?:berikut\s*:|dihapus\s*\.))")
_QUOTED_PASAL = re.compile(r"Pasal\s+(" + _UNIT + r")(?=\s*(?:\(|[A-Z]|\n|$))")
_QUOTED_BAB = re.compile(r"(?:BAB|Bab)\s+(" + _BAB_NUM + r")\b(?=\s*[A-Z\n])")
# "(2)", "(1a)"; and "(21 Manfaat", an OCR'd "(2) Manfaat", taken where (2) is due
_AYAT = re.compile(r"\((\d{1,2})([a-z]?)\) |\((\d)1 (?=[A-Z])")


@dataclass
class Change:
    point: int
    op: str                 # replace, insert_after, delete, delete_bab, bab_heading,
    #                         insert_bab_after, lampiran, penjelasan
    head: str               # the point's own words
    anchor: str = ""        # the unit named: Pasal or BAB number
    units: list[Node] = field(default_factory=list)
    text: str = ""          # quoted text of a Lampiran or Penjelasan
    names: list[str] = field(default_factory=list)   # the Pasal a deletion names


@dataclass
class Instrument:
    name: str               # "Peraturan Pemerintah Nomor 82 Tahun 2019"
    changes: list[Change]
    lampiran: str | None = None


def instrument_name(doc: Document, fallback: str) -> str:
    """The amending regulation as its title names it: kind, number and year."""
    judul = next((n for n in doc.children if n.kind == "judul"), None)
    text = squash(judul.text) if judul is not None else ""
    m = re.search(r"^(.*?)\bNOMOR\s+(\S+)\s+TAHUN\s+(\d{4})", text, re.I | re.S)
    if not m:
        return fallback
    words = re.sub(r"\bREPUBLIK\s+INDONESIA\b|\bRANCANGAN\b", " ", m.group(1), flags=re.I)
    words = squash(words)
    kind = re.search(r"(UNDANG-UNDANG|PERATURAN\s+\S+(?:\s+(?!PERATURAN)\S+)*)\s*$", words,
                     re.I)
    words = squash(kind.group(1)) if kind else words
    half = words.split()
    if len(half) % 2 == 0 and half[:len(half) // 2] == half[len(half) // 2:]:
        words = " ".join(half[:len(half) // 2])      # the title line printed twice
    if words.isupper():
        words = bahasa.title_words(words.lower())
    number = m.group(2)
    return f"{words} Nomor {number} Tahun {m.group(3)}".strip()


def _fail(point: int, words: str, why: str) -> RancangError:
    first = " ".join(squash(words).split()[:8])
    return RancangError(_("point {n} of Pasal I ('{words} ...'): {why}").format(
        n=point, words=first, why=why))


def _pasal_node(num: str, body: str) -> Node:
    """A quoted Pasal: its ayat (1), (1a), (2) … in order, each with its lists."""
    node = Node(kind="pasal", id=f"pasal-{num}", num=num, label=f"Pasal {num}")
    marks, last = [], (0, "")
    for m in _AYAT.finditer(body):
        before = body[max(0, m.start() - 3):m.start()].rstrip(" ")
        if before and not before.endswith(("\n", ".", ";", ":")):
            continue
        key = (int(m.group(1)), m.group(2)) if m.group(1) else (int(m.group(3)), "")
        if (key[0] == last[0] + 1 and not key[1]) or (key[0] == last[0] and key[1] > last[1]):
            marks.append((m, key))
            last = key
    if not marks:
        _rincian(node, body.strip())
        return node
    lead = body[:marks[0][0].start()].strip()
    node.content = [lead] if lead else []
    for i, (m, key) in enumerate(marks):
        stop = marks[i + 1][0].start() if i + 1 < len(marks) else len(body)
        x = f"{key[0]}{key[1]}"
        child = Node(kind="ayat", id=f"{node.id}.a{x}", num=f"({x})", ordinal=key[0],
                     label=f"Pasal {num} ayat ({x})", parent=node)
        _rincian(child, body[m.end():stop].strip())
        node.children.append(child)
    return node


def quoted_units(text: str, names: set[str] | None) -> list[Node]:
    """The Pasal and BAB a point quotes; `names` the Pasal numbers its head names (None:
    any Pasal heading)."""
    marks = []
    for kind, pattern in (("pasal", _QUOTED_PASAL), ("bab", _QUOTED_BAB)):
        for m in pattern.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum()):
                continue
            if not _heading_position(text, m.start()):
                continue
            if kind == "pasal" and names is not None and m.group(1) not in names:
                continue
            marks.append((m.start(), m.end(), kind, m.group(1)))
    marks.sort()
    units: list[Node] = []
    bab: Node | None = None
    for i, (start, end, kind, num) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if kind == "bab":
            heading, at = _heading_after(text, end, stop, upper=True)
            bab = Node(kind="bab", id=f"bab-{num}", num=num, heading=heading or None,
                       label=f"BAB {num}")
            rest = squash(text[at:stop])
            if rest and not heading:
                bab.heading = rest
            units.append(bab)
            continue
        pasal = _pasal_node(num, text[end:stop])
        if bab is not None:
            pasal.parent = bab
            bab.children.append(pasal)
        else:
            units.append(pasal)
    return units


def _classify(point: int, head: str, body: str) -> Change:
    h = squash(head)
    c = Change(point, "", h)
    m = re.match(r"(?:Di\s+antara|Setelah)\s+(?:BAB|Bab)\s+(" + _BAB_NUM + r")\b", h)
    if m and re.search(r"\bbab\b", h, re.I):
        c.op, c.anchor = "insert_bab_after", m.group(1)
        c.units = [u for u in quoted_units(body, None) if u.kind == "bab"]
        return c
    m = re.match(r"(?:Di\s+antara|Setelah)\s+Pasal\s+(" + _UNIT + r")\b", h)
    if m:
        c.op, c.anchor = "insert_after", m.group(1)
        named = set(re.findall(r"Pasal\s+(" + _UNIT + r")", h.partition("yakni")[2]))
        c.units = [u for u in quoted_units(body, named or None) if u.kind == "pasal"]
        return c
    m = re.match(r"Pasal\s+(" + _UNIT + r")\b.*dihapus\s*\.$", h)
    if m:       # "Pasal 16 dihapus.", "Pasal 16 dan Pasal 17 dihapus."
        c.op, c.anchor = "delete", m.group(1)
        c.names = re.findall(r"Pasal\s+(" + _UNIT + r")", h.split(" dalam ")[0])
        return c
    m = re.match(r"(?:BAB|Bab)\s+(" + _BAB_NUM + r")\b.*dihapus\s*\.$", h)
    if m:
        c.op, c.anchor = "delete_bab", m.group(1)
        return c
    m = re.match(r"Judul\s+(?:BAB|Bab)\s+(" + _BAB_NUM + r")\b", h)
    if m and _VERB.search(h):
        c.op, c.anchor = "bab_heading", m.group(1)
        c.units = [u for u in quoted_units(body, set()) if u.kind == "bab"]
        return c
    before_pasal = h.split("Pasal", 1)[0]
    if re.search(r"\bLampiran\b", before_pasal) and _VERB.search(h):
        m = re.search(r"\bLampiran\s+([IVXLC]+)\b", before_pasal)
        c.op, c.text, c.anchor = "lampiran", body.strip(), m.group(1) if m else ""
        return c
    if re.search(r"\bPenjelasan\b", before_pasal) and _VERB.search(h):
        # the explanation of one Pasal, or the whole Penjelasan
        m = re.match(r"(?:Ketentuan\s+)?Penjelasan\s+Pasal\s+(" + _UNIT + r")\b", h)
        c.op, c.text, c.anchor = "penjelasan", body.strip(), m.group(1) if m else ""
        return c
    if re.match(r"(?:Ketentuan|Di\s+antara|Setelah)\b", h) and _VERB.search(h) and \
            re.search(r"Pasal\s+" + _UNIT, h):
        c.op = "replace"
        names = set(re.findall(r"Pasal\s+(" + _UNIT + r")", h))
        c.units = [u for u in quoted_units(body, names) if u.kind == "pasal"]
        return c
    raise _fail(point, h, _("rancang does not know this form of a point"))


def read_amendment(doc: Document, fallback_name: str) -> Instrument:
    """The changes of an amending regulation's Pasal I, in order."""
    satu = next((n for n in doc.walk() if n.kind == "pasal" and n.num == "I"), None)
    if satu is None:
        raise RancangError(_("{name} is not an amending regulation: it has no Pasal I")
                           .format(name=fallback_name))
    text = satu.text
    heads = [m for m in _HEAD.finditer(text) if _VERB.search(m.group(2))]
    first = heads[0] if heads else None
    if first is not None and not text[:first.start()].strip():
        start = 0                       # one change, directly
    else:
        lead = _LEAD.search(text)
        if lead is None:
            raise _fail(1, text, _("Pasal I neither opens with 'Beberapa ketentuan ... diubah "
                                    "sebagai berikut:' nor holds one change"))
        start = lead.end()
        heads = [m for m in heads if m.start() >= start]
    if not heads:
        raise _fail(1, text[start:], _("rancang does not know this form of a point"))
    if text[start:heads[0].start()].strip():
        raise _fail(1, text[start:heads[0].start()],
                    _("rancang does not know this form of a point"))
    # a head inside a quoted unit is no head: points follow each other, quotes between
    kept = [heads[0]]
    for m in heads[1:]:
        if m.start() >= kept[-1].end():
            kept.append(m)
    changes = []
    for i, m in enumerate(kept):
        point = i + 1
        stop = kept[i + 1].start() if i + 1 < len(kept) else len(text)
        body = text[m.end():stop]
        # a numbered sentence in the body that reads as the next point, in other words
        for u in _LOOKS_LIKE_POINT.finditer(text, m.end(), stop):
            if int(u.group(1)) == point + 1:
                raise _fail(point + 1, u.group(2), _("rancang does not know this form of "
                                                     "a point"))
        change = _classify(point, m.group(2), body)
        quotes = m.group(2).rstrip().endswith(":")
        if quotes and change.op in ("replace", "insert_after", "insert_bab_after",
                                    "bab_heading") and not change.units:
            raise _fail(point, m.group(2), _("the unit it changes is not quoted after it"))
        if not quotes and body.strip():
            raise _fail(point, m.group(2), _("words follow it that are no point: '{words}'")
                        .format(words=" ".join(body.split()[:8])))
        changes.append(change)
    lampiran = next((n.text for n in doc.children if n.kind == "lampiran"), None)
    return Instrument(instrument_name(doc, fallback_name), changes, lampiran)
