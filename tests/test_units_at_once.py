"""Units.raw of a Pasal or ayat in one pass (issue 16): each unit's expected end handed
down from its parent gives the own words and raw text that expected_ends looked up per
unit gives — by hand, and against the plain path for every corpus text."""
from pathlib import Path

import pytest

from rancang.compare.diff import compare
from rancang.compare.units import BODY_KINDS, Signature, Units
from rancang.model.tree import Document, Node
from rancang.readers.parse import parse_pair, parse_text, read_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _r(text, *children, style=None):
    return Node("rincian", content=[text], children=list(children), style=style)


def _law() -> tuple[Document, Node]:
    pasal = Node("pasal", children=[
        Node("ayat", content=["Dalam Peraturan ini yang dimaksud dengan:"], children=[
            _r("Daerah adalah Kabupaten Contoh.", style="definisi"),
            _r("Bupati adalah Bupati Contoh.", style="definisi")]),
        Node("ayat", content=["Tugas meliputi:"], children=[
            _r("pertama,"),                                  # ',' where ';' belongs
            _r("kedua:", _r("satu; atau"), _r("dua; dan")),
            _r("ketiga")])])                                 # no '.' where it belongs
    doc = Document("document", doc_type="parsed", children=[pasal])
    doc.link_parents()
    return doc, pasal


def test_the_raw_of_a_pasal_by_hand():
    doc, pasal = _law()
    assert Units(doc).raw(pasal) == "\n".join([
        "pa: ∅",                            # a Pasal of ayat alone: its own words are none
        "ay:Dalam Peraturan ini yang dimaksud dengan …; …",   # definitions: no conjunction
        "ri:Daerah adalah Kabupaten Contoh",
        "ri:Bupati adalah Bupati Contoh",
        "ay:Tugas meliputi …; dan …",       # 'dan' after the last of b's sub-list
        "ri:pertama,",
        "ri:kedua …; atau …",
        "ri:satu",                          # '; atau': second-to-last of b's list
        "ri:dua",                           # '; dan': the last of it, where b stands
        "ri:ketiga ∅"])


def test_the_sub_units_own_words_are_kept_and_their_raw_joined_when_asked():
    doc, pasal = _law()
    units = Units(doc)
    units.raw(pasal)
    ayat2 = pasal.children[1]
    kedua = ayat2.children[1]
    assert units.own(kedua) == "kedua …; atau …"
    assert units.raw(kedua) == "ri:kedua …; atau …\nri:satu\nri:dua"
    assert units.raw(ayat2).startswith("ay:Tugas meliputi …; dan …\nri:pertama,\n")


def _plain(doc: Document) -> Units:
    """Units whose own words are all looked up first: raw() joins them unit by unit."""
    units = Units(doc)
    for node in doc.walk():
        if node.kind in BODY_KINDS:
            units.own(node)
    return units


def _same_as_plain(doc: Document) -> None:
    fast, plain = Units(doc), _plain(doc)
    nodes = [n for n in doc.walk() if n.kind in BODY_KINDS]
    for node in nodes:
        if node.kind in ("pasal", "ayat"):
            assert fast.raw(node) == plain.raw(node), node.label
    for node in nodes:
        assert fast.own(node) == plain.own(node), node.label
        assert fast.raw(node) == plain.raw(node), node.label


def test_a_generated_shape_is_read_as_the_plain_path_reads_it():
    doc, _ = _law()
    _same_as_plain(doc)
    # the same units, asked from the inside out
    doc, pasal = _law()
    fast, plain = Units(doc), _plain(doc)
    rincian = pasal.children[1].children[1]
    assert fast.raw(rincian) == plain.raw(rincian)
    assert fast.raw(pasal) == plain.raw(pasal)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.md")
                                        if p.name != "README.md") if CORPUS.is_dir() else [])
def test_every_corpus_text_is_read_as_the_plain_path_reads_it(name):
    _same_as_plain(parse_text(read_text(CORPUS / name)))


def _amending_pasal() -> tuple[Document, Node, Node]:
    first = _r("Ketentuan Pasal 5 diubah:\n" + "kata  \n" * 400 + "akhir;")
    pasal = Node("pasal", content=["Beberapa ketentuan diubah:"],
                 children=[first, _r("Pasal 6 dihapus.")])
    doc = Document("document", doc_type="parsed", children=[pasal])
    doc.link_parents()
    return doc, pasal, first


def test_the_start_of_a_long_unit_is_read_from_its_start_alone():
    doc, pasal, first = _amending_pasal()
    units = Units(doc)
    lines, head = units.lines_head(pasal)
    assert lines == 2
    assert head == ("pa:Beberapa ketentuan diubah …; …\nri:Ketentuan Pasal 5 diubah: "
                    + "kata " * 40)[:200]
    assert id(first) not in units._own           # its 2,800 characters left unread
    assert units.raw(pasal).endswith("kata akhir\nri:Pasal 6 dihapus")
    assert units.lines_head(pasal) == (lines, head)


def test_a_signature_hashed_from_its_start_is_the_signature_of_its_text():
    doc, pasal, _ = _amending_pasal()
    sig = Units(doc).signature(pasal)
    text = Signature(Units(doc).raw(pasal))
    assert hash(sig) == hash(text) and sig == text
    renumbered = Signature(Units(doc).raw(pasal).replace("Pasal 6", "Pasal 7"))
    assert hash(sig) == hash(renumbered) and sig == renumbered
    other = Signature(Units(doc).raw(pasal).replace("kata akhir", "kata lain"))
    assert sig != other


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.md")
                                        if p.name != "README.md") if CORPUS.is_dir() else [])
def test_every_corpus_unit_s_start_is_its_raw_text_s(name):
    doc = parse_text(read_text(CORPUS / name))
    plain = _plain(doc)
    for node in doc.walk():
        if node.kind in BODY_KINDS:
            raw = plain.raw(node)
            assert Units(doc).lines_head(node) == (raw.count("\n"), raw[:200]), node.label
            assert hash(Units(doc).signature(node)) == hash(Signature(raw)), node.label


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_a_copied_pasal_is_compared_unread_and_as_its_text_is():
    old = read_text(CORPUS / "uu-2011-12.md")
    new = old.replace("Materi muatan", "Isi muatan", 1)
    a, b = parse_pair(old, new)
    assert b.copied                              # the parser made copies
    got = compare(a, b)
    plain_b = parse_text(new)                    # no copies: every Pasal read whole
    assert got.as_dict() == compare(parse_text(old), plain_b).as_dict()
    # Pasal 6 (1) of UU 12/2011 opens 'Materi muatan Peraturan Perundang-undangan'
    assert [(c.op, c.unit, c.old) for c in got.changes] == [("modified", "ayat",
                                                              "Pasal 6 ayat (1)")]
    assert [w for w in got.changes[0].words if w[0] != "="] == [("-", "Materi"), ("+", "Isi")]


def test_nothing_of_a_comparison_is_left_in_a_cycle():
    """The signatures keep their Units: freed when compare returns, not by the collector."""
    import gc
    old, new = _amending_pasal()[0], _amending_pasal()[0]
    gc.collect()
    gc.disable()
    try:
        result = compare(old, new)
        assert not [o for o in gc.get_objects() if isinstance(o, Units)]
    finally:
        gc.enable()
    assert result.summary["modified"] == 0
