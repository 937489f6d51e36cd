"""Whatever a regency file holds — names, numbers, dates, nesting — the commands answer
with exit status 0, 1 or 2 and a message, never a traceback."""
import datetime as dt
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rancang.cli import main

ROOT = Path(__file__).resolve().parent.parent
SERANG = yaml.safe_load((ROOT / "regencies" / "serang.yaml").read_text(encoding="utf-8"))

# plausible values most of the time, so that the build gets past the schema, and hostile
# ones the rest
names = st.one_of(st.text(st.characters(codec="utf-8"), min_size=1, max_size=400),
                  st.text(min_size=0, max_size=400))
numbers = st.one_of(st.integers(0, 10**6),
                    st.one_of(st.integers(-10**12, 10**15), st.integers(), st.floats(),
                              st.text(max_size=12), st.none(), st.booleans()))
dates = st.one_of(st.dates(dt.date(1945, 8, 17), dt.date(2100, 12, 31)),
                  st.one_of(st.dates(), st.text(max_size=20), st.integers(-5, 99999)))
years = st.one_of(st.integers(1945, 2100), st.integers(-3000, 10000))


def nested(depth: int, leaf="x"):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def run_on(data, *args):
    """`rancang <args> <file>` on the regency `data`, in a folder of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "uji.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                       width=10**6), encoding="utf-8")
        result = CliRunner().invoke(main, [args[0], str(path), *args[1:],
                                           *(["-o", str(Path(tmp) / "o")] if args[0] == "build"
                                             else [])])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    return result


def edited(**changes):
    data = yaml.safe_load(yaml.safe_dump(SERANG))         # a deep copy
    for path, value in changes.items():
        target = data
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
            if isinstance(target, dict) and {"value", "confirmed"} <= set(target):
                target = target["value"]      # a fact marked unconfirmed: its value
        last = keys[-1]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return data


COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(max_examples=40, **COMMON)
@given(names, names, names)
def test_any_names_build_or_give_a_message(regency, opd, group):
    run_on(edited(**{"name": regency, "opds.0.name": opd, "opds.1.groups.0.name": group}),
           "build", "--doc", "perbup,pks", "--format", "md")


@settings(max_examples=40, **COMMON)
@given(numbers, numbers, numbers)
def test_any_numbers_check_or_give_a_message(count, months, rentan):
    run_on(edited(**{"opds.0.groups.0.count": count, "financing.months": months,
                     "participants.rentan_total": rentan}), "check")
    run_on(edited(**{"opds.0.groups.0.count": count, "financing.months": months}),
           "build", "--doc", "pks", "--format", "md")


@settings(max_examples=40, **COMMON)
@given(dates, dates, years)
def test_any_dates_check_or_give_a_message(mou_date, ditetapkan, year):
    run_on(edited(**{"mou.date": mou_date, "perbup.ditetapkan": ditetapkan,
                     "perbup.year": year}), "check")


@settings(max_examples=25, **COMMON)
@given(st.integers(0, 80), st.sampled_from(["sources", "name", "opds", "segments", "focus"]))
def test_any_nesting_checks_or_gives_a_message(depth, field):
    run_on(edited(**{field: nested(depth)}), "check")


def test_a_valid_edit_still_builds():
    # the harness itself: a sane change builds, so the properties above test something
    result = run_on(edited(**{"mou.date": dt.date(2025, 12, 9)}), "build", "--format", "md")
    assert result.exit_code == 0, result.output
