"""Errors a user can act on. The CLI prints them without a traceback.

Every problem says where it is: a place in the input (`Source`: file and line) or a
unit of an output document (`Unit`: document and unit, 'Pasal 7 ayat (2)'). Callers may
still pass a plain string; it is read as one or the other."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rancang.i18n import _
from rancang.model.tree import Source


@dataclass(frozen=True)
class Unit:
    """A unit of an output document, for findings on what rancang composed."""
    unit: str
    document: str = ""          # the output's stem, 'perbup-rejang-lebong'; '' when not known

    def __str__(self) -> str:
        return self.unit

    def in_document(self, document: str) -> "Unit":
        return self if self.document else Unit(self.unit, document)


Where = Source | Unit

_FILE_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")
_FILE_SUFFIXES = (".yaml", ".yml", ".json", ".docx", ".odt", ".md", ".txt", ".pdf", ".toml")


def where_of(value: Source | Unit | str | None) -> Where | None:
    """A structured place from what a caller gave: 'regencies/x.yaml:12' and a path are
    input (`Source`); anything else ('Pasal 7 ayat (2)', 'Menimbang huruf a') is a unit."""
    if value is None or value == "":
        return None
    if isinstance(value, (Source, Unit)):
        return value
    text = str(value)
    m = _FILE_LINE.match(text)
    if m and not m.group("file").startswith(("Pasal", "BAB")):
        return Source(m.group("file"), int(m.group("line")))
    if text.lower().endswith(_FILE_SUFFIXES) or "/" in text or "\\" in text:
        return Source(text)
    return Unit(text)


def where_as_dict(where: Where | None) -> dict | None:
    """JSON: {file, line} for input, {document, unit} for output, null for neither."""
    if isinstance(where, Source):
        return {"file": where.file, "line": where.line}
    if isinstance(where, Unit):
        return {"document": where.document or None, "unit": where.unit}
    return None


def os_reason(exc: BaseException) -> str:
    """Why a file could not be read, in the user's language: the operating system's own
    words (strerror) are English on most systems."""
    import errno
    code = getattr(exc, "errno", None)
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return _("permission denied, or the file is open in another program")
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return _("file not found")
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return _("it is a folder, not a file")
    if isinstance(exc, NotADirectoryError) or code == errno.ENOTDIR:
        return _("a part of the path is a file, not a folder")
    if code == errno.EADDRINUSE:
        return _("the address is already in use by another program")
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


@dataclass
class Problem:
    message: str
    where: Source | Unit | str | None = None
    code: str = ""          # stable, for `rancang check --json` and for scripts

    def __post_init__(self) -> None:
        self.where = where_of(self.where)

    @classmethod
    def coded(cls, code: str, message: str,
              where: Source | Unit | str | None = None) -> "Problem":
        return cls(message, where, code)

    def as_dict(self) -> dict:
        return {"code": self.code or None, "message": self.message,
                "where": where_as_dict(self.where)}

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class RancangError(Exception):
    """A mistake in the input (a file, a parameter, an option). Exit status 2 by default:
    the input is unusable."""
    exit_code = 2

    def __init__(self, message: str, where: Source | Unit | str | None = None):
        self.problems = [Problem(message, where)]
        super().__init__(str(self.problems[0]))


class BuildError(RancangError):
    """One or more problems that make the document wrong (a missing parameter, a dangling
    reference). Collected so the user sees all of them at once."""
    exit_code = 1

    def __init__(self, problems: list[Problem], headline: str | None = None,
                 page_headline: str | None = None):
        self.problems = list(problems)
        self.headline = headline if headline is not None else _("the document cannot be built")
        # what the web page says instead, where the headline names a command
        self.page_headline = page_headline or self.headline
        Exception.__init__(self, self.headline + ":\n"
                           + "\n".join(f"  - {p}" for p in self.problems))


class InputError(BuildError):
    """Input that cannot be used at all (a regency or clause file that does not follow its
    schema): exit status 2, like a missing file."""
    exit_code = 2
