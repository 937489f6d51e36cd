"""The parts after the body are compared too: a word changed in the Penjelasan or in a
Lampiran's text is a change a reviewer must see (both were invisible before)."""
from __future__ import annotations

from rancang.compare.diff import compare
from rancang.readers.parse import parse_text, read_text

from test_parse_diff import CORPUS, needs_corpus

SMALL = """PERATURAN BUPATI CONTOH
NOMOR 1 TAHUN 2026
TENTANG UJI

Pasal 1
Peraturan ini mengatur uji.

Pasal 2
Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.

Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam Berita Daerah Kabupaten Contoh.

Ditetapkan di Curup

LAMPIRAN
PERATURAN BUPATI CONTOH
DAFTAR PERANGKAT DAERAH
1. Dinas Ketenagakerjaan dengan 120 pekerja.
2. Dinas Sosial dengan 80 pekerja.
"""


def _changed_words(change) -> list[tuple[str, str]]:
    return [w for w in change.words if w[0] != "="]


@needs_corpus
def test_one_word_in_the_penjelasan_is_a_change():
    text = read_text(CORPUS / "pp-2015-44.md")
    # PP 44/2015, Penjelasan Umum: "sehingga Pekerja yg tidak mampu bekerja"
    edited = text.replace("Pekerja yg tidak mampu", "Pekerja yang tidak mampu", 1)
    assert edited != text
    cmp = compare(parse_text(text), parse_text(edited))
    assert cmp.summary == {"inserted": 0, "deleted": 0, "modified": 1, "moved": 0,
                           "renumbered": 0}
    (change,) = cmp.changes
    assert change.old_node.kind == "penjelasan"
    assert _changed_words(change) == [("-", "yg"), ("+", "yang")]


@needs_corpus
def test_the_same_penjelasan_is_no_change():
    text = read_text(CORPUS / "pp-2015-44.md")
    assert compare(parse_text(text), parse_text(text)).changes == []


def test_a_word_in_a_lampiran_is_a_change():
    edited = SMALL.replace("80 pekerja", "85 pekerja")
    cmp = compare(parse_text(SMALL), parse_text(edited))
    (change,) = cmp.changes
    assert change.op == "modified" and change.old_node.kind == "lampiran"
    assert _changed_words(change) == [("-", "80"), ("+", "85")]


def test_a_lampiran_removed_is_a_deletion():
    cut = SMALL[:SMALL.index("LAMPIRAN")]
    cmp = compare(parse_text(SMALL), parse_text(cut))
    assert [(c.op, c.old_node.kind) for c in cmp.changes] == [("deleted", "lampiran")]


def test_the_signature_block_of_the_penutup_is_not_a_change():
    # the Penutup compares its formula only: who signs is a parameter, not text
    edited = SMALL.replace("Ditetapkan di Curup", "Ditetapkan di Lebong")
    assert compare(parse_text(SMALL), parse_text(edited)).changes == []


def test_the_html_comparison_names_the_changes_in_indonesian(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from rancang.cli import main
    old, new = tmp_path / "lama.md", tmp_path / "baru.md"
    old.write_text(SMALL, encoding="utf-8")
    new.write_text(SMALL.replace("80 pekerja", "85 pekerja"), encoding="utf-8")
    monkeypatch.setenv("RANCANG_LANG", "id")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "html",
                                       "-o", "beda.html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "beda.html").read_text(encoding="utf-8")
    assert "0 ditambah, 0 dihapus, 1 diubah, 0 dipindah, 0 nomor berubah" in page
    assert '<span class="modified">diubah</span> Lampiran' in page
    assert "modified" not in page.replace('class="modified"', "").replace(
        'class="op modified"', "").replace(".modified{", "")
