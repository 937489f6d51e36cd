"""The participant list: the Pekerja Rentan a regency pays for, read from the bureau's
XLSX or CSV and checked row by row against the NIK rules and the regency file.

    from rancang.readers.participants import read_participants
    plist = read_participants("peserta.xlsx", regency)            # a Regency (sources.regency)
    plist.rows            # [Participant]: row, name, nik (masked), address, village, opd, group
    plist.findings        # [ParticipantProblem]: Problem with code, where (file:row), severity
    plist.errors(), plist.warnings()
    plist.counts()        # {(opd_slug, group_name): n}, the keys of composition.finance.Group
    plist.by_opd()        # {opd_slug: [Participant]} in the list's order

`read_participants(path, regency, *, reference_date=None, limits=None, region_code=None)`

- The file: `.xlsx`/`.xlsm` (openpyxl, read-only streaming) or `.csv`/`.txt` (UTF-8 with or
  without BOM; `,`, `;` or tab, detected from the header). The header is the first of the
  first 10 rows of a sheet that names the columns; its words are matched case, spacing and
  punctuation insensitive: Nama, NIK, Alamat, Desa/Kelurahan (optional), Perangkat
  Daerah/OPD, Kelompok (or name, nik, address, village, opd, group). Other columns are
  ignored. Row numbers are the rows as Excel shows them (header in row 1 -> first
  participant in row 2).
- A file that cannot be a participant list (not XLSX or CSV, encrypted, .xls, another
  encoding, empty, more than MAX_ROWS rows, a cell longer than MAX_CELL_CHARS, a column
  missing) raises RancangError: nothing is returned.
- Each row is checked; each problem is a ParticipantProblem with its row. `error`: the row
  cannot be a participant as it stands (NIK not 16 digits, stored as a number that lost
  digits, district 00, no valid date of birth, age outside the limits, NIK twice, unknown
  OPD or group, no name). `warning`: worth a look, not disqualifying (a NIK issued outside
  the regency - NIKs do not follow a move; no address; the count of a group differs from
  the regency file's `opds[].groups[].count`, where the list is the better figure).
- `reference_date` is the date ages are computed on: by default the regency's
  `financing.start`, else 1 January of `financing.year`, else today. `region_code` (4
  digits: province + regency, "1702" for Rejang Lebong) defaults to the regency file's
  `kode_wilayah`; without either the region is not checked (one warning says so). `limits`
  (load_limits) defaults to clauses/participants.yaml of the workspace.
- counts() and by_opd() take every row whose OPD and group are known, errors included: a
  duplicate NIK counts twice, which is the double funding its error reports.

A NIK is personal data. It never appears in full in a message, str() or repr(): every
finding shows mask_nik() (all but the last 4 digits masked), and other cell text quoted in
a message has any long run of digits masked too. Participant.nik is the masked form; the
only way to the full NIK is Participant.nik_for_lampiran(), for the Keputusan's Lampiran.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import jsonschema

from rancang.errors import Problem, RancangError, os_reason
from rancang.i18n import _, ngettext
from rancang.model import bahasa
from rancang.model.tree import Source
from rancang.files import package_problem, slug
from rancang.sources.loader import YamlList, YamlMap, load_yaml
from rancang.sources.regency import PLACEHOLDER, Regency, _locate, schema_message
from rancang.sources.workspace import Workspace, display_path

MAX_ROWS = 100_000            # rows read from a sheet or CSV, header and blank rows included
MAX_CELL_CHARS = 2_000        # an address is a few dozen; more is not a participant list
MAX_CSV_LINE_BYTES = 64 * 1024
MAX_SHARED_STRINGS_BYTES = 100 * 2**20   # openpyxl keeps the workbook's text table in memory
HEADER_SEARCH_ROWS = 10

# Column keys and the header words a bureau types for them, compared as slugs
# ("Desa / Kelurahan" -> "desa-kelurahan").
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("nama", "nama-lengkap", "nama-peserta", "nama-pekerja", "name"),
    "nik": ("nik", "no-nik", "nomor-nik", "nik-ktp", "nik-peserta", "nomor-induk-kependudukan",
            "no-induk-kependudukan"),
    "address": ("alamat", "alamat-lengkap", "alamat-peserta", "address"),
    "village": ("desa-kelurahan", "kelurahan-desa", "desa-kel", "kel-desa", "desa", "kelurahan",
                "village"),
    "opd": ("perangkat-daerah-opd", "opd-perangkat-daerah", "perangkat-daerah", "opd",
            "nama-opd", "opd-pengampu"),
    "group": ("kelompok", "kelompok-peserta", "kelompok-pekerja", "kelompok-sasaran", "group"),
}
REQUIRED = ("name", "nik", "address", "opd", "group")
# The header word shown in messages, as the bureau's own template would have it.
COLUMN_LABELS = {"name": "Nama", "nik": "NIK", "address": "Alamat", "village": "Desa/Kelurahan",
                 "opd": "Perangkat Daerah/OPD", "group": "Kelompok"}
_ALIASES = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}

_DIGITS = re.compile(r"\d+")
_LONG_DIGITS = re.compile(r"\d{10,}")
_SCIENTIFIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+$")
_INVISIBLE = dict.fromkeys(map(ord, "\u00a0\u200b\u200c\u200d\ufeff\u2007\u202f"), " ")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # OLE compound file: .xls or encrypted


def mask_nik(nik: str) -> str:
    """All but the last 4 characters masked: '1702014501900001' -> '************0001'.
    Four characters or fewer are masked entirely."""
    text = str(nik)
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


def scrub(text: str) -> str:
    """Cell text for a message: any run of 10 or more digits (a NIK in the wrong column)
    masked, and cut to 80 characters."""
    text = _LONG_DIGITS.sub(lambda m: mask_nik(m.group()), str(text))
    return text if len(text) <= 80 else text[:77] + "..."


# --- the rules of clauses/participants.yaml -----------------------------------------------

@dataclass(frozen=True)
class AgeLimit:
    min: int
    max: int
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Limits:
    """Who BPJS Ketenagakerjaan accepts, per segment, and how a NIK issued outside the
    regency is reported ('error' or 'warning')."""
    age: dict[str, AgeLimit]
    outside_region: str = "warning"
    outside_region_confirmed: bool = False
    source_file: str = ""


_LIMITS_SCHEMA = {
    "type": "object",
    "required": ["age_limits", "nik"],
    "additionalProperties": False,
    "properties": {
        "age_limits": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["segments", "min", "max", "source", "confirmed"],
            "properties": {
                "segments": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "min": {"type": "integer", "minimum": 0, "maximum": 150},
                "max": {"type": "integer", "minimum": 0, "maximum": 150},
                "source": {"type": "string", "minLength": 1},
                "confirmed": {"type": "boolean"},
            }}},
        "nik": {
            "type": "object", "additionalProperties": False,
            "required": ["outside_region", "outside_region_source", "outside_region_confirmed"],
            "properties": {
                "structure_source": {"type": "string"},
                "structure_confirmed": {"type": "boolean"},
                "outside_region": {"enum": ["error", "warning"]},
                "outside_region_source": {"type": "string", "minLength": 1},
                "outside_region_confirmed": {"type": "boolean"},
            }},
    },
}


def load_limits(path: Path) -> Limits:
    """clauses/participants.yaml (or the file `path`), validated: a mistake is a
    RancangError naming the file and line."""
    path = Path(path)
    if path.is_dir():
        path = path / "participants.yaml"
    display = display_path(path)
    data = load_yaml(path, display)
    validator = jsonschema.Draft202012Validator(_LIMITS_SCHEMA)
    error = next(iter(sorted(validator.iter_errors(data if isinstance(data, dict) else None),
                             key=lambda e: [str(p) for p in e.absolute_path])), None)
    if error is not None:
        field_name = ".".join(str(p) for p in error.absolute_path) or _("(top level)")
        raise RancangError(_("field '{field}': {problem}").format(field=field_name,
                                                                  problem=schema_message(error)),
                           _locate(data, list(error.absolute_path)) or display)
    age: dict[str, AgeLimit] = {}
    for i, entry in enumerate(data["age_limits"]):
        if entry["min"] > entry["max"]:
            raise RancangError(_("the age limit's min ({min}) is above its max ({max})").format(
                min=entry["min"], max=entry["max"]), _locate(data, ["age_limits", i]))
        for segment in entry["segments"]:
            age[segment] = AgeLimit(entry["min"], entry["max"], " ".join(entry["source"].split()),
                                    entry["confirmed"])
    nik = data["nik"]
    return Limits(age, nik["outside_region"], nik["outside_region_confirmed"], display)


# --- the records ----------------------------------------------------------------------------

class Participant:
    """One row of the list. `nik` is masked; `nik_for_lampiran()` gives the full NIK, for
    the one place it is printed. `opd` is the OPD's slug, `opd_name` and `group` its name
    and the group's name as the regency file writes them (None when not found there)."""
    __slots__ = ("row", "name", "_nik", "address", "village", "opd", "opd_name", "group",
                 "segment", "birth_date", "sex")

    def __init__(self, row: int, name: str, nik: str, address: str, village: str):
        self.row = row
        self.name = name
        self._nik = nik
        self.address = address
        self.village = village
        self.opd: str | None = None
        self.opd_name: str | None = None
        self.group: str | None = None
        self.segment: str | None = None
        self.birth_date: dt.date | None = None
        self.sex: str | None = None          # 'L' or 'P', from the NIK's date part

    @property
    def nik(self) -> str:
        return mask_nik(self._nik)

    def nik_for_lampiran(self) -> str:
        """The full NIK: only for the Lampiran of the Keputusan Bupati."""
        return self._nik

    def __repr__(self) -> str:
        return (f"Participant(row={self.row}, nik={self.nik!r}, name={self.name!r}, "
                f"opd={self.opd!r}, group={self.group!r})")

    __str__ = __repr__


