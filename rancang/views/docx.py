"""DOCX through docxtpl from a Word template that staff can restyle in Word.

The template loops over the layout blocks; each block's paragraph takes the style of the
template paragraph for its kind. Jinja in the template runs sandboxed with strict
undefined variables, like clause text."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from rancang.errors import RancangError
from rancang.files import (
    FINGERPRINT_PREFIX,
    atomic_write,
    backup_path,
    bounded_path,
    edited_by_hand,
)
from rancang.sources.workspace import display_path
from rancang.views.blocks import ISIAN, VERIFIKASI, Block, Table

_CHAR_STYLES = {ISIAN: "Isian", VERIFIKASI: "Verifikasi"}


def _rich(runs) -> RichText:
    rich = RichText()
    for text, mark in runs:
        if text:
            rich.add(text, style=_CHAR_STYLES.get(mark))
    return rich


class _BlockView:
    __slots__ = ("style", "rich", "sub")

    def __init__(self, block: Block, tpl: DocxTemplate):
        self.style = block.style
        self.rich = _rich(block.runs)
        self.sub = _table(tpl, block.table) if block.table else None


def _set_cell_text(cell, runs, bold: bool, size: float, center: bool) -> None:
    para = cell.paragraphs[0]
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, mark in runs:
        if not text:
            continue
        run = para.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold or None
        if mark:
            # the same yellow as the character style; a subdocument cannot name it
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _table(tpl: DocxTemplate, spec: Table):
    """A table as a docxtpl subdocument: the template keeps the page and the styles,
    the rows come from the model."""
    sub = tpl.new_subdoc()
    cols = max(len(r) for r in spec.rows)
    table = sub.add_table(rows=len(spec.rows), cols=cols)
    if spec.grid:
        table.style = "Table Grid"
    else:
        _no_borders(table)
    table.autofit = False
    if spec.widths_cm:
        # LibreOffice reads the grid, Word the cells: set both, and a fixed layout.
        for c, width in enumerate(spec.widths_cm):
            table.columns[c].width = Cm(width)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
    table_rows = table.rows
    for r, row in enumerate(spec.rows):
        is_header = r < spec.header
        bold = is_header or (spec.bold_last and r == len(spec.rows) - 1)
        cells = table_rows[r].cells      # table.cell(r, c) walks the whole grid each time
        for c, runs in enumerate(row):
            cell = cells[c]
            if spec.widths_cm:
                cell.width = Cm(spec.widths_cm[c])
            _set_cell_text(cell, runs, bold, 10 if spec.grid else 12,
                           center=is_header or not spec.grid)
        if spec.bold_last and r == len(spec.rows) - 1:
            # the total's label spans the empty cells after it
            span = 1
            while span < len(row) and not "".join(t for t, _ in row[span]).strip():
                span += 1
            if span > 1:
                cells[0].merge(cells[span - 1])
        tr_pr = table_rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))      # a row stays on one page
        if is_header:
            tr_pr.append(OxmlElement("w:tblHeader"))  # and the header repeats
    return sub


class _TemplateEnvironment(SandboxedEnvironment):
    """docxtpl compiles the template's XML on every render; the XML of one template is
    the same each time, so the compiled template is kept (a batch of PKS renders one
    template a hundred times)."""

    def __init__(self):
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 64:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


_ENV = _TemplateEnvironment()


def _env() -> SandboxedEnvironment:
    return _ENV


def render_docx(blocks: list[Block], template: Path, out: Path,
                properties: dict[str, str], force: bool = False,
                backups: list[Path] | None = None) -> Path:
    """Write the DOCX atomically. A DOCX at `out` that a person edited after rancang
    wrote it is not overwritten unless `force`, and then it is kept as a backup."""
    if not template.is_file():
        raise RancangError("Word template not found", display_path(template))
    out = bounded_path(out)            # the name atomic_write writes
    # a core property (the title) holds at most 255 characters
    properties = {k: v if len(v) <= 255 else v[:254] + "\u2026" for k, v in properties.items()}
    if edited_by_hand(out):
        if not force:
            raise RancangError(
                "this DOCX was changed after rancang generated it (or was not made by "
                "rancang); it is not overwritten. Build into another folder with -o, or use "
                "--force to replace it (the edited file is kept as a backup)",
                display_path(out))
        backup = backup_path(out)
        shutil.copy2(out, backup)
        if backups is not None:
            backups.append(backup)
    styles = {b.style for b in blocks}

    def write(tmp: Path) -> None:
        tpl = DocxTemplate(str(template))
        views = [_BlockView(b, tpl) for b in blocks]
        missing = styles - {s.name for s in tpl.get_docx().styles}
        if missing:
            raise RancangError(f"the template has no paragraph style for: "
                               f"{', '.join(sorted(missing))}", display_path(template))
        try:
            tpl.render({"blocks": views, **properties}, jinja_env=_env(), autoescape=True)
        except TemplateError as exc:
            if "no_template_paragraph_for_this_style" in str(exc):
                raise RancangError(
                    "the Word template has no paragraph for one of the block styles "
                    f"({', '.join(sorted(styles))}); restore the paragraph of the missing "
                    "style inside the template's loop", display_path(template)) from None
            raise RancangError(f"the Word template could not be filled: {exc}",
                               display_path(template)) from None
        digest = hashlib.sha256(serialize_part_xml(tpl.docx.part._element)).hexdigest()
        tpl.docx.core_properties.identifier = FINGERPRINT_PREFIX + digest
        tpl.save(str(tmp))

    return atomic_write(out, write)
