"""`rancang init`: a new regency file with every field the clause library needs,
commented in Indonesian and English, unknowns as explicit placeholders ('...')."""
from __future__ import annotations

import json
from pathlib import Path

from rancang.errors import RancangError
from rancang.files import atomic_write_text
from rancang.sources.loader import load_yaml
from rancang.sources.regency import REGENCY_SCHEMA, load_regency, slugify
from rancang.sources.workspace import Workspace, display_path

SCHEMA_FILE = "regency.schema.json"


def _q(value) -> str:
    """A YAML scalar: '...' stays a plain placeholder, text is quoted when it must be."""
    if value is None or value == "...":
        return "..."
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text == "" or any(c in text for c in ":#{}[],&*!|>'\"%@`") or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    return text


def regency_name(raw: str) -> str:
    name = raw.strip()
    for prefix in ("Kabupaten ", "kabupaten ", "Kab. "):
        if name.startswith(prefix):
            name = name[len(prefix):]
    if not name:
        raise RancangError("give the regency's name, e.g. \"Kabupaten Rejang Lebong\"")
    return name


def render_regency(name: str, province: str | None, seat: str | None, year: int,
                   choices: dict) -> str:
    """The text of a new regency file. `choices` holds what --from copies: programmes,
    segments, focus, financing scheme and OPD roles."""
    programmes = choices.get("programmes") or ["jkk", "jkm", "jht", "jp", "jkp"]
    segments = choices.get("segments") or ["penerima_upah", "bukan_penerima_upah",
                                           "jasa_konstruksi", "pekerja_migran",
                                           "pekerja_sosial_keagamaan", "pekerja_rentan"]
    focus = {"kelembagaan": True, "perluasan_kepesertaan": True, "pembiayaan_inklusif": True,
             "literasi": True}
    focus.update(choices.get("focus") or {})
    apbd = choices.get("apbd", True)
    months = choices.get("months", 12)
    opds = choices.get("opds") or []
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Kabupaten {name} — berkas parameter rancang / rancang regency file",
        "#",
        "# '...' = belum diketahui, tampil sebagai \"...\" dalam draf; `rancang build --final`",
        "#         menolak membangun selama masih ada. / not known yet: shown as \"...\" in a",
        "#         draft; `--final` refuses to build while one is left.",
        "# `rancang check <slug>` menampilkan apa yang masih harus diisi. / lists what remains.",
        "",
        f"name: {_q(name)}                # tanpa \"Kabupaten\" / without \"Kabupaten\"",
        "type: kabupaten",
        f"province: {_q(province)}        # tanpa \"Provinsi\" / without \"Provinsi\"",
        f"seat: {_q(seat)}                # ibu kota: Ditetapkan di / Diundangkan di",
        "",
        "officials:",
        "  bupati: ...                    # nama Bupati tanpa gelar / name without titles",
        "  sekretaris_daerah: ...         # nama Sekretaris Daerah / name of the Sekda",
        "",
        "perbup:",
        "  number: ...                    # nomor Peraturan Bupati / number of the Perbup",
        f"  year: {year}",
        "  ditetapkan: ...                # tanggal penetapan, YYYY-MM-DD / date enacted",
        "  diundangkan: ...               # tanggal pengundangan, YYYY-MM-DD / date promulgated",
        "  berita_daerah: ...             # nomor Berita Daerah / Berita Daerah number",
        "",
        "# Program (jkk, jkm, jht, jp, jkp) dan segmen peserta: clauses/catalogue.yaml",
        "# Programmes and participant segments: see clauses/catalogue.yaml",
        f"programmes: [{', '.join(programmes)}]",
        "segments:",
        *[f"  - {s}" for s in segments],
        "",
        "# Bab yang dimuat dalam Raperbup / which parts the draft contains",
        "focus:",
        f"  kelembagaan: {_q(focus['kelembagaan'])}            # kelembagaan dan koordinasi lintas sektor",
        f"  perluasan_kepesertaan: {_q(focus['perluasan_kepesertaan'])}  # pekerja formal, informal, jasa",
        f"  pembiayaan_inklusif: {_q(focus['pembiayaan_inklusif'])}    # sumber pembiayaan di luar APBD",
        f"  literasi: {_q(focus['literasi'])}               # sosialisasi, edukasi, dan literasi",
        "",
        "financing:",
        f"  apbd: {_q(apbd)}                     # APBD membayar Iuran Pekerja Rentan / the APBD pays",
        f"  year: {year}                     # tahun anggaran / budget year",
        f"  months: {_q(months)}                     # jumlah bulan / months paid",
        "  stated_total: ...              # anggaran yang diumumkan (Rp) / published budget",
        "",
        "participants:",
        "  rentan_total: ...              # jumlah Pekerja Rentan yang dibiayai / APBD-paid workers",
        "",
        "bpjs:",
        f"  office: BPJS Ketenagakerjaan Cabang {name}   # kantor cabang / branch office",
        "  head: ...                      # nama kepala kantor cabang / name of the head",
        "  position: Kepala Kantor Cabang",
        "",
        "# Perangkat Daerah yang menandatangani PKS, dengan kelompok pesertanya",
        "# The OPDs that sign a PKS, with their participant groups",
        "opds:",
    ]
    if not opds:
        opds = [{"name": "Dinas Ketenagakerjaan", "groups": [{"name": "Pekerja Rentan"}]}]
    for opd in opds:
        lines += [f"  - name: {_q(opd['name'])}",
                  "    head: ...                  # nama kepala / name of the head",
                  "    groups:"]
        for group in opd.get("groups") or [{"name": "Pekerja Rentan"}]:
            extra = ""
            if group.get("segment"):
                extra += f", segment: {group['segment']}"
            if group.get("programmes"):
                extra += f", programmes: [{', '.join(group['programmes'])}]"
            lines.append(f"      - {{name: {_q(group['name'])}, count: ...{extra}}}")
    lines += [
        "",
        "mou:",
        "  number_pemda: ...              # nomor MoU Pemerintah Daerah",
        "  number_bpjs: ...               # nomor MoU BPJS Ketenagakerjaan",
        "  date: ...                      # tanggal penandatanganan, YYYY-MM-DD",
        f"  place: {_q(seat)}",
        "",
    ]
    return "\n".join(lines)


