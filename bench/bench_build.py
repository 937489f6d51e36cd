"""Speed of writing documents, each measure beside its strongest anchor, as the median
ratio of paired runs (A and B run back to back, in alternating order, so that a busy
machine slows both alike). CPU time is the measure; wall time is printed beside it.

  DOCX writing, in-process        rancang's DOCX view      vs  zipfile writing the same parts
                                                              (goal <= 3x)
  DOCX writing, in-process        rancang's DOCX view      vs  bare docxtpl, same template
                                                              and blocks (for the record)
  Perbup, whole command           rancang build            vs  a process rendering the same
                                                              template and blocks with bare
                                                              docxtpl (goal <= 1.2x); and
                                                              <= 1.5 s absolute
  400-Pasal Perbup                in-process build, and    vs  bare docxtpl, in-process and
                                  whole command                as a process (goal <= 1.5x)
  scaling                         whole command at 100 ... 800 Pasal: the exponent of the
                                  fitted power law (goal <= 1.1)

bare docxtpl needs the bench extra: pip install -e '.[bench]'.

    .venv/bin/python bench/bench_build.py [--runs N]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic  # noqa: E402

from rancang.commands.build import Builder, load, write_document  # noqa: E402
from rancang.sources.workspace import Workspace  # noqa: E402
from rancang.views.blocks import layout  # noqa: E402
from rancang.views.docx import render_docx  # noqa: E402

RANCANG = str(Path(sys.executable).parent / "rancang")

# The anchor: the same template and blocks rendered by docxtpl alone (tables as
# subdocuments, their cells filled in one pass over python-docx's grid).
BARE_DOCXTPL = r'''
import json, sys
from docxtpl import DocxTemplate, RichText

MARKS = {"isian": "Isian", "verifikasi": "Verifikasi"}


class View:
    pass


def render(blocks, template, out):
    tpl = DocxTemplate(template)
    views = []
    for block in blocks:
        view = View()
        view.style = block["style"]
        view.rich = RichText()
        for text, mark in block["runs"]:
            if text:
                view.rich.add(text, style=MARKS.get(mark))
        if block.get("rows"):
            rows = block["rows"]
            cols = max(len(r) for r in rows)
            view.sub = tpl.new_subdoc()
            cells = view.sub.add_table(rows=len(rows), cols=cols)._cells
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cells[r * cols + c].text = text
        views.append(view)
    tpl.render({"blocks": views})
    tpl.save(out)


if __name__ == "__main__":
    render(json.loads(open(sys.argv[1], encoding="utf-8").read()), sys.argv[2], sys.argv[3])
'''


def blocks_json(blocks) -> str:
    return json.dumps([{"style": b.style, "runs": b.runs,
                        "rows": [["".join(t for t, _ in cell) for cell in row]
                                 for row in b.table.rows] if b.table else None}
                       for b in blocks], ensure_ascii=False)


def in_process(fn):
    def timed():
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.process_time() - cpu, time.perf_counter() - wall
    return timed


def process(cmd, cwd=None):
    def timed():
        wall = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - wall
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
        proc.stderr.close()
        return usage.ru_utime + usage.ru_stime, wall
    return timed


def paired(a, b, runs):
    a(), b()              # warm-up: imports, compiled templates, the page cache
    pairs = []
    for i in range(runs):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        x, y = first(), second()
        pairs.append((x, y) if i % 2 == 0 else (y, x))
    return pairs


def report(name, anchor, pairs, goal=None):
    ratio = statistics.median(a[0] / b[0] for a, b in pairs)
    wall_ratio = statistics.median(a[1] / b[1] for a, b in pairs)
    a_cpu, b_cpu = (statistics.median(p[i][0] for p in pairs) for i in (0, 1))
    verdict = "" if goal is None else f"goal <= {goal}x  " + \
        ("ok" if ratio <= goal else "OVER THE GOAL")
    print(f"{name}\n    {a_cpu * 1000:8.1f} ms CPU   vs {anchor}: {b_cpu * 1000:8.1f} ms   "
          f"ratio {ratio:5.2f} (wall {wall_ratio:4.2f})   {verdict}")
    return ratio


def floor_of(docx: Path, out: Path):
    """zipfile writing the parts of `docx`, as they are, into `out`."""
    with zipfile.ZipFile(docx) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]

    def write():
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts:
                zf.writestr(name, data)
    return write


def perbup_blocks(ws, regency):
    builder = Builder(ws, regency)
    return layout(builder.tree(builder.jobs(("perbup",))[0]).document)


def pasal_count(ws, regency) -> int:
    builder = Builder(ws, regency)
    doc = builder.tree(builder.jobs(("perbup",))[0]).document
    return sum(1 for n in doc.walk() if n.kind == "pasal")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    try:
        import docxtpl  # noqa: F401
        have_docxtpl = True
    except ImportError:
        have_docxtpl = False
        print("bare docxtpl anchors skipped: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        anchor_py = tmp / "bare_docxtpl.py"
        anchor_py.write_text(BARE_DOCXTPL, encoding="utf-8")
        sys.path.insert(0, str(tmp))
        bare = __import__("bare_docxtpl") if have_docxtpl else None

        ws = Workspace.bundled()
        reg = load(ws, "rejang-lebong")
        template = ws.templates / "perbup" / "perbup.docx"
        blocks = perbup_blocks(ws, reg)
        props = {"title": "Rancangan Peraturan Bupati", "subject": "Kabupaten Rejang Lebong"}
        out = tmp / "perbup.docx"

        def view():
            render_docx(blocks, template, out, props)
        view()
        report(f"DOCX writing, in-process: Rejang Lebong Perbup ({len(blocks)} blocks)",
               "zipfile writing the same parts", paired(in_process(view), in_process(
                   floor_of(out, tmp / "floor.docx")), args.runs), goal=3)
        data = json.loads(blocks_json(blocks))
        if bare:
            report("DOCX writing, in-process: the same, against bare docxtpl",
                   "bare docxtpl", paired(in_process(view), in_process(
                       lambda: bare.render(data, str(template), str(tmp / "bare.docx"))),
                       args.runs))

        # whole processes
        (tmp / "blocks.json").write_text(blocks_json(blocks), encoding="utf-8")
        build = [RANCANG, "build", "rejang-lebong", "-o", str(tmp / "cli")]
        whole = process(build)
        if bare:
            anchor = process([sys.executable, str(anchor_py), str(tmp / "blocks.json"),
                              str(template), str(tmp / "bare-process.docx")])
            pairs = paired(whole, anchor, max(5, args.runs // 2))
            report("Perbup, whole command: rancang build rejang-lebong", "bare docxtpl process",
                   pairs, goal=1.2)
            walls = sorted(a[1] for a, _ in pairs)
            print(f"    whole command wall: median {statistics.median(walls):.2f} s "
                  f"(goal <= 1.5 s)  {'ok' if statistics.median(walls) <= 1.5 else 'OVER'}")

        # 400 Pasal
        base = pasal_count(ws, reg)
        synth = write_synthetic(tmp / "s400", 400 - base)
        sws = Workspace.discover(synth)
        sreg = load(sws, "rejang-lebong")
        pasal = pasal_count(sws, sreg)
        sblocks = perbup_blocks(sws, sreg)
        (tmp / "s400.json").write_text(blocks_json(sblocks), encoding="utf-8")
        s_template = sws.templates / "perbup" / "perbup.docx"

        def build400():
            write_document(sws, sreg, "perbup", tmp / "s400-out", ("docx",))
        if bare:
            sdata = json.loads(blocks_json(sblocks))
            report(f"{pasal}-Pasal Perbup, in-process: compose, check, layout and DOCX",
                   "bare docxtpl (DOCX of the same blocks)", paired(
                       in_process(build400), in_process(lambda: bare.render(
                           sdata, str(s_template), str(tmp / "s400-bare.docx"))), args.runs),
                   goal=1.5)
            report(f"{pasal}-Pasal Perbup, whole command", "bare docxtpl process", paired(
                process([RANCANG, "build", "rejang-lebong", "-o", str(tmp / "s400-cli")],
                        cwd=synth),
                process([sys.executable, str(anchor_py), str(tmp / "s400.json"),
                         str(s_template), str(tmp / "s400-bare-process.docx")]),
                max(5, args.runs // 2)), goal=1.5)

        # scaling of the whole command
        sizes = [100, 200, 400, 800]
        folders = {n: write_synthetic(tmp / f"scale{n}", n - base) for n in sizes}
        runs = {n: process([RANCANG, "build", "rejang-lebong", "-o", str(tmp / f"o{n}")],
                           cwd=folders[n]) for n in sizes}
        times = {n: [] for n in sizes}
        for n in sizes:
            runs[n]()                       # warm-up
        for i in range(max(3, args.runs // 4)):
            for n in (sizes if i % 2 == 0 else reversed(sizes)):
                times[n].append(runs[n]()[0])
        xs = [math.log(n) for n in sizes]
        ys = [math.log(statistics.median(times[n])) for n in sizes]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        marginal = math.log(statistics.median(times[800]) / statistics.median(times[400])) / \
            math.log(2)
        print("scaling of the whole command, CPU: " + ", ".join(
            f"{n} Pasal {statistics.median(times[n]):.2f} s" for n in sizes))
        print(f"    exponent {slope:.2f} (400 -> 800 Pasal: {marginal:.2f})   goal <= 1.1  "
              f"{'ok' if max(slope, marginal) <= 1.1 else 'OVER THE GOAL'}")


if __name__ == "__main__":
    main()
