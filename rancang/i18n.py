"""Messages in the user's language: Bahasa Indonesia by default, English on request.

Message ids in the code are English; `rancang/locale/id/LC_MESSAGES/rancang.po` holds
the Indonesian, compiled to `rancang.mo` with Babel (`tools/i18n.py`). The language is
chosen by `set_language()` (the CLI's `--lang`), else `RANCANG_LANG`, else the locale
(`LC_ALL`, `LC_MESSAGES`, `LANG`), else Indonesian.

Translate when the message is made, never at import time: module-level texts are marked
with `N_()` and passed through `_()` where they are shown.
"""
from __future__ import annotations

import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "rancang"
LANGUAGES = ("id", "en")
DEFAULT = "id"

_chosen: str | None = None
_translations: dict = {}


def _from_environment() -> str:
    value = os.environ.get("RANCANG_LANG", "").strip().lower()
    if value:
        return value[:2] if value[:2] in LANGUAGES else DEFAULT
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").strip().lower()
        if value and value not in ("c", "posix", "c.utf-8"):
            # an English locale asks for English; any other (id_ID, a Javanese desktop, ...)
            # gets Indonesian, the language of the documents
            return "en" if value.startswith("en") else DEFAULT
    return DEFAULT


def language() -> str:
    return _chosen or _from_environment()


def chosen() -> str | None:
    """The language set by `set_language()`, None when the environment decides."""
    return _chosen


def set_language(lang: str | None) -> str:
    """Choose the language for this process ('id' or 'en'); None goes back to the
    environment's choice. Returns the language in use."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(_("unknown language '{lang}'; choose from: {choices}").format(
            lang=lang, choices=", ".join(LANGUAGES)))
    _chosen = lang
    return language()


def _catalog(lang: str):
    if lang not in _translations:
        import gettext      # here: `rancang --help` reads its text without a catalog
        if lang == "en":        # the message ids are English
            _translations[lang] = gettext.NullTranslations()
        else:
            _translations[lang] = gettext.translation(DOMAIN, LOCALE_DIR, [lang],
                                                      fallback=True)
    return _translations[lang]


def _(message: str) -> str:
    return _catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a text for the catalog without translating it yet."""
    return message
