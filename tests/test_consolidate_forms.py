"""The round trip on the forms `amend` writes since the review: the single change in the
form of its kind, the Lampiran point, and a text kept in the enacted numbering (Pasal
10A read back as a unit, without --renumber)."""
from __future__ import annotations

from test_amend import TOPICS, amend, regulation
from test_amend_lampiran import LAMPIRAN
from test_consolidate import same

from rancang.commands.consolidate import run_consolidate
from rancang.readers.parse import parse_text, read_text
from rancang.sources.workspace import Workspace


def _round_trip(tmp_path, base: str, wanted: str, renumber: bool = False):
    done, _md = amend(tmp_path, wanted, base)
    out = tmp_path / "konsolidasi.md"
    run_consolidate(Workspace.bundled(), str(tmp_path / "base.md"),
                    [str(p) for p in done.paths], out, renumber=renumber, force=True)
    return out.read_text(encoding="utf-8"), parse_text(read_text(out), "konsolidasi")


def test_a_single_ayat_insertion(tmp_path):
    topic = TOPICS[7]
    new8 = (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
            "(1a) Penetapan dilakukan dengan Keputusan Bupati setiap tahun anggaran.\n"
            f"(2) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
            f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.")
    base = regulation()
    wanted = regulation({8: new8})
    md, doc = _round_trip(tmp_path, base, wanted)
    same(doc, parse_text(wanted, "wanted"))
    ayat = [n.label for n in doc.walk() if n.kind == "ayat" and n.label.startswith("Pasal 8 ")]
    assert ayat == ["Pasal 8 ayat (1)", "Pasal 8 ayat (1a)", "Pasal 8 ayat (2)",
                    "Pasal 8 ayat (3)"]


def test_a_pasal_10a_kept_as_typed(tmp_path):
    base = regulation()
    wanted = base.replace("Pasal 11\n", "Pasal 10A\nBupati membentuk pusat layanan jaminan "
                          "sosial di setiap kecamatan.\n\nPasal 11\n", 1)
    md, doc = _round_trip(tmp_path, base, wanted)
    same(doc, parse_text(wanted, "wanted"))
    assert [n.num for n in doc.walk() if n.kind == "pasal"][9:12] == ["10", "10A", "11"]


def test_the_lampiran_point(tmp_path):
    base = regulation() + LAMPIRAN
    wanted = base.replace("80 pekerja", "95 pekerja")
    md, doc = _round_trip(tmp_path, base, wanted)
    lampiran = next(n for n in doc.walk() if n.kind == "lampiran")
    assert "2. Dinas Sosial dengan 95 pekerja." in lampiran.text
    assert "80 pekerja" not in md


def test_the_consolidated_text_says_what_it_is(tmp_path):
    """Above the title: a consolidated text, as amended by which regulation, not the
    official text; the reader drops that line again (the title compares unchanged)."""
    from rancang.compare.diff import compare
    base = regulation()
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    md, doc = _round_trip(tmp_path, base, regulation({6: new6}))
    assert md.splitlines()[0] == (
        "*[Naskah konsolidasi, sebagaimana telah diubah dengan Peraturan Bupati Contoh Nomor "
        "... Tahun 2026; bukan naskah resmi: yang mengikat ialah naskah yang diundangkan]*")
    judul = next(n for n in doc.children if n.kind == "judul")
    assert "konsolidasi" not in judul.text.lower()
    changes = compare(parse_text(base, "base"), doc).changes
    assert [c.unit for c in changes if c.op != "renumbered"] == ["pasal"]


def test_a_citation_marked_in_the_base_keeps_its_mark(tmp_path):
    base = regulation().replace("Nomor 5256);", "Nomor 5256); [perlu verifikasi]", 1)
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    wanted = regulation({6: new6}).replace("Nomor 5256);", "Nomor 5256); [perlu verifikasi]", 1)
    md, doc = _round_trip(tmp_path, base, wanted)
    assert md.count("[perlu verifikasi]") == 1
    (item,) = [n for n in doc.find("mengingat")]
    assert item.attrs.get("confirmed") is False
