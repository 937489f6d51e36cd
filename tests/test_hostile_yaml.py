"""YAML that would make every reader of the data run away, or crash the interpreter, is
refused by the loader with its line; so is a value no document can hold."""
import datetime as dt

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rancang.cli import main
from rancang.errors import RancangError
from rancang.sources.loader import load_yaml_text

# 9 values, then 6 lines of 9 aliases each: 9^7 = 4,782,969 strings once expanded.
ALIAS_BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""


def error_of(text, name="r.yaml"):
    with pytest.raises(RancangError) as info:
        load_yaml_text(text, name)
    return str(info.value)


def test_an_alias_bomb_is_refused_at_the_line_where_it_grows_too_large():
    message = error_of(ALIAS_BOMB)
    # b stands for 1 + 9 * 10 = 91 values, c for 820, d 7,381, e 66,430, f 597,871
    assert message.startswith("r.yaml:6: ") and "RANCANG_YAML_MAX_NODES=200000" in message


def test_the_alias_limit_is_a_setting(monkeypatch):
    monkeypatch.setenv("RANCANG_YAML_MAX_NODES", "50")
    assert error_of(ALIAS_BOMB).startswith("r.yaml:2: ")           # b: 91 values
    monkeypatch.setenv("RANCANG_YAML_MAX_NODES", "100")
    assert error_of(ALIAS_BOMB).startswith("r.yaml:3: ")           # c: 820


def test_ordinary_aliases_and_merge_keys_still_load():
    data = load_yaml_text("base: &base {months: 12, segment: bpu}\n"
                          "opds:\n  - {<<: *base, name: Dinas A}\n  - {<<: *base, name: Dinas B}\n"
                          "same: [*base, *base]\n", "r.yaml")
    assert data["opds"][1] == {"months": 12, "segment": "bpu", "name": "Dinas B"}
    assert data["same"] == [{"months": 12, "segment": "bpu"}] * 2


def test_an_alias_inside_its_own_value_is_refused():
    assert error_of("groups: &g\n  - name: a\n    sub: *g\n").startswith("r.yaml:2: ")


def test_fifty_thousand_nested_brackets_give_a_message():
    text = "[" * 50000 + "]" * 50000       # 100 KB
    assert error_of(text).startswith("r.yaml:1: ")


def test_fifty_thousand_nested_brackets_without_libyaml(monkeypatch):
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)   # the pure-Python parser
    message = error_of("[" * 50000 + "]" * 50000)
    assert message.startswith("r.yaml") and "nested" in message


@pytest.mark.parametrize("depth, line", [(41, 1), (60, 1)])
def test_nesting_beyond_the_limit_is_refused_before_construction(depth, line):
    message = error_of("x: " + "[" * depth + "]" * depth + "\n")
    assert message.startswith(f"r.yaml:{line}: ") and "RANCANG_YAML_MAX_DEPTH=40" in message


def test_nesting_in_block_style_names_the_line_of_the_deepest_level(monkeypatch):
    monkeypatch.setenv("RANCANG_YAML_MAX_DEPTH", "5")
    text = "".join("  " * i + f"k{i}:\n" for i in range(8)) + "  " * 8 + "v\n"
    # the mapping opened by k4's value (line 6) is the sixth level
    assert error_of(text).startswith("r.yaml:6: ")


def test_an_impossible_date_is_reported_with_its_line():
    message = error_of("name: X\nperbup:\n  number: 3\n  ditetapkan: 2026-02-30\n")
    assert message.startswith("r.yaml:4: '2026-02-30' is not a date that exists")


def test_a_number_too_long_to_read_is_reported_with_its_line():
    message = error_of("a: 1\nb: " + "9" * 5000 + "\n")
    assert message.startswith("r.yaml:2: the value '999")


@pytest.mark.parametrize("escape, code", [("\\v", "U+000B"), ("\\0", "U+0000"), ("\\x1b", "U+001B"),
                                          ("\\x0c", "U+000C")])
def test_a_control_character_in_a_name_is_refused_with_its_line(escape, code):
    message = error_of(f'name: X\nopds:\n  - name: "Dinas{escape}Sosial"\n')
    assert message.startswith("r.yaml:3: ") and code in message


def test_tabs_and_line_breaks_in_text_are_fine():
    assert load_yaml_text('a: "x\\ty\\nz\\r"\n', "r.yaml") == {"a": "x\ty\nz\r"}


def test_a_control_character_in_a_group_name_stops_the_cli_cleanly(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / "regencies" / "serang.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{name: nelayan,", '{name: "nel\\vayan",'), encoding="utf-8")
    line = text[:text.index("{name: nelayan,")].count("\n") + 1
    result = CliRunner().invoke(main, ["build", "serang", "--doc", "all", "-o", "o"])
    assert result.exit_code == 2
    assert f"regencies/serang.yaml:{line}: the text contains the control character U+000B" \
        in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- property-based ---------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 3000), st.sampled_from(["[", "{a: ", "- "]))
def test_any_nesting_loads_or_gives_a_located_message(depth, opener):
    if opener == "- ":
        text = "".join("  " * i + "- " + "\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        close = "]" if opener == "[" else "}"
        text = opener * depth + "x" + close * depth
    try:
        load_yaml_text(text, "n.yaml")
    except RancangError as exc:
        assert str(exc).startswith("n.yaml")


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.integers(0, 20), st.integers(0, 40))
def test_any_date_loads_as_that_date_or_gives_its_line(year, month, day):
    text = f"name: X\nmou:\n  date: {year:04d}-{month:02d}-{day:02d}\n"
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        expected = None
    try:
        data = load_yaml_text(text, "d.yaml")
    except RancangError as exc:
        assert expected is None and str(exc).startswith("d.yaml:3: ")
    else:
        # YAML reads an impossible month or day of two digits as a date; others stay text
        assert data["mou"]["date"] == (expected if expected else data["mou"]["date"])
        if expected is None:
            assert isinstance(data["mou"]["date"], str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_quoted_name_loads_as_written_or_is_refused_with_its_line(name):
    escaped = name.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    try:
        data = load_yaml_text(f'name: X\nopds:\n  - name: "{escaped}"\n', "q.yaml")
    except RancangError as exc:
        assert str(exc).startswith("q.yaml:3: ")
        assert any(ord(c) < 32 and c not in "\t\n\r" or 0xD800 <= ord(c) <= 0xDFFF
                   or c in "\ufffe\uffff" for c in name)
    else:
        assert data["opds"][0]["name"] == name
