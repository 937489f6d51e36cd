"""YAML input: loaded safely, with line numbers kept for messages and duplicate keys
refused (a duplicated key in a hand-edited file silently drops one value otherwise)."""
from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from rancang.errors import RancangError
from rancang.model.tree import Source


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
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


def _make_loader(filename: str):
    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader, node: MappingNode, deep=False):
        loader.flatten_mapping(node)
        result = YamlMap()
        result.source = Source(filename, node.start_mark.line + 1)
        result.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise RancangError("a key must be a plain value",
                                   Source(filename, key_node.start_mark.line + 1)) from None
            if key in result:
                raise RancangError(
                    f"duplicate key '{key}' (first at line {result.lines[key]}); "
                    "a key may appear once in a mapping",
                    Source(filename, key_node.start_mark.line + 1))
            result[key] = loader.construct_object(value_node, deep=True)
            result.lines[key] = _value_line(value_node)
        return result

    def construct_sequence(loader, node, deep=False):
        result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
        result.source = Source(filename, node.start_mark.line + 1)
        result.lines = [_value_line(child) for child in node.value]
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def load_yaml_text(text: str, filename: str):
    try:
        return yaml.load(text, Loader=_make_loader(filename))  # noqa: S506 - SafeLoader subclass
    except RancangError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Source(filename, mark.line + 1) if mark else Source(filename)
        raise RancangError(f"not valid YAML: {exc.problem or exc.context}", where) from None
    except yaml.YAMLError as exc:
        raise RancangError(f"not valid YAML: {exc}", Source(filename)) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # a value YAML cannot make: a date such as 2026-13-45, an alias loop
        raise RancangError(f"a value cannot be read: {exc}", Source(filename)) from None


def load_yaml(path: Path, display: str | None = None):
    """Load one YAML file; `display` is how messages name it (relative path)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RancangError("file not found", name) from None
    except UnicodeDecodeError:
        raise RancangError("not a UTF-8 text file", name) from None
    except OSError as exc:
        raise RancangError(f"cannot read the file: {exc.strerror}", name) from None
    return load_yaml_text(text, name)
