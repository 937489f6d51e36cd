"""Speed and memory of the agreements, whole commands (issue: hostile input, faults and
load; issue: MoU, PKS per OPD).

  serang --doc all                  Perbup, MoU and every PKS as DOCX     goal < 3 s
  a PKS with 10,000 groups          one Lampiran table of 10,000 rows     goal <= 5 s
  500 OPDs, --doc pks               500 PKS, on the machine's cores       goal <= 40 s
  peak memory of each                                                     goal <= 500 MB

Wall time is the goal (a user waits for it); CPU time (the command and its workers) is
printed beside it, since a busy machine stretches the wall time. Peak memory is the
largest resident set of the command or any of its workers (os.wait4).

    .venv/bin/python bench/bench_agreements.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import many_groups, many_opds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RANCANG = str(Path(sys.executable).parent / "rancang")


def run(cmd, cwd):
    """(wall s, CPU s, peak resident MB) of one run of `cmd`."""
    wall = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - wall
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(name, cmd, cwd, runs, goal_s, out_dir: Path):
    results = [run(cmd, cwd) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    peak = max(r[2] for r in results)
    files = len(list(out_dir.glob("*.docx")))
    ok = wall <= goal_s and peak <= 500
    slowest = max(r[0] for r in results)
    print(f"{name} ({files} DOCX)\n    wall median {wall:6.2f} s (max {slowest:.2f})"
          f"   CPU {cpu:6.2f} s   peak {peak:5.0f} MB   goal <= {goal_s:g} s, <= 500 MB   "
          f"{'ok' if ok else 'OVER THE GOAL'}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        measure("serang --doc all, whole command",
                [RANCANG, "build", "serang", "--doc", "all", "-o", str(tmp / "s")],
                ROOT, args.runs, 3, tmp / "s")
        big = many_groups(tmp / "kelompok.yaml", 10_000)
        measure("a PKS with 10,000 participant groups, whole command",
                [RANCANG, "build", str(big), "--doc", "pks", "-o", str(tmp / "g")],
                ROOT, args.runs, 5, tmp / "g")
        opds = many_opds(tmp / "opd.yaml", 500)
        measure("500 OPDs, --doc pks, whole command",
                [RANCANG, "build", str(opds), "--doc", "pks", "-o", str(tmp / "p")],
                ROOT, max(1, args.runs - 1), 40, tmp / "p")


if __name__ == "__main__":
    main()
