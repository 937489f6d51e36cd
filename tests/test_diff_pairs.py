"""The diff on pairs made from real regulations (../shared/corpus), one edit a pair of the
kind a drafter makes; every expected summary — counts and the labels of the changed
units — is written by hand from the edit."""
import re

from test_parse_diff import CORPUS, _renumber, _zero, needs_corpus

from rancang.compare.diff import compare
from rancang.readers.parse import parse_text, read_text

pytestmark = needs_corpus


def _text(name):
    return read_text(CORPUS / f"{name}.md")


def _body_tail(name="uu-2004-40"):
    text = _text(name)
    cut = text.index("PENJELASAN")
    return text[:cut], text[cut:]


def insert_pasal(body: str, before: int, text: str, shift: int = 1) -> str:
    """`body` with a new Pasal `before` (its heading and `text`), every later Pasal and
    every reference to one renumbered by `shift`, as a drafter would."""
    pos = body.index(f"\nPasal {before}\n")
    rest = _renumber(body[pos:], {n: n + shift for n in range(before, 600)})
    return body[:pos] + f"\nPasal {before}\n{text}" + rest


def _diff(old, new):
    return compare(parse_text(old), parse_text(new))


def _real(cmp):
    """The changes a reviewer reads, renumbering aside: (op, unit, old, new)."""
    return [(c.op, c.unit, c.old, c.new) for c in cmp.changes if c.op != "renumbered"]


# --- 1. changes that used to be invisible -----------------------------------------------

def test_a_list_conjunction_changed_is_a_change_of_its_pasal():
    text = _text("uu-2004-40")
    cmp = _diff(text, text.replace("h. dana amanat; dan\n", "h. dana amanat; atau\n", 1))
    assert cmp.summary == _zero(modified=1)
    (change,) = cmp.changes
    assert (change.op, change.unit, change.old, change.aspect) == \
        ("modified", "pasal", "Pasal 4", "conjunction")
    assert [w for w in change.words if w[0] != "="] == [("-", "dan"), ("+", "atau")]


def test_a_bab_heading_changed():
    text = _text("uu-2004-40")
    cmp = _diff(text, text.replace("BAB IV DEWAN JAMINAN SOSIAL NASIONAL",
                                   "BAB IV DEWAN JAMINAN SOSIAL", 1))
    assert _real(cmp) == [("modified", "bab", "BAB IV", "BAB IV")]
    assert cmp.summary == _zero(modified=1)
    assert [w for w in cmp.changes[0].words if w[0] != "="] == [("-", "NASIONAL")]


def test_a_bagian_heading_changed():
    text = _text("uu-2004-40")
    cmp = _diff(text, text.replace("Bagian Kedua Jaminan Kesehatan",
                                   "Bagian Kedua Jaminan Pelayanan Kesehatan", 1))
    assert _real(cmp) == [("modified", "bagian", "BAB VI Bagian Kedua", "BAB VI Bagian Kedua")]
    assert cmp.changes[0].aspect == "heading"


def test_a_pasal_moved_to_the_next_bab_without_renumbering():
    # the last Pasal of BAB IV (Pasal 12) becomes the first of BAB V
    text = _text("uu-2004-40")
    heading = "BAB V KEPESERTAAN DAN IURAN"
    at, p12 = text.index(heading), text.index("\nPasal 12\n")
    new = text[:p12] + "\n" + heading + text[p12:at] + text[at + len(heading):]
    cmp = _diff(text, new)
    assert cmp.summary == _zero(moved=1)
    (move,) = cmp.changes
    assert (move.unit, move.old, move.new, move.aspect, move.old_group, move.new_group) == \
        ("pasal", "Pasal 12", "Pasal 12", "group", "BAB IV", "BAB V")


# --- 2. changes that used to be invented ------------------------------------------------

def test_an_inserted_ayat_and_the_references_that_follow_it():
    # uu-2004-40 Pasal 17: a new ayat (2); ayat (2)-(6) become (3)-(7), and the
    # references "ayat (4)", "ayat (4) dan ayat (5)", "ayat (1) dan ayat (2)" follow
    text = _text("uu-2004-40")
    start, end = text.index("\nPasal 17\n"), text.index("\nBAB VI")
    pasal = text[start:end]
    for n in (6, 5, 4, 3, 2):
        pasal = pasal.replace(f"\n({n}) ", f"\n({n + 1}) ")
    pasal = (pasal.replace("ayat (4) dan ayat (5)", "ayat (5) dan ayat (6)")
             .replace("ayat (4) dibayar", "ayat (5) dibayar")
             .replace("ayat (1) dan ayat (2) ditetapkan", "ayat (1) dan ayat (3) ditetapkan"))
    pasal = pasal.replace("\n(3) ", "\n(2) Iuran sebagaimana dimaksud pada ayat (1) dibayar "
                                    "setiap bulan.\n(3) ", 1)
    cmp = _diff(text, text[:start] + pasal + text[end:])
    assert cmp.summary == _zero(inserted=1, renumbered=5)
    assert _real(cmp) == [("inserted", "ayat", None, "Pasal 17 ayat (2)")]
    assert [(c.old, c.new) for c in cmp.changes if c.op == "renumbered"] == [
        (f"Pasal 17 ayat ({n})", f"Pasal 17 ayat ({n + 1})") for n in range(2, 7)]


