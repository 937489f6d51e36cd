"""Compose one document: the composer of its kind, then --final's refusal of open
parameters."""
from __future__ import annotations

from rancang.composition.agreement import AgreementComposer
from rancang.composition.base import Build
from rancang.composition.finance import Financing, Opd
from rancang.composition.perbup import PerbupComposer
from rancang.errors import BuildError, Problem
from rancang.sources.library import Library
from rancang.sources.regency import Regency


def composer_class(lib: Library) -> type:
    """An agreement (MoU or PKS) has parties; everything else is a regulation."""
    return AgreementComposer if "pihak" in lib.document else PerbupComposer


def compose(lib: Library, regency: Regency, final: bool = False,
            financing: Financing | None = None, opd: Opd | None = None) -> Build:
    composer = composer_class(lib)(lib, regency, financing, opd)
    build = composer.compose()
    problems = list(composer.problems)
    if final:
        seen = set()
        ordered = sorted(build.document.placeholders(),
                         key=lambda p: (str(p.source.file) if p.source else "",
                                        p.source.line or 0 if p.source else 0))
        for ph in ordered:
            if ph.path not in seen:
                seen.add(ph.path)
                problems.append(Problem.coded("placeholder-open", f"'{ph.path}' is still a placeholder (...)", ph.source))
    if problems:
        headline = ("the final version cannot be built while parameters are open"
                    if final and all("placeholder" in p.message for p in problems)
                    else "the document cannot be built")
        raise BuildError(problems, headline)
    return build