@dataclass
class ParticipantProblem(Problem):
    """A finding about the list: a Problem (message, where, code) with its severity."""
    severity: str = "error"


@dataclass
class ParticipantList:
    path: Path
    rows: list[Participant]
    findings: list[ParticipantProblem]
    reference_date: dt.date
    region_code: str | None
    limits: Limits = field(repr=False)

    def errors(self) -> list[ParticipantProblem]:
        return [f for f in self.findings if f.severity == "error"]

    def warnings(self) -> list[ParticipantProblem]:
        return [f for f in self.findings if f.severity == "warning"]

    def counts(self) -> dict[tuple[str, str], int]:
        return _count(self.rows)

    def by_opd(self) -> dict[str, list[Participant]]:
        out: dict[str, list[Participant]] = {}
        for p in self.rows:
            if p.opd is not None and p.group is not None:
                out.setdefault(p.opd, []).append(p)
        return out

    def __repr__(self) -> str:
        return (f"ParticipantList(path={str(self.path)!r}, rows={len(self.rows)}, "
                f"errors={len(self.errors())}, warnings={len(self.warnings())})")


# --- reading the file -------------------------------------------------------------------------

def _clean(value) -> str:
    """A cell as text: spaces collapsed, invisible spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return " ".join(text.translate(_INVISIBLE).split())


def _column_key(header) -> str | None:
    return _ALIASES.get(slug(_clean(header)))


def _header_map(cells, where: Source) -> dict[str, int] | None:
    """{column key: index} when `cells` is a header row (two or more known words), else
    None. A header missing a required column, or naming one twice, is an error."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = _column_key(cell)
        if key is None:
            continue
        if key in found:
            raise RancangError(_("the column {column} appears twice in the header (columns {a} "
                                 "and {b})").format(column=COLUMN_LABELS[key],
                                                    a=_column_letter(found[key]),
                                                    b=_column_letter(i)), where)
        found[key] = i
    if len(found) < 2:
        return None
    missing = [COLUMN_LABELS[k] for k in REQUIRED if k not in found]
    if missing:
        raise RancangError(ngettext(
            "the header has no column {columns} (found: {found})",
            "the header has no columns {columns} (found: {found})", len(missing)).format(
                columns=", ".join(missing),
                found=", ".join(COLUMN_LABELS[k] for k in found)), where)
    return found


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _no_header(display: str) -> RancangError:
    return RancangError(_("no header row in the first {n} rows: a participant list has the "
                          "columns {columns}").format(
        n=HEADER_SEARCH_ROWS, columns=", ".join(COLUMN_LABELS[k] for k in REQUIRED)), display)