def test_an_inserted_huruf_and_the_reference_that_follows_it():
    # pp-2013-86 Pasal 3 ayat (2): a new huruf d; "ayat (2) huruf d" in ayat (3) becomes
    # "ayat (2) huruf e"; the conjunction moves to the new second-to-last item
    text = _text("pp-2013-86")
    old = ("c. data kepesertaan dalam program jaminan sosial sesuai penahapan kepesertaan; dan\n"
           "d. perubahan data ketenagakerjaan.")
    new = text.replace(old, "c. data kepesertaan dalam program jaminan sosial sesuai penahapan "
                            "kepesertaan;\nd. data tempat kerja; dan\ne. perubahan data "
                            "ketenagakerjaan.", 1).replace("ayat (2) huruf d", "ayat (2) huruf e", 1)
    cmp = _diff(text, new)
    assert cmp.summary == _zero(inserted=1, renumbered=1)
    assert _real(cmp) == [("inserted", "rincian", None, "Pasal 3 ayat (2) huruf d")]
    (renum,) = [c for c in cmp.changes if c.op == "renumbered"]
    assert (renum.old, renum.new) == ("Pasal 3 ayat (2) huruf d", "Pasal 3 ayat (2) huruf e")


def test_changed_words_leave_out_renumbered_references():
    # a Pasal inserted before Pasal 3 renumbers every later Pasal and every reference;
    # Pasal 10 (now 11), which refers to Pasal 6-9 (now 7-10), also changes one word
    body, tail = _body_tail()
    new = insert_pasal(body, 3, "Sistem Jaminan Sosial Nasional diselenggarakan secara terpadu.")
    new = new.replace("diatur lebih lanjut dengan Peraturan Presiden.\nPasal 12",
                      "diatur lebih lanjut dengan Peraturan Pemerintah.\nPasal 12", 1)
    cmp = _diff(body + tail, new + tail)
    assert cmp.summary == _zero(inserted=1, modified=1, renumbered=50)
    assert _real(cmp) == [("inserted", "pasal", None, "Pasal 3"),
                          ("modified", "pasal", "Pasal 10", "Pasal 11")]
    modified = cmp.changes[[c.op for c in cmp.changes].index("modified")]
    assert [w for w in modified.words if w[0] != "="] == [("-", "Presiden."), ("+", "Pemerintah.")] \
        or [w for w in modified.words if w[0] != "="] == [("-", "Presiden"), ("+", "Pemerintah")]
    assert cmp.renumbering["Pasal 53"] == "Pasal 54"


def test_rewrapped_text_with_hyphens_at_line_breaks_is_the_same():
    text = _text("uu-2004-40")
    start, end = text.index("\nPasal 5\n"), text.index("\nBAB IV")
    pasal = text[start:end].replace("Undang-Undang ini,", "Undang-\nUndang ini,") \
        .replace("penyelenggara", "penye-\nlenggara")
    cmp = _diff(text, text[:start] + pasal + text[end:])
    assert cmp.summary == _zero()


def test_an_inserted_bab_is_one_insertion():
    body, tail = _body_tail()
    pos = body.index("\nBAB III")
    roman = {"III": "IV", "IV": "V", "V": "VI", "VI": "VII", "VII": "VIII", "VIII": "IX",
             "IX": "X"}
    new = _renumber(body[pos:], {n: n + 2 for n in range(5, 60)})
    new = re.sub(r"\nBAB (IX|VIII|VII|VI|V|IV|III) ", lambda m: f"\nBAB {roman[m.group(1)]} ", new)
    new = body[:pos] + "\nBAB III PENGAWASAN\nPasal 5\nPengawasan dilakukan oleh Pemerintah.\n" \
        "Pasal 6\nHasil pengawasan dilaporkan kepada Presiden." + new
    cmp = _diff(body + tail, new + tail)
    # Pasal 5-53 become 7-55 (49) and BAB III-IX become IV-X (7)
    assert cmp.summary == _zero(inserted=1, renumbered=56)
    assert _real(cmp) == [("inserted", "bab", None, "BAB III")]


def test_a_deleted_pasal_is_one_deletion():
    body, tail = _body_tail()
    start, end = body.index("\nPasal 16\n"), body.index("\nPasal 17\n")
    new = body[:start] + _renumber(body[end:], {n: n - 1 for n in range(17, 60)})
    cmp = _diff(body + tail, new + tail)
    assert cmp.summary == _zero(deleted=1, renumbered=37)       # Pasal 17-53
    assert _real(cmp) == [("deleted", "pasal", "Pasal 16", None)]


