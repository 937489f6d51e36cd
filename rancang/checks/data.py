"""Checks of the regency data itself, before any document is composed: what the law lets
a group join, groups that cannot be priced or signed for, figures that do not fit one
fiscal year, instruments dated or numbered out of order. Each finding has a stable code
and the file and line to correct."""
from __future__ import annotations

import datetime as dt
import re

from rancang.checks.findings import Finding
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Source
from rancang.sources.library import statutory_matrix
from rancang.sources.loader import YamlList, YamlMap
from rancang.sources.regency import PLACEHOLDER, Regency

# Peserta bukan penerima Upah pay by the 15th of the month of the Iuran (PP 44/2015
# Pasal 24 ayat (3)); Pekerja Rentan are enrolled as such.
LATEST_PAYMENT_DAY = 15


def _known(value) -> bool:
    return value is not None and value != PLACEHOLDER


def _date(value) -> dt.date | None:
    try:
        return bahasa.as_date(value) if _known(value) else None
    except (TypeError, ValueError):
        return None


def _where(node, key) -> Source | None:
    return node.where(key) if isinstance(node, YamlMap) and key in node else \
        getattr(node, "source", None)


def regency_findings(regency: Regency, catalogue) -> list[Finding]:
    return (_group_findings(regency, catalogue) + _fiscal_year_findings(regency)
            + _instrument_findings(regency))


def _group_findings(regency: Regency, catalogue) -> list[Finding]:
    """A group given a programme the law does not open to its segment, or fewer than it
    makes compulsory (the statutory matrix); a segment that does not exist or that the
    regency did not name; a group of 0 workers."""
    out = []
    matrix = statutory_matrix(catalogue)
    abbr = {k: v["abbr"] for k, v in (catalogue.get("programmes") or {}).items()}
    chosen_segments = [str(s) for s in regency.data.get("segments") or []]
    for opd in regency.data.get("opds") or []:
        groups = opd.get("groups") or []
        for i, group in enumerate(groups):
            where = Source(groups.source.file, groups.lines[i]) \
                if isinstance(groups, YamlList) else None
            segment = str(group.get("segment", "pekerja_rentan"))
            name = group.get("name")
            if segment not in matrix:
                out.append(Finding("error", "group-segment-unknown", _(
                    "group '{group}' names segment '{segment}', which clauses/catalogue.yaml "
                    "does not know; known: {known}").format(
                    group=name, segment=segment, known=", ".join(matrix)),
                    _where(group, "segment") or where))
                continue
            if segment not in chosen_segments:
                out.append(Finding("error", "group-segment-not-chosen", _(
                    "group '{group}' is of segment '{segment}', which is not among the "
                    "regency's segments ({segments})").format(
                    group=name, segment=segment, segments=", ".join(chosen_segments)),
                    _where(group, "segment") or where))
            if group.get("count") == 0:
                out.append(Finding("error", "group-zero-workers", _(
                    "group '{group}' has 0 workers: an agreement for nobody; give its count "
                    "or remove the group").format(group=name), _where(group, "count")))
            cells = matrix.get(segment) or {}
            chosen = [str(p) for p in group.get("programmes") or []]
            if not chosen:
                continue
            open_to = [p for p, c in cells.items() if c.open]
            for programme in chosen:
                cell = cells.get(programme)
                if cell is None or not cell.open:
                    out.append(Finding("error", "programme-not-allowed", _(
                        "{programme} is not open to segment '{segment}' (open: {open}; "
                        "{basis})").format(programme=programme.upper(), segment=segment,
                                           open=", ".join(abbr.get(p, p) for p in open_to),
                                           basis=cell.basis if cell else _("unknown programme")),
                        where))
            below = [p for p, c in cells.items()
                     if c.status == "wajib" and not c.phased and p not in chosen]
            if below:
                out.append(Finding("error", "programme-below-law", _(
                    "group '{group}' is given fewer programmes than the law makes compulsory "
                    "for segment '{segment}': {missing} missing ({basis})").format(
                    group=name, segment=segment,
                    missing=", ".join(abbr.get(p, p) for p in below),
                    basis="; ".join(cells[p].basis for p in below)), where))
    return out


