"""`rancang init`: a new regency file with every field the documents use, commented in
Indonesian and English, unknowns as explicit placeholders ('...').

The file is made with ruamel.yaml, which quotes what must be quoted (a seat of "- Kota",
a name with ': ') and keeps the comments, and it is read back and validated before it
replaces anything."""
from __future__ import annotations

import io
import json
from pathlib import Path

from rancang.errors import RancangError
from rancang.files import atomic_write_text, make_folder, slug
from rancang.i18n import _
from rancang.sources.regency import PLACEHOLDER, load_regency, schema_in_language
from rancang.sources.workspace import Workspace, display_path

SCHEMA_FILE = "regency.schema.json"
COMMENT_COLUMN = 34

DEFAULT_BANTUAN = [{"target": "pekerja_rentan", "programmes": ["jkk", "jkm"]}]
DEFAULT_SEGMENTS = ["penerima_upah", "bukan_penerima_upah", "jasa_konstruksi",
                    "pekerja_migran", "pekerja_sosial_keagamaan", "pekerja_rentan"]
DEFAULT_OPDS = [{"name": "Dinas Ketenagakerjaan", "groups": [{"name": "Pekerja Rentan"}]}]

# The comments of the file, in both languages: they are part of the file, not messages.
HEADER = """\
yaml-language-server: $schema={schema}
Kabupaten {name} — berkas parameter rancang / rancang regency file

'...' = belum diketahui, tampil sebagai "..." dalam draf; `rancang build --final`
        menolak membangun selama masih ada. / not known yet: shown as "..." in a
        draft; `--final` refuses to build while one is left.
`rancang check {slug}` menampilkan apa yang masih harus diisi. / lists what remains.
"""


def regency_name(raw: str) -> str:
    name = " ".join(raw.split())
    for prefix in ("Kabupaten ", "kabupaten ", "Kab. ", "kab. "):
        if name.startswith(prefix):
            name = name[len(prefix):].strip()
    if not name:
        raise RancangError(_("give the regency's name, e.g. \"Kabupaten Rejang Lebong\""))
    return name


