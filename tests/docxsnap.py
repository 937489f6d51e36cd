"""A DOCX read back as a reader meets it, for snapshot tests of the DOCX view: every
paragraph with its style name and the character styles of its runs, every table with
the text of each cell (a merged cell once), in document order."""
from __future__ import annotations

from docx import Document
from docx.table import Table

from rancang.views.blocks import Block, Table as TableSpec


def read_back(path) -> list:
    items = []
    for item in Document(str(path)).iter_inner_content():
        if isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    if not cells or cell._tc is not cells[-1][0]:
                        cells.append((cell._tc, cell.text))
                rows.append([text for _, text in cells])
            items.append(["table", rows])
        else:
            items.append(["p", item.style.name, item.text, _styled_runs(item)])
    return items


def _styled_runs(paragraph) -> list:
    """Runs by character style, adjacent runs of one style joined (how the text is cut
    into runs does not show)."""
    runs: list = []
    for run in paragraph.runs:
        if not run.text:
            continue
        style = run.style.name if run.style is not None else None
        style = None if style == "Default Paragraph Font" else style
        if runs and runs[-1][1] == style:
            runs[-1][0] += run.text
        else:
            runs.append([run.text, style])
    return runs


def blocks_to_json(blocks: list[Block]) -> list:
    out = []
    for b in blocks:
        entry = {"style": b.style, "runs": [list(r) for r in b.runs], "node_id": b.node_id}
        if b.table:
            t = b.table
            entry["table"] = {"rows": [[[list(r) for r in cell] for cell in row] for row in t.rows],
                              "header": t.header, "grid": t.grid, "widths_cm": t.widths_cm,
                              "bold_last": t.bold_last}
        out.append(entry)
    return out


def blocks_from_json(data: list) -> list[Block]:
    blocks = []
    for e in data:
        table = None
        if "table" in e:
            t = e["table"]
            table = TableSpec([[[tuple(r) for r in cell] for cell in row] for row in t["rows"]],
                              header=t["header"], grid=t["grid"], widths_cm=t["widths_cm"],
                              bold_last=t["bold_last"])
        blocks.append(Block(e["style"], [tuple(r) for r in e["runs"]], e["node_id"], table))
    return blocks
