"""Errors a user can act on. The CLI prints them without a traceback."""
from __future__ import annotations

from dataclasses import dataclass

from rancang.model.tree import Source


@dataclass
class Problem:
    message: str
    where: Source | str | None = None
    code: str = ""          # stable, for `rancang check --json` and for scripts

    @classmethod
    def coded(cls, code: str, message: str, where: Source | str | None = None) -> "Problem":
        return cls(message, where, code)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class RancangError(Exception):
    """A mistake in the input (a file, a parameter, an option). Exit status 2 by default:
    the input is unusable."""
    exit_code = 2

    def __init__(self, message: str, where: Source | str | None = None):
        self.problems = [Problem(message, where)]
        super().__init__(str(self.problems[0]))


class BuildError(RancangError):
    """One or more problems that make the document wrong (a missing parameter, a dangling
    reference). Collected so the user sees all of them at once."""
    exit_code = 1

    def __init__(self, problems: list[Problem], headline: str = "the document cannot be built"):
        self.problems = list(problems)
        self.headline = headline
        Exception.__init__(self, headline + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class InputError(BuildError):
    """Input that cannot be used at all (a regency or clause file that does not follow its
    schema): exit status 2, like a missing file."""
    exit_code = 2
