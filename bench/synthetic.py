"""Synthetic inputs for the benchmarks: a clause library of any size (BAB files of ten
Pasal each, every Pasal with three ayat, a list of four rincian and references back),
and regency files with many OPDs or many participant groups."""
from __future__ import annotations

import shutil
from pathlib import Path

from rancang.model.bahasa import terbilang

ROOT = Path(__file__).resolve().parent.parent


def write_synthetic(root: Path, pasal_count: int = 150, per_bab: int = 10) -> Path:
    """A copy of the bundled data folders whose Perbup has `pasal_count` more Pasal."""
    for name in ("clauses", "regencies", "templates"):
        shutil.copytree(ROOT / name, root / name, dirs_exist_ok=True)
    perbup = root / "clauses" / "perbup"
    stems = []
    for b in range((pasal_count + per_bab - 1) // per_bab):
        lines = ["bab:", f"  id: sintetis{b}", f"  heading: Ketentuan Sintetis {b + 1}",
                 "  pasal:"]
        for p in range(min(per_bab, pasal_count - b * per_bab)):
            pid = f"s{b}.{p}"
            previous = f"s{b}.{p - 1}" if p else None
            lines += [
                f"    - id: {pid}",
                "      ayat:",
                f"        - id: {pid}.1",
                "          text: >-",
                "            Pemerintah Daerah melaksanakan kegiatan yang berkaitan dengan Program",
                "            Jaminan Sosial Ketenagakerjaan paling sedikit {{ angka(2, 'kali') }}",
                "            dalam {{ angka(1, 'tahun') }}.",
                f"        - id: {pid}.2",
                f"          text: \"Kegiatan sebagaimana dimaksud {{{{ ref('{pid}.1') }}}} meliputi:\"",
                "          rincian:",
                "            join: dan/atau",
                "            items:",
                "              - text: pendataan Pekerja",
                "              - text: pendaftaran Peserta",
                "              - text: sosialisasi kepada Pemberi Kerja",
                "              - text: pelaporan kepada Bupati",
                f"        - id: {pid}.3",
                "          text: >-",
                f"            Pelaksanaan sebagaimana dimaksud {{{{ ref('{pid}.2') }}}}"
                + (f" dan Pasal sebelumnya {{{{ ref('{previous}') }}}}" if previous else "")
                + " dibiayai APBD.",
            ]
        (perbup / f"sintetis{b}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        stems.append(f"sintetis{b}")
    doc = perbup / "document.yaml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("batang_tubuh:\n", "batang_tubuh:\n" + "".join(f"  - {s}\n" for s in stems), 1)
    doc.write_text(text, encoding="utf-8")
    return root


def _regency_with(path: Path, opd_lines: list[str]) -> Path:
    """Serang's regency file with other OPDs (group names without digits: the drafting
    checks read digits in a name as numbers that should be worded)."""
    text = (ROOT / "regencies" / "serang.yaml").read_text(encoding="utf-8")
    text = text[:text.index("opds:\n")] + text[text.index("mou:\n"):]
    text = text.replace("  months: ...", "  months: 12")
    path.write_text(text + "\n".join(["opds:", *opd_lines]) + "\n", encoding="utf-8")
    return path


def _opd_lines(opds: int, name) -> list[str]:
    """`opds` OPDs named name(i), of two participant groups each."""
    lines = []
    for i in range(opds):
        lines += [f"  - name: {name(i)}",
                  "    head: Nama Kepala",
                  "    groups:",
                  f"      - {{name: kelompok {terbilang(i)}, count: {100 + i}}}",
                  f"      - {{name: kelompok {terbilang(i + 1000)}, count: {50 + i}}}"]
    return lines


def many_opds(path: Path, opds: int) -> Path:
    """`opds` OPDs of two participant groups each: one PKS per OPD."""
    return _regency_with(path, _opd_lines(
        # words, not digits: a PKS names its OPD in its Pasal, where a digit needs its words
        opds, lambda i: f"Dinas Sintetis {terbilang(i)} / Bidang Pelayanan Masyarakat"))


def many_groups(path: Path, groups: int) -> Path:
    """One OPD with `groups` participant groups: a PKS whose Lampiran has that many rows."""
    lines = ["  - name: Dinas Sintetis Pelayanan Masyarakat", "    head: Nama Kepala",
             "    groups:"]
    lines += [f"      - {{name: kelompok {terbilang(i)}, count: {100 + i % 50}}}"
              for i in range(groups)]
    return _regency_with(path, lines)


def national(root: Path, regencies: int = 514, opds: int = 30) -> Path:
    """A workspace of `regencies` regency files, each Serang's with its own name and
    `opds` OPDs: Perbup + MoU + one PKS per OPD = opds + 2 documents a regency (514 x 32:
    Indonesia's kabupaten and kota, each with thirty OPDs)."""
    for name in ("clauses", "templates"):
        shutil.copytree(ROOT / name, root / name, dirs_exist_ok=True)
    folder = root / "regencies"
    folder.mkdir(parents=True, exist_ok=True)
    # words, not digits, in names: the MoU lists the OPDs in a Pasal, where the drafting
    # checks want numbers worded
    lines = _opd_lines(opds, lambda i: f"Dinas Sintetis {terbilang(i + 1).title()} "
                                       "Pelayanan Masyarakat")
    template = _regency_with(root / "opds.yaml", lines).read_text(encoding="utf-8")
    (root / "opds.yaml").unlink()
    assert "\nname: Serang\n" in template
    for i in range(regencies):
        name = f"Sintetis {terbilang(i + 1).title()}"
        (folder / f"sintetis-{i + 1:03d}.yaml").write_text(
            template.replace("\nname: Serang\n", f"\nname: {name}\n", 1), encoding="utf-8")
    return root
