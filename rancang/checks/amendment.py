"""The drafting rules of an amending regulation (Peraturan ... tentang Perubahan, L-II 6-7
and 230-236) checked on its text, line by line: the file a person has (a DOCX, ODT,
Markdown or text file), not a tree rancang composed. Title "PERUBAHAN (KEDUA, ...) ATAS";
Pasal I and Pasal II in Roman numerals; the points of Pasal I numbered 1, 2, 3; an
inserted unit named after the one before it with a letter (7A, (1a), IXA), nothing
renumbered; Pasal II says when it takes effect; Mengingat and Pasal I cite the amended
regulation."""
from __future__ import annotations

import re

from rancang.checks.findings import Finding
from rancang.i18n import _
from rancang.model import marks
from rancang.model.tree import Source

_KALI = ("KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH")
_TITLE_OK = re.compile(rf"^PERUBAHAN (?:(?:{_KALI}) )?ATAS (?:PERATURAN|KEPUTUSAN)\b")
_CITED = re.compile(r"\bATAS (PERATURAN [A-Z ]+?) NOMOR (\S+) TAHUN (\d{4})\b")
_PASAL = re.compile(r"^Pasal\s+(\S+)\s*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
# a point of Pasal I: its marker and words of the L-II forms (233-236)
_POINT = re.compile(r"^(\S+?)[.)]?\s+(Ketentuan\b|Di antara\b|Setelah\b|Judul\b|"
                    r"(?:Pasal|BAB|Bab)\s+\S+(?:\s+ayat\s+\(\w+\))?\s+dihapus\b)")
_BETWEEN = re.compile(r"Di antara (Pasal|BAB|ayat) \(?(\w+)\)? dan (?:Pasal|BAB|ayat) "
                      r"\(?(\w+)\)?.*?disisipkan .*?yakni (.+?) sehingga", re.I)
_CLOSING = re.compile(r"^(?:Agar setiap orang|Ditetapkan di)\b")


def _plain(line: str) -> str:
    line = re.sub(r"[*_`]", "", line).replace("\\", "")
    return " ".join(line.split())


def _unit(kind: str, num: str) -> str:
    """'ayat (1a)', 'Pasal 7A', 'BAB IXA': a unit as the regulation names it."""
    return f"ayat ({num})" if kind == "ayat" else f"{kind} {num}"


def _citation(number: str, year: str) -> str:
    return f"Nomor {number} Tahun {year}"


_TITLE_END = re.compile(r"^(?:DENGAN RAHMAT|Menimbang\b|MEMUTUSKAN)", re.I)


def is_amendment(text: str) -> bool:
    """A text that is an amending regulation: its title (the lines before the opening
    formula, not the Mengingat, which may cite another "Perubahan atas") or a heading
    "Pasal I" says so."""
    lines = [_plain(x) for x in text.splitlines()]
    end = next((i for i, line in enumerate(lines[:80]) if _TITLE_END.match(line)), 40)
    head = f" {' '.join(lines[:end]).upper()} "
    return bool(re.search(r"\bTENTANG\s+PERUBAHAN\s+(?:\S+\s+)?ATAS\b", head)) or \
        "Pasal I" in lines


# what a draft leaves open ("Nomor ...") and rancang's mark on a citation it could not
# confirm: a signing version has neither
_OPEN = re.compile(r"(?<![.\w])(?:\.\.\.|…)(?![.\w])")
_UNVERIFIED = marks.VERIFY


def open_findings(text: str, file: str, final: bool, lines_known: bool = True) -> list[Finding]:
    """One finding per line with a blank ('...') or an unconfirmed citation: info and
    warning in a draft, errors in a version to sign (`final`)."""
    out: list[Finding] = []
    for i, raw in enumerate(text.splitlines()):
        line = raw.replace("\\", "")
        where = Source(file, i + 1 if lines_known else None)
        blanks = len(_OPEN.findall(line))
        if blanks:
            out.append(Finding("error" if final else "info", "placeholder-open", _(
                "{n} field(s) still open ('...'): {start}").format(
                n=blanks, start=_plain(line)[:80]), where))
        if _UNVERIFIED in line:
            out.append(Finding("error" if final else "warning", "citation-unconfirmed", _(
                "a citation marked [perlu verifikasi]: check its LN/TLN numbers against the "
                "regulation itself before signing: {start}").format(start=_plain(line)[:80]),
                where))
    return out


def amendment_findings(text: str, file: str, lines_known: bool = True) -> list[Finding]:
    """The findings of the Perubahan form on TEXT (the file FILE, its lines counted from 1
    when `lines_known`)."""
    lines = [_plain(x) for x in text.splitlines()]
    out: list[Finding] = []

    def at(i: int | None) -> Source:
        return Source(file, i + 1 if lines_known and i is not None else None)

    def find(pattern, start=0, end=None) -> int | None:
        for i in range(start, len(lines) if end is None else end):
            if re.search(pattern, lines[i]):
                return i
        return None

    # -- the title (L-II 6-7) -------------------------------------------------------------
    tentang = find(r"^TENTANG$")
    rahmat = find(r"^DENGAN RAHMAT", tentang or 0)
    title = " ".join(x for x in lines[tentang + 1:rahmat] if x).upper() \
        if tentang is not None and rahmat else ""
    if not _TITLE_OK.match(title):
        out.append(Finding("error", "amend-title", _(
            "the title of an amending regulation begins 'PERUBAHAN ATAS' (the first) or "
            "'PERUBAHAN KEDUA ATAS' and so on, then the regulation amended (L-II items 6-7); "
            "here: '{title}'").format(title=title[:80] or "..."),
            at(tentang + 1 if tentang is not None else None)))
    cited = _CITED.search(title)

    # -- Pasal I and Pasal II (L-II 233) ---------------------------------------------------
    menetapkan = find(r"^Menetapkan\b") or 0
    closing = find(_CLOSING.pattern, menetapkan)
    end = closing if closing is not None else len(lines)
    heads = [(i, m.group(1)) for i in range(menetapkan, end)
             if (m := _PASAL.match(lines[i]))]
    if not heads:
        out.append(Finding("error", "amend-pasal-roman", _(
            "the batang tubuh of an amending regulation is Pasal I and Pasal II, in Roman "
            "numerals (L-II item 233): no Pasal found"), at(menetapkan)))
        return out
    first, last = heads[0], heads[-1]
    for (i, num), want in ((first, "I"), (last, "II")):
        if num != want:
            out.append(Finding("error", "amend-pasal-roman", _(
                "'Pasal {num}' where the amending regulation has Pasal {want}: its two "
                "Pasal are numbered in Roman numerals, I and II (L-II item 233)").format(
                num=num, want=want), at(i)))
    if first == last:
        return out
    pasal_two = " ".join(x for x in lines[last[0] + 1:end] if x)
    if "mulai berlaku" not in pasal_two:
        out.append(Finding("error", "amend-commencement", _(
            "Pasal II says when the amendment takes effect ('... mulai berlaku pada "
            "tanggal ...', L-II item 233 c)"), at(last[0])))

    # -- the points of Pasal I (L-II 233 a) ------------------------------------------------
    expected = 1
    for i in range(first[0] + 1, last[0]):
        m = _POINT.match(lines[i])
        # the forms end so; a quoted unit's own numbered items do not count
        if not m or not re.search(r"(?:berikut:|dihapus\.)$", lines[i]):
            continue
        marker = m.group(1)
        if marker != str(expected):
            out.append(Finding("error", "amend-point-number", _(
                "point '{marker}' of Pasal I: the changes are numbered in Arabic numerals in "
                "order, 1, 2, 3 (L-II item 233 a); {expected} is expected here").format(
                marker=marker, expected=expected), at(i)))
        expected = (int(marker) if marker.isdigit() else expected) + 1
    lead = " ".join(x for x in lines[first[0] + 1:first[0] + 6] if x)

    # -- inserted units keep the numbers (L-II 234-235) ------------------------------------
    for i in range(first[0] + 1, last[0]):
        m = _BETWEEN.search(lines[i])
        if not m:
            continue
        kind, before = m.group(1).lower(), m.group(2)
        if kind == "ayat":
            new = re.findall(r"ayat \((\w+)\)", m.group(4))
            pattern = rf"^{re.escape(before)}[a-z]+$"
        else:
            new = re.findall(rf"{m.group(1)} (\w+)", m.group(4), re.I)
            pattern = rf"^{re.escape(before)}[A-Z]+$"
        for name in new:
            if not re.match(pattern, name):
                label = "ayat" if kind == "ayat" else m.group(1)
                out.append(Finding("error", "amend-renumbered", _(
                    "{unit} inserted after {before}: an inserted unit takes the number of the "
                    "one before it and a letter ({want}); the others keep their numbers (L-II "
                    "items 234-235)").format(
                    unit=_unit(label, name), before=_unit(label, before),
                    want=_unit(label, before + ("a" if kind == "ayat" else "A"))), at(i)))

    # -- the amended regulation cited (L-II 233 a; Mengingat) ------------------------------
    if cited:
        number = _citation(cited.group(2), cited.group(3))
        mengingat = find(r"^Mengingat\b")
        upto = find(r"^MEMUTUSKAN", mengingat or 0) if mengingat is not None else None
        dasar = " ".join(lines[mengingat:upto]).lower() if mengingat is not None else ""
        if number.lower() not in dasar:
            out.append(Finding("error", "amend-mengingat", _(
                "the Mengingat of an amending regulation names the regulation it amends "
                "({number}); it does not here").format(number=number), at(mengingat)))
        if number.lower() not in lead.lower():
            out.append(Finding("error", "amend-pasal-i-citation", _(
                "Pasal I names the regulation it amends ({number}) with its Berita Daerah "
                "in brackets (L-II item 233 a)").format(number=number), at(first[0])))
    return out
