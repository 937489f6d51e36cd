"""Clause text is Jinja, run in a sandbox with strict undefined variables.

A missing parameter is an error naming the file and line; clause text cannot reach
Python internals (`{{ ''.__class__ }}` fails). Helpers that need the document tree
(`ref()`) and parameters left open (placeholders) travel through the rendered string as
private-use markers that no filter changes, and are turned back into inline pieces
afterwards.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from rancang.errors import Problem
from rancang.model import bahasa
from rancang.model.tree import Inline, Placeholder, Ref, Source

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER_RE = re.compile(_MARK_OPEN + r"(\d+)" + _MARK_CLOSE)
_SPACES = re.compile(r"\s+")

ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                    keep_trailing_newline=False)


@lru_cache(maxsize=4096)
def _compile(src: str):
    return ENV.from_string(src)


@lru_cache(maxsize=1024)
def _compile_expr(src: str):
    return ENV.compile_expression(src, undefined_to_none=False)


class TextRenderer:
    """Renders clause texts for one build. Collects problems instead of stopping at the
    first, so the user sees every missing parameter at once."""

    def __init__(self, context: dict[str, Any]):
        self.pieces: list[Inline] = []
        self.problems: list[Problem] = []
        self._current: Source | None = None
        self.context = dict(context)
        self.context.update(self._helpers())

    # -- markers --------------------------------------------------------------------
    def marker(self, piece: Inline) -> str:
        self.pieces.append(piece)
        return f"{_MARK_OPEN}{len(self.pieces) - 1}{_MARK_CLOSE}"

    def placeholder(self, path: str, source: Source | None) -> str:
        return self.marker(Placeholder(path, source))

    @staticmethod
    def is_open(value) -> bool:
        """True for a value that is (only) a placeholder marker."""
        return isinstance(value, str) and _MARKER_RE.fullmatch(value) is not None

    def split(self, text: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in _MARKER_RE.finditer(text):
            if m.start() > pos:
                out.append(text[pos:m.start()])
            out.append(self.pieces[int(m.group(1))])
            pos = m.end()
        if pos < len(text):
            out.append(text[pos:])
        return out

    # -- helpers available in clause text ---------------------------------------------
    def _helpers(self) -> dict[str, Callable]:
        def passthrough(fn):
            def wrapped(value, *args, **kwargs):
                if self.is_open(value):
                    # a placeholder stays a placeholder; a unit stays after it
                    unit = args[0] if fn is bahasa.angka and args else kwargs.get("unit")
                    return f"{value} {unit}" if unit else value
                return fn(value, *args, **kwargs)
            wrapped.__name__ = fn.__name__
            return wrapped

        def ref(*targets, kecuali=(), optional=False):
            """ref('a', 'b', kecuali='c'); optional=True drops targets that a condition
            left out of this document (an unknown id is still an error)."""
            if not targets:
                raise TemplateError("ref() needs at least one target id")
            if isinstance(kecuali, str):
                kecuali = (kecuali,)
            return self.marker(Ref(tuple(str(t) for t in targets), tuple(kecuali),
                                   self._current, bool(optional)))

        def daftar(items, conj="dan"):
            return bahasa.join_words([str(i) for i in items], conj)

        return {
            "ref": ref,
            "angka": passthrough(bahasa.angka),
            "rupiah": passthrough(bahasa.rupiah),
            "persen": passthrough(bahasa.persen),
            "terbilang": passthrough(bahasa.terbilang),
            "tanggal": passthrough(bahasa.tanggal),
            "hari": passthrough(bahasa.hari),
            "tanggal_kata": passthrough(bahasa.tanggal_kata),
            "daftar": daftar,
        }

    # -- rendering ------------------------------------------------------------------
    def render(self, src: Any, source: Source, extra: dict | None = None) -> list[Inline] | None:
        """Render one clause text to inline pieces; None (and a recorded problem) when
        it cannot be rendered."""
        if src is None:
            return []
        src = str(src)
        self._current = source
        try:
            if "{" in src:
                context = self.context if not extra else {**self.context, **extra}
                text = _compile(src).render(context)
            else:
                text = src
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located message
            self.problems.append(self._problem(exc, source))
            return None
        return self.split(_SPACES.sub(" ", text).strip())

    def evaluate(self, expr: Any, source: Source, extra: dict | None = None, what="condition"):
        """Evaluate a `when:` condition or a `foreach:` expression."""
        if isinstance(expr, bool):
            return expr
        self._current = source
        try:
            context = self.context if not extra else {**self.context, **extra}
            value = _compile_expr(str(expr))(**context)
        except Exception as exc:  # noqa: BLE001
            self.problems.append(self._problem(exc, source, what))
            return None
        if self.is_open(value):
            piece = self.pieces[int(_MARKER_RE.fullmatch(value).group(1))]
            self.problems.append(Problem.coded("condition-open", 
                f"the {what} '{expr}' depends on '{piece.path}', which the regency file "
                f"leaves open (...) at {piece.source}; fill it in", source))
            return None
        return value

    @staticmethod
    def _problem(exc: Exception, source: Source, what: str = "text") -> Problem:
        line = source.line
        lineno = getattr(exc, "lineno", None)
        if line and lineno:
            line = line + lineno - 1
        message = str(getattr(exc, "message", None) or exc)
        if isinstance(exc, UndefinedError) and "unsafe" in message:
            return Problem.coded("sandbox-blocked", f"not allowed in clause {what}: {message}", Source(source.file, line))
        if isinstance(exc, UndefinedError):
            m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", message)
            name = (m.group(1) or m.group(2)) if m else None
            # A folded YAML scalar joins its lines: find the line that names it.
            line = _line_naming(source, name) or line
            if m and m.group(1):
                text = f"missing parameter '{name}' in clause {what}"
            elif name:
                text = f"unknown name '{name}' in clause {what}"
            else:
                text = f"missing parameter in clause {what}: {message}"
            return Problem.coded("param-missing", text, Source(source.file, line))
        where = Source(source.file, line)
        if isinstance(exc, SecurityError):
            return Problem.coded("sandbox-blocked", f"not allowed in clause {what}: {exc}", where)
        if isinstance(exc, TemplateSyntaxError):
            return Problem.coded("template-syntax", f"clause {what} is not valid template syntax: {exc.message}", where)
        if isinstance(exc, TemplateError):
            return Problem.coded("template-error", f"clause {what} failed: {exc}", where)
        return Problem.coded("template-error", f"clause {what} failed: {type(exc).__name__}: {exc}", where)


def _line_naming(source: Source, name: str | None, span: int = 80) -> int | None:
    """The first line at or after the text's start that mentions `name` inside {{ }}."""
    if not name or not source.line:
        return None
    try:
        with open(source.file, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    pattern = re.compile(r"\b" + re.escape(name) + r"\b")
    for i in range(source.line - 1, min(len(lines), source.line - 1 + span)):
        if pattern.search(lines[i]):
            return i + 1
    return None
