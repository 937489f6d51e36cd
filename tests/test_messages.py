"""Every message a user reads goes through the catalog: no English literal reaches a
finding, an error, or the terminal without `_()`.

The scan reads rancang/ with `ast`. A *sink* is a call whose argument is shown to a user
(a Finding's message, a Problem's, the message of the project's exceptions, click's echo
and exceptions, warnings.warn). A function that passes one of its own parameters on to a
sink is a sink too (cli.say/warn, _Context.add, ...), to a fixed point. An argument is
wrong when it is, or is built from, a string literal or f-string with letters that is not
inside `_()`, `N_()` or `ngettext()`: directly, through `+`/`%`/`.format`/`.join`, an
`if ... else`, or a name assigned in the same function or module."""
from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rancang"
WRAPPERS = {"_", "N_", "ngettext"}
LETTERS = re.compile(r"[A-Za-z]{2,}")
# a field's path or an id ('financing.months', 'opds[{}].head', 'pks_court'): not words
IDENTIFIER = re.compile(r"^[\w{}\[\]-]*[._\[][\w.{}\[\]-]*$")

# (positional index of the message, keyword names that carry one)
_MSG = (0, ("message",))
BASE_SINKS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "Finding": (2, ("message",)),
    "Problem": _MSG,
    "Problem.coded": (1, ("message",)),
    "RancangError": _MSG,
    "BuildError": (1, ("headline",)),
    "InputError": (1, ("headline",)),
    "TemplateError": _MSG,          # jinja2's, raised by clause filters and shown with the clause
    "ValueError": _MSG,             # bahasa's filters raise it; the clause's message shows it
    "RuntimeError": _MSG,
    "click.echo": _MSG,
    "click.secho": _MSG,
    "click.ClickException": _MSG,
    "click.UsageError": _MSG,
    "click.BadParameter": _MSG,
    "click.FileError": (None, ("hint",)),
    "click.prompt": (0, ("text",)),
    "click.confirm": (0, ("text",)),
    "warnings.warn": _MSG,
    # what an open field is called in `'...' is still open`: a path ('opds[0].head') or words
    "Placeholder": (0, ("path",)),
}
# the names as imported without their module ("from click import echo")
BASE_SINKS.update({k.split(".", 1)[1]: v for k, v in list(BASE_SINKS.items())
                   if k.startswith(("click.", "warnings."))})

# Literals that are not messages, each with why. (file, text): the text as it appears in the
# literal, an f-string with '{}' for each of its fields.
ALLOWED: dict[tuple[str, str], str] = {
    ("rancang/commands/build.py", "all"): "the value of --doc a user types, among the others",
    ("rancang/sources/library.py", "{}.yaml"): "a file name",
    ("rancang/composition/keputusan.py", "participants"): "the regency file's key",
    ("rancang/views/pdf.py", "LibreOffice could not load the document"):
        "runs in LibreOffice's Python, without rancang's catalog",
    ("rancang/composition/base.py", "clauses/catalogue.yaml: {} x {}"):
        "a cell of the statutory matrix: file, segment x programme",
    ("rancang/composition/amendment.py", "regency"): "the path prefix of the open fields",
    ("rancang/composition/amendment.py", "base"): "the path prefix of the open fields",
}


@dataclass(frozen=True)
class Site:
    file: str
    line: int
    sink: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.sink}(... {self.text!r} ...)"


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name):
            return f"{func.value.id}.{func.attr}"
        return f".{func.attr}"
    return None


def _lookup(sinks: dict, name: str | None):
    if name is None:
        return None, None
    if name in sinks:
        return name, sinks[name]
    attr = "." + name.rsplit(".", 1)[-1]
    if "." in name and attr in sinks:          # self.add(...), ctx.add(...)
        return attr, sinks[attr]
    return None, None


def _message_args(call: ast.Call, spec) -> list[ast.expr]:
    index, keywords = spec
    out = []
    if index is not None and len(call.args) > index \
            and not isinstance(call.args[index], ast.Starred):
        out.append(call.args[index])
    out += [k.value for k in call.keywords if k.arg in keywords]
    return out


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


class _Scope:
    """Simple `name = value` assignments of a function (or a module), for following a
    message through a local variable."""

    def __init__(self, body: ast.AST, parent: "_Scope | None" = None):
        self.parent = parent
        self.values: dict[str, list[ast.expr]] = {}
        for node in ast.walk(body):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.values.setdefault(target.id, []).append(node.value)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value is not None \
                    and isinstance(node.target, ast.Name):
                self.values.setdefault(node.target.id, []).append(node.value)

    def get(self, name: str) -> list[ast.expr]:
        if name in self.values:
            return self.values[name]
        return self.parent.get(name) if self.parent else []


