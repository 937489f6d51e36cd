"""A synthetic clause library of any size, for benchmarks: BAB files of ten Pasal each,
every Pasal with three ayat, a list of four rincian and references back."""
from __future__ import annotations

import shutil
from pathlib import Path

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
