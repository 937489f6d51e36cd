"""A changed Lampiran is a point of Pasal I, after those of the batang tubuh, and the
amending Perbup carries the Lampiran as it now reads — the form of PP 82/2019 Pasal I
angka 4 ("Lampiran I diubah menjadi sebagaimana terlampir yang merupakan bagian tidak
terpisahkan dari Peraturan Pemerintah ini.")."""
from __future__ import annotations

from test_amend import RUJUKAN, amend, pasal_satu, regulation

from docxtext import docx_lines

LAMPIRAN = ("\nLAMPIRAN\nPERATURAN BUPATI CONTOH\nNOMOR 5 TAHUN 2024\nTENTANG\n"
            "PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN\n"
            "DAFTAR PERANGKAT DAERAH PELAKSANA\n"
            "1. Dinas Ketenagakerjaan dengan 120 pekerja.\n"
            "2. Dinas Sosial dengan 80 pekerja.\n")
WORDS = ("diubah menjadi sebagaimana terlampir yang merupakan bagian tidak terpisahkan dari "
         "Peraturan Bupati ini.")


def _after_penutup(md: str) -> list[str]:
    lines = [line.replace("\\", "") for line in md.splitlines() if line.strip()]
    return lines[lines.index("LAMPIRAN"):]


def test_only_the_lampiran_changed(tmp_path):
    base = regulation() + LAMPIRAN
    done, md = amend(tmp_path, base.replace("80 pekerja", "95 pekerja"), base)
    assert pasal_satu(md) == [f"Lampiran dalam {RUJUKAN} {WORDS}"]
    assert _after_penutup(md) == [
        "LAMPIRAN", "RANCANGAN PERATURAN BUPATI CONTOH", "NOMOR ... TAHUN 2026", "TENTANG",
        "PERUBAHAN ATAS PERATURAN BUPATI NOMOR 5 TAHUN 2024 TENTANG PENYELENGGARAAN "
        "PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN",
        "DAFTAR PERANGKAT DAERAH PELAKSANA",
        "1. Dinas Ketenagakerjaan dengan 120 pekerja.",
        "2. Dinas Sosial dengan 95 pekerja.",
        "BUPATI CONTOH,", "...",
    ]


def test_the_lampiran_point_comes_after_the_pasal(tmp_path):
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    base = regulation() + LAMPIRAN
    done, md = amend(tmp_path, regulation({6: new6}) + LAMPIRAN.replace("120", "150"),
                     base, formats=("md", "docx"))
    lines = pasal_satu(md)
    assert lines[0] == f"Beberapa ketentuan dalam {RUJUKAN} diubah sebagai berikut:"
    assert lines[1] == "1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:"
    assert lines[-1] == f"2. Lampiran {WORDS}"
    text = docx_lines(tmp_path / "out" / f"{done.stem}.docx")
    assert "1. Dinas Ketenagakerjaan dengan 150 pekerja." in text


def test_a_lampiran_taken_out_is_deleted(tmp_path):
    base = regulation() + LAMPIRAN
    done, md = amend(tmp_path, regulation(), base)
    assert pasal_satu(md) == [f"Lampiran dalam {RUJUKAN} dihapus."]
    assert "LAMPIRAN" not in md.split("#### Pasal II")[1]
