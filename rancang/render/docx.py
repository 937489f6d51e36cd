"""DOCX through docxtpl from a Word template that staff can restyle in Word.

The template loops over the layout blocks; each block's paragraph takes the style of the
template paragraph for its kind. Jinja in the template runs sandboxed with strict
undefined variables, like clause text."""
from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import RancangError
from ..files import atomic_write
from ..workspace import display_path
from .blocks import ISIAN, VERIFIKASI, Block

_CHAR_STYLES = {ISIAN: "Isian", VERIFIKASI: "Verifikasi"}


class _BlockView:
    __slots__ = ("style", "rich")

    def __init__(self, block: Block):
        self.style = block.style
        rich = RichText()
        for text, mark in block.runs:
            if text:
                rich.add(text, style=_CHAR_STYLES.get(mark))
        self.rich = rich


def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render_docx(blocks: list[Block], template: Path, out: Path,
                properties: dict[str, str]) -> Path:
    if not template.is_file():
        raise RancangError("Word template not found", display_path(template))
    views = [_BlockView(b) for b in blocks]
    styles = {b.style for b in blocks}

    def write(tmp: Path) -> None:
        tpl = DocxTemplate(str(template))
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
        tpl.save(str(tmp))

    return atomic_write(out, write)
