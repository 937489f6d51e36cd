"""Cross-references worded from the tree (L-II 272-281): 'pada ayat (1)' for an ayat of
the same Pasal, 'dalam huruf a' for a huruf of the same list, 'dalam Pasal 5 ayat (2)
huruf b' elsewhere, the unit word repeated, 'sampai dengan' for three or more
consecutive units, same-Pasal targets first (L-II 276)."""
from __future__ import annotations

from dataclasses import dataclass

from rancang.errors import Problem
from rancang.i18n import _
from rancang.model import bahasa
from rancang.model.tree import Document, Node, Ref, Source

_CITABLE = ("diktum", "pasal", "ayat", "rincian")


@dataclass
class _Target:
    node: Node
    parts: list[tuple[str, int, str]]   # (label, ordinal, unit word) from the outermost kept
    same_pasal: bool
    order: int


def _chain(node: Node) -> list[Node]:
    chain = []
    while node is not None and node.kind in _CITABLE:
        chain.append(node)
        node = node.parent
    chain.reverse()
    return chain


def _part(node: Node) -> tuple[str, int, str]:
    if node.kind == "diktum":
        return node.label, node.ordinal, "diktum"
    if node.kind == "pasal":
        return f"Pasal {node.num}", node.ordinal, "pasal"
    if node.kind == "ayat":
        return f"ayat {node.num}", node.ordinal, "ayat"
    if node.style == "definisi":
        return f"angka {node.ordinal}", node.ordinal, "angka"
    cite = bahasa.rincian_cite(node.level, node.ordinal)
    return cite, node.ordinal, cite.split()[0] + str(node.level)


def _relative(target: Node, citing: Node, order: int) -> _Target:
    if target.kind not in _CITABLE:
        # BAB, Bagian, Paragraf are cited by their label.
        return _Target(target, [(target.label, target.ordinal, target.kind)], False, order)
    chain = _chain(target)
    here_pasal = citing if citing.kind in ("pasal", "diktum") else \
        citing.ancestor("pasal") or citing.ancestor("diktum")
    here_ayat = citing if citing.kind == "ayat" else citing.ancestor("ayat")
    same = bool(chain) and chain[0] is here_pasal
    if same:
        chain = chain[1:]
        if chain and chain[0].kind == "ayat" and chain[0] is here_ayat and len(chain) > 1:
            chain = chain[1:]   # a rincian of the same ayat: 'dalam huruf a' (L-II 273)
    return _Target(target, [_part(n) for n in chain], same, order)


def uses_pada(target: _Target) -> bool:
    """'pada' for an ayat of the citing Pasal only (L-II 272, 275); 'dalam' otherwise."""
    return target.same_pasal and bool(target.parts) and target.parts[0][2] == "ayat"


def _phrase_groups(targets: list[_Target]) -> list[str]:
    groups: list[tuple[tuple, str, list[tuple[str, int]]]] = []
    for t in targets:
        prefix = tuple(label for label, _, _ in t.parts[:-1])
        label, ordinal, word = t.parts[-1]
        if groups and groups[-1][0] == prefix and groups[-1][1] == word:
            groups[-1][2].append((label, ordinal))
        else:
            groups.append((prefix, word, [(label, ordinal)]))
    return [bahasa.join_ref_group(" ".join(prefix), leaves) for prefix, _, leaves in groups]


def word_references(doc: Document, excluded: dict[str, Source],
                    warnings: list[Problem]) -> list[Problem]:
    """Word every Ref in the document; return the problems (dangling or self references)
    and add forward references to `warnings`."""
    problems: list[Problem] = []
    order: dict[int, int] = {}
    by_id: dict[str, Node] = {}
    for i, node in enumerate(doc.walk()):
        order[id(node)] = i
        if node.id:
            by_id[node.id] = node
    for citing in doc.walk():
        for piece in citing.content:
            if not isinstance(piece, Ref):
                continue
            where = piece.source or citing.source
            label = citing.label or citing.kind
            targets, exclusions, ok = [], [], True
            for group, out in ((piece.targets, targets), (piece.exclude, exclusions)):
                for tid in group:
                    node = by_id.get(tid)
                    if node is None and piece.optional and tid in excluded:
                        continue
                    if node is None:
                        reason = (_("left out by its condition at {where}").format(
                            where=excluded[tid]) if tid in excluded else _("no unit has this id"))
                        problems.append(Problem.coded("ref-dangling", _(
                            "{unit} refers to '{id}', which is not in this document "
                            "({reason})").format(unit=label, id=tid, reason=reason), where))
                        ok = False
                        continue
                    if citing.is_within(node):
                        problems.append(Problem.coded("ref-self", _(
                            "{unit} refers to '{id}', the unit it stands in").format(
                            unit=label, id=tid), where))
                        ok = False
                        continue
                    out.append(_relative(node, citing, order[id(node)]))
            if ok and not targets:
                problems.append(Problem.coded("ref-empty", _(
                    "{unit}: every target of this reference is left out by its "
                    "condition").format(unit=label), where))
                ok = False
            if not ok:
                piece.words = "..."
                continue
            for t in targets:
                if t.order > order[id(citing)]:
                    warnings.append(Problem.coded("ref-forward", _(
                        "{unit} refers forward to {target}; avoid forward references "
                        "(L-II 279)").format(unit=label, target=t.node.label), where))
            targets.sort(key=lambda t: (not t.same_pasal, t.order))
            exclusions.sort(key=lambda t: (not t.same_pasal, t.order))
            piece.words = bahasa.reference_phrase(
                _phrase_groups(targets), uses_pada(targets[0]),
                _phrase_groups(exclusions) if exclusions else ())
    return problems
