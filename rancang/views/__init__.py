"""Views of the document tree: the layout blocks, DOCX, Markdown, PDF (through LibreOffice) and the views of a comparison."""
