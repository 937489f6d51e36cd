"""The Markdown view: the same blocks as the DOCX, as plain structured text for review
and for git. Centred headings become Markdown headings; list markers that Markdown
would renumber ('1.', '1)') are escaped."""
from __future__ import annotations

import re

from rancang.views.blocks import CATATAN, UNCONFIRMED, UNCONFIRMED_NOTE, Block, Runs

_HEADINGS = {"BAB": "## ", "Bagian": "### ", "Paragraf": "#### ", "Pasal": "#### "}
_NUMBERED = re.compile(r"^(\d+)([.)])")


def _text(runs: Runs) -> str:
    """The runs' text, an unconfirmed value inside its marker: plain text has no
    highlight (readers/parse.py drops the marker again)."""
    return "".join(UNCONFIRMED_NOTE.format(t) if m == UNCONFIRMED and t.strip() else
                   f"*{t}*" if m == CATATAN and t.strip() else t for t, m in runs)


def _line(block: Block) -> str:
    text = _text(block.runs)
    if block.style in ("Konsiderans", "Menetapkan"):
        parts = [p for p in text.split("\t")]
        if parts[0]:
            head = f"{parts[0]} : "
            rest = [p for p in parts[2:] if p]
        else:
            head, rest = "", [p for p in parts if p]
        text = head + " ".join(rest)
    else:
        text = text.replace("\t", " ")
    text = _NUMBERED.sub(r"\1\\\2", text)
    return _HEADINGS.get(block.style, "") + text


def _table(block: Block) -> str:
    def cell(runs):
        return _text(runs).replace("|", "\\|").strip() or " "
    rows = [[cell(c) for c in row] for row in block.table.rows]
    if not block.table.grid:     # signatures: one line each, no table
        return "\n\n".join("    ".join(c for c in row if c.strip()) for row in rows
                           if any(c.strip() for c in row))
    header = rows[0] if block.table.header else [" "] * len(rows[0])
    body = rows[1:] if block.table.header else rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines)


def render_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        line = _table(block) if block.table else _line(block)
        if not line.strip():
            continue   # blank lines of the signature space
        out.append(line)
    return "\n\n".join(out) + "\n"

