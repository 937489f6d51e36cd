"""PDF speed (issue: PDF output through LibreOffice).

Targets: ten documents to PDF at least 3x faster than ten separate
`soffice --convert-to pdf` calls, measured side by side in this run; the first PDF of a
cold command (no LibreOffice profile yet) under 5 s.

    .venv/bin/python bench/bench_pdf.py [--rounds N]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rancang.commands.build import load, write_document
from rancang.sources.workspace import Workspace
from rancang.views.pdf import convert, require_soffice


def wall(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    soffice = require_soffice()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ws = Workspace.bundled()
        docx = write_document(ws, load(ws, "rejang-lebong"), "perbup", tmp, ("docx",)).docx
        docs = []
        for i in range(10):
            copy = tmp / "in" / f"dokumen-{i}.docx"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(docx, copy)
            docs.append(copy)
        profile = (tmp / "separate-profile").as_uri()

        def separate():
            for d in docs:
                subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                                "--norestore", "--convert-to", "pdf", "--outdir",
                                str(tmp / "sep"), str(d)], check=True, capture_output=True)

        def batch():
            convert([(d, tmp / "batch" / (d.stem + ".pdf")) for d in docs], soffice=soffice)

        separate(), batch()   # both with a warm profile
        sep = [wall(separate) for _ in range(args.rounds)]
        bat = [wall(batch) for _ in range(args.rounds)]
        ms, mb = statistics.median(sep), statistics.median(bat)
        print(f"ten documents, ten separate soffice calls   median {ms:6.2f} s  "
              f"(runs: {', '.join(f'{x:.2f}' for x in sep)})")
        print(f"ten documents, rancang batch                 median {mb:6.2f} s  "
              f"(runs: {', '.join(f'{x:.2f}' for x in bat)})")
        print(f"speed-up                                     {ms / mb:6.1f}x   target >= 3x   "
              f"{'ok' if ms / mb >= 3 else 'BELOW TARGET'}")

        script = Path(sys.executable).parent / "rancang"
        cold = []
        for i in range(args.rounds):
            env = dict(os.environ, XDG_CACHE_HOME=str(tmp / f"cold-cache-{i}"))
            cold.append(wall(lambda: subprocess.run(
                [str(script), "build", "rejang-lebong", "--format", "pdf", "-o",
                 str(tmp / f"cold{i}")], check=True, capture_output=True, env=env, cwd=tmp)))
        warm = [wall(lambda: subprocess.run(
            [str(script), "build", "rejang-lebong", "--format", "pdf", "-o", str(tmp / "warm")],
            check=True, capture_output=True, cwd=tmp)) for _ in range(args.rounds)]
        mc = statistics.median(cold)
        print(f"first PDF, cold command (new profile)        median {mc:6.2f} s   target < 5 s   "
              f"{'ok' if mc < 5 else 'SLOWER THAN TARGET'}")
        print(f"PDF, command with a kept profile             median {statistics.median(warm):6.2f} s")


if __name__ == "__main__":
    main()
