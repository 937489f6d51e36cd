"""Speed of the agreements (issue: MoU, PKS per OPD, financing calculator).

Targets: `rancang build serang --doc all` (Perbup, MoU, every PKS as DOCX) under 3 s for
the whole command; a synthetic regency with 100 OPDs: all 100 PKS under 10 s.

    .venv/bin/python bench/bench_agreements.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from rancang.model.bahasa import terbilang  # noqa: E402  (group names without digits)


def synthetic_regency(path: Path, opds: int) -> Path:
    text = (ROOT / "regencies" / "serang.yaml").read_text(encoding="utf-8")
    text = text[:text.index("opds:\n")] + text[text.index("mou:\n"):]
    lines = ["opds:"]
    for i in range(opds):
        lines += [f"  - name: Dinas Sintetis {i} / Bidang {i}.{i} Pelayanan Masyarakat",
                  "    head: Nama Kepala",
                  "    groups:",
                  f"      - {{name: kelompok {terbilang(i)}, count: {100 + i}}}",
                  f"      - {{name: kelompok {terbilang(i + 1000)}, count: {50 + i}}}"]
    text = text.replace("  months: ...", "  months: 12")
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(cmd, runs, cwd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rancang = str(Path(sys.executable).parent / "rancang")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        med, worst = timed([rancang, "build", "serang", "--doc", "all", "-o", str(tmp / "s")],
                           args.runs, ROOT)
        files = len(list((tmp / "s").glob("*.docx")))
        print(f"serang --doc all ({files} DOCX), whole command   median {med:5.2f} s   "
              f"max {worst:5.2f} s   target < 3 s   {'ok' if med < 3 else 'SLOWER THAN TARGET'}")
        reg = synthetic_regency(tmp / "sintetis.yaml", 100)
        med, worst = timed([rancang, "build", str(reg), "--doc", "pks", "-o", str(tmp / "p")],
                           max(2, args.runs // 2), ROOT)
        files = len(list((tmp / "p").glob("*.docx")))
        print(f"100-OPD regency, --doc pks ({files} DOCX)         median {med:5.2f} s   "
              f"max {worst:5.2f} s   target < 10 s  {'ok' if med < 10 else 'SLOWER THAN TARGET'}")


if __name__ == "__main__":
    main()
