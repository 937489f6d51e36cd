"""What a browser posts for a form of a page: its inputs read from the HTML as a
browser reads them (checked boxes only, the selected option, no buttons)."""
from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside or "disabled" in a:
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a.get("name"), a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = [v for v, sel in self._options if sel] or [v for v, _ in self._options[:1]]
            self.fields += [(self._select, v) for v in chosen[:1]]
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = _Form(form_id)
    parser.feed(html)
    return [(k, v) for k, v in parser.fields if k]


def set_field(fields: list[tuple[str, str]], name: str, value: str | None) -> list:
    """The fields with `name` set to `value` (None removes it)."""
    out = [(k, v) for k, v in fields if k != name]
    if value is not None:
        out.append((name, value))
    return out
