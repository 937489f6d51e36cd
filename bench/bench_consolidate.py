"""`rancang consolidate` of PP 44/2015 with PP 82/2019 (../shared/corpus; goal <= 3 s), as a
user runs it (a fresh process, the Markdown written), and the same work in one process
(reading both texts, applying the five points, writing) to show where the time goes.
Medians of several runs are printed; not a test.

    .venv/bin/python bench/bench_consolidate.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from rancang.commands.consolidate import run_consolidate  # noqa: E402
from rancang.sources.workspace import Workspace  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
BASE, AMENDMENT = CORPUS / "pp-2015-44.md", CORPUS / "pp-2019-82.md"
RUNS = 7
ENV = {**os.environ, "PYTHONPATH": str(REPO), "RANCANG_LANG": "en"}


def main() -> None:
    if not BASE.exists():
        sys.exit(f"corpus not found: {BASE}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pp-44-2015-konsolidasi.md"
        cli, inproc = [], []
        for _ in range(RUNS):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "rancang", "consolidate", str(BASE),
                            str(AMENDMENT), "-o", str(out), "--force"], env=ENV, check=True,
                           capture_output=True)
            cli.append(time.perf_counter() - t)
            t = time.perf_counter()
            done = run_consolidate(Workspace.bundled(), str(BASE), [str(AMENDMENT)], out,
                                   force=True)
            inproc.append(time.perf_counter() - t)
    print(f"consolidate PP 44/2015 + PP 82/2019 ({done.changes} points, {done.pasal} Pasal)")
    print(f"  command (fresh process): median {statistics.median(cli):.3f} s "
          f"(min {min(cli):.3f}, max {max(cli):.3f}); goal <= 3 s")
    print(f"  in process:              median {statistics.median(inproc):.3f} s")


if __name__ == "__main__":
    main()
