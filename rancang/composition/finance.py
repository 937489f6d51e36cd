"""The financing calculator: workers x monthly contribution x months, per participant
group, per OPD and for the regency, compared with the figures the regency published.

Published figures are kept as published. Where they disagree with each other or with
the computation, the calculator says so (a warning with the implied rate) and never
picks one silently.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from rancang.errors import Problem
from rancang.model import bahasa
from rancang.model.tree import Source
from rancang.sources.loader import YamlList, YamlMap, load_yaml
from rancang.files import slug as file_slug
from rancang.sources.regency import PLACEHOLDER, Regency
from rancang.sources.workspace import display_path


def _known(value) -> bool:
    return value is not None and value != PLACEHOLDER


@dataclass
class Rate:
    programme: str
    nominal: int | None
    source: str
    confirmed: bool
    effective: dt.date


@dataclass
class Group:
    opd_slug: str
    opd_name: str
    name: str
    segment: str
    programmes: list[str]
    workers: int | None
    months: int | None
    monthly: int | None               # contribution a worker a month, Rupiah
    rates: list[Rate] = field(default_factory=list)
    source: Source | None = None
    path: str = ""                    # 'opds[2].groups[0]' in the regency file

    @property
    def amount(self) -> int | None:
        if self.workers is None or self.months is None or self.monthly is None:
            return None
        return self.workers * self.monthly * self.months

    @property
    def monthly_total(self) -> int | None:
        if self.workers is None or self.monthly is None:
            return None
        return self.workers * self.monthly


@dataclass
class Opd:
    slug: str
    name: str
    spec: YamlMap
    groups: list[Group] = field(default_factory=list)

    def _sum(self, attr):
        values = [getattr(g, attr) for g in self.groups]
        return None if not values or any(v is None for v in values) else sum(values)

    @property
    def workers(self):
        return self._sum("workers")

    @property
    def amount(self):
        return self._sum("amount")

    @property
    def monthly_total(self):
        return self._sum("monthly_total")


@dataclass
class Financing:
    opds: list[Opd]
    start: dt.date | None
    months: int | None
    findings: list[Problem] = field(default_factory=list)

    @property
    def groups(self) -> list[Group]:
        return [g for o in self.opds for g in o.groups]

    @property
    def workers(self):
        values = [g.workers for g in self.groups]
        return None if not values or None in values else sum(values)

    @property
    def amount(self):
        values = [g.amount for g in self.groups]
        return None if not values or None in values else sum(values)


def load_rates(clauses_dir: Path) -> YamlList:
    path = clauses_dir / "rates.yaml"
    data = load_yaml(path, display_path(path))
    return data.get("rates") if isinstance(data, YamlMap) else YamlList()


def rate_for(rates, programme: str, segment: str, when: dt.date) -> Rate | None:
    best = None
    for entry in rates or []:
        if entry.get("programme") != programme or segment not in (entry.get("segments") or []):
            continue
        effective = bahasa.as_date(entry["effective"])
        if effective <= when and (best is None or effective >= best[0]):
            best = (effective, entry)
    if best is None:
        return None
    effective, entry = best
    nominal = entry.get("nominal")
    return Rate(programme, int(nominal) if nominal is not None else None,
                str(entry.get("source", "")), bool(entry.get("confirmed")), effective)


def bantuan_programmes(data) -> dict[str, list[str]]:
    """segment -> the programmes the Pemda pays for it (bantuan_iuran of the regency
    file): what the calculator prices."""
    out: dict[str, list[str]] = {}
    for entry in data.get("bantuan_iuran") or []:
        programmes = entry.get("programmes")
        if isinstance(programmes, list):
            out.setdefault(str(entry.get("target")), []).extend(
                str(p) for p in programmes if str(p) not in out.get(str(entry.get("target")), []))
    return out


def known_int(value) -> int | None:
    """A figure of the regency file, or None where it is missing or still '...'."""
    return int(value) if _known(value) else None


def compute(regency: Regency, rates, catalogue) -> Financing:
    data = regency.data
    fin = data.get("financing") or YamlMap()
    if not isinstance(fin, YamlMap):
        fin = YamlMap()
    year = fin.get("year")
    start = None
    if _known(fin.get("start")):
        start = bahasa.as_date(fin["start"])
    elif _known(year):
        start = dt.date(int(year), 1, 1)
    months = known_int(fin.get("months"))
    override = known_int(fin.get("monthly_per_worker"))
    paid = bantuan_programmes(data)
    findings: list[Problem] = []
    opds: list[Opd] = []
    for oi, spec in enumerate(data.get("opds") or []):
        if not isinstance(spec, YamlMap):
            continue
        opd = Opd(slug=str(spec.get("slug") or file_slug(str(spec.get("name", "")))), name=str(spec.get("name", "")), spec=spec)
        groups = spec.get("groups") or YamlList()
        for i, g in enumerate(groups):
            where = Source(groups.source.file, groups.lines[i])
            segment = str(g.get("segment", "pekerja_rentan"))
            # what the Pemda pays for this group's segment (its Bantuan Iuran), unless the
            # group names its own programmes
            programmes = [str(p) for p in (g.get("programmes") or paid.get(segment) or [])]
            group = Group(opd.slug, opd.name, str(g.get("name", "")), segment, programmes,
                          known_int(g.get("count")), known_int(g.get("months")) or months, None,
                          source=where, path=f"opds[{oi}].groups[{i}]")
            if override is not None:
                group.monthly = override
            elif not programmes:
                pass            # the Pemda pays nothing for this segment: no amount
            elif start is not None:
                found = [rate_for(rates, p, segment, start) for p in programmes]
                if all(r is not None and r.nominal is not None for r in found):
                    group.rates = found
                    group.monthly = sum(r.nominal for r in found)
                else:
                    missing = [p for p, r in zip(programmes, found) if r is None or r.nominal is None]
                    findings.append(Problem.coded("rate-missing", 
                        f"no nominal contribution rate for {', '.join(m.upper() for m in missing)} "
                        f"of segment '{segment}' in clauses/rates.yaml; the amount of group "
                        f"'{group.name}' cannot be computed", where))
            opd.groups.append(group)
        opds.append(opd)
    financing = Financing(opds, start, months, findings)
    _compare(financing, regency, fin, override, findings, rates)
    return financing


def _rp(value) -> str:
    return "Rp" + bahasa.format_angka(value)


def _compare(financing: Financing, regency: Regency, fin, override, findings, rates) -> None:
    data = regency.data
    participants = data.get("participants") or YamlMap()
    stated_workers = known_int(participants.get("rentan_total")) if isinstance(participants, YamlMap) else None
    counts = [g.workers for g in financing.groups]
    if stated_workers is not None and counts and None not in counts and sum(counts) != stated_workers:
        findings.append(Problem.coded("counts-differ", 
            f"the participant groups add up to {bahasa.format_angka(sum(counts))} workers, the "
            f"stated total is {bahasa.format_angka(stated_workers)} (difference "
            f"{bahasa.format_angka(abs(sum(counts) - stated_workers))}); both are kept as "
            "published", participants.where("rentan_total")))
    stated = known_int(fin.get("stated_total")) if isinstance(fin, YamlMap) else None
    if stated is None:
        return
    workers = financing.workers if financing.workers is not None else stated_workers
    months = financing.months
    monthly = {g.monthly for g in financing.groups if g.monthly is not None}
    if override is not None:
        monthly = {override}
    elif not monthly and financing.start is not None:
        # No group counts: price the stated workers at the rate of pekerja rentan.
        rates = [rate_for(rates, p, "pekerja_rentan", financing.start)
                 for p in bantuan_programmes(data).get("pekerja_rentan") or []]
        if rates and all(r and r.nominal for r in rates):
            monthly = {sum(r.nominal for r in rates)}
    if workers is None or months is None or len(monthly) != 1:
        return
    per_worker = monthly.pop()
    computed = (financing.amount if financing.amount is not None
                else workers * per_worker * months)
    if computed == stated:
        return
    implied = (Decimal(stated) / Decimal(workers * months)).quantize(Decimal("1"),
                                                                   rounding=ROUND_HALF_UP)
    findings.append(Problem.coded("budget-differs", 
        f"stated budget {_rp(stated)} differs from the computed {_rp(computed)} "
        f"({bahasa.format_angka(workers)} workers x {_rp(per_worker)} x {months} months; "
        f"difference {_rp(abs(computed - stated))}): the stated budget works out at "
        f"{_rp(implied)} a worker a month against the configured {_rp(per_worker)}",
        fin.where("stated_total")))

