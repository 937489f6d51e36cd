"""Reading regulations written elsewhere: DOCX/ODT/Markdown/text into the document tree, and a tree into a clause library (import)."""
