"""Numbers, labels and list punctuation, computed from each unit's position (L-II 70-95).
Nothing here is typed by a drafter: inserting a Pasal renumbers everything after it."""
from __future__ import annotations

from rancang.errors import Problem
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Document, Node

_TRAILING = " \t;.,:"


def strip_end(node: Node) -> None:
    """Drop punctuation typed at the end of a unit's text: the engine adds its own."""
    content = node.content
    while content and isinstance(content[-1], str):
        stripped = content[-1].rstrip(_TRAILING)
        if stripped:
            content[-1] = stripped
            return
        content.pop()


# A list an imported text numbers with another marker than its level's (attrs
# 'list_style'): the level whose marker it is.
STYLE_LEVELS = {"a.": 1, "1.": 2, "a)": 3, "1)": 4}


def number_document(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    # an amending regulation numbers its own Pasal I, II (L-II 193)
    counters = {"bab": 0, "pasal": 0, "diktum": 0, "butir": 0,
                "roman": doc.meta.get("pasal_numbering") == "romawi"}
    for node in doc.children:
        if node.kind == "bab":
            counters["bab"] += 1
            _number_bab(node, counters, problems)
        elif node.kind in ("konsiderans", "pembuka"):
            # Menimbang items, or the recitals of an agreement: 'a. bahwa ...;'
            items = [c for c in node.children if c.kind == "menimbang"]
            if node.attrs.get("single") and len(items) == 1:
                # a single consideration stands unlettered (L-II 23-27)
                items[0].ordinal, items[0].num, items[0].label = 1, "", "Menimbang"
                strip_end(items[0])
                items[0].suffix = ";"
                continue
            for i, item in enumerate(items, 1):
                item.ordinal, item.num = i, f"{bahasa.huruf(i)}."
                item.label = f"Menimbang huruf {bahasa.huruf(i)}"
                strip_end(item)
                item.suffix = item.attrs.get("end", ";")
        elif node.kind == "dasar_hukum":
            for i, item in enumerate(node.children, 1):
                item.ordinal, item.num = i, f"{i}."
                item.label = f"Mengingat angka {i}"
        elif node.kind == "pasal":
            counters["pasal"] += 1
            _number_pasal(node, counters, problems)
        elif node.kind == "diktum":
            # a Keputusan's diktum: KESATU, KEDUA, ... each a sentence, lists inside
            counters["diktum"] += 1
            n = counters["diktum"]
            node.ordinal, node.num = n, bahasa.ordinal(n).upper()
            node.label = f"Diktum {node.num}"
            _close_sentence(node)
            _number_list(node, 1, ".", problems)
        elif node.kind == "butir":
            # the numbered paragraphs of a letter (a Surat Kuasa): 1., 2., ...
            counters["butir"] += 1
            node.ordinal = counters["butir"]
            node.num, node.label = f"{node.ordinal}.", f"angka {node.ordinal}"
            _close_sentence(node)
            _number_list(node, 1, ".", problems)
        elif node.kind in ("judul", "penutup"):
            node.label = node.kind.capitalize()
    return problems


def _number_bab(bab: Node, counters: dict, problems: list[Problem]) -> None:
    n = counters["bab"]
    bab.ordinal, bab.num, bab.label = n, bahasa.roman(n), f"BAB {bahasa.roman(n)}"
    _number_groups(bab, counters, problems)


def _number_groups(parent: Node, counters: dict, problems: list[Problem]) -> None:
    seq = {"bagian": 0, "paragraf": 0}
    for child in parent.children:
        if child.kind == "bagian":
            seq["bagian"] += 1
            child.ordinal = seq["bagian"]
            child.num = bahasa.ordinal(child.ordinal)
            child.label = f"{parent.label} Bagian {child.num}"
            _number_groups(child, counters, problems)
        elif child.kind == "paragraf":
            seq["paragraf"] += 1
            child.ordinal = seq["paragraf"]
            child.num = str(child.ordinal)
            child.label = f"{parent.label} Paragraf {child.num}"
            _number_groups(child, counters, problems)
        elif child.kind == "pasal":
            counters["pasal"] += 1
            _number_pasal(child, counters, problems)


def _number_pasal(pasal: Node, counters: dict, problems: list[Problem]) -> None:
    n = counters["pasal"]
    num = bahasa.roman(n) if counters.get("roman") else str(n)
    pasal.ordinal, pasal.num, pasal.label = n, num, f"Pasal {num}"
    ayats = [c for c in pasal.children if c.kind == "ayat"]
    if ayats:
        for i, ayat in enumerate(ayats, 1):
            ayat.ordinal, ayat.num = i, f"({i})"
            ayat.label = f"{pasal.label} ayat ({i})"
            _close_sentence(ayat)
            _number_list(ayat, 1, ".", problems)
    else:
        _close_sentence(pasal)
        _number_list(pasal, 1, ".", problems)


def _close_sentence(node: Node) -> None:
    """A Pasal or ayat ends with '.', or with ':' when a list follows (L-II 87)."""
    has_list = any(c.kind == "rincian" for c in node.children)
    strip_end(node)
    node.suffix = node.attrs.get("end", ":" if has_list else ".")


def _number_list(parent: Node, level: int, last_mark: str, problems: list[Problem]) -> None:
    items = [c for c in parent.children if c.kind == "rincian"]
    if not items:
        return
    level = STYLE_LEVELS.get(parent.attrs.get("list_style"), level)
    if level > 4:
        problems.append(Problem.coded("rincian-depth", _(
            "{unit}: rincian nest deeper than 4 levels; split the unit into another Pasal or "
            "ayat (L-II 87 h)").format(unit=parent.label), parent.source))
        return
    for i, item in enumerate(items, 1):
        item.ordinal, item.level = i, level
        has_sublist = any(c.kind == "rincian" for c in item.children)
        if item.style == "definisi":
            # Ketentuan Umum: numbered definitions, each a sentence of its own (L-II 101).
            item.num, cite = f"{i}.", f"angka {i}"
            strip_end(item)
            item.suffix = ":" if has_sublist else "."
            _number_list(item, level + 1, ".", problems)
        else:
            item.num = bahasa.rincian_marker(level, i)
            cite = bahasa.rincian_cite(level, i)
            if parent.conj:
                own = bahasa.list_item_suffix(i - 1, len(items), parent.conj, False, last_mark)
            else:       # an imported list without a conjunction
                own = last_mark if i == len(items) else ";"
            strip_end(item)
            item.suffix = ":" if has_sublist else own
            # The last item of a sub-list closes with what its parent item would have
            # carried: ';', '; dan' or the final '.'.
            _number_list(item, level + 1, own, problems)
        if "end" in item.attrs:
            item.suffix = item.attrs["end"]
        item.label = f"{parent.label} {cite}"
