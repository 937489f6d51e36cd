"""Text of a DOCX as a reader meets it: paragraphs and tables in document order."""
from docx import Document
from docx.table import Table


def docx_lines(path) -> list[str]:
    """Non-empty paragraphs; a table row is one line, its cells joined by ' | '."""
    lines = []
    for item in Document(str(path)).iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    if not cells or cell._tc is not cells[-1][0]:   # a merged cell once
                        cells.append((cell._tc, cell.text))
                lines.append(" | ".join(text for _, text in cells))
        elif item.text.strip():
            lines.append(item.text)
    return lines
