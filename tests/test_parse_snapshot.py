"""The parser and the diff give exactly what they gave before they were made faster
(issue 16): every node of every corpus text and of edited copies (a word, three words, a
word at the end, a line-break hyphen, a stray OCR hyphen, a Pasal heading removed, a Pasal
inserted), and the comparisons of those pairs, fingerprinted. The fingerprints were taken
from the parser and the diff as they stood before the speed work (commit aeed75d) and
are written here as they were printed; a change of output changes a fingerprint.

Re-pinned once, for a bug fix and nothing else: a line that begins with "- " was glued to
the word at the end of the line before it (the word before a hyphen was read with "$",
which also matches before a line break). In the Cipta Kerja law that is one place,
"Pasal 54\n- t7r -" (a page header of the scan), which read "Pasal 54t7r - ..."; the law's
trees and the comparison that lists its Pasal whole changed, no other text or pair."""
import functools
import hashlib
import json
from pathlib import Path

import pytest

from rancang.compare.diff import compare
from rancang.readers.parse import parse_pair, parse_text, read_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")

LAW = "uu-2020-11"
EDITS = {
    "one-word-early": [("kegiatan berusaha", "kegiatan usaha")],
    "three-words-early": [("tenaga keda Indonesia", "tenaga kerja Republik Indonesia"),
                          ("persaingan yang semakin kompetitif",
                           "persaingan yang sangat kompetitif"),
                          ("memenuhi hak warga negara", "memenuhi hak setiap warga negara")],
    "one-word-late": [("Undang-Undang ini mulai berlaku pada tanggal diundangkan",
                       "Undang-Undang ini mulai berlaku pada tanggal 1 Januari 2021")],
    # a line-break hyphen whose word the text now has once more joined
    "break-hyphen": [("tumbuh- tumbuhan", "tumbuh- tumbuhan tumbuhtumbuhan tumbuhtumbuhan")],
    # a stray OCR hyphen ('da-lam') that is no longer stray: the word twice more so
    "stray-hyphen": [("kegiatan berusaha", "kegiatan berusaha da-lam da-lam")],
    "heading-removed": [("\nPasal 50\n", "\n")],
    "pasal-inserted": [("\nPasal 120", "\nPasal 119A\n(1) Ketentuan sisipan untuk uji.\n"
                                       "Pasal 120")],
}


@functools.lru_cache(maxsize=None)
def _text(name: str) -> str:
    return read_text(CORPUS / f"{name}.md")


def _edited(text: str, edits) -> str:
    for find, put in edits:
        assert find in text, find
        text = text.replace(find, put, 1)
    return text


def variants():
    for path in sorted(CORPUS.glob("*.md")):
        if path.stem != "README":
            yield path.stem, read_text(path)
    law = _text(LAW)
    for label, edits in EDITS.items():
        yield f"{LAW}:{label}", _edited(law, edits)


@functools.lru_cache(maxsize=1)
def _variants() -> dict:
    return dict(variants())


@functools.lru_cache(maxsize=1)
def CASES():
    law = _text(LAW)
    cases = {label: (law, _edited(law, edits)) for label, edits in EDITS.items()}
    cases["reversed-one-word"] = (_edited(law, EDITS["one-word-early"]), law)
    cases["unrelated"] = (_text("uu-2014-23"), law)
    pp = _text("pp-2015-44")
    cases["pp-2015-44-pasal-deleted"] = (pp, pp.replace("Pasal 20 (1)", "(1)", 1))
    cases["same"] = (pp, pp)
    return cases


def _node(node) -> list:
    return [node.kind, node.id, node.num, node.ordinal, node.label, node.heading, node.conj,
            node.level, node.style, sorted(node.attrs.items()), [repr(c) for c in node.content],
            [_node(c) for c in node.children]]


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, default=repr)
                          .encode("utf-8")).hexdigest()[:16]


def fingerprint_tree(text: str) -> str:
    doc = parse_text(text)
    return _digest([doc.id, doc.doc_type, [_node(c) for c in doc.children]])


