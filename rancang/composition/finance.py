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
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Source
from rancang.sources.library import statutory_matrix
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
class Disagreement:
    """A published figure that is not the computed one: `fact` names the figure of the
    regency file ('financing.stated_total'), `decision` the entry of `decisions` that
    settles it (None while nobody has decided)."""
    fact: str
    published: int
    computed: int
    problem: Problem
    decision: YamlMap | None = None


@dataclass
class Financing:
    opds: list[Opd]
    start: dt.date | None
    months: int | None
    findings: list[Problem] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    # the one figure of each fact every document prints: computed from the groups (or the
    # participant list) where they determine it, else as decided or published
    workers_figure: int | None = None
    amount_figure: int | None = None
    counted_from_list: bool = False
    # the OPDs of the regency file the participant list names nobody of
    unlisted: list[Opd] = field(default_factory=list)

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


def compute(regency: Regency, rates, catalogue,
            counts: dict[tuple[str, str], int] | None = None) -> Financing:
    """Price every group; `counts` ({(opd slug, group name): n}, the participant list's)
    replace the regency file's counts."""
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
    matrix = statutory_matrix(catalogue) if catalogue else {}
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
            # only what the law opens to the segment is priced (the rest is an error of
            # its own, programme-not-allowed)
            cells = matrix.get(segment) or {}
            programmes = [p for p in programmes if p not in cells or cells[p].open]
            count = known_int(g.get("count"))
            if counts is not None:
                count = counts.get((opd.slug, str(g.get("name", ""))), 0)
            group = Group(opd.slug, opd.name, str(g.get("name", "")), segment, programmes,
                          count, known_int(g.get("months")) or months, None,
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
                    findings.append(Problem.coded("rate-missing", _(
                        "no nominal contribution rate for {programmes} of segment '{segment}' "
                        "in clauses/rates.yaml; the amount of group '{group}' cannot be "
                        "computed").format(programmes=", ".join(m.upper() for m in missing),
                                           segment=segment, group=group.name), where))
            opd.groups.append(group)
        opds.append(opd)
    unlisted: list[Opd] = []
    if counts is not None:
        # with a participant list, who is in it takes part: a group of nobody has no row
        # and an OPD of nobody no PKS (the list's findings name what differs from the file)
        for opd in opds:
            opd.groups = [g for g in opd.groups if g.workers]
        unlisted = [o for o in opds if not o.groups]
        opds = [o for o in opds if o.groups]
    financing = Financing(opds, start, months, findings, counted_from_list=counts is not None,
                          unlisted=unlisted)
    _compare(financing, regency, fin, override, findings, rates)
    _decide(financing, regency)
    return financing


def _rp(value) -> str:
    return "Rp" + bahasa.format_angka(value)


def _compare(financing: Financing, regency: Regency, fin, override, findings, rates) -> None:
    """Published figures against the computed ones: each disagreement is a warning with the
    figures (and, for one rate, the rate the published budget implies)."""
    data = regency.data
    participants = data.get("participants") or YamlMap()
    stated_workers = known_int(participants.get("rentan_total")) \
        if isinstance(participants, YamlMap) else None
    counts = [g.workers for g in financing.groups]
    detail_workers = sum(counts) if counts and None not in counts else None
    if stated_workers is not None and detail_workers is not None \
            and detail_workers != stated_workers:
        if financing.counted_from_list:
            message = _("the participant list has {computed} workers, the stated total is "
                        "{stated} (difference {difference}); both are kept as published")
        else:
            message = _("the participant groups add up to {computed} workers, the stated total "
                        "is {stated} (difference {difference}); both are kept as published")
        problem = Problem.coded("counts-differ", message.format(
            computed=bahasa.format_angka(detail_workers),
            stated=bahasa.format_angka(stated_workers),
            difference=bahasa.format_angka(abs(detail_workers - stated_workers))),
            participants.where("rentan_total"))
        findings.append(problem)
        financing.disagreements.append(Disagreement("participants.rentan_total", stated_workers,
                                                    detail_workers, problem))
    financing.workers_figure = detail_workers if detail_workers is not None else stated_workers
    financing.amount_figure = financing.amount
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
    computed = financing.amount
    if computed is None and financing.workers is None and workers is not None \
            and months is not None and len(monthly) == 1:
        # the groups' counts are open: price the published number of workers
        computed = workers * next(iter(monthly)) * months
    if financing.amount is None:
        # what the documents print while the groups leave it open: the computed figure, or
        # the published one (a decision may say otherwise, see _decide)
        financing.amount_figure = computed if computed is not None else stated
    if computed is None or computed == stated:
        return
    difference = _rp(abs(computed - stated))
    if len(monthly) == 1:
        per_worker = next(iter(monthly))
        implied = (Decimal(stated) / Decimal(workers * months)).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP)
        message = _(
            "stated budget {stated} differs from the computed {computed} ({workers} workers x "
            "{rate} x {months} months; difference {difference}): the stated budget works out "
            "at {implied} a worker a month against the configured {rate}").format(
            stated=_rp(stated), computed=_rp(computed), workers=bahasa.format_angka(workers),
            rate=_rp(per_worker), months=months, difference=difference, implied=_rp(implied))
    else:
        # groups priced at different rates: no single rate explains the published budget
        message = _(
            "stated budget {stated} differs from the computed {computed} (difference "
            "{difference}); the groups are priced at different rates ({rates} a worker a "
            "month), so no single rate explains the stated budget").format(
            stated=_rp(stated), computed=_rp(computed), difference=difference,
            rates=", ".join(_rp(m) for m in sorted(monthly)))
    problem = Problem.coded("budget-differs", message, fin.where("stated_total"))
    findings.append(problem)
    financing.disagreements.append(Disagreement("financing.stated_total", stated, computed,
                                                problem))


