"""Speed and peers of the structure-aware diff (issue: structure-aware diff).

1. Diff ../shared/corpus/uu-2020-11.md (1.3 MB, the Cipta Kerja law) against an edited
   copy: target under 3 s and under 1 GB of memory (measured in a child process).
2. One DOCX pair with a one-Pasal insertion early in the Rejang Lebong Perbup: rancang
   diff, python-redlines (its XmlPowerTools engine; `pip install
   "python-redlines[ooxmlpowertools]"`, or the `bench` extra) and a plain difflib line
   diff, side by side: time and the number of changes each reports.

    .venv/bin/python bench/bench_diff.py
"""
from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

BIG = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from rancang.readers.parse import parse_text, read_text
    from rancang.compare.diff import compare
    t = time.perf_counter()
    text = read_text(Path(sys.argv[1]))
    edited = text.replace("Undang-Undang ini mulai berlaku pada tanggal diundangkan",
                          "Undang-Undang ini mulai berlaku pada tanggal 1 Januari 2021", 1)
    cmp = compare(parse_text(text), parse_text(edited))
    print(json.dumps({"seconds": time.perf_counter() - t, "summary": cmp.summary,
                      "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def big_file():
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", BIG, str(CORPUS / "uu-2020-11.md")],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(json.loads(out.stdout))
    runs.sort(key=lambda r: r["seconds"])
    med = runs[1]
    print(f"uu-2020-11.md (1.3 MB) against an edited copy: median {med['seconds']:.2f} s, "
          f"peak memory {max(r['max_rss_mb'] for r in runs):.0f} MB "
          f"(targets < 3 s, < 1024 MB: {'ok' if med['seconds'] < 3 and med['max_rss_mb'] < 1024 else 'MISSED'}); "
          f"reported {med['summary']}")


def docx_pair(tmp: Path) -> tuple[Path, Path]:
    for name in ("clauses", "regencies", "templates"):
        shutil.copytree(ROOT / name, tmp / name)
    rancang = str(Path(sys.executable).parent / "rancang")
    subprocess.run([rancang, "build", "rejang-lebong", "-o", "v1"], cwd=tmp, check=True,
                   capture_output=True)
    bab = tmp / "clauses" / "perbup" / "maksud-tujuan.yaml"
    bab.write_text(bab.read_text().replace("""    - id: tujuan""", """    - id: asas
      text: >-
        Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan di Daerah berasaskan
        kemanusiaan, manfaat, dan keadilan sosial.
    - id: tujuan""", 1))
    subprocess.run([rancang, "build", "rejang-lebong", "-o", "v2"], cwd=tmp, check=True,
                   capture_output=True)
    return tmp / "v1" / "perbup-rejang-lebong.docx", tmp / "v2" / "perbup-rejang-lebong.docx"


def peers(tmp: Path):
    old, new = docx_pair(tmp)
    rancang = str(Path(sys.executable).parent / "rancang")
    t = time.perf_counter()
    out = subprocess.run([rancang, "diff", str(old), str(new), "--json"], capture_output=True,
                         text=True, check=True)
    ours = time.perf_counter() - t
    summary = json.loads(out.stdout)["summary"]
    real = summary["inserted"] + summary["deleted"] + summary["modified"] + summary["moved"]
    print("one-Pasal insertion, DOCX pair:")
    print(f"  rancang diff        {ours:6.2f} s   {real} change(s) to review "
          f"({summary['inserted']} inserted), plus {summary['renumbered']} units renumbered")

    from docx import Document
    a = [p.text for p in Document(str(old)).paragraphs]
    b = [p.text for p in Document(str(new)).paragraphs]
    t = time.perf_counter()
    lines = [l for l in difflib.unified_diff(a, b, lineterm="", n=0)
             if l[:1] in "+-" and not l.startswith(("+++", "---"))]
    hunks = sum(1 for l in difflib.unified_diff(a, b, lineterm="", n=0) if l.startswith("@@"))
    print(f"  difflib line diff   {time.perf_counter() - t:6.2f} s   {len(lines)} changed lines "
          f"in {hunks} hunks")

    try:
        from python_redlines.engines import XmlPowerToolsEngine
    except ImportError:
        print("  python-redlines     not installed (pip install 'python-redlines[ooxmlpowertools]')")
        return
    import warnings
    warnings.simplefilter("ignore")
    try:
        engine = XmlPowerToolsEngine()
    except Exception as exc:   # noqa: BLE001 - the engine's binary may be missing
        print(f"  python-redlines     unavailable: {exc}")
        return
    t = time.perf_counter()
    _, stdout, _ = engine.run_redline("bench", old.read_bytes(), new.read_bytes())
    print(f"  python-redlines     {time.perf_counter() - t:6.2f} s   {(stdout or '').strip()} "
          "(Word revisions)")


def main():
    big_file()
    with tempfile.TemporaryDirectory() as tmp:
        peers(Path(tmp))


if __name__ == "__main__":
    main()
