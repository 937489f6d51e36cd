"""Reading an existing regulation into the document tree the generator builds.

Input: DOCX and ODT (through pandoc, which also resolves Word's automatic list
numbering), Markdown or plain text, or a regency YAML file (built with its clause
library). Real-world text is noisy — several units on one line, page furniture such as
"SALINAN" mid-text, OCR slips — so units are found by their markers *and* by their
sequence: the Pasal of a regulation are numbered 1, 2, 3 … without a gap, which tells a
heading "Pasal 18" from the "Pasal 18" of another law quoted inside an amendment.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rancang.errors import RancangError
from rancang.files import package_problem
from rancang.model import bahasa
from rancang.model.tree import Document, Node
from rancang.sources.workspace import display_path

MAX_TEXT_BYTES = 20 * 1024 * 1024

_ROMAN = {v: k for k, v in ((n, bahasa.roman(n)) for n in range(1, 200))}
_ORDINAL = {bahasa.ordinal(n).lower(): n for n in range(1, 60)}

# Page furniture of official copies: dropped wherever it stands.
_FURNITURE = [
    re.compile(r"(?m)^\s*-\s*\d+\s*-\s*$"),
    re.compile(r"\bSALINAN\b"),
    re.compile(r"PRESIDEN\s+REPUBLIK\s+INDONESIA(?!\s*,)(?=\s+(?:-\s*\d+\s*-|[a-z(]|\n))"),
    re.compile(r"(?m)^\s*www\.\S+\s*$"),
    re.compile(r"(?<=\s)-\s\d{1,3}\s-(?=\s)"),
    re.compile(r"\s?\[perlu verifikasi\]"),     # rancang's own mark in a draft
    re.compile(r"(?m)^[ \t]*[-=+|:]{3,}[-=+|: \t]*$"),   # the rules of a text table
]
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)          # a word broken over two lines
    for pattern in _FURNITURE:
        text = pattern.sub(" ", text)
    # OCR reads 0 as O and 1 as l inside numbers: "Pasal 1O", "Tahun 2O2O"
    text = re.sub(r"\b(Pasal|Nomor|Tahun|BAB)\s+([0-9OolI]*\d[0-9OolI]*)\b",
                  lambda m: m.group(1) + " " + m.group(2).translate(_OCR_DIGITS), text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.strip()


@dataclass
class _Mark:
    kind: str
    num: int
    start: int          # where the marker starts
    end: int            # where its text begins
    raw: str
    heading: str | None = None


def _chain(cands: list[_Mark], max_gap: int = 12) -> list[_Mark]:
    """The units a regulation numbers 1, 2, 3 …: the best chain of candidates in text
    order whose numbers rise by one — by up to `max_gap` where an OCR'd copy lost a
    heading, at a cost, so a gap-free chain wins. Between equal chains the later
    candidate wins: a quoted 'Pasal 18' inside Pasal 17 of an amending law gives way to
    the real Pasal 18 that follows it."""
    best: dict[int, tuple[float, int]] = {}      # number -> (score, candidate index)
    prev: list[int | None] = []
    score: list[float] = []
    for i, c in enumerate(cands):
        options = [(1.0 - 0.6 * (c.num - 1), None)] if c.num <= max_gap else []
        for gap in range(1, max_gap + 1):
            if c.num - gap in best:
                s, j = best[c.num - gap]
                if cands[j].start < c.start:
                    options.append((s + 1.0 - 0.6 * (gap - 1), j))
        if not options:
            prev.append(None)
            score.append(float("-inf"))
            continue
        s, j = max(options, key=lambda o: o[0])
        prev.append(j)
        score.append(s)
        if c.num not in best or s >= best[c.num][0]:
            best[c.num] = (s, i)
    if not best:
        return []
    _, end = max(best.values(), key=lambda v: (v[0], cands[v[1]].num))
    chain = []
    i: int | None = end
    while i is not None:
        chain.append(cands[i])
        i = prev[i]
    return list(reversed(chain))


def _heading_position(text: str, start: int) -> bool:
    """A heading starts a line, follows a sentence end, or follows the capitalised words
    of a heading before it on the same line; never a lower-case word or a comma."""
    before = text[max(0, start - 40):start].rstrip(" ")
    if re.search(r"(?:berikut|berbunyi)\s*:?\s*$", before):
        return False          # "… diubah sehingga berbunyi sebagai berikut: Pasal 5": quoted
    if not before or before.endswith(("\n", ".", ";", ":")):
        return True
    word = re.split(r"[\s]", before)[-1]
    return bool(word) and word[0].isupper() and word not in ("Ketentuan", "Penjelasan")


def _find(pattern: str, text: str, kind: str, to_int, lo: int = 0, hi: int | None = None):
    hi = len(text) if hi is None else hi
    out = []
    for m in re.finditer(pattern, text[lo:hi]):
        if not _heading_position(text, lo + m.start()):
            continue
        num = to_int(m.group(1))
        if num is not None:
            out.append(_Mark(kind, num, lo + m.start(), lo + m.end(), m.group(0).strip()))
    return out


def _pasal_num(s: str):
    if s.isdigit():
        return int(s)
    return None


# A heading may follow a sentence end, a line break, or the capitalised heading of a BAB
# or Bagian on the same line ("BAB I KETENTUAN UMUM Pasal 1 Dalam ..."); never a
# lower-case word ("dalam Pasal 5"), and its text starts with a capital or "(1)".
_HEAD_START = r"(?<![\w/-])"
_PASAL = _HEAD_START + r"Pasal\s+(\d+)\b(?=\s*(?:\(1\)|\n|[A-Z]|$))"
_PASAL_ROMAN = _HEAD_START + r"Pasal\s+([IVX]+)(?=\s*(?:\n|[A-Z0-9(]|$))"
_BAB = _HEAD_START + r"BAB\s+([IVXLC]+)\b(?=\s*[A-Z\n])"
_BAGIAN = _HEAD_START + r"Bagian\s+(Ke[a-z]+(?:\s+(?:Belas|Puluh(?:\s+[A-Z][a-z]+)?))?)\b"
_PARAGRAF = _HEAD_START + r"Paragraf\s+(\d+)\b"


def _heading_after(text: str, start: int, stop: int, upper: bool) -> tuple[str, int]:
    """The heading that follows a BAB, Bagian or Paragraf marker: capitals after a BAB,
    a short title-case phrase otherwise; it ends where the next unit begins."""
    chunk = text[start:stop]
    if upper:
        m = re.match(r"\s*((?:[A-Z0-9,\-/()]+(?:\s+|$))+?)(?=(?:Bagian|Paragraf|Pasal)\b|$)",
                     chunk)
    else:
        m = re.match(r"\s*(.+?)\s*(?=\n|(?:Paragraf|Pasal)\s+\d|$)", chunk)
    if not m:
        return "", start
    return m.group(1).strip(), start + m.end()


def _body_markers(text: str, lo: int, hi: int) -> tuple[list[_Mark], bool]:
    roman = _chain(_find(_PASAL_ROMAN, text, "pasal", _ROMAN.get, lo, hi))
    arabic = _find(_PASAL, text, "pasal", _pasal_num, lo, hi)
    amendment = len(roman) >= 2 or bool(roman and not arabic)
    pasal = roman if amendment else _chain(arabic)
    babs = _chain(_find(_BAB, text, "bab", _ROMAN.get, lo, hi))
    marks = babs + pasal
    if not amendment:
        # Bagian and Paragraf restart in each BAB / Bagian: accept them in sequence.
        edges = sorted([m.start for m in babs] + [hi])
        for kind, pattern, to_int in (("bagian", _BAGIAN, lambda s: _ORDINAL.get(s.lower())),
                                      ("paragraf", _PARAGRAF, int)):
            found = _find(pattern, text, kind, to_int, lo, hi)
            expected, region = 1, None
            for m in found:
                r = next(i for i, e in enumerate(edges) if m.start < e)
                if kind == "paragraf":
                    parents = [b for b in marks if b.kind == "bagian" and b.start < m.start]
                    r = (r, parents[-1].start if parents else None)
                if r != region:
                    region, expected = r, 1
                if m.num == expected:
                    marks.append(m)
                    expected += 1
    marks.sort(key=lambda m: m.start)
    # headings of the groups
    for i, m in enumerate(marks):
        if m.kind in ("bab", "bagian", "paragraf"):
            stop = marks[i + 1].start if i + 1 < len(marks) else hi
            m.heading, m.end = _heading_after(text, m.end, stop, upper=m.kind == "bab")
    return marks, amendment


_LIST_LEVELS = [
    (r"([a-z]{1,2})\.", lambda s: _letter_num(s)),
    (r"(\d{1,3})\.", int),
    (r"([a-z])\)", lambda s: _letter_num(s)),
    (r"(\d{1,3})\)", int),
]


_LIST_REGEX = [re.compile(r"(?<![\w.(])" + p + r"\s") for p, _ in _LIST_LEVELS]


def _item_position(text: str, start: int, numbered_sentences: bool = False) -> bool:
    """A list item starts a line or follows ':' or ';' (and the conjunction after it);
    the numbered definitions of a Ketentuan Umum also follow a full stop."""
    before = text[max(0, start - 12):start].rstrip()
    if numbered_sentences and before.endswith("."):
        return True
    return (not before or before.endswith(("\n", ":", ";")) or before.endswith(("; dan", "; atau",
            "; dan/atau", ";dan", ";atau")) or text[max(0, start - 1):start] == "\n")


def _letter_num(s: str):
    if len(set(s)) != 1:
        return None
    return (ord(s[0]) - ord("a") + 1) + 26 * (len(s) - 1)


def _split_list(text: str, level: int) -> tuple[str, list[tuple[str, str]], bool]:
    """Lead-in text and the items (marker, text) of a tabulation that follows a ':'.
    Items are numbered without a gap; the numeric style of the Ketentuan Umum ('1.') is
    tried where letters are not found."""
    colon = text.find(":")
    if colon < 0 or level > 4:
        return text, [], False
    # a first-level list is lettered "a." (or numbered "1." as definitions are); some
    # texts letter it "a)" — taken as it stands
    styles = [0, 1, 2] if level == 1 else [level - 1]
    found = []
    for style in styles:
        pattern, to_int = _LIST_LEVELS[style]
        regex = _LIST_REGEX[style]
        cands = [(m.start(), m.end(), to_int(m.group(1)), m.group(0).strip())
                 for m in regex.finditer(text, colon)
                 if _item_position(text, m.start(), numbered_sentences=style == 1)]
        items, want = [], 1
        for start, end, num, raw in cands:
            if num == want:
                items.append((start, end, raw))
                want += 1
        if len(items) >= 2 or (items and style == 1):
            found.append((items[0][0], style, items))
    if found:
        # the list that starts first is the outer one ("1. … adalah: a. …; b. …")
        _, style, items = min(found)
        lead = text[:items[0][0]].strip()
        out = []
        for i, (start, end, raw) in enumerate(items):
            stop = items[i + 1][0] if i + 1 < len(items) else len(text)
            out.append((raw, text[end:stop].strip()))
        return lead, out, style == 1 and level == 1
    return text, [], False


def _rincian(parent: Node, text: str, level: int) -> None:
    lead, items, numeric = _split_list(text, level)
    parent.content = [lead] if lead else []
    for i, (raw, body) in enumerate(items, 1):
        node = Node(kind="rincian", id=f"{parent.id}.{i}", num=raw, level=level, ordinal=i,
                    style="definisi" if numeric else None)
        node.label = f"{parent.label} {'angka ' + str(i) if numeric else bahasa.rincian_cite(level, i)}"
        node.parent = parent
        _rincian(node, body, level + 1)
        parent.children.append(node)


_AYAT = re.compile(r"\((\d{1,2})\)\s")


def _ayat_position(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" ")
    return not before or before.endswith(("\n", ".", ";", ":"))


def _pasal(node: Node, text: str) -> None:
    cands = [_Mark("ayat", int(m.group(1)), m.start(), m.end(), m.group(0).strip())
             for m in _AYAT.finditer(text) if _ayat_position(text, m.start())]
    ayat, want = [], 1
    for c in cands:
        if c.num == want:
            ayat.append(c)
            want += 1
    if ayat and ayat[0].start > 20 and len(ayat) < 2:
        ayat = []
    if not ayat:
        _rincian(node, text.strip(), 1)
        return
    node.content = [text[:ayat[0].start].strip()] if text[:ayat[0].start].strip() else []
    for i, a in enumerate(ayat):
        stop = ayat[i + 1].start if i + 1 < len(ayat) else len(text)
        child = Node(kind="ayat", id=f"{node.id}.a{a.num}", num=f"({a.num})", ordinal=a.num,
                     label=f"{node.label} ayat ({a.num})")
        child.parent = node
        _rincian(child, text[a.end:stop].strip(), 1)
        node.children.append(child)


def _items(text: str, pattern: str) -> list[str]:
    marks = [m for m in re.finditer(pattern, text)]
    if not marks:
        return [text.strip()] if text.strip() else []
    out = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append(text[m.end():stop].strip())
    return out


def parse_text(text: str, name: str = "text") -> Document:
    """Parse the text of a regulation into a document tree (doc_type 'parsed')."""
    text = normalise(text)
    doc = Document(kind="document", id=name, doc_type="parsed")
    decide = re.search(r"MEMUTUSKAN\s*:?", text)
    pre_end = decide.start() if decide else 0
    body_lo = decide.end() if decide else 0
    # the body ends at the closing formula or where the Penjelasan begins
    end_match = re.search(r"Agar setiap orang mengetahuinya,?\s+memerintahkan|Ditetapkan di|"
                          r"Disahkan di|PENJELASAN\s+ATAS|PASAL DEMI PASAL", text[body_lo:])
    body_hi = body_lo + end_match.start() if end_match else len(text)
    marks, amendment = _body_markers(text, body_lo, body_hi)
    if not marks:
        raise RancangError(f"no Pasal found in {name}: is this the text of a regulation?")
    first = marks[0].start
    # Judul, Menimbang, Mengingat
    head = text[:pre_end] if decide else text[:first]
    rahmat = re.search(r"DENGAN\s+RAHMAT", head)
    judul = Node(kind="judul", id="judul", label="Judul",
                 content=[re.sub(r"\s+", " ", head[:rahmat.start() if rahmat else 0]).strip()])
    doc.children.append(judul)
    menimbang = re.search(r"Menimbang\s*:?", head)
    mengingat = re.search(r"Mengingat\s*:?", head)
    if menimbang:
        stop = mengingat.start() if mengingat and mengingat.start() > menimbang.end() else len(head)
        block = Node(kind="konsiderans", id="menimbang")
        for i, item in enumerate(_items(head[menimbang.end():stop],
                                        r"(?:(?<=^)|(?<=\n)|(?<=;\s)|(?<=;))\s*[a-z]\.?\s(?=bahwa)"), 1):
            block.children.append(Node(kind="menimbang", id=f"menimbang.{i}", num=f"{bahasa.huruf(i)}.",
                                       label=f"Menimbang huruf {bahasa.huruf(i)}", content=[item]))
        doc.children.append(block)
    if mengingat:
        block = Node(kind="dasar_hukum", id="mengingat")
        tail = head[mengingat.end():]
        tail = re.split(r"Dengan Persetujuan Bersama", tail)[0]
        for i, item in enumerate(_items(tail, r"(?:(?<=^)|(?<=\n)|(?<=;\s)|(?<=;))\s*\d+\.\s"), 1):
            block.children.append(Node(kind="mengingat", id=f"mengingat.{i}", num=f"{i}.",
                                       label=f"Mengingat angka {i}", content=[item]))
        doc.children.append(block)
    if decide:
        doc.children.append(Node(kind="diktum", id="diktum", label="Diktum",
                                 content=[text[body_lo:first].strip()]))
    # the body
    stack: list[Node] = [doc]
    for i, m in enumerate(marks):
        stop = marks[i + 1].start if i + 1 < len(marks) else body_hi
        if m.kind == "bab":
            node = Node(kind="bab", id=f"bab-{m.num}", num=bahasa.roman(m.num), ordinal=m.num,
                        heading=m.heading, label=f"BAB {bahasa.roman(m.num)}")
            stack = [doc, node]
            doc.children.append(node)
            continue
        if m.kind in ("bagian", "paragraf"):
            parent_kinds = ("bab",) if m.kind == "bagian" else ("bagian", "bab")
            while len(stack) > 1 and stack[-1].kind not in parent_kinds:
                stack.pop()
            num = bahasa.ordinal(m.num) if m.kind == "bagian" else str(m.num)
            node = Node(kind=m.kind, id=f"{stack[-1].id}.{m.kind}-{m.num}", num=num,
                        ordinal=m.num, heading=m.heading,
                        label=f"{stack[-1].label} {m.kind.capitalize()} {num}".strip())
            stack[-1].children.append(node)
            stack.append(node)
            continue
        num = bahasa.roman(m.num) if amendment else str(m.num)
        node = Node(kind="pasal", id=f"pasal-{num}", num=num, ordinal=m.num, label=f"Pasal {num}")
        parent = stack[-1]
        node.parent = parent
        body = text[m.end:stop].strip()
        if amendment:
            node.content = [body]     # the amended law's own units stay text of this Pasal
        else:
            _pasal(node, body)
        parent.children.append(node)
    # Penutup, Penjelasan, Lampiran
    rest = text[body_hi:]
    expl = re.search(r"PENJELASAN\s+ATAS", rest)
    penutup_text = rest[:expl.start()] if expl else rest
    lampiran = re.search(r"\bLAMPIRAN\b", penutup_text)
    if lampiran:
        doc.children.append(Node(kind="penutup", id="penutup", label="Penutup",
                                 content=[penutup_text[:lampiran.start()].strip()]))
        doc.children.append(Node(kind="lampiran", id="lampiran", label="Lampiran",
                                 content=[penutup_text[lampiran.start():].strip()]))
    elif penutup_text.strip():
        doc.children.append(Node(kind="penutup", id="penutup", label="Penutup",
                                 content=[penutup_text.strip()]))
    if expl:
        doc.children.append(Node(kind="penjelasan", id="penjelasan", label="Penjelasan",
                                 content=[rest[expl.start():].strip()]))
    doc.link_parents()
    return doc


def read_text(path: Path) -> str:
    """The text of FILE, whatever its kind (DOCX/ODT through pandoc)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RancangError("file not found", display_path(path))
    if suffix in (".docx", ".odt"):
        why = package_problem(path, "word/document.xml" if suffix == ".docx" else "content.xml")
        if why:
            raise RancangError(why, display_path(path))
        if shutil.which("pandoc") is None:
            raise RancangError("reading DOCX and ODT needs pandoc, which is not installed "
                               "(Debian: apt-get install pandoc)")
        fmt = "docx" if suffix == ".docx" else "odt"
        try:
            done = subprocess.run(["pandoc", "-f", fmt, "-t", "plain", "--wrap=none",
                                   "--track-changes=accept", str(path)],
                                  capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise RancangError("pandoc did not finish reading it", display_path(path)) from None
        if done.returncode != 0:
            raise RancangError(f"pandoc could not read it: {done.stderr.strip()[:300]}",
                               display_path(path))
        return done.stdout
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise RancangError("the file is larger than 20 MB", display_path(path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if suffix == ".md":
        text = re.sub(r"(?m)^#{1,6}\s+", "", text)       # headings
        text = re.sub(r"\\([.)(\[\]*_#|\\-])", r"\1", text)   # escapes
        text = re.sub(r"(?m)^\|.*\|\s*$", "", text)      # tables (Lampiran)
    return text


def to_json(node: Node) -> dict:
    out = {"kind": node.kind, "num": node.num or None, "heading": node.heading,
           "text": node.text, "children": [to_json(c) for c in node.children]}
    if node.kind == "document":
        out["kind"] = "document"
    return out


def outline(doc: Document) -> str:
    """The tree as indented text: one unit a line — for reading, and for git's textconv."""
    lines = []

    def walk(node: Node, level: int):
        if node.kind in ("bab", "bagian", "paragraf"):
            head = node.label if node.kind == "bab" else f"{node.kind.capitalize()} {node.num}"
            lines.append("  " * level + f"{head} {node.heading or ''}".rstrip())
            for child in node.children:
                walk(child, level + 1)
            return
        if node.kind == "pasal":
            lines.append("  " * level + node.label)
            if node.display.strip():
                lines.append("  " * (level + 1) + node.display)
            for child in node.children:
                walk(child, level + 1)
            return
        if node.kind in ("ayat", "rincian", "menimbang", "mengingat"):
            lines.append("  " * level + f"{node.num} {node.display}".strip())
            for child in node.children:
                walk(child, level + 1)
            return
        if node.kind in ("konsiderans", "dasar_hukum"):
            lines.append("Menimbang:" if node.kind == "konsiderans" else "Mengingat:")
            for child in node.children:
                walk(child, 1)
            return
        if node.content:
            lines.append(f"[{node.kind}] {node.display}")
        for child in node.children:
            walk(child, level)

    for child in doc.children:
        walk(child, 0)
    return "\n".join(lines) + "\n"
