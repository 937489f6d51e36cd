"""A small clause library and regency written into a temporary folder, for tests that
need one particular clause shape."""
import shutil
import textwrap
from pathlib import Path

from rancang.composition.compose import compose
from rancang.sources.library import load_library
from rancang.sources.regency import load_regency

ROOT = Path(__file__).resolve().parent.parent

DOCUMENT = """\
jenis: Peraturan Bupati
judul: Uji Coba
kop: ["Bupati {{ regency.name }}"]
nama_daerah: "{{ regency.name }}"
nomor: "Nomor {{ regency.perbup.number }} Tahun {{ regency.perbup.year }}"
jabatan: "Bupati {{ regency.name }}"
menimbang:
  - text: bahwa perlu diuji
mengingat: [uud-1945-pasal-18-6]
{ketentuan_umum}
batang_tubuh: [{babs}]
"""

REGENCY = """\
name: Contoh
province: Bengkulu
seat: Kota Contoh
officials: {bupati: Budi, sekretaris_daerah: ...}
perbup: {status: draft, year: 2026}
segments: [pekerja_rentan]
bantuan_iuran: [{target: pekerja_rentan, programmes: [jkk, jkm], source: apbd}]
formation_law: {type: Undang-Undang, number: 1, year: 2000, title: Pembentukan Kabupaten Contoh, ln: {year: 2000, number: 1}, tln: 1, confirmed: true}
"""


def write_library(root: Path, babs: dict, definitions: str | None = None,
                  regency: str = REGENCY) -> Path:
    """babs: {stem: yaml text of the BAB file}."""
    clauses = root / "clauses"
    (clauses / "perbup").mkdir(parents=True, exist_ok=True)
    for name in ("catalogue.yaml", "citations.yaml"):
        shutil.copy(ROOT / "clauses" / name, clauses / name)
    doc = DOCUMENT.replace("{babs}", ", ".join(babs)).replace(
        "{ketentuan_umum}", "ketentuan_umum: definisi.yaml" if definitions else "")
    (clauses / "perbup" / "document.yaml").write_text(doc)
    for stem, text in babs.items():
        (clauses / "perbup" / f"{stem}.yaml").write_text(textwrap.dedent(text))
    if definitions:
        (clauses / "perbup" / "definisi.yaml").write_text(textwrap.dedent(definitions))
    (root / "regencies").mkdir(exist_ok=True)
    (root / "regencies" / "contoh.yaml").write_text(textwrap.dedent(regency))
    return root


def compose_in(root: Path, final: bool = False):
    lib = load_library(root / "clauses", "perbup")
    reg = load_regency(root / "regencies" / "contoh.yaml")
    return compose(lib, reg, final=final)
