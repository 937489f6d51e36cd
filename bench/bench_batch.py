"""The national batch (issue 16): `rancang build --all` over 514 synthetic regencies
(Indonesia's kabupaten and kota) of 30 OPDs each, 32 documents a regency (Perbup, MoU, 30
PKS): DOCX per second per core (documents / CPU seconds of the whole process tree: the
command and its workers), goal >= 25; the wall time and the workers beside it; and the
peak memory, of the largest process and of the whole tree (sampled from /proc).

Run once with an empty cache (every clause compiled, every YAML file parsed: a first
national build) and once warm (the next one).

    .venv/bin/python bench/bench_batch.py [--regencies 514] [--opds 30] [--workers N]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import national  # noqa: E402

RANCANG = str(Path(sys.executable).parent / "rancang")
GOAL = 25.0


def _tree_rss_kb(root: int) -> int:
    """The resident memory of `root` and every process under it, now."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields.get("PPid", "0").strip() or 0)
        rss[pid] = int((fields.get("VmRSS", "0 kB").split() or ["0"])[0])
    total = 0
    for pid in rss:
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += rss[pid]
    return total


def run(cmd, cwd, env) -> dict:
    wall = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.1)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - wall
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    # wait4 counts the workers the command waited for; ru_maxrss is the largest process
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall,
            "largest_mb": usage.ru_maxrss / 1024, "tree_mb": peak[0] / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regencies", type=int, default=514)
    parser.add_argument("--opds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    print(f"national batch: {args.regencies} regencies x {args.opds + 2} documents; "
          f"{cores} usable core(s), load average {load:.2f} before the runs "
          "(a shared machine: other sessions' work slows the wall time, less the CPU time)")
    with tempfile.TemporaryDirectory(prefix="rancang-national-") as tmp:
        tmp = Path(tmp)
        ws = national(tmp / "ws", args.regencies, args.opds)
        env = {k: v for k, v in os.environ.items() if not k.startswith("RANCANG_")}
        env["RANCANG_CACHE"] = str(tmp / "cache")        # empty: the first national build
        documents = args.regencies * (args.opds + 2)
        cmd = [RANCANG, "build", "--all", "-q", "-o", str(tmp / "out"), "--force"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        for label in ("cold cache", "warm cache"):
            r = run(cmd, ws, env)
            written = sum(1 for _ in (tmp / "out").rglob("*.docx"))
            if written != documents:
                raise SystemExit(f"{written} DOCX written, {documents} expected")
            per_core = documents / r["cpu"]
            print(f"  {label}: {documents} DOCX in {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU:"
                  f" {per_core:.0f} DOCX/s per core (goal >= {GOAL:.0f}: "
                  f"{'ok' if per_core >= GOAL else 'MISSED'}), {documents / r['wall']:.0f} "
                  f"DOCX/s wall; peak memory {r['largest_mb']:.0f} MB the largest process, "
                  f"{r['tree_mb']:.0f} MB all processes")


if __name__ == "__main__":
    main()
