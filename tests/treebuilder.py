"""Synthetic document trees for numbering and reference tests.

shape of a Pasal: None (text only), an int n (n ayat), or a list of ayat shapes, where an
ayat shape is None (text only), an int n (n rincian), or a list of rincian shapes (each
None or a list of sub-rincian shapes). Ids: p5, p5.a2, p5.a2.r2, p5.a2.r2.r3; rincian
directly under a Pasal: p5.r1.
"""
from rancang.model.numbering import number_document
from rancang.model.references import word_references
from rancang.model.tree import Document, Node, Ref


def _rincian(parent_id, shapes):
    out = []
    for i, shape in enumerate(shapes, 1):
        node = Node(kind="rincian", id=f"{parent_id}.r{i}", content=[f"rincian {i}"])
        if shape:
            node.children = _rincian(node.id, shape if isinstance(shape, list) else [None] * shape)
        out.append(node)
    return out


def build(pasal_shapes, rincian_under_pasal=None):
    """pasal_shapes: list indexed from Pasal 1. rincian_under_pasal: {pasal_no: n}."""
    rincian_under_pasal = rincian_under_pasal or {}
    bab = Node(kind="bab", id="bab1", heading="Umum")
    for n, shape in enumerate(pasal_shapes, 1):
        pasal = Node(kind="pasal", id=f"p{n}", content=[f"Isi Pasal {n}"])
        if n in rincian_under_pasal:
            pasal.children = _rincian(pasal.id, [None] * rincian_under_pasal[n])
        elif shape is not None:
            ayats = shape if isinstance(shape, list) else [None] * shape
            pasal.content = []
            for i, ayat_shape in enumerate(ayats, 1):
                ayat = Node(kind="ayat", id=f"p{n}.a{i}", content=[f"ayat {i}"])
                if ayat_shape:
                    ayat.children = _rincian(
                        ayat.id, ayat_shape if isinstance(ayat_shape, list) else [None] * ayat_shape)
                pasal.children.append(ayat)
        bab.children.append(pasal)
    doc = Document(kind="document", id="test", children=[bab])
    return doc


def word(doc, citing_id, *targets, kecuali=(), optional=False, excluded=None):
    """Put a reference in the unit `citing_id`, number and word the tree; return
    (words, problems, warnings)."""
    doc.link_parents()
    node = doc.by_id()[citing_id]
    if isinstance(kecuali, str):
        kecuali = (kecuali,)
    ref = Ref(tuple(targets), tuple(kecuali), optional=optional)
    node.content = ["Ketentuan sebagaimana dimaksud ", ref, " berlaku."]
    number_document(doc)
    warnings = []
    problems = word_references(doc, excluded or {}, warnings)
    return ref.words, problems, warnings
