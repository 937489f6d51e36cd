"""YAML input: loaded safely, with line numbers kept for messages and duplicate keys
refused (a duplicated key in a hand-edited file silently drops one value otherwise).

Before anything is constructed, the composed nodes are walked once (without recursion):
nesting deeper than a limit, an alias that contains itself, aliases that expand to more
values than a limit (the "billion laughs" of YAML: 9 aliases of 9 aliases of ... each
expanded again by every reader of the data) and characters no document can hold are
refused with their line. A value YAML cannot make (2026-02-30) is reported with its line.

A file (not a text from the web form) loaded once is kept as loaded (`rancang.cache`, keyed by its name, its text, the
limits and this module): the next build reads it back without parsing, or importing
PyYAML. Only files that load are kept; a bad file is read and reported every time.
"""
from __future__ import annotations

import os
import pickle
import re
from pathlib import Path

from rancang import __version__, cache
from rancang.errors import RancangError, os_reason
from rancang.i18n import N_, _
from rancang.limits import describe, limit
from rancang.model.tree import Source

# C0 controls but tab, line feed and carriage return; lone surrogates; the non-characters
# XML forbids. A Word document cannot hold them (python-docx refuses to write them).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class YamlMap(dict):
    """A mapping that remembers its file and the line of each key's value."""
    source: Source
    lines: dict

    def where(self, key: str | None = None) -> Source:
        if key is not None and key in self.lines:
            return Source(self.source.file, self.lines[key])
        return self.source


class YamlList(list):
    source: Source
    lines: list


def _value_line(node) -> int:
    line = node.start_mark.line + 1
    # A block scalar ('>' or '|') starts on the line after its indicator.
    if node.id == "scalar" and node.style in ("|", ">"):
        line += 1
    return line


def _make_loader(filename: str):
    import yaml        # here: a file read back from the cache needs no parser

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader, node, deep=False):
        loader.flatten_mapping(node)
        result = YamlMap()
        result.source = Source(filename, node.start_mark.line + 1)
        result.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise RancangError(_("a key must be a plain value"),
                                   Source(filename, key_node.start_mark.line + 1)) from None
            if key in result:
                raise RancangError(
                    _("duplicate key '{key}' (first at line {line}); a key may appear once in "
                      "a mapping").format(key=key, line=result.lines[key]),
                    Source(filename, key_node.start_mark.line + 1))
            result[key] = loader.construct_object(value_node, deep=True)
            result.lines[key] = _value_line(value_node)
        return result

    def construct_sequence(loader, node, deep=False):
        result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
        result.source = Source(filename, node.start_mark.line + 1)
        result.lines = [_value_line(child) for child in node.value]
        return result

    def construct_object(loader, node, deep=False):
        try:
            return base_construct(loader, node, deep)
        except RancangError:
            raise
        except (ValueError, TypeError, OverflowError) as exc:
            where = Source(filename, _value_line(node))
            value = node.value if node.id == "scalar" else ""
            if node.tag == _TIMESTAMP_TAG:
                raise RancangError(_("'{value}' is not a date that exists ({reason}); write "
                                     "the date as YYYY-MM-DD").format(value=value, reason=exc),
                                   where) from None
            raise RancangError(_("the value '{value}' cannot be read: {reason}").format(
                value=value[:80], reason=exc), where) from None

    base_construct = Loader.construct_object
    Loader.construct_object = construct_object
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def _children(node) -> list:
    if node.id == "sequence":
        return node.value
    if node.id == "mapping":
        return [n for pair in node.value for n in pair]
    return []