def _open(value):
    """A value the user gave, or the placeholder."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return PLACEHOLDER
    return value.strip() if isinstance(value, str) else value


def _yaml():
    from ruamel.yaml import YAML
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _mapping(rows, flow: bool = False):
    """A YAML mapping from (key, value, comment) rows."""
    from ruamel.yaml.comments import CommentedMap
    out = CommentedMap()
    for key, value, comment in rows:
        out[key] = value
        if comment:
            out.yaml_add_eol_comment(comment, key, column=COMMENT_COLUMN)
    if flow:
        out.fa.set_flow_style()
    return out


def _sequence(items, flow: bool = False):
    from ruamel.yaml.comments import CommentedSeq
    out = CommentedSeq(items)
    if flow:
        out.fa.set_flow_style()
    return out


def regency_document(name: str, province, seat, year: int, choices: dict):
    """The new regency file as a YAML document with its comments. `choices` holds what
    --from copies: Bantuan Iuran, segments, focus, financing scheme and OPD roles."""
    focus = {"kelembagaan": True, "perluasan_kepesertaan": True, "pembiayaan_inklusif": True,
             "literasi": True}
    focus.update(choices.get("focus") or {})
    opds = []
    for opd in choices.get("opds") or DEFAULT_OPDS:
        groups = []
        for group in opd.get("groups") or [{"name": "Pekerja Rentan"}]:
            rows = [("name", group["name"], None), ("count", PLACEHOLDER, None)]
            if group.get("segment"):
                rows.append(("segment", group["segment"], None))
            if group.get("programmes"):
                rows.append(("programmes", _sequence(group["programmes"], flow=True), None))
            groups.append(_mapping(rows, flow=True))
        opds.append(_mapping([
            ("name", opd["name"], None),
            *([("slug", opd["slug"], None)] if opd.get("slug") else []),
            *([("perangkat_daerah", opd["perangkat_daerah"],
                "Perangkat Daerah induknya / the Perangkat Daerah it belongs to")]
              if opd.get("perangkat_daerah") else []),
            ("head", PLACEHOLDER, "nama kepala / name of the head"),
            ("head_nip", PLACEHOLDER, "NIP kepala, 18 angka (Surat Kuasa)"),
            ("groups", _sequence(groups), "kelompok peserta, jumlah / groups, counts"),
            ("pks", _mapping([
                ("number", PLACEHOLDER, "nomor PKS Perangkat Daerah / the OPD's number"),
                ("bpjs_number", PLACEHOLDER, "nomor PKS BPJS Ketenagakerjaan"),
                ("date", PLACEHOLDER, "tanggal penandatanganan, YYYY-MM-DD"),
                ("kuasa", _mapping([
                    ("number", PLACEHOLDER, "nomor Surat Kuasa Bupati / the kuasa's number"),
                    ("date", PLACEHOLDER, "tanggal Surat Kuasa, YYYY-MM-DD"),
                ]), "Surat Kuasa Bupati untuk menandatangani PKS (PP 28/2018 Pasal 13)"),
            ]), None),
        ]))
    doc = _mapping([
        ("name", name, 'tanpa "Kabupaten" / without "Kabupaten"'),
        ("type", "kabupaten", None),
        ("province", _open(province), 'tanpa "Provinsi" / without "Provinsi"'),
        ("seat", _open(seat), "ibu kota: Ditetapkan di / Diundangkan di"),
        ("kode_wilayah", PLACEHOLDER, "kode wilayah Kemendagri, 4 angka / region code, '1702'"),
        ("formation_law", PLACEHOLDER, None),
        ("officials", _mapping([
            ("bupati", PLACEHOLDER, "nama Bupati tanpa gelar / name without titles"),
            ("sekretaris_daerah", PLACEHOLDER, "nama Sekretaris Daerah / name of the Sekda"),
        ]), None),
        ("perbup", _mapping([
            ("status", "draft", "draft | replaces | enacted"),
            ("year", year, None),
        ]), None),
        ("segments", _sequence(choices.get("segments") or DEFAULT_SEGMENTS), None),
        ("bantuan_iuran", _sequence([
            _mapping([("target", b["target"], None),
                      ("programmes", _sequence(b["programmes"], flow=True), None),
                      ("source", "apbd", None)])
            for b in choices.get("bantuan_iuran") or DEFAULT_BANTUAN]), None),
        ("focus", _mapping([
            ("kelembagaan", focus["kelembagaan"], "kelembagaan dan koordinasi lintas sektor"),
            ("perluasan_kepesertaan", focus["perluasan_kepesertaan"],
             "pekerja formal, informal, jasa"),
            ("pembiayaan_inklusif", focus["pembiayaan_inklusif"],
             "sumber pembiayaan di luar APBD"),
            ("literasi", focus["literasi"], "sosialisasi, edukasi, dan literasi"),
        ]), None),
        ("financing", _mapping([
            ("year", year, "tahun anggaran / budget year"),
            ("months", choices.get("months", 12), "jumlah bulan / months paid"),
            ("payment_day", 15, "tanggal pembayaran Iuran tiap bulan / day of payment"),
            ("stated_total", PLACEHOLDER, "anggaran yang diumumkan (Rp) / published budget"),
        ]), None),
        ("participants", _mapping([
            ("rentan_total", PLACEHOLDER, "jumlah Pekerja Rentan yang diumumkan / published"),
        ]), None),
        ("bpjs", _mapping([
            ("office", f"BPJS Ketenagakerjaan Kantor Cabang {name}",
             "kantor cabang / branch office"),
            ("branch", f"Kantor Cabang {name}",
             "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan ..."),
            ("head", PLACEHOLDER, "nama kepala kantor cabang / name of the head"),
            ("position", "Kepala", "Kepala BPJS Ketenagakerjaan Kantor Cabang ..."),
            ("authority", _mapping([
                ("instrument", PLACEHOLDER, "dasar kewenangan kepala cabang / its instrument"),
                ("number", PLACEHOLDER, None),
                ("date", PLACEHOLDER, "YYYY-MM-DD"),
            ]), None),
        ]), None),
        ("opds", _sequence(opds), None),
        ("mou", _mapping([
            ("number_pemda", PLACEHOLDER, "nomor MoU Pemerintah Daerah"),
            ("number_bpjs", PLACEHOLDER, "nomor MoU BPJS Ketenagakerjaan"),
            ("date", PLACEHOLDER, "tanggal penandatanganan, YYYY-MM-DD"),
            ("place", _open(seat), "tempat penandatanganan / place of signing"),
            ("term_years", 3, "jangka waktu (tahun) / term in years"),
        ]), None),
        ("pks", _mapping([
            ("court", PLACEHOLDER, "forum sengketa / the court: Pengadilan Negeri ..."),
        ]), None),
        ("keputusan", _mapping([
            (key, _mapping([("number", PLACEHOLDER, None),
                            ("ditetapkan", PLACEHOLDER, "YYYY-MM-DD")]), comment)
            for key, comment in (("penerima",
                                  "Keputusan Bupati: penerima Bantuan Pembayaran Iuran"),
                                 ("tim", "Keputusan Bupati: Tim Koordinasi"))]), None),
    ])
    doc.yaml_set_start_comment(HEADER.format(schema=SCHEMA_FILE, name=name,
                                             slug=slug(name, "kabupaten")))
    for key, before in [
            ("formation_law", "\nUndang-undang pembentukan kabupaten (Mengingat) / the law "
                              "forming the regency:\n{type: Undang-Undang, number, year, title, "
                              "ln: {year, number}, tln, confirmed}"),
            ("officials", ""),
            ("perbup", "\nRancangan: nomor, tanggal, Berita Daerah diberikan saat penetapan "
                       "(status: enacted)\nA draft has no number until penetapan; then status: "
                       "enacted with number, dates"),
            ("segments", "\nSegmen peserta: program yang wajib atau boleh diikuti setiap "
                         "segmen ditentukan undang-undang (clauses/catalogue.yaml)\n"
                         "Participant segments: see the statutory matrix in "
                         "clauses/catalogue.yaml"),
            ("bantuan_iuran", "\nBantuan Pembayaran Iuran: program yang dibayar Pemda, untuk "
                              "siapa, dari mana / what the Pemda pays"),
            ("focus", "\nBab yang dimuat dalam Raperbup / which parts the draft contains"),
            ("financing", ""),
            ("participants", ""),
            ("bpjs", ""),
            ("opds", "\nPerangkat Daerah yang menandatangani PKS, dengan kelompok pesertanya\n"
                     "The OPDs that sign a PKS, with their participant groups"),
            ("mou", "")]:
        doc.yaml_set_comment_before_after_key(key, before=before or "\n")
    return doc


def render_regency(name: str, province, seat, year: int, choices: dict) -> str:
    """The text of a new regency file."""
    out = io.StringIO()
    _yaml().dump(regency_document(name, province, seat, year, choices), out)
    # ruamel writes the blank lines of a comment as '#'; a blank line reads better
    return "\n".join("" if line == "#" else line for line in out.getvalue().splitlines()) + "\n"


def choices_of(regency_path: Path) -> dict:
    """What `--from` copies: the choices, not the facts."""
    data = load_regency(regency_path).data
    opds = []
    for opd in data.get("opds") or []:
        groups = [{"name": g.get("name") if g.get("name") != PLACEHOLDER else "Pekerja Rentan",
                   "segment": g.get("segment"),
                   "programmes": list(g.get("programmes") or [])}
                  for g in opd.get("groups") or []]
        opds.append({"name": opd["name"], "groups": groups, "slug": opd.get("slug"),
                     "perangkat_daerah": opd.get("perangkat_daerah")})
    financing = data.get("financing") or {}
    months = financing.get("months")
    bantuan = [{"target": str(b["target"]), "programmes": [str(p) for p in b["programmes"]]}
               for b in data.get("bantuan_iuran") or [] if isinstance(b.get("programmes"), list)]
    return {"bantuan_iuran": bantuan, "segments": list(data["segments"]),
            "focus": dict(data.get("focus") or {}),
            "months": months if isinstance(months, int) else 12, "opds": opds}


def init_regency(ws: Workspace, raw_name: str, province: str | None, seat: str | None,
                 year: int, source: str | None, target_dir: Path, force: bool = False) -> Path:
    """Write `target_dir/<slug>.yaml` and the schema beside it. The text is checked
    (read back and validated) before anything is written."""
    name = regency_name(raw_name)
    path = Path(target_dir) / f"{slug(name, 'kabupaten')}.yaml"
    if path.exists() and not force:
        raise RancangError(_("{path} exists already; edit it, or use --force to start it "
                             "again").format(path=display_path(path)))
    choices = choices_of(ws.regency_path(source)) if source else {}
    text = render_regency(name, province, seat, year, choices)
    _check_text(text, path)
    make_folder(Path(target_dir))
    atomic_write_text(Path(target_dir) / SCHEMA_FILE,
                      json.dumps(schema_in_language(), indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(path, text)
    return path


def _check_text(text: str, path: Path) -> None:
    """What we are about to write must read back as a valid regency file."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="rancang-init-") as tmp:
        probe = Path(tmp) / path.name
        probe.write_text(text, encoding="utf-8")
        try:
            load_regency(probe)
        except RancangError as exc:
            raise RancangError(_("the new regency file would not be valid, nothing was "
                                 "written: {problem}").format(problem=exc.problems[0].message),
                               display_path(path)) from None
