"""`rancang amend` on two versions of a Perbup of about 150 Pasal (issue 15: <= 2 s), beside
`rancang diff` of the same pair — the strongest alternative is the comparison it rests on
(no other tool writes an amending regulation; by hand, a Bagian Hukum takes days).

The base is a Perbup of 150 Pasal in 15 BAB, each Pasal of three ayat and a list, on its
own matter (written here as Markdown); the wanted version changes the words of 6 Pasal,
inserts an ayat, inserts 2 Pasal and deletes one (every later Pasal renumbered, as a new
text would be). Both commands run as a user runs them (a fresh process, DOCX written for amend),
in pairs in alternating order; the medians and their ratio are printed.

    .venv/bin/python bench/bench_amend.py
"""
from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rancang.model.bahasa import roman, terbilang  # noqa: E402

# this checkout's rancang, as `python -m rancang` (an installed `rancang` may be another)
REPO = Path(__file__).resolve().parent.parent
RANCANG = [sys.executable, "-m", "rancang"]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "RANCANG_LANG": "en"}
PAIRS = 7
BABS, PER_BAB = 15, 10
TOPICS = ["pendataan", "pendaftaran", "sosialisasi", "pembiayaan", "pelaporan", "pengawasan",
          "pembinaan", "koordinasi", "evaluasi", "pelayanan"]
HEAD = """PERATURAN BUPATI CONTOH
NOMOR 5 TAHUN 2024
TENTANG
PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN

DENGAN RAHMAT TUHAN YANG MAHA ESA

BUPATI CONTOH,

Menimbang: a. bahwa setiap pekerja berhak atas jaminan sosial;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan Bupati tentang Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan;

Mengingat: 1. Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial;

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


def pasal(n: int) -> str:
    """A Pasal of three ayat and a list, on its own matter (no two alike)."""
    topic, word = TOPICS[n % len(TOPICS)], terbilang(n)
    return (f"(1) Pemerintah Daerah melaksanakan {topic} kelompok {word} paling sedikit "
            f"2 (dua) kali dalam 1 (satu) tahun.\n"
            f"(2) Kegiatan {topic} kelompok {word} sebagaimana dimaksud pada ayat (1) "
            "meliputi:\na. pendataan Pekerja;\nb. pendaftaran Peserta; dan\n"
            "c. pelaporan kepada Bupati.\n"
            f"(3) Pelaksanaan sebagaimana dimaksud pada ayat (2) dibiayai APBD tahun "
            f"anggaran ke-{word}.")


def versions() -> tuple[str, str, dict]:
    """The base, and the wanted text: 6 Pasal reworded, an ayat inserted, 2 Pasal
    inserted and 1 deleted, every later Pasal renumbered as a new text would be."""
    changed = {30, 55, 80, 105, 130, 150}
    base, wanted, n_base, n_wanted = [HEAD], [HEAD], 0, 0
    for b in range(BABS):
        heading = f"BAB {roman(b + 1)}\nKETENTUAN {terbilang(b + 1).upper()}\n"
        base.append(heading)
        wanted.append(heading)
        for _p in range(PER_BAB):
            n_base += 1
            base.append(f"Pasal {n_base}\n{pasal(n_base)}\n")
            if n_base == 120:
                continue                                   # deleted
            text = pasal(n_base)
            if n_base in changed:
                text = text.replace("2 (dua) kali", "4 (empat) kali")
            if n_base == 100:
                text += ("\n(4) Pembiayaan lain yang sah dapat digunakan sesuai dengan "
                         "ketentuan peraturan perundang-undangan.")
            n_wanted += 1
            wanted.append(f"Pasal {n_wanted}\n{text}\n")
            if n_base in (40, 90):                         # inserted after these
                n_wanted += 1
                wanted.append(f"Pasal {n_wanted}\nBupati menyampaikan laporan tambahan "
                              f"mengenai urusan {terbilang(n_base)} kepada Gubernur.\n")
    base.append(TAIL)
    wanted.append(TAIL)
    return "\n".join(base), "\n".join(wanted), {"changed": len(changed) + 1,
                                                 "inserted": 2, "deleted": 1}


def timed(args: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    run(args, cwd)
    return time.perf_counter() - t


def run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[2:])} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def main() -> None:
    rancang = RANCANG
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        old, new, edits = versions()
        (root / "base.md").write_text(old, encoding="utf-8")
        (root / "wanted.md").write_text(new, encoding="utf-8")
        count = len(re.findall(r"^Pasal \d+$", old, re.M))
        amend = [*rancang, "amend", "base.md", "wanted.md", "-o", "out", "--format", "docx"]
        diff = [*rancang, "diff", "base.md", "wanted.md", "--json"]
        out = run(amend + ["--json"], root)
        timed(amend, root)                  # warm the caches both share
        timed(diff, root)
        a, d = [], []
        for i in range(PAIRS):
            first, second = (amend, diff) if i % 2 == 0 else (diff, amend)
            t1, t2 = timed(first, root), timed(second, root)
            (a, d)[first is diff].append(t1)
            (a, d)[second is diff].append(t2)
        ma, md = statistics.median(a), statistics.median(d)
        points = json.loads(out)["points"]
        print(f"base {count} Pasal; wanted: {edits}; {len(points)} points in Pasal I")
        print(f"rancang amend (DOCX)  median {ma:.2f} s  (min {min(a):.2f}, max {max(a):.2f})"
              f"  {'OK' if ma <= 2 else 'OVER'} the 2 s bound")
        print(f"rancang diff --json   median {md:.2f} s  (min {min(d):.2f}, max {max(d):.2f})")
        print(f"ratio amend / diff    {ma / md:.2f}  ({PAIRS} pairs, alternating order)")


if __name__ == "__main__":
    main()
