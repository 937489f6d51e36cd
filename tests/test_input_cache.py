"""The YAML files kept as loaded and the inputs remembered as valid (`rancang.cache`): a
warm cache gives what parsing gives, an edited file is read anew, a file that breaks the
schema after it once passed is still refused with its line, a damaged or unwritable cache
only costs the parse."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main
from rancang.sources.loader import YamlList, YamlMap, load_yaml, load_yaml_text
from tests.docxtext import docx_lines

REGENCY = Path("regencies") / "rejang-lebong.yaml"
BAB = Path("clauses") / "perbup" / "kelembagaan.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RANCANG_CACHE", str(folder))
    return folder


def build(ws: Path, out="o"):
    result = CliRunner().invoke(main, ["build", "rejang-lebong", "-o", str(ws / out),
                                       "--force"], catch_exceptions=False)
    return result


def shape(value):
    """Every value with the file and line it remembers."""
    if isinstance(value, YamlMap):
        return ("map", str(value.source), dict(value.lines),
                {k: shape(v) for k, v in value.items()})
    if isinstance(value, YamlList):
        return ("list", str(value.source), list(value.lines), [shape(v) for v in value])
    return (type(value).__name__, value)


def test_a_file_read_back_is_the_file_parsed(cache, workspace_copy):
    path = workspace_copy / REGENCY
    first = load_yaml(path, "regencies/rejang-lebong.yaml")
    assert list((cache / "yaml").iterdir()), "the first load keeps the file"
    again = load_yaml(path, "regencies/rejang-lebong.yaml")
    parsed = load_yaml_text(path.read_text(encoding="utf-8"), "regencies/rejang-lebong.yaml")
    assert shape(again) == shape(parsed) == shape(first)
    # the line of a value, written by hand from the file: 'seat: Curup' is line 13
    assert again.where("seat").line == 13 and again["seat"] == "Curup"
    assert again is not first and again["segments"] is not first["segments"]


def test_an_edited_regency_file_is_built_anew(cache, workspace_copy, in_dir):
    in_dir(workspace_copy)
    assert build(workspace_copy).exit_code == 0
    docx = workspace_copy / "o" / "perbup-rejang-lebong.docx"
    assert "Ditetapkan di Curup" in docx_lines(docx)
    path = workspace_copy / REGENCY
    path.write_text(path.read_text(encoding="utf-8").replace(
        "seat: Curup", "seat: Kota Curup"), encoding="utf-8")
    result = build(workspace_copy)
    assert result.exit_code == 0, result.output
    assert "Ditetapkan di Kota Curup" in docx_lines(docx)


def test_a_regency_file_that_passed_once_is_still_refused_when_it_breaks(cache, workspace_copy,
                                                                         in_dir):
    in_dir(workspace_copy)
    assert build(workspace_copy).exit_code == 0
    assert list((cache / "valid").iterdir()), "the valid file is remembered"
    path = workspace_copy / REGENCY
    text = path.read_text(encoding="utf-8")
    assert "  status: draft\n" in text
    line = text[:text.index("  status: draft\n")].count("\n") + 1
    path.write_text(text.replace("  status: draft\n", "  status: drafted\n"), encoding="utf-8")
    result = build(workspace_copy, out="o2")
    assert result.exit_code != 0
    assert f"regencies/rejang-lebong.yaml:{line}" in result.output
    assert "perbup.status" in result.output
    assert not (workspace_copy / "o2").exists() or not list((workspace_copy / "o2").iterdir())


def test_a_clause_file_that_passed_once_is_still_refused_when_it_breaks(cache, workspace_copy,
                                                                        in_dir):
    in_dir(workspace_copy)
    assert build(workspace_copy).exit_code == 0
    path = workspace_copy / BAB
    text = path.read_text(encoding="utf-8")
    first_pasal = text.index("    - id:")
    line = text[:first_pasal].count("\n") + 2
    path.write_text(text[:first_pasal] + text[first_pasal:].replace(
        "\n", "\n      headline: a misspelt key\n", 1), encoding="utf-8")
    result = build(workspace_copy, out="o2")
    assert result.exit_code != 0
    assert f"{BAB.as_posix()}:{line}: unknown key 'headline'" in result.output, result.output


def test_a_lower_nesting_limit_counts_for_a_file_kept_before(cache, workspace_copy, monkeypatch):
    path = workspace_copy / REGENCY
    load_yaml(path, "r.yaml")                           # kept under the default limit
    monkeypatch.setenv("RANCANG_YAML_MAX_DEPTH", "2")
    with pytest.raises(Exception) as info:
        load_yaml(path, "r.yaml")
    assert "RANCANG_YAML_MAX_DEPTH=2" in str(info.value)


def test_damaged_entries_are_only_read_again(cache, workspace_copy, in_dir):
    in_dir(workspace_copy)
    assert build(workspace_copy).exit_code == 0
    for part in ("yaml", "valid"):
        for entry in (cache / part).iterdir():
            entry.write_bytes(b"\x80\x05half a pickle")
    result = build(workspace_copy, out="o2")
    assert result.exit_code == 0, result.output
    assert docx_lines(workspace_copy / "o2" / "perbup-rejang-lebong.docx") == \
        docx_lines(workspace_copy / "o" / "perbup-rejang-lebong.docx")


def test_an_unwritable_cache_still_builds(tmp_path, workspace_copy, in_dir, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder would go under this file")
    monkeypatch.setenv("RANCANG_CACHE", str(blocker / "cache"))
    in_dir(workspace_copy)
    result = build(workspace_copy)
    assert result.exit_code == 0, result.output
    assert "Ditetapkan di Curup" in docx_lines(workspace_copy / "o" / "perbup-rejang-lebong.docx")


# --- conditions and foreach expressions compiled once, kept on disk ----------------------------

def evaluate_fresh(expr, context):
    """Evaluate as a new process would: nothing compiled in memory."""
    from rancang.composition import sandbox
    from rancang.model.tree import Source

    sandbox._compile_expr.cache_clear()
    renderer = sandbox.TextRenderer(context)
    value = renderer.evaluate(expr, Source("c.yaml", 7))
    return value, [str(p) for p in renderer.problems]


@pytest.mark.parametrize("expr, context, expected", [
    ("focus.literasi and not focus.kelembagaan", {"focus": {"literasi": True,
                                                            "kelembagaan": False}}, True),
    ("segments | select('ne', 'pekerja_migran') | list", {"segments": ["a", "pekerja_migran"]},
     ["a"]),
    ("(n * 3) ~ ' orang'", {"n": 14}, "42 orang"),
])
def test_an_expression_from_a_warm_cache_is_the_expression(cache, expr, context, expected):
    assert evaluate_fresh(expr, context) == (expected, [])
    assert list((cache / "clauses").iterdir()), "the expression is kept"
    assert evaluate_fresh(expr, context) == (expected, [])      # read back


def test_a_broken_expression_is_reported_alike_cold_and_warm(cache):
    first = evaluate_fresh("focus.literasi and", {"focus": {"literasi": True}})
    assert first[0] is None and len(first[1]) == 1 and first[1][0].startswith("c.yaml:7: ")
    assert evaluate_fresh("focus.literasi and", {"focus": {"literasi": True}}) == first
    missing = evaluate_fresh("focus.nothing == 1", {"focus": {}})
    assert missing[0] is None and missing[1] and evaluate_fresh(
        "focus.nothing == 1", {"focus": {}}) == missing


def test_an_expression_kept_on_disk_stays_within_the_budget(cache, monkeypatch):
    monkeypatch.setenv("RANCANG_CLAUSE_MAX_ITEMS", "50")
    expr = "range(999) | list | length"
    cold, warm = evaluate_fresh(expr, {}), evaluate_fresh(expr, {})
    assert cold == warm and cold[0] is None and "RANCANG_CLAUSE_MAX_ITEMS" in cold[1][0]
