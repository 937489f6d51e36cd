"""The compile cache of clause texts (issue 16, cause 4): `rancang check serang` (every
document, 316 clause texts) as a whole command, each run paired: the cache turned off
(RANCANG_CACHE=off: every clause compiled anew, as before the cache) against a warm cache.
CPU time of the child, medians; the ratio is cold / warm.

    .venv/bin/python bench/bench_clause_cache.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_of(cmd, env) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    cmd = [sys.executable, "-m", "rancang", "check", "serang"]
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**os.environ, "RANCANG_CACHE": cache}
        cold_env = {**os.environ, "RANCANG_CACHE": "off"}
        cpu_of(cmd, warm_env)                   # fill the cache
        cold, warm = [], []
        for _ in range(runs):                   # paired: one of each, in turn
            cold.append(cpu_of(cmd, cold_env))
            warm.append(cpu_of(cmd, warm_env))
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"rancang check serang, CPU s (median of {runs} paired runs)")
    print(f"  no cache (compile every clause): {c:.3f}")
    print(f"  warm cache:                      {w:.3f}")
    print(f"  ratio cold / warm:               {c / w:.2f}x")


if __name__ == "__main__":
    main()