def _parts(node: ast.expr, scope: _Scope, seen: set) -> tuple[list[str], set[str]]:
    """(English literals in `node` not inside a wrapper, the plain names it is built from)."""
    # The names are those the message may be, whole or laid out (f"  - {problem}"): a
    # name put into a sentence (f"{label} is open") is a value, not the message.
    text = _literal_text(node)
    if text is not None:
        words = bool(LETTERS.search(text))
        found = [text] if words and not IDENTIFIER.match(text) else []
        names: set[str] = set()
        if isinstance(node, ast.JoinedStr):
            for v in node.values:
                if isinstance(v, ast.FormattedValue):
                    lit, nm = _parts(v.value, scope, seen)
                    found += lit
                    names |= nm if not words else set()
        return found, names
    if isinstance(node, ast.Call):
        name = _call_name(node.func)
        if name in WRAPPERS:
            return [], set()
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
            receiver = node.func.value
            wrapped = isinstance(receiver, ast.Call) and _call_name(receiver.func) in WRAPPERS
            found, names = _parts(receiver, scope, seen)
            sentence = wrapped or bool(found)
            for arg in list(node.args) + [k.value for k in node.keywords]:
                if node.func.attr == "join" and isinstance(arg, (ast.List, ast.Tuple)):
                    for elt in arg.elts:
                        lit, nm = _parts(elt, scope, seen)
                        found, names = found + lit, names | nm
                elif node.func.attr == "format":
                    lit, nm = _parts(arg, scope, seen)
                    found, names = found + lit, names | (set() if sentence else nm)
            return found, names
        if name in ("str",) and node.args:
            return _parts(node.args[0], scope, seen)
        return [], set()
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left, ln = _parts(node.left, scope, seen)
        right, rn = _parts(node.right, scope, seen)
        return left + right, ln | rn
    if isinstance(node, ast.Subscript):         # ("..." if x else y)[:300]
        return _parts(node.value, scope, seen)
    if isinstance(node, ast.IfExp):
        body, bn = _parts(node.body, scope, seen)
        other, on = _parts(node.orelse, scope, seen)
        return body + other, bn | on
    if isinstance(node, ast.BoolOp):
        found, names = [], set()
        for v in node.values:
            lit, nm = _parts(v, scope, seen)
            found, names = found + lit, names | nm
        return found, names
    if isinstance(node, ast.Name):
        if node.id in seen:
            return [], set()
        seen = seen | {node.id}
        found, names = [], {node.id}
        for value in scope.get(node.id):
            lit, nm = _parts(value, scope, seen)
            found, names = found + lit, names | nm
        return found, names
    return [], set()


@functools.lru_cache(maxsize=1)
def _modules() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"), rel)))
    return out


def _functions(tree: ast.AST):
    """(function, its enclosing class or None) for every def of a module."""
    def walk(node, cls):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield child, cls
                yield from walk(child, None)
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, child)
            else:
                yield from walk(child, cls)
    yield from walk(tree, None)


def _exception_sinks(modules, sinks: dict) -> None:
    """The project's subclasses of a sink class are sinks: the message where their
    __init__ takes it, else where the base does."""
    changed = True
    while changed:
        changed = False
        for _rel, tree in modules:
            for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
                if cls.name in sinks:
                    continue
                bases = [_call_name(b) for b in cls.bases]
                base = next((sinks[b] for b in bases if b in sinks), None)
                if base is None:
                    continue
                init = next((f for f in cls.body if isinstance(f, ast.FunctionDef)
                             and f.name == "__init__"), None)
                if init is not None:
                    params = [a.arg for a in init.args.args[1:]]
                    named = [p for p in params if p in ("message", "reason", "headline", "why")]
                    base = (params.index(named[0]), (named[0],)) if named else base
                sinks[cls.name] = base
                changed = True


def _scopes(tree: ast.Module):
    module = _Scope(ast.Module(body=[s for s in tree.body
                                     if isinstance(s, (ast.Assign, ast.AnnAssign))],
                               type_ignores=[]))
    return module


