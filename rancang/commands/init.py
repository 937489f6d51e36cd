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
    """The text of a new regency file. `choices` holds what --from copies: Bantuan Iuran,
    segments, focus, Bantuan Iuran and OPD roles."""
    bantuan = choices.get("bantuan_iuran") or [{"target": "pekerja_rentan",
                                                "programmes": ["jkk", "jkm"]}]
    segments = choices.get("segments") or ["penerima_upah", "bukan_penerima_upah",
                                           "jasa_konstruksi", "pekerja_migran",
                                           "pekerja_sosial_keagamaan", "pekerja_rentan"]
    focus = {"kelembagaan": True, "perluasan_kepesertaan": True, "pembiayaan_inklusif": True,
             "literasi": True}
    focus.update(choices.get("focus") or {})
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
        "kode_wilayah: ...               # kode wilayah Kemendagri, 4 angka / region code, '1702'",
        "",
        "# Undang-undang pembentukan kabupaten (Mengingat) / the law forming the regency:",
        "# {type: Undang-Undang, number, year, title, ln: {year, number}, tln, confirmed}",
        "formation_law: ...",
        "",
        "officials:",
        "  bupati: ...                    # nama Bupati tanpa gelar / name without titles",
        "  sekretaris_daerah: ...         # nama Sekretaris Daerah / name of the Sekda",
        "",
        "# Rancangan: nomor, tanggal, Berita Daerah diberikan saat penetapan (status: enacted)",
        "# A draft has no number until penetapan; then status: enacted with number, dates",
        "perbup:",
        "  status: draft",
        f"  year: {year}",
        "",
        "# Segmen peserta (clauses/catalogue.yaml): what each must or may join is the law",
        "# Participant segments: see the statutory matrix in clauses/catalogue.yaml",
        "segments:",
        *[f"  - {s}" for s in segments],
        "",
        "# Bantuan Iuran: program yang dibayar Pemda, untuk siapa, dari mana / what the Pemda pays",
        "bantuan_iuran:",
        *[line for b in bantuan for line in (
            f"  - target: {b['target']}",
            f"    programmes: [{', '.join(b['programmes'])}]",
            "    source: apbd")],
        "",
        "# Bab yang dimuat dalam Raperbup / which parts the draft contains",
        "focus:",
        f"  kelembagaan: {_q(focus['kelembagaan'])}            # kelembagaan dan koordinasi lintas sektor",
        f"  perluasan_kepesertaan: {_q(focus['perluasan_kepesertaan'])}  # pekerja formal, informal, jasa",
        f"  pembiayaan_inklusif: {_q(focus['pembiayaan_inklusif'])}    # sumber pembiayaan di luar APBD",
        f"  literasi: {_q(focus['literasi'])}               # sosialisasi, edukasi, dan literasi",
        "",
        "financing:",
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
    bantuan = [{"target": str(b["target"]), "programmes": [str(p) for p in b["programmes"]]}
               for b in data.get("bantuan_iuran") or [] if isinstance(b.get("programmes"), list)]
    return {"bantuan_iuran": bantuan, "segments": list(data["segments"]),
            "focus": dict(data.get("focus") or {}),
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
