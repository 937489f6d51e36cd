"""Compose one document: the composer of its kind, then --final's refusal of what is not
settled: open parameters, values marked unconfirmed, unconfirmed citations."""
from __future__ import annotations

from rancang.composition.agreement import AgreementComposer
from rancang.composition.base import Build
from rancang.composition.finance import Financing, Opd
from rancang.composition.keputusan import PARTICIPANT_LIST, KeputusanComposer
from rancang.composition.kuasa import KuasaComposer
from rancang.composition.perbup import PerbupComposer
from rancang.errors import BuildError, Problem
from rancang.i18n import _
from rancang.model.tree import Document, Unconfirmed
from rancang.sources.library import Library
from rancang.sources.regency import Regency


def composer_class(lib: Library) -> type:
    """An agreement (MoU or PKS) has parties, a Keputusan its diktum, a Surat Kuasa its
    numbered paragraphs; everything else is a regulation."""
    if "pihak" in lib.document:
        return AgreementComposer
    if "diktum" in lib.document:
        return KeputusanComposer
    if "butir" in lib.document:
        return KuasaComposer
    return PerbupComposer


def final_problems(document: Document) -> list[Problem]:
    """What the version to sign may not hold, each with the file and line to settle it."""
    problems: list[Problem] = []
    seen = set()
    ordered = sorted(document.placeholders(),
                     key=lambda p: (str(p.source.file) if p.source else "",
                                    p.source.line or 0 if p.source else 0))
    for ph in ordered:
        if ph.path in seen:
            continue
        seen.add(ph.path)
        if isinstance(ph, Unconfirmed):
            note = f" ({ph.note})" if ph.note else ""
            problems.append(Problem.coded("fact-unconfirmed", _(
                "'{path}' is not confirmed{note}: confirm it, then drop 'confirmed: false'").format(
                path=ph.path, note=note), ph.source))
        elif ph.path == PARTICIPANT_LIST:
            problems.append(Problem.coded("participants-missing", _(
                "the Keputusan lists every recipient by name, NIK and address: build it with "
                "--participants FILE (the participant list, XLSX or CSV)"), ph.source))
        elif ph.path.startswith("perbup.") and ph.path.split(".")[1] in (
                "number", "ditetapkan", "diundangkan", "berita_daerah"):
            problems.append(Problem.coded("placeholder-open", _(
                "'{path}' is still a placeholder (...): a Rancangan gets its number, dates "
                "and Berita Daerah at penetapan; record them with perbup.status: "
                "enacted").format(path=ph.path), ph.source))
        else:
            problems.append(Problem.coded("placeholder-open", _(
                "'{path}' is still a placeholder (...)").format(path=ph.path), ph.source))
    for node in document.find("mengingat"):
        if not node.attrs.get("confirmed", True):
            title = node.text.split(" (")[0]
            problems.append(Problem.coded("citation-unconfirmed", _(
                "Mengingat '{title}' is not confirmed or has a number not known ('Nomor ...'): "
                "read it off the regulation itself").format(title=title), node.source))
    return problems


def compose(lib: Library, regency: Regency, final: bool = False,
            financing: Financing | None = None, opd: Opd | None = None,
            related: dict | None = None) -> Build:
    composer = composer_class(lib)(lib, regency, financing, opd, related)
    build = composer.compose()
    problems = list(composer.problems)
    refused = final_problems(build.document) if final else []
    if problems or refused:
        headline = (_("the final version cannot be built while parameters are open or facts "
                      "and citations unconfirmed")
                    if refused and not problems else _("the document cannot be built"))
        raise BuildError(problems + refused, headline)
    return build
