"""Views of the document tree: DOCX (through docxtpl) and Markdown text."""
