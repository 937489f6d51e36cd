"""Resource limits on what one input may cost: settings with defaults generous for any
real regulation, each overridable by an environment variable (README, "Limits").

Read when used, not at import, so a changed variable counts from the next build on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from rancang.errors import RancangError
from rancang.i18n import N_, _


@dataclass(frozen=True)
class Limit:
    variable: str
    default: float
    what: str                 # N_() text: what is limited, for messages and the README
    integer: bool = True


LIMITS = {
    "clause_seconds": Limit("RANCANG_CLAUSE_SECONDS", 10,
                            N_("seconds to render one clause text"), integer=False),
    "clause_chars": Limit("RANCANG_CLAUSE_MAX_CHARS", 1_000_000,
                          N_("characters in one text a clause makes")),
    "clause_items": Limit("RANCANG_CLAUSE_MAX_ITEMS", 100_000,
                          N_("items in one list or range a clause makes")),
    "clause_steps": Limit("RANCANG_CLAUSE_MAX_STEPS", 1_000_000,
                          N_("steps (loop iterations and calls) in one clause text")),
    "yaml_nodes": Limit("RANCANG_YAML_MAX_NODES", 200_000,
                        N_("values in one YAML file, aliases counted each time they are used")),
    "yaml_depth": Limit("RANCANG_YAML_MAX_DEPTH", 40,
                        N_("levels of nesting in one YAML file")),
    "package_mb": Limit("RANCANG_PACKAGE_MAX_MB", 50,
                        N_("MB of one DOCX/ODT file")),
    "unpacked_mb": Limit("RANCANG_UNPACKED_MAX_MB", 300,
                         N_("MB of one DOCX/ODT file once unpacked")),
    "pandoc_mb": Limit("RANCANG_PANDOC_MEMORY_MB", 768,
                       N_("MB of memory pandoc may use to read one DOCX/ODT")),
    "pandoc_seconds": Limit("RANCANG_PANDOC_TIMEOUT", 120,
                            N_("seconds pandoc may take to read one DOCX/ODT"), integer=False),
}


def limit(name: str) -> float:
    """The value in force for the limit `name` (a key of LIMITS)."""
    spec = LIMITS[name]
    raw = os.environ.get(spec.variable, "").strip()
    if not raw:
        return spec.default
    try:
        value = int(raw) if spec.integer else float(raw)
    except ValueError:
        value = None
    if value is None or not value > 0 or value != value or value == float("inf"):
        kind = _("a whole number") if spec.integer else _("a number")
        raise RancangError(_("the setting {variable}={value!r} is not valid: it must be {kind} "
                             "greater than 0 ({what})").format(
                                 variable=spec.variable, value=raw, kind=kind,
                                 what=_(spec.what)))
    return value


def describe(name: str) -> str:
    """'RANCANG_X=N' as a message names the setting a user can raise."""
    value = limit(name)
    shown = int(value) if float(value).is_integer() else value
    return f"{LIMITS[name].variable}={shown}"
