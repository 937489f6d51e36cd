"""Writes rancang/views/fontwidths.py: the advance widths of Bookman Old Style, regular and
bold, for the characters of Indonesian text, read from TeX Gyre Bonum (a metric clone of
URW Bookman, which Bookman Old Style matches; the Debian package fonts-texgyre). The
layout needs them to give each table column room for its longest word.

    pip install fonttools && python tools/font_widths.py
"""
from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = Path("/usr/share/texmf/fonts/opentype/public/tex-gyre")
CHARS = [chr(c) for c in range(32, 127)] + [chr(c) for c in range(160, 256)] + list("–—‘’“”•…")


def widths(path: Path) -> dict[str, int]:
    font = TTFont(path)
    assert font["head"].unitsPerEm == 1000
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return {c: hmtx[cmap[ord(c)]][0] for c in CHARS if ord(c) in cmap}


def main() -> None:
    regular = widths(FONTS / "texgyrebonum-regular.otf")
    bold = widths(FONTS / "texgyrebonum-bold.otf")
    lines = ['"""Advance widths of Bookman Old Style in thousandths of the font size, regular and',
             'bold (read from TeX Gyre Bonum by tools/font_widths.py; do not edit by hand)."""',
             "", "CHARS = ("]
    text = "".join(CHARS)
    lines += [f"    {text[i:i + 48]!r}" for i in range(0, len(text), 48)]
    lines += [")", ""]
    for name, table in (("REGULAR", regular), ("BOLD", bold)):
        lines.append(f"{name} = (")
        row = []
        for c in CHARS:
            row.append(str(table.get(c, 0)))
            if len(row) == 16:
                lines.append("    " + ", ".join(row) + ",")
                row = []
        if row:
            lines.append("    " + ", ".join(row) + ",")
        lines.append(")")
        lines.append("")
    out = ROOT / "rancang" / "views" / "fontwidths.py"
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
