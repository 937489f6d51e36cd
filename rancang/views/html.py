"""The HTML view: the same layout blocks as the DOCX and the Markdown, as a page a
browser shows (the preview of `rancang serve`, `rancang build --format html`).

Each block becomes one element with a class named after its Word style; a tab in a
block (Menimbang<TAB>:<TAB>a.<TAB>text, (1)<TAB>text) separates the columns that the
style sheet lines up the way the template's tab stops do. Every unit's first block
carries its id (`u-<node id>`), so a finding can link to the unit it is about. All text
is escaped: a regency file cannot put markup into the page.
"""
from __future__ import annotations

import html
import re

from rancang.views.blocks import ISIAN, UNCONFIRMED, VERIFIKASI, Block, Runs

DOCUMENT_CSS = """
.rancang-doc{font-family:'Bookman Old Style','TeX Gyre Bonum',Georgia,serif;font-size:12pt;
line-height:1.5;max-width:44rem;margin:0 auto;padding:2rem 2.5rem;background:#fff;color:#111}
.rancang-doc p{margin:0 0 .4rem}
.rancang-doc .s-kop{text-align:center;font-weight:bold;margin:0}
.rancang-doc .s-judul,.rancang-doc .s-pembukaan,.rancang-doc .s-bab,.rancang-doc .s-bagian,
.rancang-doc .s-paragraf,.rancang-doc .s-pasal,.rancang-doc .s-diktum,
.rancang-doc .s-judul-pasal,.rancang-doc .s-lampiran-judul,.rancang-doc .s-nomor{text-align:center}
.rancang-doc .s-judul,.rancang-doc .s-bab,.rancang-doc .s-lampiran-judul{font-weight:bold}
.rancang-doc .s-judul+.s-pembukaan,.rancang-doc .s-bab:not(.s-bab+.s-bab),
.rancang-doc .s-pasal{margin-top:1rem}
.rancang-doc .s-konsiderans,.rancang-doc .s-menetapkan{display:grid;
grid-template-columns:7.5rem 1rem 1.8rem 1fr}
.rancang-doc .s-menetapkan{grid-template-columns:7.5rem 1rem 1fr;margin-top:.6rem}
.rancang-doc .s-ayat,.rancang-doc .s-komparisi{display:grid;grid-template-columns:2.4rem 1fr}
.rancang-doc [class*=s-rincian-]{display:grid;grid-template-columns:2rem 1fr}
.rancang-doc .s-ayat [class*=s-rincian-],.rancang-doc .s-rincian-1{margin-left:2.4rem}
.rancang-doc .s-rincian-2{margin-left:4.4rem}.rancang-doc .s-rincian-3{margin-left:6.4rem}
.rancang-doc .s-rincian-4{margin-left:8.4rem}.rancang-doc .s-rincian-5{margin-left:10.4rem}
.rancang-doc .s-isi-pasal,.rancang-doc .s-penutup,.rancang-doc .s-pembuka{text-align:justify}
.rancang-doc .s-tanda-tangan,.rancang-doc .s-pengundangan,.rancang-doc .s-lampiran-kepala,
.rancang-doc .s-lampiran-awal{margin-left:50%;margin-bottom:0}
.rancang-doc .s-tanda-tangan:empty,.rancang-doc .s-pengundangan:empty{min-height:1.5em}
.rancang-doc .s-berita-daerah{margin-top:1rem}
.rancang-doc table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:10pt}
.rancang-doc table.grid td,.rancang-doc table.grid th{border:1px solid #444;padding:.2rem .35rem;
vertical-align:top}
.rancang-doc table.plain td{width:50%;vertical-align:top;text-align:center;padding:0 .5rem}
.rancang-doc tr.total td{font-weight:bold}
.rancang-doc mark.isian{background:#ffe600;color:#000}
.rancang-doc .verifikasi{background:#ffd7d7}
.rancang-doc :target{outline:3px solid #e0a800;outline-offset:2px}
"""

_SEGMENT_STYLES = ("Konsiderans", "Menetapkan", "Ayat", "Komparisi")


def css_class(style: str) -> str:
    return "s-" + re.sub(r"[^a-z0-9]+", "-", style.lower()).strip("-")


def _run(text: str, mark: str | None) -> str:
    escaped = html.escape(text)
    if mark in (ISIAN, UNCONFIRMED):
        return f'<mark class="isian">{escaped}</mark>'
    if mark == VERIFIKASI:
        return f'<span class="verifikasi">{escaped}</span>'
    return escaped


def _runs(runs: Runs) -> str:
    return "".join(_run(text, mark) for text, mark in runs)


def _segments(runs: Runs) -> list[str]:
    """The runs cut at each tab: the columns of a Konsiderans, ayat or rincian line."""
    cells = [""]
    for text, mark in runs:
        parts = text.split("\t")
        for i, part in enumerate(parts):
            if i:
                cells.append("")
            if part:
                cells[-1] += _run(part, mark)
    return cells


def _paragraph(block: Block, anchor: str) -> str:
    cls = css_class(block.style)
    if "\t" in block.text and (block.style in _SEGMENT_STYLES
                               or block.style.startswith("Rincian")):
        inner = "".join(f"<span>{cell}</span>" for cell in _segments(block.runs))
    else:
        inner = _runs([(t.replace("\t", " "), m) for t, m in block.runs])
    return f'<p class="{cls}"{anchor}>{inner}</p>'


def _table(block: Block, anchor: str) -> str:
    table = block.table
    rows = []
    last = len(table.rows) - 1
    for i, row in enumerate(table.rows):
        tag = "th" if i < table.header else "td"
        cls = ' class="total"' if table.bold_last and i == last and i >= table.header else ""
        cells = "".join(f"<{tag}>{_runs(cell)}</{tag}>" for cell in row)
        rows.append(f"<tr{cls}>{cells}</tr>")
    kind = "grid" if table.grid else "plain"
    return f'<table class="{kind} {css_class(block.style)}"{anchor}>{"".join(rows)}</table>'


def render_html(blocks: list[Block]) -> str:
    """The document as an HTML fragment: `<article class="rancang-doc">`."""
    out, seen = [], set()
    for block in blocks:
        anchor = ""
        if block.node_id and block.node_id not in seen:
            seen.add(block.node_id)
            anchor = f' id="u-{html.escape(block.node_id, quote=True)}"'
        out.append(_table(block, anchor) if block.table else _paragraph(block, anchor))
    return '<article class="rancang-doc">\n' + "\n".join(out) + "\n</article>\n"


def render_html_page(blocks: list[Block], title: str) -> str:
    """A page of its own (one file, its style sheet inside), to open in any browser."""
    return (f"<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{DOCUMENT_CSS}"
            f"body{{margin:0;background:#e8e8e3}}</style></head>\n<body>\n"
            f"{render_html(blocks)}</body></html>\n")