def test_two_pasal_merged():
    # Pasal 16 becomes ayat (3) of Pasal 15: an ayat inserted and a Pasal deleted
    body, tail = _body_tail()
    start, end = body.index("\nPasal 16\n"), body.index("\nPasal 17\n")
    moved = body[start + len("\nPasal 16\n"):end]
    new = body[:start] + "\n(3) " + moved + _renumber(body[end:], {n: n - 1 for n in range(17, 60)})
    cmp = _diff(body + tail, new + tail)
    assert cmp.summary == _zero(inserted=1, deleted=1, renumbered=37)
    assert sorted(_real(cmp), key=str) == sorted([("deleted", "pasal", "Pasal 16", None),
                                                  ("inserted", "ayat", None, "Pasal 15 ayat (3)")],
                                                 key=str)


# --- 3. what real copies look like --------------------------------------------------------

def test_bagian_pertama_is_bagian_kesatu():
    text = _text("uu-2004-40")
    new = text.replace("Bagian Kesatu Jenis Program", "Bagian Pertama Jenis Program", 1)
    doc = parse_text(new)
    bagian = next(n for n in doc.walk() if n.kind == "bagian")
    assert (bagian.num, bagian.ordinal, bagian.heading) == ("Pertama", 1, "Jenis Program Jaminan Sosial")
    # the next Bagian is a heading, not words of Pasal 18
    pasal18 = next(n for n in doc.walk() if n.label == "Pasal 18")
    assert "Bagian" not in " ".join(c.display for c in pasal18.walk())
    assert _diff(text, new).summary == _zero()


def test_headings_with_emphasis_marks():
    text = _text("uu-2004-40")
    new = re.sub(r"\nPasal (\d+)\n", r"\n__ Pasal \1 __\n", text)
    new = re.sub(r"\nBAB ([IVX]+) ", r"\n**BAB \1** ", new)
    assert new.count("__ Pasal") > 40
    cmp = _diff(text, new)
    assert cmp.summary == _zero()
    assert len([n for n in parse_text(new).walk() if n.kind == "pasal"]) == 53


def test_an_ocr_hyphenated_reference_follows_renumbering():
    # "Pa-sal 34" (an OCR'd line break) in Pasal 14 ayat (2)'s Penjelasan-free text:
    # a Pasal inserted before it renumbers it like any other reference
    body, tail = _body_tail()
    assert "dalam Pasal 8 ayat (6)" in body
    old = body.replace("dalam Pasal 8 ayat (6)", "dalam Pa-sal 8 ayat (6)", 1)
    new = insert_pasal(body, 3, "Sistem Jaminan Sosial Nasional diselenggarakan secara terpadu.")
    cmp = _diff(old + tail, new + tail)
    assert cmp.summary == _zero(inserted=1, renumbered=51)


def test_nested_lists_are_units():
    # pp-2013-86 Pasal 13 ayat (3): "a)" items with "1)" items under them
    doc = parse_text(_text("pp-2013-86"))
    labels = [n.label for n in doc.walk() if n.label.startswith("Pasal 13 ayat (3) ")]
    assert labels == ["Pasal 13 ayat (3) huruf a)", "Pasal 13 ayat (3) huruf a) angka 1)",
                      "Pasal 13 ayat (3) huruf a) angka 2)", "Pasal 13 ayat (3) huruf b)",
                      "Pasal 13 ayat (3) huruf b) angka 1)", "Pasal 13 ayat (3) huruf b) angka 2)"]
    text = _text("pp-2013-86")
    line = "1) mendaftarkan dirinya dan anggota keluarganya sebagai peserta kepada BPJS; dan"
    assert text.count(line) == 1
    cmp = _diff(text, text.replace(line, line.replace("BPJS;", "BPJS Kesehatan;")))
    assert _real(cmp) == [("modified", "rincian", "Pasal 13 ayat (3) huruf b) angka 1)",
                           "Pasal 13 ayat (3) huruf b) angka 1)")]


def test_huruf_under_a_numbered_definition_are_units():
    # pp-2013-86 Pasal 1 angka 5: a definition with a list "a." to "c." under it
    text = _text("pp-2013-86")
    doc = parse_text(text)
    nested = [n.label for n in doc.walk() if n.label.startswith("Pasal 1 angka 5 ")]
    assert nested == ["Pasal 1 angka 5 huruf a", "Pasal 1 angka 5 huruf b", "Pasal 1 angka 5 huruf c"]
    assert doc.by_id()["pasal-1.6"].label == "Pasal 1 angka 6"
    cmp = _diff(text, text.replace("menjalankan suatu perusahaan milik sendiri;",
                                   "menjalankan suatu usaha milik sendiri;", 1))
    assert _real(cmp) == [("modified", "rincian", "Pasal 1 angka 5 huruf a", "Pasal 1 angka 5 huruf a")]


# --- 4. bounded: unrelated texts --------------------------------------------------------

def test_two_unrelated_laws_have_no_common_structure():
    cmp = _diff(_text("uu-2004-40"), _text("uu-2011-24"))
    assert cmp.related is False and cmp.alike < 0.2
    # every Pasal of each, none compared word by word
    assert cmp.summary == _zero(deleted=53, inserted=71)
    assert all(not c.words for c in cmp.changes)
    assert cmp.as_dict()["related"] is False
