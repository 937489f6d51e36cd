"""`rancang amend`: the Peraturan Bupati tentang Perubahan written from two versions.

The expected wording is copied by hand from Lampiran II UU 12/2011 (items 233-236 and
their examples, ../shared/reference/uu-12-2011-lampiran-ii.txt), with this test
regulation's numbers; the BASE and WANTED texts are small Markdown files written here.
"""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main
from rancang.commands.amend import run_amend
from rancang.composition.amendment import AmendError
from rancang.errors import RancangError
from rancang.sources.workspace import Workspace

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# 20 Pasal in 10 BAB, each on its own matter so that no two read alike.
TOPICS = ["pendataan pekerja rentan", "sosialisasi program", "kerja sama dengan desa",
          "pelaporan kecelakaan kerja", "pembayaran iuran bulanan", "kepesertaan pekerja "
          "bukan penerima upah", "pengawasan pemberi kerja", "pendaftaran peserta",
          "penganggaran dalam APBD", "pemutakhiran data", "literasi jaminan sosial",
          "pengaduan masyarakat", "pemberian penghargaan", "koordinasi lintas perangkat "
          "daerah", "evaluasi tahunan", "pelatihan kader", "penyediaan sarana pelayanan",
          "penetapan penerima bantuan iuran", "sanksi administratif", "pembiayaan lain"]
AYAT_PASAL = (8, 18)

HEAD = """PERATURAN BUPATI CONTOH
NOMOR 5 TAHUN 2024
TENTANG
PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN

DENGAN RAHMAT TUHAN YANG MAHA ESA

BUPATI CONTOH,

Menimbang: a. bahwa setiap pekerja berhak atas jaminan sosial;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan Bupati tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan;

Mengingat: 1. Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial (Lembaran Negara Republik Indonesia Tahun 2011 Nomor 116, Tambahan Lembaran Negara Republik Indonesia Nomor 5256);

MEMUTUSKAN:
Menetapkan: PERATURAN BUPATI TENTANG PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN.
"""
TAIL = """
Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam Berita Daerah Kabupaten Contoh.

Ditetapkan di Sukamaju
pada tanggal 1 Maret 2024
BUPATI CONTOH,
ttd
BUDI SANTOSO

BERITA DAERAH KABUPATEN CONTOH TAHUN 2024 NOMOR 5
"""
RUJUKAN = ("Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang Penyelenggaraan Program "
           "Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten Contoh Tahun 2024 Nomor 5)")


def pasal_text(n: int) -> str:
    topic = TOPICS[n - 1]
    if n in AYAT_PASAL:
        return (f"(1) Pelaksanaan {topic} menjadi tanggung jawab Pemerintah Daerah.\n"
                f"(2) Perangkat Daerah melaporkan {topic} kepada Bupati setiap bulan.\n"
                f"(3) Laporan sebagaimana dimaksud pada ayat (2) memuat hasil {topic}.")
    return f"Bupati menetapkan kebijakan mengenai {topic} di Daerah."


def regulation(pasal: dict[int, str] | None = None, babs: list | None = None) -> str:
    """The base text, or a version of it: `pasal` replaces texts by number, `babs` lists
    (heading, [Pasal numbers]) per BAB, numbered as written."""
    pasal = {n: pasal_text(n) for n in range(1, 21)} | (pasal or {})
    babs = babs or [(f"URUSAN KE-{i + 1}", [2 * i + 1, 2 * i + 2]) for i in range(10)]
    parts = [HEAD]
    shown = 0
    for i, (heading, numbers) in enumerate(babs):
        parts.append(f"BAB {ROMAN_ALL[i]}\n{heading}\n")
        for n in numbers:
            shown += 1
            parts.append(f"Pasal {shown}\n{pasal[n]}\n")
    parts.append(TAIL)
    return "\n".join(parts)


ROMAN_ALL = ROMAN + ["XI", "XII"]
BABS = [(f"URUSAN KE-{i + 1}", [2 * i + 1, 2 * i + 2]) for i in range(10)]


def amend(tmp_path, wanted: str, base: str | None = None, **kw):
    (tmp_path / "base.md").write_text(base or regulation(), encoding="utf-8")
    (tmp_path / "wanted.md").write_text(wanted, encoding="utf-8")
    kw.setdefault("year", 2026)
    done = run_amend(Workspace.bundled(), str(tmp_path / "base.md"),
                     str(tmp_path / "wanted.md"), tmp_path / "out",
                     formats=kw.pop("formats", ("md",)), **kw)
    md = (tmp_path / "out" / f"{done.stem}.md").read_text(encoding="utf-8") \
        if (tmp_path / "out" / f"{done.stem}.md").exists() else ""
    return done, md


def pasal_satu(md: str) -> list[str]:
    """The lines of Pasal I, as the Markdown view writes them (headings '#### ')."""
    lines = [line for line in md.splitlines() if line.strip()]
    start = lines.index("#### Pasal I")
    end = lines.index("#### Pasal II")
    return [line.replace("\\", "") for line in lines[start + 1:end]]


def test_one_pasal_changed_is_the_single_change_form_of_pasal_i(tmp_path):
    """L-II 233 a, Contoh 2: 'Ketentuan Pasal ... dalam ... diubah sehingga berbunyi
    sebagai berikut:', then the Pasal in full."""
    new6 = "Bupati menetapkan kebijakan mengenai kepesertaan pekerja bukan penerima upah."
    done, md = amend(tmp_path, regulation({6: new6}))
    assert pasal_satu(md) == [
        f"Ketentuan Pasal 6 dalam {RUJUKAN} diubah sehingga berbunyi sebagai berikut:",
        "#### Pasal 6",
        new6,
    ]
    assert done.plan.changed_pasal == 1 and done.plan.base_pasal == 20
    # L-II 6: the title names the regulation it amends
    assert "RANCANGAN PERATURAN BUPATI CONTOH\n\nNOMOR ... TAHUN 2026\n\nTENTANG\n\n" \
           "PERUBAHAN ATAS PERATURAN BUPATI NOMOR 5 TAHUN 2024 TENTANG " \
           "PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN\n" in md
    assert "#### Pasal II\n\nPeraturan Bupati ini mulai berlaku pada tanggal diundangkan." in md


def test_l2_233_example_1_pasal_and_ayat_changed(tmp_path):
    """'1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut: ... 2. Ketentuan ayat
    (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:'"""
    new6 = "Bupati dan Perangkat Daerah menetapkan kebijakan kepesertaan di Daerah."
    new8 = ("(1) Pelaksanaan pendaftaran peserta menjadi tanggung jawab Pemerintah Daerah.\n"
            "(2) Perangkat Daerah melaporkan pendaftaran peserta kepada Bupati setiap triwulan.\n"
            "(3) Laporan sebagaimana dimaksud pada ayat (2) memuat jumlah peserta baru.")
    done, md = amend(tmp_path, regulation({6: new6, 8: new8}))
    assert pasal_satu(md) == [
        f"Beberapa ketentuan dalam {RUJUKAN} diubah sebagai berikut:",
        "1. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:",
        "#### Pasal 6",
        new6,
        "2. Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi "
        "sebagai berikut:",
        "#### Pasal 8",
        "(1) Pelaksanaan pendaftaran peserta menjadi tanggung jawab Pemerintah Daerah.",
        "(2) Perangkat Daerah melaporkan pendaftaran peserta kepada Bupati setiap triwulan.",
        "(3) Laporan sebagaimana dimaksud pada ayat (2) memuat jumlah peserta baru.",
    ]