def choices_of(regency_path: Path) -> dict:
    """What `--from` copies: the choices, not the facts."""
    data = load_regency(regency_path).data
    opds = []
    for opd in data.get("opds") or []:
        groups = [{"name": g.get("name") if g.get("name") != "..." else "Pekerja Rentan",
                   "segment": g.get("segment"),
                   "programmes": list(g.get("programmes") or [])}
                  for g in opd.get("groups") or []]
        opds.append({"name": opd["name"], "groups": groups})
    financing = data.get("financing") or {}
    months = financing.get("months")
    return {"programmes": list(data["programmes"]), "segments": list(data["segments"]),
            "focus": dict(data.get("focus") or {}), "apbd": bool(financing.get("apbd", False)),
            "months": months if isinstance(months, int) else 12, "opds": opds}


def init_regency(ws: Workspace, raw_name: str, province: str | None, seat: str | None,
                 year: int, source: str | None, target_dir: Path, force: bool = False) -> Path:
    name = regency_name(raw_name)
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"{slugify(name)}.yaml"
    if path.exists() and not force:
        raise RancangError(f"{display_path(path)} exists already; edit it, or use --force to "
                           "start it again")
    choices = choices_of(ws.regency_path(source)) if source else {}
    text = render_regency(name, province, seat, year, choices)
    atomic_write_text(target_dir / SCHEMA_FILE, json.dumps(REGENCY_SCHEMA, indent=2,
                                                           ensure_ascii=False) + "\n")
    atomic_write_text(path, text)
    load_yaml(path)     # what we wrote must read back
    return path
