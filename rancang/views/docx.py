"""DOCX from a Word template that staff can restyle in Word.

The template holds one loop over the layout blocks, in docxtpl's notation, with one
paragraph per block style:

    {%p for b in blocks %} … {%p if style == 'Pasal' %} [a paragraph of style Pasal,
    holding {{r b.rich }}] {%p elif style == 'Tabel' %} [{{p b.sub }}] … {%p endfor %}

Each block becomes a copy of its style's paragraph (its paragraph properties, as staff
left them) with the block's runs; a table block becomes a table in its place. Everything
outside the loop (page setup, headers, a first-page spacer, a logo) is kept as it is.

The template is read once per process and the document part is written as text, then
zipped with the template's other parts: writing a DOCX costs little more than zipping it
(docxtpl re-parsed the whole template, rendered the loop through Jinja, re-parsed the
result and built every table through python-docx, whose row access is quadratic).
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from rancang.errors import RancangError
from rancang.files import (FINGERPRINT_PREFIX, atomic_write, backup_path, bounded_path,
                           edited_by_hand, package_problem, parts_digest)
from rancang.i18n import _
from rancang.sources.workspace import display_path
from rancang.views.blocks import CATATAN, ISIAN, UNCONFIRMED, VERIFIKASI, Block, Table
from rancang.views.tablewidths import column_widths

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
DOCUMENT, CORE = "word/document.xml", "docProps/core.xml"
_CHAR_STYLES = {ISIAN: "Isian", UNCONFIRMED: "Isian", VERIFIKASI: "Verifikasi"}
CELL_STYLE, HEADER_CELL_STYLE = "Isi Tabel", "Kepala Tabel"
TWIPS_PER_CM = 566.93

_LOOP_START = re.compile(r"^\{%p\s+for\s+b\s+in\s+blocks\s*%\}$")
_LOOP_END = re.compile(r"^\{%p\s+endfor\s*%\}$")
_BRANCH = re.compile(r"""^\{%p\s+(?:if|elif)\s+style\s*==\s*(['"])(.+?)\1\s*%\}$""")
_TAG = re.compile(r"^\{%p\s+(?:set\s|else\b|endif\b)")
_RICH = re.compile(r"\{\{r\s*b\.rich\s*\}\}")
_SUB = re.compile(r"\{\{p\s*b\.sub\s*\}\}")
_CODE = re.compile(r"\{\{|\{%")
_XMLNS = re.compile(r' xmlns(?::\w+)?="[^"]*"')
_MARKER = "rancang-blocks-go-here"

# Text to WordprocessingML: a tab and a line break are elements of their own; control
# characters that XML 1.0 cannot carry are dropped.
_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
         ord("\t"): '</w:t><w:tab/><w:t xml:space="preserve">',
         ord("\n"): '</w:t><w:br/><w:t xml:space="preserve">'}
_TEXT.update({c: "" for c in range(32) if c not in (9, 10)})
_TEXT.update({ord("\v"): _TEXT[ord("\n")], ord("\f"): _TEXT[ord("\n")]})
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _text(text: str) -> str:
    text = text.translate(_TEXT)
    return _NOT_XML.sub("", text) if not text.isascii() else text


_PLAIN = {**_TEXT, ord("\t"): " ", ord("\n"): " ", ord("\v"): " ", ord("\f"): " "}


def _plain_text(text: str) -> str:
    """Text for a document property: one line, XML-safe."""
    return _NOT_XML.sub("", text.translate(_PLAIN))


@dataclass
class _Prototype:
    """The template's paragraphs for one block style: 'rich' and 'table' take the block,
    'static' paragraphs are copied as they are."""
    pieces: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Template:
    parts: dict[str, bytes]
    head: str
    tail: str
    prototypes: dict[str, _Prototype]
    style_ids: dict[str, str]          # paragraph, character and table styles by name
    text_width_cm: float
    table_font_pt: float
    indents: dict[str, dict[str, str]] = field(default_factory=dict)   # by style id

    def run_props(self, mark: str | None, bold: bool = False, size_pt: float | None = None) -> str:
        """A run's properties, in the order the schema wants: the character style of its
        mark, bold, size, and (in a template without that style) the same yellow as
        direct formatting."""
        style = _CHAR_STYLES.get(mark) if mark else None
        props = [f'<w:rStyle w:val="{self.style_ids[style]}"/>' if style in self.style_ids else "",
                 "<w:b/>" if bold else "",
                 "<w:i/>" if mark == CATATAN else "",
                 f'<w:sz w:val="{round(2 * size_pt)}"/>' if size_pt else "",
                 '<w:highlight w:val="yellow"/>' if mark in _CHAR_STYLES and
                 style not in self.style_ids else ""]
        props = "".join(props)
        return f"<w:rPr>{props}</w:rPr>" if props else ""


def _para_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{_W}t")).strip()


def _ppr_xml(p) -> str:
    ppr = p.find(f"{_W}pPr")
    return "" if ppr is None else _XMLNS.sub("", etree.tostring(ppr, encoding="unicode"))


def _styles(styles_xml: bytes | None) -> tuple[dict[str, str], dict[str, float],
                                                dict[str, dict[str, str]]]:
    """Style ids by style name, the font size (pt) and the indentation (w:ind's
    attributes) each style sets itself."""
    ids: dict[str, str] = {}
    sizes: dict[str, float] = {}
    indents: dict[str, dict[str, str]] = {}
    if not styles_xml:
        return ids, sizes, indents
    for style in etree.fromstring(styles_xml, _PARSER).iter(f"{_W}style"):
        style_id, name = style.get(f"{_W}styleId"), style.find(f"{_W}name")
        if not style_id or name is None:
            continue
        ids.setdefault(name.get(f"{_W}val"), style_id)
        sz = style.find(f"{_W}rPr/{_W}sz")
        if sz is not None and (sz.get(f"{_W}val") or "").isdigit():
            sizes[style_id] = int(sz.get(f"{_W}val")) / 2
        ind = style.find(f"{_W}pPr/{_W}ind")
        if ind is not None:
            indents[style_id] = {k.split("}")[-1]: v for k, v in ind.attrib.items()}
    return ids, sizes, indents


# What follows w:ind in a paragraph's properties (the schema's order).
_AFTER_IND = re.compile(r"<w:(?:contextualSpacing|mirrorIndents|suppressOverlap|jc|"
                        r"textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|"
                        r"cnfStyle|rPr|sectPr|pPrChange)\b|</w:pPr>")
_IND = re.compile(r"<w:ind\b[^>]*/>")
_PSTYLE = re.compile(r'<w:pStyle w:val="([^"]+)"/>')


def _indented(ppr: str, extra_cm: float, tpl: "_Template") -> str:
    """The paragraph properties with the left indent `extra_cm` further in than the
    paragraph's own (or its style's), its hanging or first-line indent kept."""
    if not ppr:
        return ppr
    own = _IND.search(ppr)
    if own:
        attrs = dict(re.findall(r'w:(\w+)="([^"]*)"', own.group(0)))
    else:
        style = _PSTYLE.search(ppr)
        attrs = dict(tpl.indents.get(style.group(1), {})) if style else {}
    left = int(attrs.get("left") or attrs.get("start") or 0) + round(extra_cm * TWIPS_PER_CM)
    ind = f'<w:ind w:left="{left}"' + "".join(
        f' w:{k}="{attrs[k]}"' for k in ("hanging", "firstLine") if k in attrs) + "/>"
    if own:
        return ppr[:own.start()] + ind + ppr[own.end():]
    at = _AFTER_IND.search(ppr)
    return ppr[:at.start()] + ind + ppr[at.start():] if at else ppr


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_CACHE: dict[tuple, _Template] = {}


def _template_error(message: str, template: Path) -> RancangError:
    return RancangError(message, display_path(template))


def load_template(template: Path) -> _Template:
    """The template, read and checked once per process (again when the file changes)."""
    stat = template.stat()
    key = (str(template.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = _read_template(template)
    return _CACHE[key]


def _read_template(template: Path) -> _Template:
    problem = package_problem(template, DOCUMENT)
    if problem:
        raise _template_error(_("the Word template cannot be used: {problem}").format(
            problem=problem), template)
    with zipfile.ZipFile(template) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}
    try:
        root = etree.fromstring(parts.pop(DOCUMENT), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _template_error(_("the Word template's document part is not well-formed XML: "
                                "{error}").format(error=exc), template) from None
    if root.nsmap.get("w") != W:
        raise _template_error(_("the Word template does not use the usual 'w' prefix for "
                                "WordprocessingML; save it again in Word"), template)
    body = root.find(f"{_W}body")
    children = list(body) if body is not None else []
    texts = [_para_text(c) if c.tag == f"{_W}p" else "" for c in children]
    start = next((i for i, t in enumerate(texts) if _LOOP_START.match(t)), None)
    end = next((i for i, t in enumerate(texts) if _LOOP_END.match(t)), None)
    if start is None or end is None or end < start:
        raise _template_error(_("the Word template has no loop over the blocks "
                                "('{%p for b in blocks %}' … '{%p endfor %}')"), template)
    prototypes: dict[str, _Prototype] = {}
    current: _Prototype | None = None
    for child, text in zip(children[start + 1:end], texts[start + 1:end]):
        branch = _BRANCH.match(text)
        if branch:
            current = prototypes.setdefault(branch.group(2), _Prototype())
        elif _TAG.match(text):
            current = None          # '{%p else %}' leads to the error paragraph
        elif current is not None:
            if _RICH.search(text):
                current.pieces.append(("rich", _ppr_xml(child)))
            elif _SUB.search(text):
                current.pieces.append(("table", _ppr_xml(child)))
            elif _CODE.search(text):
                raise _template_error(_("the Word template has template code rancang does not "
                                        "fill inside the block loop: '{text}'").format(text=text),
                                      template)
            else:
                current.pieces.append(("static", _XMLNS.sub(
                    "", etree.tostring(child, encoding="unicode"))))
    for child, text in zip(children[:start] + children[end + 1:],
                           texts[:start] + texts[end + 1:]):
        if _CODE.search(text):
            raise _template_error(_("the Word template has template code outside the block "
                                    "loop, which rancang does not fill: '{text}'").format(
                                        text=text), template)
    for name, data in parts.items():
        if re.match(r"word/(header|footer)\d*\.xml$", name) and re.search(rb"\{\{|\{%", data):
            raise _template_error(_("the Word template has template code in {part}, which "
                                    "rancang does not fill").format(part=name), template)
    marker = etree.Element(f"{_W}p")
    etree.SubElement(etree.SubElement(marker, f"{_W}r"), f"{_W}t").text = _MARKER
    body.insert(start, marker)
    for child in children[start:end + 1]:
        body.remove(child)
    xml = etree.tostring(root, encoding="unicode")
    cut = xml.index(_MARKER)
    head, tail = xml[:xml.rindex("<w:p>", 0, cut)], xml[xml.index("</w:p>", cut) + 6:]
    head = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + head
    ids, sizes, indents = _styles(parts.get("word/styles.xml"))
    return _Template(parts, head, tail, prototypes, ids, _text_width_cm(body),
                     sizes.get(ids.get(CELL_STYLE, ""), 10.0), indents)


def _text_width_cm(body) -> float:
    """Width between the margins of the last section, less a little for the cell margins
    that a full-width table puts outside them."""
    sect = body.find(f"{_W}sectPr") if body is not None else None
    try:
        width = int(sect.find(f"{_W}pgSz").get(f"{_W}w"))
        margins = sect.find(f"{_W}pgMar")
        width -= int(margins.get(f"{_W}left")) + int(margins.get(f"{_W}right"))
        return max(4.0, width / TWIPS_PER_CM - 0.5)
    except (AttributeError, TypeError, ValueError):
        return 16.0


# --- the document part --------------------------------------------------------------------

def _paragraph(ppr: str, runs, tpl: _Template) -> str:
    out = ["<w:p>", ppr]
    for text, mark in runs:
        if text:
            out.append(f'<w:r>{tpl.run_props(mark)}<w:t xml:space="preserve">{_text(text)}'
                       f"</w:t></w:r>")
    out.append("</w:p>")
    return "".join(out)


_NIL_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH",
                                            "insideV")) + "</w:tblBorders>"
_GRID_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"


def _table(spec: Table, tpl: _Template) -> str:
    """Rows never split over a page, the header rows repeat on every page and stay with
    the first row, the last row stays with the total under it, a signature table stays
    on one page. Linear in the cells: the
    markup around a cell depends only on its column and the kind of its row, and is
    made once."""
    cols = max(len(r) for r in spec.rows)
    widths = spec.widths_cm or column_widths(spec, tpl.text_width_cm, tpl.table_font_pt)
    twips = [round(w * TWIPS_PER_CM) for w in widths] + [0] * max(0, cols - len(widths))
    style = tpl.style_ids.get("Table Grid") if spec.grid else None
    tbl_pr = (f'<w:tblStyle w:val="{style}"/>' if style else "") + \
        f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>' + \
        ("" if style else _GRID_BORDERS if spec.grid else _NIL_BORDERS) + \
        '<w:tblLayout w:type="fixed"/>'
    out = [f"<w:tbl><w:tblPr>{tbl_pr}</w:tblPr><w:tblGrid>",
           "".join(f'<w:gridCol w:w="{t}"/>' for t in twips), "</w:tblGrid>"]
    cell_style = tpl.style_ids.get(CELL_STYLE)
    head_style = tpl.style_ids.get(HEADER_CELL_STYLE) or cell_style
    size = None if cell_style else 10 if spec.grid else 12
    aligns = spec.align or []
    openings: dict[tuple, str] = {}
    run_starts: dict[tuple, str] = {}

    def opening(c: int, span: int, header: bool, keep: bool) -> str:
        key = (c, span, header, keep)
        if key not in openings:
            ppr = []
            pstyle = head_style if header else cell_style
            if spec.grid and pstyle:
                ppr.append(f'<w:pStyle w:val="{pstyle}"/>')
            if keep:
                ppr.append("<w:keepNext/>")
            align = "center" if header or not spec.grid else \
                aligns[c] if c < len(aligns) else None
            if align and align != "left":
                ppr.append(f'<w:jc w:val="{align}"/>')
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            openings[key] = (f'<w:tc><w:tcPr><w:tcW w:w="{sum(twips[c:c + span])}" '
                             f'w:type="dxa"/>{grid_span}</w:tcPr><w:p>'
                             + (f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else ""))
        return openings[key]

    def run_start(mark, bold: bool) -> str:
        key = (mark, bold)
        if key not in run_starts:
            run_starts[key] = f'<w:r>{tpl.run_props(mark, bold, size)}<w:t xml:space="preserve">'
        return run_starts[key]

    last = len(spec.rows) - 1
    for r, row in enumerate(spec.rows):
        header = r < spec.header
        keep = header or (spec.bold_last and r == last - 1) or (spec.keep_together and r < last)
        bold = (spec.bold_last and r == last) or (header and not head_style)
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header
                   else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        spans = spec.spans(r) if spec.bold_last and r == last else None
        c = 0
        for i, runs in enumerate(row):
            span = spans[i] if spans else 1
            if span == 0:
                continue
            out.append(opening(c, span, header, keep))
            for text, mark in runs:
                if text:
                    out.append(run_start(mark, bold) + _text(text) + "</w:t></w:r>")
            out.append("</w:p></w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document_xml(blocks: list[Block], tpl: _Template) -> str:
    out = [tpl.head]
    for block in blocks:
        for kind, xml in tpl.prototypes[block.style].pieces:
            if kind == "static":
                out.append(xml)
            elif block.table is not None:
                out.append(_table(block.table, tpl))
            else:
                out.append(_paragraph(_indented(xml, block.indent_cm, tpl)
                                      if block.indent_cm else xml, block.runs, tpl))
    out.append(tpl.tail)
    return "".join(out)


# --- the package ----------------------------------------------------------------------------

_CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>"
    "<dc:creator>rancang</dc:creator><cp:lastModifiedBy>rancang</cp:lastModifiedBy>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
    "<dc:language>id-ID</dc:language><dc:identifier>{identifier}</dc:identifier>"
    "</cp:coreProperties>")
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def _package_parts(tpl: _Template, document: str, properties: dict[str, str]) -> dict[str, bytes]:
    parts = dict(tpl.parts)
    parts[DOCUMENT] = document.encode("utf-8")
    # a template saved without core properties gets them: they carry the fingerprint
    types = parts.get("[Content_Types].xml", b"")
    if b'PartName="/docProps/core.xml"' not in types:
        parts["[Content_Types].xml"] = types.replace(
            b"</Types>", f'<Override PartName="/docProps/core.xml" ContentType="{_CORE_TYPE}"/>'
                         f"</Types>".encode())
    rels = parts.get("_rels/.rels", b"")
    if b"docProps/core.xml" not in rels:
        parts["_rels/.rels"] = rels.replace(
            b"</Relationships>", f'<Relationship Id="rIdCore" Type="{_CORE_REL}" '
                                 f'Target="docProps/core.xml"/></Relationships>'.encode())
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def core(identifier: str) -> bytes:
        return _CORE_XML.format(title=_plain_text(properties.get("title", "")),
                                subject=_plain_text(properties.get("subject", "")),
                                now=now, identifier=identifier).encode("utf-8")
    parts[CORE] = core("")
    parts[CORE] = core(FINGERPRINT_PREFIX + parts_digest(parts.items()))
    return parts


def _save(parts: dict[str, bytes], path: Path) -> None:
    first = ("[Content_Types].xml", "_rels/.rels")
    order = [n for n in first if n in parts] + [n for n in parts if n not in first]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            zf.writestr(name, parts[name])


def render_docx(blocks: list[Block], template: Path, out: Path,
                properties: dict[str, str], force: bool = False,
                backups: list[Path] | None = None) -> Path:
    """Write the DOCX atomically. A DOCX at `out` that a person edited after rancang
    wrote it is not overwritten unless `force`, and then it is kept as a backup."""
    if not template.is_file():
        raise RancangError(_("Word template not found"), display_path(template))
    tpl = load_template(template)
    missing = sorted({b.style for b in blocks} - set(tpl.prototypes))
    if missing:
        raise _template_error(_("the Word template has no paragraph for the block style(s) "
                                "{styles}; restore the paragraph of each inside the template's "
                                "loop").format(styles=", ".join(missing)), template)
    out = bounded_path(out)            # the name atomic_write writes
    # a core property (the title) holds at most 255 characters
    properties = {k: v if len(v) <= 255 else v[:254] + "\u2026" for k, v in properties.items()}
    if edited_by_hand(out):
        if not force:
            raise RancangError(
                _("this DOCX was changed after rancang generated it (or was not made by "
                  "rancang); it is not overwritten. Build into another folder with -o, or use "
                  "--force to replace it (the edited file is kept as a backup)"),
                display_path(out))
        backup = backup_path(out)
        shutil.copy2(out, backup)
        if backups is not None:
            backups.append(backup)
    parts = _package_parts(tpl, document_xml(blocks, tpl), properties)
    return atomic_write(out, lambda tmp: _save(parts, tmp))