def _too_many_rows(display: str) -> RancangError:
    return RancangError(_("the list has more than {n} rows; split it or remove the empty rows "
                          "below it").format(n=bahasa.format_angka(MAX_ROWS)), display)


def _find_header(rows: Iterator[tuple[int, tuple]], display: str):
    """Reads up to HEADER_SEARCH_ROWS rows; returns (header map, the rest of `rows`) or None."""
    for number, cells in rows:
        header = _header_map(cells, Source(display, number))
        if header is not None:
            return header, rows
        if number >= HEADER_SEARCH_ROWS:
            break
    return None


def _sniff_kind(path: Path, display: str) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise RancangError(_("file not found"), display) from None
    except IsADirectoryError:
        raise RancangError(_("a folder, not a file"), display) from None
    except OSError as exc:
        raise RancangError(_("cannot read the file: {reason}").format(
            reason=os_reason(exc)), display) from None
    if not head:
        raise RancangError(_("the file is empty"), display)
    suffix = path.suffix.lower()
    if head.startswith(_CFB_MAGIC):
        with open(path, "rb") as fh:
            data = fh.read(4 * 2**20)       # the directory of a small compound file
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise RancangError(_("the workbook is protected with a password: open it in Excel, "
                                 "remove the password (File > Info > Protect Workbook) and "
                                 "save it again"), display)
        raise RancangError(_("an Excel 97-2003 workbook (.xls): save it as an Excel Workbook "
                             "(.xlsx) or as CSV UTF-8"), display)
    if head.startswith(b"PK"):
        return "xlsx"
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise RancangError(_("not an Excel workbook although named {suffix}: save the list as "
                             "an Excel Workbook (.xlsx) or as CSV UTF-8").format(suffix=suffix),
                           display)
    return "csv"