def fingerprint_comparison(old: str, new: str, pair: bool = False) -> str:
    cmp = compare(*parse_pair(old, new)) if pair else compare(parse_text(old), parse_text(new))
    return _digest([cmp.as_dict(), [(c.op, c.unit, c.old, c.new, c.words, c.aspect,
                                      c.old_group, c.new_group) for c in cmp.changes],
                    [(o.label if o else None, n.label if n else None, how)
                     for o, n, how in cmp.pairs], sorted(cmp.renumbering.items()),
                    cmp.related, round(cmp.alike, 6)])


EXPECTED = {
    "pp-2013-86": "360c1992d3adf71b",
    "pp-2015-44": "7b954365fc4cfaa2",
    "pp-2015-45": "bc03980d5b390117",
    "pp-2015-46": "df38c24289e1ed01",
    "pp-2015-60": "8cf6445b80d0b8e7",
    "pp-2018-28": "a1c66db9c02daba6",
    "pp-2019-82": "52de4594578b6255",
    "pp-2021-37": "05c7cfebf4d26b6e",
    "uu-2004-40": "8f445380bb907c66",
    "uu-2011-12": "52b922f426758980",
    "uu-2011-24": "4237ca410a8f8fe8",
    "uu-2014-23": "5bb18be40d1c3a59",
    "uu-2020-11": "758aa6c2b1c390d7",
    "uu-2022-13": "3a6edb12a42f240a",
    "uu-2020-11:one-word-early": "080cba573ca2d462",
    "uu-2020-11:three-words-early": "9873211948fb533c",
    "uu-2020-11:one-word-late": "0e9c306939fed16f",
    "uu-2020-11:break-hyphen": "8f8a44c1b9d77910",
    "uu-2020-11:stray-hyphen": "53cb11487f8a065c",
    "uu-2020-11:heading-removed": "b0268e463a6d3369",
    "uu-2020-11:pasal-inserted": "2cac8efbd5cb0e58",
    "compare:one-word-early": "15c006a7db5fdebe",
    "compare:three-words-early": "e5a349f8b82d3fc0",
    "compare:one-word-late": "7790a9644e849049",
    "compare:break-hyphen": "e9ef18f9555d1bc0",
    "compare:stray-hyphen": "ea3c83fa5db8f8cd",
    "compare:heading-removed": "fd8e2189ae81fced",
    "compare:pasal-inserted": "2bfdeb3c83c998de",
    "compare:reversed-one-word": "e272377b7e748292",
    "compare:unrelated": "d9a9e690bd3974d5",
    "compare:pp-2015-44-pasal-deleted": "fed58b313fd2a632",
    "compare:same": "126dbe60a8ad5339",
}


@pytest.mark.parametrize("name", [n for n in EXPECTED if not n.startswith("compare:")])
def test_the_tree_is_what_it_was(name):
    text = _variants()[name]
    assert fingerprint_tree(text) == EXPECTED[name]


@pytest.mark.parametrize("name", [n[len("compare:"):] for n in EXPECTED
                                  if n.startswith("compare:")])
def test_the_comparison_is_what_it_was(name):
    old, new = CASES()[name]
    assert fingerprint_comparison(old, new) == EXPECTED["compare:" + name]


@pytest.mark.parametrize("name", [n[len("compare:"):] for n in EXPECTED
                                  if n.startswith("compare:")])
def test_parsing_a_pair_together_changes_nothing(name):
    """parse_pair copies the Pasal the two versions share: the trees and the comparison
    are what two separate parses give (the fingerprints above, taken before it existed)."""
    old, new = CASES()[name]
    a, b = parse_pair(old, new)
    assert _digest([a.id, a.doc_type, [_node(c) for c in a.children]]) == \
        _digest(["old", "parsed", [_node(c) for c in parse_text(old).children]])
    assert [_node(c) for c in b.children] == [_node(c) for c in parse_text(new).children]
    assert fingerprint_comparison(old, new, pair=True) == EXPECTED["compare:" + name]
