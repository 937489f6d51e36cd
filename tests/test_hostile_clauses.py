"""Clause text that would run away with time or memory stops with a located message; the
compiled clauses kept on disk follow every edit and are never needed to build."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from rancang.cli import main
from rancang.composition.sandbox import TextRenderer
from rancang.model.tree import Source

ROOT = Path(__file__).resolve().parent.parent
SANKSI = "clauses/perbup/pendaftaran-iuran.yaml"   # the sanction Pasal (L-II 64-65)
SANKSI_UNIT = "            - id: sanksi.pengenaan.bpjs\n"   # its text: a folded scalar of 3 lines


def render(text, **context):
    renderer = TextRenderer(context)
    out = renderer.render(text, Source("c.yaml", 10))
    return out, renderer.problems


def refused(text, **context):
    out, problems = render(text, **context)
    assert out is None and len(problems) == 1, (out, problems)
    problem = problems[0]
    assert problem.code == "clause-limit"
    return str(problem)


@pytest.mark.parametrize("text, setting", [
    ("{{ 'a' * 3*10**8 }}", "RANCANG_CLAUSE_MAX_CHARS"),            # the case
    ("{{ 3*10**8 * 'a' }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ [1] * 10**7 }}", "RANCANG_CLAUSE_MAX_ITEMS"),
    ("{{ 'a'.ljust(10**9) }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ 'a'|center(10**9) }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ '%999999999s' % 'a' }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ '{:>999999999}'.format(1) }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ ('a' * 10000).replace('a', 'b' * 10000) }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ ['x' * 100000] * 100 }}", "RANCANG_CLAUSE_MAX_CHARS"),   # one string, referred to 100 times
    ("{{ (['x' * 100000] * 100)|join }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ 'x'|indent('y' * 600000) ~ 'a\nb'|indent('y' * 600000) }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s|length }}", "RANCANG_CLAUSE_MAX_CHARS"),  # doubling by concatenation
    ("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
     "{% endfor %}{{ ns.n > 0 }}", "RANCANG_CLAUSE_MAX_CHARS"),     # squaring a number
    ("{{ 7 ** 99999999 }}", "RANCANG_CLAUSE_MAX_CHARS"),
    ("{{ range(10**6)|list|length }}", "RANCANG_CLAUSE_MAX_ITEMS"),
    ("{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}",
     "RANCANG_CLAUSE_MAX_STEPS"),                                   # the case
    ("{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
     "RANCANG_CLAUSE_MAX_STEPS"),                                   # no output at all
    ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}",
     "RANCANG_CLAUSE_MAX_STEPS"),                                   # 2^40 calls, no loop
    ("{% for a in range(2000) %}{{ 'x' * 1000 }}{% endfor %}", "RANCANG_CLAUSE_MAX_CHARS"),
])
def test_runaway_clause_text_stops_with_the_setting_named(text, setting, monkeypatch):
    monkeypatch.setenv("RANCANG_CLAUSE_MAX_STEPS", "20000")       # keep the test quick
    message = refused(text)
    assert message.startswith("c.yaml:10: ")
    assert setting in message


def test_the_deadline_stops_work_that_stays_within_every_size(monkeypatch):
    monkeypatch.setenv("RANCANG_CLAUSE_SECONDS", "0.2")
    message = refused("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}"
                      "{% endmacro %}{{ m(40) }}")
    assert "longer than 0.2 seconds" in message and "RANCANG_CLAUSE_SECONDS=0.2" in message


def test_the_message_names_the_line_of_the_clause_where_it_stopped():
    message = refused("Pasal ini\n{{ 'a' }}\n{% for a in range(10**7) %}{% endfor %}")
    assert message.startswith("c.yaml:12: ")       # the third line of a text at line 10


def test_lipsum_is_not_there_to_generate_text():
    out, problems = render("{{ lipsum(10**6) }}")
    assert out is None and "lipsum" in str(problems[0])


def test_limits_leave_ordinary_clause_text_alone():
    out, problems = render(
        "{{ x ~ '-' ~ x|upper }} {% for c in x %}{{ loop.index }}{{ c }}{% endfor %} "
        "{{ items|join(', ') }} {{ '%05d' % 42 }} {{ '{:>6}'.format('ab') }} {{ 2 ** 62 }} "
        "{{ 'ab' * 3 }} {{ (items * 2)|length }} {{ range(3)|list }} {{ 21234 * 16800 * 12 }}",
        x="abc", items=["satu", "dua"])
    assert problems == []
    # runs of white space become one space in every clause text
    assert out == ["abc-ABC 1a2b3c satu, dua 00042 ab 4611686018427387904 ababab 4 "
                   "[0, 1, 2] 4280774400"]


def test_a_limit_set_to_nonsense_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("RANCANG_CLAUSE_MAX_CHARS", "lots")
    _out, problems = render("{{ 'a' }}")
    assert "RANCANG_CLAUSE_MAX_CHARS='lots' is not valid" in str(problems[0])


def test_a_marker_typed_into_a_regency_value_stays_text():
    out, problems = render("{{ x }}", x="a\ue0007\ue001b")
    assert problems == [] and out == ["a\ue0007\ue001b"]


def test_a_runaway_clause_stops_the_build_with_its_file_and_line(workspace_copy, in_dir):
    in_dir(workspace_copy)
    path = workspace_copy / SANKSI
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    unit = lines.index(SANKSI_UNIT)
    assert lines[unit + 1] == "              text: >-\n"
    number = unit + 2                   # the line of the new one-line text, 1-based
    lines[unit + 1:unit + 4] = [("              text: \"{% for a in range(99999) %}"
                                 "{% for b in range(99999) %}x{% endfor %}{% endfor %}\"\n")]
    path.write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "rejang-lebong", "-o", "o"],
                                env={"RANCANG_CLAUSE_MAX_STEPS": "50000"})
    assert result.exit_code == 1, result.output
    assert f"{SANKSI}:{number}: clause text stopped: it takes more than 50000 steps" in result.output
    assert "Traceback" not in result.output
    assert not (workspace_copy / "o").exists() or not list((workspace_copy / "o").iterdir())


# --- the compiled clauses on disk ---------------------------------------------------------

def _build(cwd: Path, cache, out="o"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RANCANG_")}
    env["RANCANG_CACHE"] = str(cache)
    env["RANCANG_LANG"] = "en"          # the messages are read in English
    return subprocess.run([sys.executable, "-m", "rancang", "build", "rejang-lebong", "-o", out,
                           "--force"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_an_edited_clause_is_built_anew_from_a_warm_cache(workspace_copy, tmp_path):
    cache = tmp_path / "cache"
    first = _build(workspace_copy, cache)
    assert first.returncode == 0, first.stderr
    compiled = sorted((cache / "clauses").iterdir())
    assert compiled, "the first build fills the cache"
    docx = workspace_copy / "o" / "perbup-rejang-lebong.docx"
    assert "dikenai sanksi administratif" in _docx_text(docx)

    again = _build(workspace_copy, cache)          # warm: nothing new to compile
    assert again.returncode == 0, again.stderr
    assert sorted((cache / "clauses").iterdir()) == compiled

    path = workspace_copy / SANKSI
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Pengenaan sanksi sebagaimana dimaksud {{ ref(",
        "Pengenaan sanksi yang DIUBAH sebagaimana dimaksud {{ ref("), encoding="utf-8")
    edited = _build(workspace_copy, cache)
    assert edited.returncode == 0, edited.stderr
    text = _docx_text(docx)
    assert "Pengenaan sanksi yang DIUBAH sebagaimana dimaksud" in text
    assert len(list((cache / "clauses").iterdir())) == len(compiled) + 1


def test_a_damaged_cache_file_is_compiled_again(workspace_copy, tmp_path):
    cache = tmp_path / "cache"
    assert _build(workspace_copy, cache).returncode == 0
    for path in (cache / "clauses").iterdir():
        path.write_bytes(b"j2 garbage, half written")
    result = _build(workspace_copy, cache, out="o2")
    assert result.returncode == 0, result.stderr
    assert _docx_text(workspace_copy / "o2" / "perbup-rejang-lebong.docx") == \
        _docx_text(workspace_copy / "o" / "perbup-rejang-lebong.docx")


def test_a_cache_folder_that_cannot_be_written_still_builds(workspace_copy, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder would go under this file")
    result = _build(workspace_copy, blocker / "cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "dikenai sanksi administratif" in _docx_text(
        workspace_copy / "o" / "perbup-rejang-lebong.docx")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes into a read-only folder anyway")
def test_a_read_only_cache_folder_still_builds(workspace_copy, tmp_path):
    cache = tmp_path / "cache"
    (cache / "clauses").mkdir(parents=True)
    (cache / "clauses").chmod(0o555)
    result = _build(workspace_copy, cache)
    assert result.returncode == 0, result.stderr
    assert list((cache / "clauses").iterdir()) == []


def test_the_cache_can_be_turned_off(workspace_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    result = _build(workspace_copy, "off")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "xdg" / "rancang" / "clauses").exists()


# --- property-based: expressions made of the pieces that grow ------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

atoms = st.sampled_from(["'ab'", "'x' * 999", "[1, 2, 3]", "range(9)", "99999", "10",
                         "x", "items", "3 * 10 ** 5", "(range(999)|list)"])
binary = st.sampled_from([" * ", " ** ", " + ", " ~ ", " % "])
filters = st.sampled_from(["", "|join", "|list", "|string", "|center(99999)", "|length",
                           "|replace('a', 'aaaa')", "|indent(9)", "|sum", "|upper"])


@st.composite
def expressions(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(atoms) + draw(filters)
    return "(" + draw(expressions(depth + 1)) + draw(binary) + draw(expressions(depth + 1)) + ")" \
        + draw(filters)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(), st.integers(0, 3))
def test_any_expression_renders_or_stops_within_its_limits(expr, loops):
    text = "{% for i in range(99) %}" * loops + "{{ " + expr + " }}" + "{% endfor %}" * loops
    os.environ["RANCANG_CLAUSE_MAX_STEPS"] = "20000"        # keep each example quick
    try:
        out, problems = render(text, x="abc", items=["satu", "dua"])
    finally:
        del os.environ["RANCANG_CLAUSE_MAX_STEPS"]
    if out is None:
        assert len(problems) == 1 and problems[0].where.line >= 10
    else:
        assert sum(len(str(p)) for p in out) <= 1_000_000
