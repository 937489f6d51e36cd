"""Clause text is Jinja, run in a sandbox with strict undefined variables.

A missing parameter is an error naming the file and line; clause text cannot reach
Python internals (`{{ ''.__class__ }}` fails). Helpers that need the document tree
(`ref()`) and parameters left open (placeholders) travel through the rendered string as
private-use markers that no filter changes, and are turned back into inline pieces
afterwards.

Clause text cannot run away either: every loop step, call, operator and filter passes a
budget (`rancang.limits`: text size, list size, steps, seconds) that is checked before a
large result is made, so `{{ 'a' * 3*10**8 }}` or nested `range(99999)` loops stop with
a message naming the clause. The deadline is checked by these hooks, not by a signal, so
it works the same on Windows.

Compiled clause templates are kept on disk (`rancang.cache`), keyed by the hash of their
text: a changed clause is compiled anew, an unwritable cache only costs the compile.
"""
from __future__ import annotations

import contextvars
import functools
import hashlib
import os
import re
import string
import time
from functools import lru_cache
from typing import Any, Callable

import jinja2
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.bccache import FileSystemBytecodeCache
from jinja2.compiler import CodeGenerator
from jinja2.environment import TemplateExpression
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import _PassArg, pass_context

from rancang import cache
from rancang.errors import Problem
from rancang.i18n import N_, _
from rancang.limits import describe, limit
from rancang.model import bahasa
from rancang.model.tree import Inline, Placeholder, Ref, Source

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER_RE = re.compile(_MARK_OPEN + r"(\d+)" + _MARK_CLOSE)
_SPACES = re.compile(r"\s+")

# Bump when the generated code changes (the code generator, the environment's options):
# compiled templates on disk under another version are not used.
_CODE_VERSION = "rancang-1"
# what a clause's expression is, in its messages ("the condition '...' depends on ...")
WHAT = (N_("condition"), N_("text"), N_("foreach expression"))
_LOOP_FILTER = "_rancang_loop_"   # wraps the iterable of every {% for %}
_MAX_INT_BITS = 4096              # a Rupiah amount needs < 64; a power tower needs billions


# --- the budget of one rendering ---------------------------------------------------------

class ClauseLimitError(TemplateError):
    """Clause text asked for more than a limit allows."""

    def __init__(self, reason: str, setting: str):
        self.reason, self.setting = reason, setting
        super().__init__(reason)


class _Budget:
    __slots__ = ("deadline", "steps", "chars", "items")

    def __init__(self):
        self.deadline = time.monotonic() + limit("clause_seconds")
        self.steps = int(limit("clause_steps"))
        self.chars = int(limit("clause_chars"))
        self.items = int(limit("clause_items"))


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("rancang_budget",
                                                                         default=None)


def _current() -> _Budget:
    budget = _budget.get()
    if budget is None:       # ENV used outside TextRenderer: a budget from the first hook on
        budget = _Budget()
        _budget.set(budget)
    return budget


def _step() -> _Budget:
    budget = _current()
    budget.steps -= 1
    if budget.steps < 0:
        raise ClauseLimitError(
            _("it takes more than {n} steps (loop iterations and calls)").format(
                n=int(limit("clause_steps"))), describe("clause_steps"))
    if time.monotonic() > budget.deadline:
        raise ClauseLimitError(
            _("it takes longer than {n} seconds").format(n=limit("clause_seconds")),
            describe("clause_seconds"))
    return budget


def _too_long(budget: _Budget) -> ClauseLimitError:
    return ClauseLimitError(_("it makes a text of more than {n} characters").format(
        n=budget.chars), describe("clause_chars"))


def _too_many(budget: _Budget) -> ClauseLimitError:
    return ClauseLimitError(_("it makes a list of more than {n} items").format(
        n=budget.items), describe("clause_items"))


class Given(list):
    """A list the build gives the clauses (an OPD's participant groups): as large as the
    regency file, which the loader bounds, not something a clause made. It weighs its
    length; what a clause makes of it (joined, repeated, added) is a new list, weighed in
    full."""


