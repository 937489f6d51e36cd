"""Speed and memory of a participant list (issue 11: a 20,000-participant XLSX validated and
built into the Keputusan DOCX in <= 10 s on 2 cores, memory <= 500 MB).

Two measures, each a fresh process per run:
- read + validate: time from start to the list in memory, and its peak resident memory
  (ru_maxrss), against the anchor of openpyxl merely reading every row of the same file in
  read-only mode, the floor under anything that reads the file. Runs are paired (anchor,
  rancang, anchor, rancang, ...) so both see the same machine; the ratio is per pair.
- the whole command `rancang build REGENCY --doc kepbup-penerima --participants FILE`
  (read, validate, compose, lay out, write the DOCX with its 20,000-row Lampiran): wall
  time and peak resident memory of the command (os.wait4), the goal of the issue.

    .venv/bin/python bench/bench_participants.py [--runs N] [--rows N]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REGENCY = """\
name: Sintetis
province: Bengkulu
seat: Curup
kode_wilayah: "1702"
formation_law: {{type: Undang-Undang, number: 1, year: 2000, title: Pembentukan Kabupaten Sintetis, ln: {{year: 2000, number: 1}}, tln: 1, confirmed: true}}
officials: {{bupati: A, sekretaris_daerah: B}}
perbup: {{status: draft, year: 2026}}
segments: [pekerja_rentan]
bantuan_iuran:
  - {{target: pekerja_rentan, programmes: [jkk, jkm], source: apbd}}
financing: {{year: 2026, start: 2026-01-01, months: 12}}
bpjs: {{office: BPJS Ketenagakerjaan Kantor Cabang Curup, branch: Kantor Cabang Curup, head: C, position: Kepala}}
opds:
{opds}
"""

OPDS = ["Dinas Perikanan", "Dinas Kesehatan", "Dinas Pertanian", "Dinas Sosial",
        "Dinas Pemberdayaan Masyarakat dan Desa"]

ANCHOR = """
import sys, time, resource, json
t = time.perf_counter()
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
ws.reset_dimensions()
n = sum(1 for _ in ws.iter_rows(values_only=True))
wb.close()
print(json.dumps({"s": time.perf_counter() - t, "rows": n,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

RANCANG = """
import sys, time, resource, json
t = time.perf_counter()
from pathlib import Path
from rancang.readers.participants import read_participants
from rancang.sources.regency import load_regency
plist = read_participants(sys.argv[1], load_regency(Path(sys.argv[2])), region_code="1702")
print(json.dumps({"s": time.perf_counter() - t, "rows": len(plist.rows),
                  "findings": len(plist.findings),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

BASELINE = """
import resource, json
print(json.dumps({"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def write_list(path: Path, regency_path: Path, rows: int) -> None:
    import openpyxl
    per_opd = rows // len(OPDS)
    lines = []
    for i, opd in enumerate(OPDS):
        count = per_opd if i < len(OPDS) - 1 else rows - per_opd * (len(OPDS) - 1)
        lines += [f"  - name: {opd}", "    groups:",
                  f"      - {{name: kelompok {i + 1}a, count: {count // 2}}}",
                  f"      - {{name: kelompok {i + 1}b, count: {count - count // 2}}}"]
    regency_path.write_text(REGENCY.format(opds="\n".join(lines)), encoding="utf-8")
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Peserta")
    ws.append(["No", "Nama", "NIK", "Alamat", "Desa/Kelurahan", "Perangkat Daerah/OPD",
               "Kelompok"])
    n = 0
    for i, opd in enumerate(OPDS):
        count = per_opd if i < len(OPDS) - 1 else rows - per_opd * (len(OPDS) - 1)
        for j in range(count):
            group = f"kelompok {i + 1}{'a' if j < count // 2 else 'b'}"
            day = 12 + 40 * (n % 2)                 # every second one a woman
            nik = f"17020{1 + n // 9999}{day:02d}0{1 + n % 9}{80 + n % 20}{n % 9999 + 1:04d}"
            address = f"Jl. Contoh No. {n % 300}, RT {n % 9:02d}"
            ws.append([n + 1, f"Peserta Nomor {n + 1}", nik, address, f"Desa {n % 40}", opd,
                       group])
            n += 1
    wb.save(path)


def build_keputusan(xlsx: Path, regency: Path, out: Path) -> tuple[float, float]:
    """(wall s, peak resident MB) of the whole build of the Keputusan with the list."""
    rancang = str(Path(sys.executable).parent / "rancang")
    cmd = [rancang, "build", str(regency), "--doc", "kepbup-penerima", "--participants",
           str(xlsx), "--format", "docx", "-o", str(out), "-q", "--force"]
    wall = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "RANCANG_LANG": "en"})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - wall
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        xlsx, regency = tmp / "peserta.xlsx", tmp / "sintetis.yaml"
        t = time.perf_counter()
        write_list(xlsx, regency, args.rows)
        print(f"generated {args.rows:,} rows ({xlsx.stat().st_size / 2**20:.1f} MB XLSX) "
              f"in {time.perf_counter() - t:.1f} s")
        base_rss = run(BASELINE)["rss"]
        anchors, ours, ratios = [], [], []
        for _ in range(args.runs):
            a = run(ANCHOR, str(xlsx))
            r = run(RANCANG, str(xlsx), str(regency))
            assert r["rows"] == args.rows and a["rows"] == args.rows + 1, (a, r)
            anchors.append(a)
            ours.append(r)
            ratios.append(r["s"] / a["s"])
        med = statistics.median
        a_s, r_s = med(x["s"] for x in anchors), med(x["s"] for x in ours)
        a_mb, r_mb = (max(x["rss"] for x in anchors) / 1024, max(x["rss"] for x in ours) / 1024)
        print(f"openpyxl read-only, every row (anchor)  median {a_s:5.2f} s   "
              f"peak RSS {a_mb:6.1f} MB")
        print(f"read_participants, read + validate      median {r_s:5.2f} s   "
              f"peak RSS {r_mb:6.1f} MB   ({ours[0]['findings']} findings)")
        print(f"ratio to the anchor (paired runs)       median {med(ratios):5.2f}x  "
              f"min {min(ratios):.2f}x  max {max(ratios):.2f}x")
        print(f"python interpreter alone                peak RSS {base_rss / 1024:6.1f} MB")
        builds = [build_keputusan(xlsx, regency, tmp / "out") for _ in range(args.runs)]
        b_s, b_mb = med(b[0] for b in builds), max(b[1] for b in builds)
        docx = tmp / "out" / "kepbup-penerima-sintetis.docx"
        print(f"rancang build --doc kepbup-penerima      median {b_s:5.2f} s   "
              f"peak RSS {b_mb:6.1f} MB   (DOCX {docx.stat().st_size / 2**20:.1f} MB, wall "
              f"time, {args.runs} runs)")
        verdict = "ok" if b_s <= 10 and b_mb <= 500 else "OVER BUDGET"
        print(f"goal for the whole build: 10 s, 500 MB   {verdict} "
              f"({b_s / 10:.0%} of the time, {b_mb / 500:.0%} of the memory)")

if __name__ == "__main__":
    main()
