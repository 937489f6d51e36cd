"""Start-up of the `rancang` command against its floors (issue 16), from paired runs.

Each round runs every measure once, in turn, so that the load of a shared machine falls
on all of them alike; medians of wall and CPU time (user + system of the child) and each
measure as a ratio of its anchor:

- `rancang --help` and `rancang regencies` against `python -c pass` (goals: --help
  <= 3x, regencies <= 0.15 s);
- the Rejang Lebong Perbup command (`rancang build rejang-lebong`, DOCX) against a bare
  docxtpl process that renders the same template with the same blocks and saves it
  (goals: the command <= 1.0 s; issue 16's rendering goal, <= 1.2x the bare process).

    .venv/bin/python bench/bench_startup.py [--rounds N]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RANCANG = str(Path(PYTHON).parent / "rancang")

# The floor of the Perbup command: docxtpl alone, the same template and blocks, one
# process, no rancang import.
BARE_DOCXTPL = r"""
import json, sys
from docxtpl import DocxTemplate, RichText
template, blocks_file, out = sys.argv[1:4]
blocks = json.load(open(blocks_file, encoding="utf-8"))
tpl = DocxTemplate(template)

class View:
    def __init__(self, block):
        self.style = block["style"]
        self.rich = RichText()
        for text, style in block["runs"]:
            if text:
                self.rich.add(text, style=style)
        self.sub = None
        if block["table"]:
            self.sub = tpl.new_subdoc()
            rows = block["table"]
            table = self.sub.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                cells = table.rows[r].cells
                for c, text in enumerate(row):
                    cells[c].paragraphs[0].add_run(text)

tpl.render({"blocks": [View(b) for b in blocks], "title": "", "subject": ""},
           autoescape=True)
tpl.save(out)
"""


def run_once(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime


def perbup_blocks(path: Path) -> Path:
    """The layout blocks of the Rejang Lebong Perbup, as the bare docxtpl script reads
    them."""
    from rancang.commands.build import build_tree, load
    from rancang.sources.workspace import Workspace
    from rancang.views.blocks import ISIAN, VERIFIKASI, layout

    ws = Workspace.bundled()
    doc = build_tree(ws, load(ws, "rejang-lebong"), "perbup").document
    styles = {ISIAN: "Isian", VERIFIKASI: "Verifikasi"}
    out = []
    for block in layout(doc):
        table = None
        if block.table:
            table = [["".join(t for t, _ in cell) for cell in row] for row in block.table.rows]
        out.append({"style": block.style, "runs": [(t, styles.get(m)) for t, m in block.runs],
                    "table": table})
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "RANCANG_LANG": "id"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty"
        empty.mkdir()
        blocks = perbup_blocks(tmp / "blocks.json")
        template = ROOT / "templates" / "perbup" / "perbup.docx"
        bare = tmp / "bare.py"
        bare.write_text(BARE_DOCXTPL, encoding="utf-8")
        measures = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "rancang --help": [RANCANG, "--help"],
            "rancang regencies": [RANCANG, "regencies"],
            "bare docxtpl, Perbup": [PYTHON, str(bare), str(template), str(blocks),
                                     str(tmp / "bare.docx")],
            "rancang build rejang-lebong": [RANCANG, "build", "rejang-lebong", "-o",
                                            str(tmp / "out"), "--force"],
        }
        if importlib.util.find_spec("docxtpl") is None:
            # the bare docxtpl anchor needs the bench extra; the command keeps its 1 s goal
            print("bare docxtpl anchor skipped: pip install -e '.[bench]'")
            del measures["bare docxtpl, Perbup"]
        for cmd in measures.values():           # warm the disk cache and the .pyc files
            run_once(cmd, empty, env)
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in measures}
        for _ in range(args.rounds):
            for name, cmd in measures.items():
                samples[name].append(run_once(cmd, empty, env))
    wall = {k: statistics.median(w for w, _ in v) for k, v in samples.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in samples.items()}
    anchors = {"rancang --help": ("python -c pass", 3.0, None),
               "rancang regencies": ("python -c pass", None, 0.15),
               "rancang build rejang-lebong": ("bare docxtpl, Perbup", 1.2, 1.0)
               if "bare docxtpl, Perbup" in measures else ("python -c pass", None, 1.0)}
    print(f"{args.rounds} paired rounds, medians; ratios of wall time to the anchor")
    print(f"{'measure':<30} {'wall':>9} {'cpu':>9}   anchor and goal")
    for name in measures:
        line = f"{name:<30} {wall[name] * 1000:7.1f}ms {cpu[name] * 1000:7.1f}ms"
        if name in anchors:
            anchor, ratio_goal, seconds_goal = anchors[name]
            ratio = wall[name] / wall[anchor]
            goals = []
            if ratio_goal:
                goals.append(f"goal <= {ratio_goal:g}x {'ok' if ratio <= ratio_goal else 'MISSED'}")
            if seconds_goal:
                goals.append(f"goal <= {seconds_goal:g} s "
                             f"{'ok' if wall[name] <= seconds_goal else 'MISSED'}")
            line += f"   {ratio:5.2f}x {anchor}; {'; '.join(goals)}"
        print(line)


if __name__ == "__main__":
    main()
