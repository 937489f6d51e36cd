"""Cross-reference wording, with the examples of Lampiran II UU 12/2011 (L-II 272-281)."""
import pytest
from treebuilder import build, word

# Twenty Pasal, each with five ayat of five rincian, rincian 2 of ayat 2 with five
# sub-rincian: room for every example.
SHAPE = [[5, [None, [None, 5, None], None], 5, 5, 5] for _ in range(40)]


def words(citing, *targets, **kw):
    doc = build(SHAPE)
    text, problems, warnings = word(doc, citing, *targets, **kw)
    assert not problems, problems
    return text


@pytest.mark.parametrize("citing, targets, expected", [
    # another Pasal (L-II 272)
    ("p9.a1", ["p5"], "dalam Pasal 5"),
    ("p9.a1", ["p5.a2"], "dalam Pasal 5 ayat (2)"),
    ("p9.a1", ["p5.a2.r2"], "dalam Pasal 5 ayat (2) huruf b"),
    ("p9.a1", ["p5.a2.r2.r3"], "dalam Pasal 5 ayat (2) huruf b angka 3"),
    # the same Pasal: 'pada', the Pasal not named (L-II 275)
    ("p8.a2", ["p8.a1"], "pada ayat (1)"),
    ("p8.a3", ["p8.a2.r2"], "pada ayat (2) huruf b"),
    # inside the same ayat's list: 'dalam' ("pada" is for ayat only, L-II 272; L-II 273's
    # own example reads "sebagaimana dimaksud dalam huruf a sampai dengan huruf e")
    ("p9.a1.r5", ["p9.a1.r1"], "dalam huruf a"),
    # two targets: the unit word repeated
    ("p9.a1", ["p5", "p6"], "dalam Pasal 5 dan Pasal 6"),
    ("p9.a3", ["p9.a1", "p9.a2"], "pada ayat (1) dan ayat (2)"),
    ("p9.a1.r5", ["p9.a1.r1", "p9.a1.r2"], "dalam huruf a dan huruf b"),
    # three or more consecutive: 'sampai dengan' (L-II 273)
    ("p10.a1", ["p5", "p6", "p7", "p8", "p9"], "dalam Pasal 5 sampai dengan Pasal 9"),
    ("p37.a5", ["p37.a1", "p37.a2", "p37.a3", "p37.a4"], "pada ayat (1) sampai dengan ayat (4)"),
    # three, not consecutive
    ("p10.a1", ["p5", "p7", "p9"], "dalam Pasal 5, Pasal 7, dan Pasal 9"),
    # L-II 281 example (Pasal 34)
    ("p34.a1", ["p20", "p26"], "dalam Pasal 20 dan Pasal 26"),
    # mixed: ayat of the same Pasal first, then ascending (L-II 276, Pasal 15 ayat (3))
    ("p15.a3", ["p13.a3", "p12", "p7.a4", "p15.a1", "p7.a2"],
     "pada ayat (1), Pasal 7 ayat (2) dan ayat (4), Pasal 12, dan Pasal 13 ayat (3)"),
    # the order the drafter typed does not matter
    ("p10.a1", ["p9", "p5", "p7", "p6", "p8"], "dalam Pasal 5 sampai dengan Pasal 9"),
])
def test_reference_wording(citing, targets, expected):
    assert words(citing, *targets) == expected


def test_sampai_dengan_inside_one_list():
    # L-II 273 (UU 21/2008 Pasal 37): "f. ... sebagaimana dimaksud dalam huruf a sampai
    # dengan huruf e"
    assert words("p9.a1.r5", "p9.a1.r1", "p9.a1.r2", "p9.a1.r3", "p9.a1.r4") == \
        "dalam huruf a sampai dengan huruf d"


def test_exclusion_of_an_ayat_in_a_range_of_pasal():
    # L-II 274 a
    assert words("p20.a1", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12",
                 kecuali="p7.a1") == "dalam Pasal 5 sampai dengan Pasal 12, kecuali Pasal 7 ayat (1)"


def test_exclusion_inside_the_same_pasal():
    # L-II 274 b
    doc = build([[None, None, None, [None, 3], None, None]])
    text, problems, _ = word(doc, "p1.a6", "p1.a1", "p1.a2", "p1.a3", "p1.a4", "p1.a5",
                             kecuali="p1.a4.r1")
    assert not problems
    assert text == "pada ayat (1) sampai dengan ayat (5), kecuali ayat (4) huruf a"


def test_rincian_directly_under_a_pasal():
    doc = build([None, None, None], rincian_under_pasal={2: 4})
    text, problems, _ = word(doc, "p3", "p2.r2")
    assert text == "dalam Pasal 2 huruf b" and not problems
    doc = build([None, None, None], rincian_under_pasal={2: 4})
    text, _, _ = word(doc, "p2.r4", "p2.r1", "p2.r2", "p2.r3")
    assert text == "dalam huruf a sampai dengan huruf c"     # L-II 273


def test_forward_reference_is_a_warning():
    # L-II 279: Pasal 15 referring to Pasal 37 ayat (4) — built, but flagged
    doc = build(SHAPE)
    text, problems, warnings = word(doc, "p15.a1", "p37.a4")
    assert text == "dalam Pasal 37 ayat (4)"
    assert not problems
    assert any("forward" in w.message and "Pasal 37 ayat (4)" in w.message for w in warnings)


def test_backward_reference_is_not_flagged():
    doc = build(SHAPE)
    _, _, warnings = word(doc, "p15.a1", "p3")
    assert warnings == []


def test_dangling_reference_is_an_error():
    doc = build(SHAPE)
    text, problems, _ = word(doc, "p2.a1", "p99")
    assert text == "..."
    assert len(problems) == 1 and "'p99'" in problems[0].message
    assert "Pasal 2 ayat (1)" in problems[0].message


def test_reference_to_a_unit_left_out_says_why():
    from rancang.model.tree import Source
    doc = build(SHAPE)
    _, problems, _ = word(doc, "p2.a1", "gone", excluded={"gone": Source("x.yaml", 7)})
    assert "left out by its condition at x.yaml:7" in problems[0].message


def test_optional_reference_drops_units_left_out():
    from rancang.model.tree import Source
    doc = build(SHAPE)
    text, problems, _ = word(doc, "p4.a4", "p4.a1", "gone", "p4.a3", optional=True,
                             excluded={"gone": Source("x.yaml", 7)})
    assert not problems
    assert text == "pada ayat (1) dan ayat (3)"


def test_optional_reference_still_refuses_an_unknown_id():
    doc = build(SHAPE)
    _, problems, _ = word(doc, "p4.a4", "p4.a1", "typo", optional=True)
    assert problems and "no unit has this id" in problems[0].message


def test_reference_to_the_unit_it_stands_in_is_an_error():
    doc = build(SHAPE)
    _, problems, _ = word(doc, "p4.a2", "p4")
    assert problems and "the unit it stands in" in problems[0].message


def test_renumbering_changes_the_words_not_the_ids():
    # Insert a Pasal before the target: the same reference reads one number higher.
    doc = build([None, None, 2, None])
    before, _, _ = word(doc, "p4", "p3.a2")
    doc = build([None, None, None, 2, None])
    # p3 is now the inserted Pasal; the former p3 is p4
    after, _, _ = word(doc, "p5", "p4.a2")
    assert (before, after) == ("dalam Pasal 3 ayat (2)", "dalam Pasal 4 ayat (2)")