# XLSX ------------------------------------------------------------------------------------

def _check_package(path: Path, display: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = {i.filename: i for i in zf.infolist()}
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as fh:
                    mimetype = fh.read(100)
    except (zipfile.BadZipFile, OSError):
        raise RancangError(_("the workbook is damaged or of another kind (not a zip "
                             "package)"), display) from None
    if b"opendocument.spreadsheet" in mimetype:
        raise RancangError(_("an OpenDocument spreadsheet (.ods): save it as an Excel Workbook "
                             "(.xlsx) or as CSV UTF-8"), display)
    if "xl/workbook.xml" not in names:
        raise RancangError(_("not an Excel workbook: the package has no xl/workbook.xml (a "
                             "Word or other Office file?)"), display)
    if _stored_rows(path) > MAX_ROWS:
        raise _too_many_rows(display)
    problem = package_problem(path, "xl/workbook.xml")
    if problem:
        raise RancangError(problem, display)
    shared = names.get("xl/sharedStrings.xml")
    if shared is not None and shared.file_size > MAX_SHARED_STRINGS_BYTES:
        raise RancangError(_("the workbook's text is larger than {mb} MB: far more than a "
                             "participant list").format(mb=MAX_SHARED_STRINGS_BYTES // 2**20),
                           display)


_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"')


def _stored_rows(path: Path) -> int:
    """The most rows a sheet says it has (its <dimension>, near the start of its XML): a
    huge list is refused before the package is unpacked. The dimension may be wrong or
    missing; the rows read are bounded again while reading."""
    most = 0
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                try:
                    with zf.open(info) as fh:
                        head = fh.read(4096)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
                    continue                    # package_problem names the damage
                m = _DIMENSION.search(head)
                if m:
                    most = max(most, int(m.group(1)))
    return most


def _unreadable(display: str, exc: Exception) -> RancangError:
    return RancangError(_("the workbook cannot be read, it may be damaged ({kind})").format(
        kind=type(exc).__name__), display)


def _xlsx_rows(path: Path, display: str):
    """(header map, rows iterator of (row number, cells), closer) of the first sheet with a
    header."""
    import openpyxl            # 80 ms of import: only when a workbook is read

    _check_package(path, display)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")      # "no default style" and the like
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except RancangError:
        raise
    except Exception as exc:   # noqa: BLE001 - any failure of the parser is a damaged file
        raise _unreadable(display, exc) from None
    try:
        for ws in wb.worksheets:
            if not hasattr(ws, "reset_dimensions"):      # a chart sheet
                continue
            # the stored dimension may be wrong (other tools write A1): read every row
            ws.reset_dimensions()
            rows = _guarded(enumerate(ws.iter_rows(values_only=True), start=1), display)
            found = _find_header(rows, display)
            if found is not None:
                return found[0], found[1], wb.close
            rows.close()
    except BaseException:
        wb.close()
        raise
    wb.close()
    raise _no_header(display)


def _guarded(rows: Iterable[tuple[int, tuple]], display: str) -> Iterator[tuple[int, tuple]]:
    try:
        for number, cells in rows:
            if number > MAX_ROWS:
                raise _too_many_rows(display)
            yield number, cells
    except RancangError:
        raise
    except Exception as exc:   # noqa: BLE001 - XML or zip trouble deep inside openpyxl
        raise _unreadable(display, exc) from None


# CSV -------------------------------------------------------------------------------------

def _csv_lines(fh, display: str) -> Iterator[str]:
    number = 0
    while True:
        raw = fh.readline(MAX_CSV_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_CSV_LINE_BYTES:
            raise RancangError(_("line {line} is longer than {kb} KB: not a participant "
                                 "list").format(line=number, kb=MAX_CSV_LINE_BYTES // 1024),
                               display)
        if number == 1:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise RancangError(_("UTF-16 text (Excel's 'Unicode Text'): save the list as "
                                     "'CSV UTF-8 (Comma delimited)'"), display)
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RancangError(_("line {line} is not UTF-8 text: in Excel save the list as "
                                 "'CSV UTF-8 (Comma delimited)'").format(line=number),
                               display) from None


def _csv_delimiter(line: str) -> str | None:
    """The delimiter under which `line` is a header: `;` (Excel in an Indonesian locale),
    `,` or tab."""
    best, best_count = None, 1
    for delimiter in (";", ",", "\t"):
        cells = next(csv.reader([line], delimiter=delimiter), [])
        count = sum(1 for c in cells if _column_key(c) is not None)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _too_many_lines(path: Path) -> bool:
    """More lines than two per allowed row (an address may take two): refused before a
    single row is checked."""
    lines = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(2**20), b""):
            lines += chunk.count(b"\n")
            if lines > 2 * MAX_ROWS:
                return True
    return False


def _csv_rows(path: Path, display: str):
    if _too_many_lines(path):
        raise _too_many_rows(display)
    fh = open(path, "rb")
    try:
        lines = _csv_lines(fh, display)
        for number, line in enumerate(lines, start=1):
            delimiter = _csv_delimiter(line)
            if delimiter is not None:
                header = _header_map(next(csv.reader([line], delimiter=delimiter)),
                                     Source(display, number))
                break
            if number >= HEADER_SEARCH_ROWS:
                raise _no_header(display)
        else:
            raise _no_header(display)
        # csv reads quoted fields that span lines as one row, as Excel shows them
        records = csv.reader(lines, delimiter=delimiter)
        rows = _csv_records(records, number, display)
    except BaseException:
        fh.close()
        raise
    return header, rows, fh.close


def _csv_records(records, header_row: int, display: str) -> Iterator[tuple[int, list]]:
    number = header_row
    try:
        for cells in records:
            number += 1
            if number > MAX_ROWS:
                raise _too_many_rows(display)
            yield number, cells
    except csv.Error as exc:
        raise RancangError(_("row {row} cannot be read as CSV ({reason})").format(
            row=number + 1, reason=exc), display) from None


# --- checking ---------------------------------------------------------------------------------

@dataclass
class _Context:
    display: str
    findings: list[ParticipantProblem]

    def add(self, code: str, message: str, row: int | Source | None,
            severity: str = "error") -> None:
        where = row if isinstance(row, Source) or row is None else Source(self.display, row)
        self.findings.append(ParticipantProblem(message, where, code, severity))


def _nik_text(value) -> tuple[str | None, str | None]:
    """(the NIK as digits, or None; the code of its problem, or None)."""
    if isinstance(value, bool):
        return None, "nik-format"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (not value.is_integer() or value >= 2**53):
            return None, "nik-number"
        digits = str(int(value))
        # Excel keeps 15 significant digits of a number: a 16-digit NIK typed into a number
        # cell has lost its last digit, which Excel writes as 0
        if len(digits) >= 16 and digits.endswith("0"):
            return digits, "nik-number"
        return digits, None
    text = _clean(value).lstrip("'")
    if not text:
        return None, "nik-empty"
    if _SCIENTIFIC.match(text):
        return None, "nik-scientific"
    text = text.replace(" ", "")
    if not text.isdigit() or not text.isascii():
        return text, "nik-format"
    return text, None


def _birth_date(nik: str, reference: dt.date) -> tuple[dt.date | None, str | None, str]:
    """(date of birth, 'L'/'P', why not) from digits 7-12 (DDMMYY, women: day + 40). The
    century is the later one that is not after the reference date."""
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        day, sex = day - 40, "P"
    if not 1 <= month <= 12:
        return None, None, _("month {month} does not exist").format(month=month)
    if not 1 <= day <= 31:
        return None, None, _("day {day} does not exist (women: day + 40)").format(day=int(nik[6:8]))
    valid = False
    for year in (2000 + yy, 1900 + yy):
        try:
            born = dt.date(year, month, day)
        except ValueError:
            continue
        valid = True
        if born <= reference:
            return born, sex, ""
    if valid:
        return None, None, _("it is after {date}").format(date=bahasa.tanggal(reference))
    return None, None, _("{month} has no day {day}").format(month=bahasa.BULAN[month - 1],
                                                            day=day)


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:5])
    if len(rows) > 5:
        return ngettext("{shown} and {n} more row", "{shown} and {n} more rows",
                        len(rows) - 5).format(shown=shown, n=bahasa.format_angka(len(rows) - 5))
    return shown


class _Group(NamedTuple):
    name: str
    segment: str
    count: int | None           # as the regency file states it; None when '...'
    where: Source | None


@dataclass
class _Opd:
    slug: str
    name: str
    groups: dict[str, _Group]   # by the slug of the group's name


def _regency_opds(regency: Regency) -> list[_Opd]:
    out = []
    for spec in regency.data.get("opds") or []:
        if not isinstance(spec, dict):
            continue
        name = str(spec.get("name", ""))
        opd = _Opd(str(spec.get("slug") or slug(name)), name, {})
        groups = spec.get("groups") or []
        for i, g in enumerate(groups):
            gname = g.get("name")
            if not gname or gname == PLACEHOLDER:
                continue
            count = g.get("count")
            where = (Source(groups.source.file, groups.lines[i])
                     if isinstance(groups, YamlList) else None)
            opd.groups.setdefault(slug(str(gname)), _Group(
                str(gname), str(g.get("segment", "pekerja_rentan")),
                count if isinstance(count, int) and not isinstance(count, bool) else None, where))
        out.append(opd)
    return out


def _default_reference(regency: Regency) -> dt.date:
    fin = regency.data.get("financing")
    if isinstance(fin, dict):
        start = fin.get("start")
        if start not in (None, PLACEHOLDER):
            try:
                return bahasa.as_date(start)
            except (TypeError, ValueError):
                pass
        year = fin.get("year")
        if isinstance(year, int) and not isinstance(year, bool):
            return dt.date(year, 1, 1)
    return dt.date.today()


def _region(regency: Regency, region_code) -> str | None:
    code = region_code if region_code is not None else regency.data.get("kode_wilayah")
    if code in (None, PLACEHOLDER, ""):
        return None
    code = str(code).strip().replace(".", "")
    if not (len(code) == 4 and code.isdigit() and code.isascii()):
        raise RancangError(_("the region code must be 4 digits (province and regency, e.g. "
                             "1702), got {code!r}").format(code=scrub(code)),
                           regency.data.where("kode_wilayah")
                           if isinstance(regency.data, YamlMap) and region_code is None
                           else None)
    return code


def read_participants(path, regency: Regency, *, reference_date: dt.date | None = None,
                      limits: Limits | None = None,
                      region_code: str | None = None) -> ParticipantList:
    """Read and check a participant list; see the module docstring."""
    path = Path(path)
    display = display_path(path)
    if limits is None:
        limits = load_limits(Workspace.discover().clause_dir("participants.yaml"))
    reference = reference_date or _default_reference(regency)
    region = _region(regency, region_code)
    kind = _sniff_kind(path, display)
    header, rows, close = (_xlsx_rows if kind == "xlsx" else _csv_rows)(path, display)
    ctx = _Context(display, [])
    try:
        participants = _check_rows(rows, header, regency, reference, region, limits, ctx)
    finally:
        close()
    if not participants:
        raise RancangError(_("the list has a header but no participants under it"), display)
    return ParticipantList(path, participants, ctx.findings, reference, region, limits)


def _check_rows(rows, header, regency, reference, region, limits, ctx) -> list[Participant]:
    opds = _regency_opds(regency)
    opd_index: dict[str, _Opd] = {}
    for opd in opds:
        opd_index.setdefault(opd.slug, opd)
        opd_index.setdefault(slug(opd.name), opd)
    group_owner: dict[str, list[str]] = {}
    for opd in opds:
        for gslug in opd.groups:
            group_owner.setdefault(gslug, []).append(opd.name)
    columns = [(key, header[key]) for key in COLUMNS if key in header]
    slugs: dict[str, str] = {}          # the same OPD and group names on thousands of rows

    def slug_of(text: str) -> str:
        if text not in slugs:
            slugs[text] = slug(text)
        return slugs[text]

    unknown_opd: dict[str, list[int]] = {}
    unknown_group: dict[tuple[str, str], list[int]] = {}
    no_address: list[int] = []
    first_row_of: dict[str, Participant] = {}
    out: list[Participant] = []
    region_msg_args = {"expected": region, "regency": regency.display_name}
    outside_note = "" if limits.outside_region_confirmed else _(" (rule not confirmed)")
    age_note = (_(" (limits not confirmed: see {file})").format(file=limits.source_file)
                if limits.source_file else _(" (limits not confirmed)"))
    for number, cells in rows:
        values = {}
        for key, index in columns:
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise RancangError(_("the {column} cell is longer than {n} characters: not a "
                                     "participant list?").format(
                    column=COLUMN_LABELS[key], n=bahasa.format_angka(MAX_CELL_CHARS)),
                    Source(ctx.display, number))
            values[key] = value
        texts = {k: _clean(v) for k, v in values.items() if k != "nik"}
        if not any(texts.values()) and not _clean(values.get("nik")):
            continue                                   # a blank row
        nik, nik_problem = _nik_text(values.get("nik"))
        p = Participant(number, texts.get("name", ""), nik or "", texts.get("address", ""),
                        texts.get("village", ""))
        out.append(p)
        if not p.name:
            ctx.add("name-empty", _("the name is empty"), number)
        if not p.address:
            no_address.append(number)
        # OPD and group, as the regency file names them
        opd_text, group_text = texts.get("opd", ""), texts.get("group", "")
        opd = opd_index.get(slug_of(opd_text)) if opd_text else None
        if opd is None:
            unknown_opd.setdefault(opd_text, []).append(number)
        else:
            p.opd, p.opd_name = opd.slug, opd.name
            group = opd.groups.get(slug_of(group_text)) if group_text else None
            if group is None:
                unknown_group.setdefault((opd.slug, group_text), []).append(number)
            else:
                p.group, p.segment = group.name, group.segment
        # the NIK
        masked = mask_nik(nik) if nik else ""
        if nik_problem == "nik-empty":
            ctx.add("nik-empty", _("the NIK is empty"), number)
            continue
        if nik_problem == "nik-scientific":
            ctx.add("nik-scientific", _("the NIK is in scientific notation (like 1.70201E+15), "
                                        "so its last digits are lost: format the NIK column as "
                                        "Text in Excel and enter the NIKs again"), number)
            continue
        if nik_problem == "nik-number":
            ctx.add("nik-number", _("NIK {nik} was stored as a number: Excel keeps only 15 "
                                    "digits, so the last digit may be lost; format the NIK column "
                                    "as Text and enter the NIK again").format(
                nik=masked or "?"), number)
            continue
        if nik_problem == "nik-format":
            ctx.add("nik-format", _("NIK {nik} has characters other than digits").format(
                nik=masked), number)
            continue
        if len(nik) != 16:
            ctx.add("nik-length", ngettext("NIK {nik} has {n} digit; a NIK has 16",
                                           "NIK {nik} has {n} digits; a NIK has 16",
                                           len(nik)).format(nik=masked, n=len(nik)), number)
            continue
        if region is not None and nik[:4] != region:
            ctx.add("nik-region", _("NIK {nik} was not issued in {regency}: its region code "
                                    "(digits 1-4) is not {expected}. A NIK keeps the region where "
                                    "it was first issued; check that the person lives in the "
                                    "regency{note}").format(nik=masked, note=outside_note,
                                                            **region_msg_args),
                    number, limits.outside_region)
        if nik[4:6] == "00":
            ctx.add("nik-district", _("NIK {nik}: its district code (digits 5-6) is 00, which "
                                      "no kecamatan has").format(nik=masked), number)
        born, sex, why = _birth_date(nik, reference)
        if born is None:
            ctx.add("nik-date", _("NIK {nik}: its date of birth (digits 7-12, DDMMYY) is not a "
                                  "date: {why}").format(nik=masked, why=why), number)
        else:
            p.birth_date, p.sex = born, sex
            limit = limits.age.get(p.segment or "pekerja_rentan")
            age = _age(born, reference)
            if limit is not None and not limit.min <= age <= limit.max:
                ctx.add("nik-age", _("NIK {nik}: aged {age} on {date} by the date of birth in the "
                                     "NIK; BPJS Ketenagakerjaan accepts {segment} aged {min} to "
                                     "{max}{note}").format(
                    nik=masked, age=age, date=bahasa.tanggal(reference),
                    segment=(p.segment or "pekerja_rentan").replace("_", " "),
                    min=limit.min, max=limit.max,
                    note=age_note if not limit.confirmed else ""), number)
        first = first_row_of.get(nik)
        if first is None:
            first_row_of[nik] = p
        elif first.opd is not None and p.opd is not None and first.opd != p.opd:
            ctx.add("nik-duplicate", _("NIK {nik} is also in row {row}, under {opd}: the same "
                                       "person would be funded twice, by {opd} and by "
                                       "{this_opd}").format(
                nik=masked, row=first.row, opd=first.opd_name, this_opd=p.opd_name), number)
        else:
            ctx.add("nik-duplicate", _("NIK {nik} is also in row {row}: a person is listed "
                                       "once").format(nik=masked, row=first.row), number)
    _report_unknown(ctx, opds, opd_index, group_owner, unknown_opd, unknown_group)
    if no_address:
        ctx.add("address-empty", ngettext(
            "no address in row {rows}: the Keputusan lists each participant's address",
            "no address in rows {rows}: the Keputusan lists each participant's address",
            len(no_address)).format(rows=_rows_text(no_address)), no_address[0], "warning")
    if region is None:
        ctx.add("nik-region-unchecked", _("the regency file has no kode_wilayah: the region "
                                          "codes of the NIKs are not checked"), None, "warning")
    # the list's findings in row order, then the regency file's
    ctx.findings.sort(key=lambda f: (not (isinstance(f.where, Source)
                                          and f.where.file == ctx.display),
                                     f.where.line or 0 if isinstance(f.where, Source) else 0))
    _compare_counts(ctx, opds, out)
    return out


def _report_unknown(ctx, opds, opd_index, group_owner, unknown_opd, unknown_group) -> None:
    known = ", ".join(o.name for o in opds) or _("none")
    for text, rows in unknown_opd.items():
        if not text:
            ctx.add("opd-empty", ngettext("no OPD in row {rows}", "no OPD in rows {rows}",
                                          len(rows)).format(rows=_rows_text(rows)), rows[0])
        else:
            ctx.add("opd-unknown", ngettext(
                "OPD '{opd}' (row {rows}) is not in the regency file; its OPDs: {known}",
                "OPD '{opd}' (rows {rows}) is not in the regency file; its OPDs: {known}",
                len(rows)).format(opd=scrub(text), rows=_rows_text(rows), known=known), rows[0])
    for (opd_slug, text), rows in unknown_group.items():
        opd = opd_index[opd_slug]
        if not text:
            ctx.add("group-empty", ngettext("no group in row {rows}", "no group in rows {rows}",
                                            len(rows)).format(rows=_rows_text(rows)), rows[0])
            continue
        elsewhere = [o for o in group_owner.get(slug(text), []) if o != opd.name]
        hint = (_("; it is a group of {opds}").format(opds=", ".join(elsewhere))
                if elsewhere else "")
        ctx.add("group-unknown", ngettext(
            "group '{group}' (row {rows}) is not a group of {opd} in the regency file (its "
            "groups: {known}){hint}",
            "group '{group}' (rows {rows}) is not a group of {opd} in the regency file (its "
            "groups: {known}){hint}", len(rows)).format(
                group=scrub(text), rows=_rows_text(rows), opd=opd.name,
                known=", ".join(g.name for g in opd.groups.values()) or _("none"), hint=hint),
            rows[0])


def _count(rows: list[Participant]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for p in rows:
        if p.opd is not None and p.group is not None:
            out[(p.opd, p.group)] = out.get((p.opd, p.group), 0) + 1
    return out


def _compare_counts(ctx, opds, rows: list[Participant]) -> None:
    listed = _count(rows)
    for opd in opds:
        for group in opd.groups.values():
            if group.count is None:
                continue
            n = listed.get((opd.slug, group.name), 0)
            if n != group.count:
                ctx.add("count-differs", ngettext(
                    "{opd}, group '{group}': the participant list has {listed} participant, "
                    "the regency file says {stated}",
                    "{opd}, group '{group}': the participant list has {listed} participants, "
                    "the regency file says {stated}", n).format(
                        opd=opd.name, group=group.name, listed=bahasa.format_angka(n),
                        stated=bahasa.format_angka(group.count)), group.where, "warning")