def _decide(financing: Financing, regency: Regency) -> None:
    """The decisions of the regency file applied: a disagreement gets its decision; a
    decision for the published figure replaces the figure the documents print, where the
    groups do not determine it (see `decision_problems` for the ones that cannot stand)."""
    decisions = regency.data.get("decisions") or []
    for item in financing.disagreements:
        item.decision = next((d for d in decisions if d.get("fact") == item.fact), None)
        if item.decision is None or item.decision.get("use") != "published":
            continue
        if item.fact == "financing.stated_total" and financing.amount is None:
            financing.amount_figure = item.published
        if item.fact == "participants.rentan_total" and financing.workers is None:
            financing.workers_figure = item.published


def decision_problems(financing: Financing, regency: Regency) -> list[Problem]:
    """Decisions that cannot stand: for the published figure while the groups (or the
    participant list) add up to another one, which the documents print row by row; for a
    fact that does not disagree."""
    out = []
    decisions = regency.data.get("decisions") or YamlList()
    disagreeing = {d.fact: d for d in financing.disagreements}
    for i, decision in enumerate(decisions):
        where = Source(decisions.source.file, decisions.lines[i]) \
            if isinstance(decisions, YamlList) else None
        fact = str(decision.get("fact"))
        if fact == "participant_list.counts":
            continue            # settled against the list's findings (commands/build.py)
        item = disagreeing.get(fact)
        if item is None:
            out.append(Problem.coded("decision-unneeded", _(
                "a decision for '{fact}', which agrees with the computed figure (or is not "
                "published): remove it").format(fact=fact), where))
            continue
        if decision.get("use") != "published":
            continue
        detail = financing.amount if fact == "financing.stated_total" else financing.workers
        if detail is not None:
            out.append(Problem.coded("decision-incoherent", _(
                "'{fact}' is decided for the published {published}, but the groups add up to "
                "{computed}, which the documents print row by row: correct the groups (or "
                "financing.monthly_per_worker), or decide for the computed figure").format(
                fact=fact, published=bahasa.format_angka(item.published),
                computed=bahasa.format_angka(item.computed)), where))
    return out