def sinks_of(modules) -> dict:
    sinks = dict(BASE_SINKS)
    _exception_sinks(modules, sinks)
    functions = []
    for _rel, tree in modules:
        module_scope = _scopes(tree)
        for func, cls in _functions(tree):
            calls = [n for n in ast.walk(func) if isinstance(n, ast.Call)]
            functions.append((func, cls, _Scope(func, module_scope), calls))
    changed = True
    while changed:                       # functions that hand a parameter on to a sink
        changed = False
        for func, cls, scope, calls in functions:
            key = f".{func.name}" if cls is not None else func.name
            if key in sinks or func.name.startswith("__"):
                continue
            params = [a.arg for a in func.args.args]
            if cls is not None and params and params[0] in ("self", "cls"):
                params = params[1:]
            for call in calls:
                _, spec = _lookup(sinks, _call_name(call.func))
                if spec is None:
                    continue
                used = set()
                for arg in _message_args(call, spec):
                    used |= _parts(arg, scope, set())[1]
                hit = [p for p in params if p in used]
                if hit:
                    sinks[key] = (params.index(hit[0]), (hit[0],))
                    changed = True
                    break
    return sinks


@functools.lru_cache(maxsize=1)
def _package_sites() -> tuple:
    return tuple(english_sites(_modules()))


def english_sites(modules=None) -> list[Site]:
    if modules is None:
        return list(_package_sites())
    sinks = sinks_of(modules)
    sites = []
    for rel, tree in modules:
        module_scope = _scopes(tree)
        scopes = {id(f): _Scope(f, module_scope) for f, _ in _functions(tree)}

        def visit(node, scope):
            for child in ast.iter_child_nodes(node):
                inner = scopes.get(id(child), scope)
                if isinstance(child, ast.Call):
                    name, spec = _lookup(sinks, _call_name(child.func))
                    if spec is not None:
                        for arg in _message_args(child, spec):
                            for text in _parts(arg, inner, set())[0]:
                                if (rel, text) not in ALLOWED:
                                    sites.append(Site(rel, child.lineno, name, text))
                visit(child, inner)
        visit(tree, module_scope)
    return sorted(set(sites), key=lambda s: (s.file, s.line, s.text))


def test_no_english_literal_reaches_a_user():
    sites = english_sites()
    assert not sites, (f"{len(sites)} message(s) not wrapped in _() (wrap them, "
                       "`_(\"... {x}\").format(x=...)`, and translate):\n"
                       + "\n".join(map(str, sites)))


def test_every_allowed_literal_is_still_in_the_code():
    """An allow-list entry that no longer matches would hide the next real one."""
    modules = _modules()
    texts = {(rel, t) for rel, tree in modules for n in ast.walk(tree)
             if (t := _literal_text(n)) is not None}
    assert set(ALLOWED) <= texts, set(ALLOWED) - texts


def _scan(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    return [(s.line, s.text) for s in english_sites([("rancang/x.py", tree)])]


SNIPPET = '''
import click
from rancang.i18n import _, N_

class Odd(RancangError):
    pass

def tell(message, err=False):
    click.echo(message, err=err)

def report(ctx, label):
    ctx.append(Finding("error", "code", f"{label} is wrong"))              # 12
    ctx.append(Finding("error", "code", _("{label} is fine").format(label=label)))
    raise Odd("no such file")                                              # 14

def more(path):
    why = "not a text file"
    tell(why)                                                              # 18
    tell(_("fine"))
    tell(f"{path}: {path}")
    click.echo(_("a {x}").format(x="word"))                                # 21
    raise BuildError([], "the input has " + "errors")                      # 22
    msg = N_("marked")
    tell(_(msg))
    Problem.coded("c", "plain" if path else _("ok"))                       # 25
'''


def test_the_scan_finds_what_it_should():
    assert _scan(SNIPPET) == [
        (12, "{} is wrong"), (14, "no such file"), (18, "not a text file"),
        (21, "word"), (22, "errors"), (22, "the input has "), (25, "plain")]


def test_the_helpers_that_pass_a_message_on_are_sinks():
    sinks = sinks_of(_modules())
    assert {"say", "warn", "note", "detail", ".add"} <= set(sinks)


def test_no_function_both_translates_and_throws_away_into_underscore():
    """`_, x = ...` in a function that calls `_()` makes `_` local there: the message
    then fails with UnboundLocalError, only on the path that reports it."""
    both = []
    for rel, tree in _modules():
        for func, _cls in _functions(tree):
            nodes = list(ast.walk(func))
            stores = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                         for n in nodes)
            calls = any(isinstance(n, ast.Call) and _call_name(n.func) == "_" for n in nodes)
            if stores and calls:
                both.append(f"{rel}:{func.lineno} {func.name}")
    assert not both, both