def _weight(value: Any, budget: _Budget) -> int:
    """About how many characters `value` is when written out, counting a string each time
    a list refers to it; stops counting past the limit. One list of more than the item
    limit is refused; a list of many small records (a PKS's 10,000 groups) is bounded by
    the characters it makes, not by the items of its records added up."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (bytes, bytearray)):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, Given):
            total += 2 + 2 * len(item)
        elif isinstance(item, (list, tuple, set, frozenset, dict)):
            if len(item) > budget.items:
                raise _too_many(budget)
            total += 2 + 2 * len(item)
            stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            total += 16
        if total > budget.chars:
            raise _too_long(budget)
    return total


def _checked(value: Any) -> Any:
    budget = _current()
    if isinstance(value, (str, list, tuple, dict, set, frozenset, bytes)):
        _weight(value, budget)
    elif isinstance(value, int) and not isinstance(value, bool) \
            and value.bit_length() > _MAX_INT_BITS:
        raise _too_big_number()
    return value


def _too_big_number() -> ClauseLimitError:
    return ClauseLimitError(_("it makes a number too large to write ({bits} bits or more)").format(
        bits=_MAX_INT_BITS), describe("clause_chars"))


def _check_ints(args) -> None:
    """A width, count or size argument larger than the longest allowed text is refused
    before it is used (`'a'.ljust(10**9)`, `x|center(10**9)`)."""
    budget = _current()
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > budget.chars:
            raise _too_long(budget)


_PRINTF_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format_string(fmt: str) -> None:
    """Widths written in a printf or str.format pattern ('%9999999s', '{:>9999999}')."""
    budget = _current()
    for width in re.findall(r"\d+", " ".join(
            spec for _t, _f, spec, _c in string.Formatter().parse(fmt) if spec)):
        if int(width) > budget.chars:
            raise _too_long(budget)
    for m in _PRINTF_WIDTH.finditer(fmt):
        for width in m.groups():
            if width and width.isdigit() and int(width) > budget.chars:
                raise _too_long(budget)


def _estimate_call(name: str, owner: str, args, kwargs) -> None:
    """Size checks for the str methods and filters that multiply their input."""
    budget = _current()
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        count = len(owner) + 1 if not args[0] else owner.count(args[0])
        if len(owner) + count * max(0, len(args[1]) - len(args[0])) > budget.chars:
            raise _too_long(budget)
    elif name == "join" and args:
        items = args[0]
        if hasattr(items, "__len__") and len(items) > budget.items:
            raise _too_many(budget)
        if isinstance(items, (list, tuple)):
            if _weight(list(items), budget) + len(owner) * len(items) > budget.chars:
                raise _too_long(budget)
    elif name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        if isinstance(width, str) and \
                len(owner) + (owner.count("\n") + 1) * len(width) > budget.chars:
            raise _too_long(budget)
    elif name == "wordwrap":
        width = args[0] if args else kwargs.get("width", 79)
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
        if isinstance(width, int) and isinstance(wrap, str) and \
                len(owner) + (len(owner) // max(1, width) + 1) * len(wrap) > budget.chars:
            raise _too_long(budget)
    elif name in ("format", "format_map"):
        _check_format_string(owner)


def _bounded_filter(name: str, fn: Callable) -> Callable:
    pass_arg = _PassArg.from_obj(fn) is not None

    @functools.wraps(fn)
    def bounded(*args, **kwargs):
        _step()
        value_at = 1 if pass_arg else 0
        rest = args[value_at + 1:]
        _check_ints(rest)
        _check_ints(kwargs.values())
        if len(args) > value_at:
            value = args[value_at]
            owner = value if isinstance(value, str) else ""
            if name == "join":
                _estimate_call("join", str(rest[0]) if rest else str(kwargs.get("d", "")),
                               (value,), {})
            else:
                _estimate_call(name, owner, rest, kwargs)
        return _checked(fn(*args, **kwargs))

    return bounded


@pass_context
def _loop_items(context, iterable):
    """The iterable of a {% for %}: every step counts against the budget."""
    for item in iterable:
        _step()
        yield item


def _range(*args):
    budget = _current()
    rng = range(*args)
    if len(rng) > budget.items:
        raise _too_many(budget)
    return rng


class _BoundedCodeGenerator(CodeGenerator):
    def visit_Template(self, node, frame=None):
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _LOOP_FILTER, [], [], None, None,
                                     lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node, frame):
        # `a ~ b`: the parts are bounded, their join is checked like any other result
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with a budget on size, steps and time."""
    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options):
        super().__init__(**options)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)      # a text generator has no place in a clause
        self.filters = {name: _bounded_filter(name, fn) for name, fn in self.filters.items()}
        self.filters[_LOOP_FILTER] = _loop_items

    @staticmethod
    def checked(value):
        return _checked(value)

    def call_binop(self, context, operator, left, right):
        budget = _step()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int):
                    if times > 0 and isinstance(seq, (list, tuple)) \
                            and len(seq) * times > budget.items:
                        raise _too_many(budget)
                    if times > 0 and _weight(seq, budget) * times > budget.chars:
                        raise _too_long(budget)
            if isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > _MAX_INT_BITS:
                raise _too_big_number()
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and abs(left) > 1 and right * left.bit_length() > _MAX_INT_BITS:
                raise _too_big_number()
        elif operator == "%" and isinstance(left, str):
            _check_format_string(left)
            _check_ints(right if isinstance(right, tuple) else (right,))
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        _step()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _check_ints(args)
            _check_ints(kwargs.values())
            _estimate_call(getattr(__obj, "__name__", ""), owner, args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        @functools.wraps(wrapper)
        def bounded(*args, **kwargs):
            _check_format_string(fmt)
            _check_ints(args)
            _check_ints(kwargs.values())
            return _checked(wrapper(*args, **kwargs))

        return bounded


ENV = BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


# --- compiled templates, in this process and on disk ---------------------------------------

class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, for which a folder it cannot write is no error: the template
    is compiled as if there were no cache."""
    broken = False

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket):
        if self.broken:
            return
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            self.broken = True        # read-only, full, gone: stop trying in this process


def _bytecode_cache() -> _QuietBytecodeCache | None:
    folder = cache.cache_dir("clauses")
    return _bytecode_cache_in(str(folder)) if folder is not None else None


@lru_cache(maxsize=8)
def _bytecode_cache_in(folder: str) -> _QuietBytecodeCache:
    return _QuietBytecodeCache(folder, "%s.jinja")


def _cache_key(src: str) -> str:
    return f"{_CODE_VERSION}|{jinja2.__version__}|" + hashlib.sha256(
        src.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=4096)
def _compile(src: str):
    disk = _bytecode_cache()
    if disk is None:
        return ENV.from_string(src)
    bucket = disk.get_bucket(ENV, _cache_key(src), None, src)
    if bucket.code is None:
        bucket.code = ENV.compile(src)
        disk.set_bucket(bucket)
    return ENV.template_class.from_code(ENV, bucket.code, ENV.make_globals(None))


@lru_cache(maxsize=1024)
def _compile_expr(src: str):
    disk = _bytecode_cache()
    if disk is None:
        return ENV.compile_expression(src, undefined_to_none=False)
    bucket = disk.get_bucket(ENV, _cache_key("expression\0" + src), None, src)
    if bucket.code is None:
        expression = ENV.compile_expression(src, undefined_to_none=False)   # its errors
        bucket.code = _expression_code(src)
        disk.set_bucket(bucket)
        return expression
    template = ENV.template_class.from_code(ENV, bucket.code, ENV.make_globals(None))
    return TemplateExpression(template, False)


def _expression_code(src: str):
    """The code `compile_expression` makes of `src` (a template assigning 'result'),
    as a code object the cache can keep."""
    parser = Parser(ENV, src, state="variable")
    expr = parser.parse_expression()
    expr.set_environment(ENV)
    body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
    return ENV.compile(nodes.Template(body, lineno=1))


def _render_bounded(template, context: dict) -> str:
    """Render with a fresh budget; the output is counted as it is made."""
    token = _budget.set(_Budget())
    try:
        budget = _current()
        parts, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > budget.chars:
                raise _too_long(budget)
            parts.append(chunk)
        return "".join(parts)
    finally:
        _budget.reset(token)


def _evaluate_bounded(expression, context: dict):
    token = _budget.set(_Budget())
    try:
        return _checked(expression(**context))
    finally:
        _budget.reset(token)


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

    def is_open(self, value) -> bool:
        """True for a value that is (only) a placeholder marker of this build."""
        m = _MARKER_RE.fullmatch(value) if isinstance(value, str) else None
        return m is not None and int(m.group(1)) < len(self.pieces)

    def split(self, text: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in _MARKER_RE.finditer(text):
            if int(m.group(1)) >= len(self.pieces):
                continue          # not one of ours: the characters stay in the text
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
                raise TemplateError(_("ref() needs at least one target id"))
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
                text = _render_bounded(_compile(src), context)
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
            value = _evaluate_bounded(_compile_expr(str(expr)), context)
        except Exception as exc:  # noqa: BLE001
            self.problems.append(self._problem(exc, source, what))
            return None
        if self.is_open(value):
            piece = self.pieces[int(_MARKER_RE.fullmatch(value).group(1))]
            self.problems.append(Problem.coded("condition-open", _(
                "the {what} '{expr}' depends on '{path}', which the regency file leaves open "
                "(...) at {where}; fill it in").format(
                what=_(what), expr=expr, path=piece.path, where=piece.source), source))
            return None
        return value

    @staticmethod
    def _problem(exc: Exception, source: Source, what: str = "text") -> Problem:
        line = source.line
        lineno = getattr(exc, "lineno", None)
        if line and lineno:
            line = line + lineno - 1
        message = str(getattr(exc, "message", None) or exc)
        what = _(what)              # one of WHAT
        if isinstance(exc, ClauseLimitError):
            return Problem.coded("clause-limit", _(
                "clause {what} stopped: {reason} (the limit is the setting {setting})").format(
                    what=what, reason=exc.reason, setting=exc.setting),
                Source(source.file, _template_line(exc, source) or line))
        if isinstance(exc, UndefinedError) and "unsafe" in message:
            return Problem.coded("sandbox-blocked", _(
                "not allowed in clause {what}: {error}").format(what=what, error=message),
                Source(source.file, line))
        if isinstance(exc, UndefinedError):
            m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", message)
            name = (m.group(1) or m.group(2)) if m else None
            # A folded YAML scalar joins its lines: find the line that names it.
            line = _line_naming(source, name) or line
            if m and m.group(1):
                text = _("missing parameter '{name}' in clause {what}").format(
                    name=name, what=what)
            elif name:
                text = _("unknown name '{name}' in clause {what}").format(name=name, what=what)
            else:
                text = _("missing parameter in clause {what}: {error}").format(
                    what=what, error=message)
            return Problem.coded("param-missing", text, Source(source.file, line))
        where = Source(source.file, line)
        if isinstance(exc, SecurityError):
            return Problem.coded("sandbox-blocked", _(
                "not allowed in clause {what}: {error}").format(what=what, error=exc), where)
        if isinstance(exc, TemplateSyntaxError):
            return Problem.coded("template-syntax", _(
                "clause {what} is not valid template syntax: {error}").format(
                what=what, error=exc.message), where)
        if isinstance(exc, TemplateError):
            return Problem.coded("template-error", _("clause {what} failed: {error}").format(
                what=what, error=exc), where)
        return Problem.coded("template-error", _("clause {what} failed: {error}").format(
            what=what, error=f"{type(exc).__name__}: {exc}"), where)


def _template_line(exc: Exception, source: Source) -> int | None:
    """The line of the clause file where rendering stopped: Jinja's rewritten traceback
    has frames of the template itself."""
    if not source.line:
        return None
    lineno = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return source.line + lineno - 1 if lineno else None


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