def _fiscal_year_findings(regency: Regency) -> list[Finding]:
    """Months the APBD of one fiscal year cannot pay (13 for a year, 14 on a group, 12
    from July), a fiscal year before the Kesepakatan Bersama it rests on, a payment day
    after the one the PP sets."""
    out = []
    data = regency.data
    fin = data.get("financing")
    if not isinstance(fin, YamlMap):
        return out
    year = fin.get("year") if isinstance(fin.get("year"), int) else None
    start = _date(fin.get("start")) or (dt.date(year, 1, 1) if year else None)
    if start is not None:
        left = 12 - start.month + (1 if start.day == 1 else 0)
        places = [("financing.months", fin.get("months"), _where(fin, "months"))]
        for oi, opd in enumerate(data.get("opds") or []):
            groups = opd.get("groups") or []
            for gi, group in enumerate(groups):
                if isinstance(group, YamlMap) and "months" in group:
                    places.append((f"opds[{oi}].groups[{gi}].months", group.get("months"),
                                   group.where("months")))
        for path, months, where in places:
            if isinstance(months, int) and months > left:
                out.append(Finding("error", "months-beyond-year", _(
                    "{path} is {months}, but from {start} the fiscal year {year} has {left} "
                    "months left: the APBD of one year pays for that year only").format(
                    path=path, months=months, start=bahasa.tanggal(start), year=start.year,
                    left=left), where))
    mou = data.get("mou")
    mou_date = _date(mou.get("date")) if isinstance(mou, YamlMap) else None
    if year is not None and mou_date is not None and year < mou_date.year:
        out.append(Finding("error", "budget-before-mou", _(
            "financing.year {year} is before the year of the Kesepakatan Bersama it rests on "
            "(mou.date {date}): a fiscal year that ended before the agreement cannot pay "
            "for it").format(year=year, date=bahasa.tanggal(mou_date)), _where(fin, "year")))
    day = fin.get("payment_day")
    if isinstance(day, int) and day > LATEST_PAYMENT_DAY:
        out.append(Finding("error", "payment-day-late", _(
            "financing.payment_day {day} is after the {latest}th, by which a Peserta bukan "
            "penerima Upah's Iuran is paid for the month (PP 44/2015 Pasal 24 ayat "
            "(3))").format(day=day, latest=LATEST_PAYMENT_DAY), _where(fin, "payment_day")))
    return out


_NUMBER_DATE = re.compile(r"/(?P<month>[IVX]+)/(?P<year>\d{4})\s*$")
_ROMAN = {bahasa.roman(m): m for m in range(1, 13)}


def _instrument_findings(regency: Regency) -> list[Finding]:
    """A PKS dated before the Kesepakatan Bersama it implements or before the Keputusan of
    its participants it cites, a Surat Kuasa dated after the PKS it is for, a Kesepakatan
    Bersama carrying an earlier instrument's number or a number whose month and year are
    not its date's."""
    out = []
    data = regency.data
    mou = data.get("mou") if isinstance(data.get("mou"), YamlMap) else YamlMap()
    mou_date = _date(mou.get("date"))
    keputusan = data.get("keputusan") if isinstance(data.get("keputusan"), YamlMap) else YamlMap()
    penerima = keputusan.get("penerima") if isinstance(keputusan.get("penerima"), YamlMap) \
        else YamlMap()
    penerima_date = _date(penerima.get("ditetapkan"))
    common = data.get("pks") if isinstance(data.get("pks"), YamlMap) else YamlMap()
    for opd in data.get("opds") or []:
        pks = opd.get("pks") if isinstance(opd.get("pks"), YamlMap) else YamlMap()
        own = "date" in pks and _known(pks.get("date"))
        pks_date = _date(pks.get("date")) if own else _date(common.get("date"))
        pks_where = _where(pks, "date") if own else _where(common, "date")
        if pks_date is not None and mou_date is not None and pks_date < mou_date:
            out.append(Finding("error", "pks-before-mou", _(
                "the PKS of {opd} is dated {date}, before the Kesepakatan Bersama it "
                "implements ({mou})").format(opd=opd.get("name"), date=bahasa.tanggal(pks_date),
                                            mou=bahasa.tanggal(mou_date)), pks_where))
        if pks_date is not None and penerima_date is not None and pks_date < penerima_date:
            out.append(Finding("error", "pks-before-keputusan", _(
                "the PKS of {opd} is dated {date}, before the Keputusan Bupati of the "
                "participants it cites (keputusan.penerima.ditetapkan {keputusan})").format(
                opd=opd.get("name"), date=bahasa.tanggal(pks_date),
                keputusan=bahasa.tanggal(penerima_date)), pks_where))
        kuasa = pks.get("kuasa") if isinstance(pks.get("kuasa"), YamlMap) else YamlMap()
        kuasa_date = _date(kuasa.get("date"))
        if kuasa_date is not None and pks_date is not None and kuasa_date > pks_date:
            out.append(Finding("error", "kuasa-after-pks", _(
                "the Surat Kuasa for the PKS of {opd} is dated {date}, after the PKS it "
                "authorises ({pks})").format(opd=opd.get("name"), date=bahasa.tanggal(kuasa_date),
                                            pks=bahasa.tanggal(pks_date)), _where(kuasa, "date")))
    number = mou.get("number_pemda")
    earlier = mou.get("earlier") or []
    for entry in earlier:
        if _known(number) and str(entry.get("number_pemda")) == str(number):
            out.append(Finding("error", "instrument-number-reused", _(
                "mou.number_pemda {number} is the number of the earlier instrument of {date}; "
                "the Kesepakatan Bersama of {mou} has its own number").format(
                number=number, date=bahasa.tanggal(_date(entry.get("date")))
                if _date(entry.get("date")) else "...",
                mou=bahasa.tanggal(mou_date) if mou_date else "..."),
                _where(mou, "number_pemda")))
    m = _NUMBER_DATE.search(str(number)) if _known(number) else None
    if m and mou_date is not None and (int(m.group("year")) != mou_date.year or
                                       _ROMAN.get(m.group("month"), mou_date.month)
                                       != mou_date.month):
        out.append(Finding("warning", "instrument-number-date", _(
            "mou.number_pemda {number} carries the month and year {month}/{year}, but the "
            "Kesepakatan Bersama is dated {date}: is it another instrument's number?").format(
            number=number, month=m.group("month"), year=m.group("year"),
            date=bahasa.tanggal(mou_date)), _where(mou, "number_pemda")))
    return out
