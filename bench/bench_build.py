"""Speed of building the Perbup (issue: Raperbup from clause library and regency file).

Targets: Rejang Lebong DOCX under 0.3 s warm in-process and under 1.5 s for the whole
CLI command; a synthetic 150-Pasal Perbup under 0.5 s warm. Prints medians and p90 over
repeated runs (the machine is noisy).

    .venv/bin/python bench/bench_build.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic  # noqa: E402

from rancang.commands.build import load, write_document  # noqa: E402
from rancang.sources.workspace import Workspace  # noqa: E402


def timed(fn, runs):
    fn()   # warm-up: imports, compiled templates
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def report(name, target, median, p90):
    verdict = "ok" if median < target else "SLOWER THAN TARGET"
    print(f"{name:<44} median {median * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms   "
          f"target < {target * 1000:.0f} ms   {verdict}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ws = Workspace.bundled()
        reg = load(ws, "rejang-lebong")
        report("Rejang Lebong DOCX, warm, in-process", 0.3,
               *timed(lambda: write_document(ws, reg, "perbup", tmp / "a", ("docx",)), args.runs))

        script = Path(sys.executable).parent / "rancang"
        cmd = [str(script), "build", "rejang-lebong", "-o", str(tmp / "cli")]
        report("Rejang Lebong DOCX, whole CLI command", 1.5,
               *timed(lambda: subprocess.run(cmd, check=True, capture_output=True),
                      max(5, args.runs // 4)))

        from rancang.commands.build import build_tree
        existing = sum(1 for n in build_tree(ws, reg, "perbup").document.walk() if n.kind == "pasal")
        # the bundled Perbup plus synthetic BAB files: 150 Pasal in all
        synth = write_synthetic(tmp / "synthetic", 150 - existing)
        sws = Workspace.discover(synth)
        sreg = load(sws, "rejang-lebong")
        probe = write_document(sws, sreg, "perbup", tmp / "s", ("docx",))
        pasal = sum(1 for n in build_tree(sws, sreg, "perbup").document.walk() if n.kind == "pasal")
        report(f"synthetic Perbup ({pasal} Pasal) DOCX, warm", 0.5,
               *timed(lambda: write_document(sws, sreg, "perbup", tmp / "s", ("docx",)),
                      args.runs))
        assert probe.paths


if __name__ == "__main__":
    main()