def check_nodes(root, filename: str) -> None:
    """Refuse, with its line, a document too deep, with an alias that contains itself,
    too many values once its aliases are expanded, or a character no document can hold."""
    max_depth, max_nodes = limit("yaml_depth"), limit("yaml_nodes")
    expanded: dict[int, int] = {}       # id(node) -> values it stands for, aliases expanded
    open_nodes: set[int] = set()        # started, not finished: the ancestors of the current
    stack = [(root, 1, False, None)]
    while stack:
        node, depth, finished, parent = stack.pop()
        key = id(node)
        where = Source(filename, node.start_mark.line + 1)
        if finished:
            open_nodes.discard(key)
            expanded[key] = size = 1 + sum(expanded[id(c)] for c in _children(node))
            if size > max_nodes:
                raise RancangError(_(
                    "the file has more than {n} values once its aliases (*name) are expanded "
                    "(an alias bomb?); the limit is the setting {setting}").format(
                        n=int(max_nodes), setting=describe("yaml_nodes")), where)
            continue
        if key in expanded:
            continue                    # an alias of a value already counted
        if key in open_nodes:
            raise RancangError(_("an alias (*name) refers to a value that contains the alias "
                                 "itself"), Source(filename, parent.start_mark.line + 1))
        if depth > max_depth:
            raise RancangError(_("the values are nested more than {n} levels deep; the limit "
                                 "is the setting {setting}").format(
                                     n=int(max_depth), setting=describe("yaml_depth")), where)
        if node.id == "scalar":
            bad = _UNWRITABLE.search(node.value)
            if bad:
                raise RancangError(_(
                    "the text contains the control character U+{code:04X}, which a document "
                    "cannot hold; remove it (in quotes it may be written as an escape such as "
                    "\\v)").format(code=ord(bad.group())), Source(filename, _value_line(node)))
            expanded[key] = 1
            continue
        open_nodes.add(key)
        stack.append((node, depth, True, parent))
        stack.extend((child, depth + 1, False, node) for child in _children(node))


# Bump when what a loaded file is made of changes (YamlMap, YamlList, Source).
_FORMAT = "yaml-1"


def _cache_name(text: str, filename: str) -> str:
    try:
        code = os.stat(__file__)        # an edited loader (a developer's) reads anew
        stamp = f"{code.st_mtime_ns}:{code.st_size}"
    except OSError:
        stamp = ""
    return cache.key(_FORMAT, __version__, stamp, str(limit("yaml_depth")),
                     str(limit("yaml_nodes")), filename, text)


def load_yaml_text(text: str, filename: str):
    import yaml

    loader = _make_loader(filename)(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        check_nodes(root, filename)
        return loader.construct_document(root)
    except RancangError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Source(filename, mark.line + 1) if mark else Source(filename)
        raise RancangError(_("not valid YAML: {error}").format(
            error=_yaml_problem(exc.problem or exc.context)), where) from None
    except yaml.YAMLError as exc:
        raise RancangError(_("not valid YAML: {error}").format(error=exc), Source(filename)) \
            from None
    except RecursionError:
        # the pure-Python composer (no libyaml) recurses once per level
        raise RancangError(_("the values are nested too deeply to be read; the limit is the "
                             "setting {setting}").format(setting=describe("yaml_depth")),
                           Source(filename)) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise RancangError(_("a value cannot be read: {error}").format(error=exc),
                           Source(filename)) from None
    finally:
        loader.dispose()


# PyYAML's own words for what it could not read, the ones a hand-edited file meets
_YAML_PROBLEMS = (N_("did not find expected node content"), N_("did not find expected key"),
                  N_("mapping values are not allowed here"),
                  N_("could not find expected ':'"), N_("did not find expected '-' indicator"),
                  N_("found character '\\t' that cannot start any token"),
                  N_("found unexpected end of stream"), N_("found undefined alias"),
                  N_("found unknown escape character"),
                  N_("found duplicate anchor; first occurrence"),
                  # libyaml's wording of the same (the C loader, when installed)
                  N_("found a tab character that violates indentation"),
                  N_("mapping values are not allowed in this context"),
                  N_("found character that cannot start any token"))
_EXPECTED = re.compile(r"^expected (?P<expected>.+), but found (?P<found>.+)$")


def _yaml_problem(problem) -> str:
    text = str(problem or "")
    if text in _YAML_PROBLEMS:
        return _(text)
    m = _EXPECTED.match(text)
    if m:
        return _("expected {expected}, found {found}").format(**m.groupdict())
    return text


def load_yaml(path: Path, display: str | None = None):
    """Load one YAML file; `display` is how messages name it (relative path)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RancangError(_("file not found"), name) from None
    except UnicodeDecodeError:
        raise RancangError(_("not a UTF-8 text file"), name) from None
    except OSError as exc:
        raise RancangError(_("cannot read the file: {error}").format(error=os_reason(exc)),
                           name) from None
    key = _cache_name(text, name)
    kept = cache.read("yaml", key)
    if kept is not None:
        try:
            return pickle.loads(kept)
        except Exception:  # noqa: BLE001 - a damaged entry is only a miss
            pass
    data = load_yaml_text(text, name)
    try:
        cache.write("yaml", key, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, RecursionError, TypeError):
        pass        # a value pickle cannot keep (aliases nested very deep): not kept
    return data
