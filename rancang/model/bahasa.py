"""Indonesian language rules for legal drafting, in one place.

Everything here follows Lampiran II UU 12/2011 (as amended by UU 13/2022), cited as
"L-II n". A drafter should be able to read this module and trust the wording the tool
produces: number words, ordinals, list punctuation, reference phrasing and dates.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from typing import Sequence

from rancang.i18n import _

# --- numbers in words (terbilang) -------------------------------------------------

_BASIC = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
          "sembilan", "sepuluh", "sebelas"]
_SCALES = [(10**15, "kuadriliun"), (10**12, "triliun"), (10**9, "miliar"),
           (10**6, "juta"), (10**3, "ribu")]


def terbilang(n: int) -> str:
    """Cardinal number in words: 670680000 -> 'enam ratus tujuh puluh juta enam ratus
    delapan puluh ribu'. 'se-' forms for 10, 11, 100 and 1000 (sepuluh, seratus, seribu)."""
    if isinstance(n, bool) or int(n) != n:
        raise ValueError(_("terbilang takes a whole number, not {value}").format(value=repr(n)))
    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _BASIC[n]
    if n < 20:
        return _BASIC[n - 10] + " belas"
    if n < 100:
        return _join(_BASIC[n // 10] + " puluh", n % 10)
    if n < 1000:
        head = "seratus" if n < 200 else _BASIC[n // 100] + " ratus"
        return _join(head, n % 100)
    for size, word in _SCALES:
        if n >= size:
            count, rest = divmod(n, size)
            # only ribu takes "se-": "seribu", but "satu juta", "satu miliar"
            head = "seribu" if size == 1000 and count == 1 else terbilang(count) + " " + word
            return _join(head, rest)
    raise AssertionError("unreachable")


def _join(head: str, rest: int) -> str:
    return head if rest == 0 else head + " " + terbilang(rest)


def _as_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)  # 0.24 stays 0.24, not 0.2399999...
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("not a number: {value}").format(value=repr(value))) from None


def terbilang_desimal(value) -> str:
    """Decimal number in words, the fraction read as a number (L-II 86 examples):
    0,24 -> 'nol koma dua puluh empat'; 5,7 -> 'lima koma tujuh';
    leading zeros of the fraction are read one by one: 0,05 -> 'nol koma nol lima'."""
    d = _as_decimal(value)
    sign = "minus " if d < 0 else ""
    d = abs(d)
    whole, _, frac = format(d, "f").partition(".")
    frac = frac.rstrip("0")
    words = terbilang(int(whole))
    if frac:
        zeros = len(frac) - len(frac.lstrip("0"))
        words += " koma " + " ".join(["nol"] * zeros + [terbilang(int(frac))])
    return sign + words


def format_angka(value) -> str:
    """Digits the Indonesian way: thousands with '.', decimals with ','."""
    d = _as_decimal(value)
    whole, _, frac = format(abs(d), "f").partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if d < 0 else "") + out


def angka(value, unit: str | None = None) -> str:
    """A number in a Pasal: digits, then words in brackets, then the unit (L-II 86):
    angka(30, 'hari') -> '30 (tiga puluh) hari'."""
    words = terbilang_desimal(value)
    out = f"{format_angka(value)} ({words})"
    return f"{out} {unit}" if unit else out


def rupiah(amount) -> str:
    """Money: 'Rp6.800,00 (enam ribu delapan ratus rupiah)'. Sen, if any, are worded too."""
    d = _as_decimal(amount).quantize(Decimal("0.01"))
    whole = int(d)
    sen = int((d - whole) * 100)
    digits = "Rp" + format_angka(whole) + "," + f"{sen:02d}"
    words = terbilang(whole) + " rupiah"
    if sen:
        words += " " + terbilang(sen) + " sen"
    return f"{digits} ({words})"


def persen(value) -> str:
    """Percentage: persen('0.24') -> '0,24% (nol koma dua puluh empat persen)'."""
    return f"{format_angka(value)}% ({terbilang_desimal(value)} persen)"


# --- ordinals and numerals of units -------------------------------------------------

def ordinal(n: int) -> str:
    """Ordinal word as a Bagian is numbered: 1 -> 'Kesatu' (never 'Pertama'),
    2 -> 'Kedua', 11 -> 'Kesebelas', 12 -> 'Kedua Belas', 21 -> 'Kedua Puluh Satu'."""
    if n < 1:
        raise ValueError(_("ordinals start at 1"))
    return title_words("ke" + terbilang(n))


def roman(n: int) -> str:
    """BAB numbers: 1 -> 'I', 14 -> 'XIV'."""
    if not 0 < n < 4000:
        raise ValueError(_("no Roman numeral for {n}").format(n=n))
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def huruf(n: int) -> str:
    """Letter of the n-th rincian: a … z, then aa, bb, … (as long regulations do)."""
    if n < 1:
        raise ValueError(_("rincian start at 1"))
    times, idx = divmod(n - 1, 26)
    return chr(ord("a") + idx) * (times + 1)


def huruf_number(letters: str) -> int | None:
    """The n of `huruf(n)`: a -> 1, z -> 26, aa -> 27; None for what huruf() never
    writes ("ab"). Case is ignored: the letter of Pasal 7A is 1 too."""
    letters = letters.lower()
    if not letters or len(set(letters)) != 1 or not "a" <= letters[0] <= "z":
        return None
    return (ord(letters[0]) - ord("a") + 1) + 26 * (len(letters) - 1)


# Rincian levels (L-II 87 g, 92-95): marker in the list, and the word used when citing it.
RINCIAN_LEVELS = {
    1: ("{a}.", "huruf {a}"),
    2: ("{n}.", "angka {n}"),
    3: ("{a})", "huruf {a})"),
    4: ("{n})", "angka {n})"),
}


def rincian_marker(level: int, n: int) -> str:
    return RINCIAN_LEVELS[level][0].format(a=huruf(n), n=n)


def rincian_cite(level: int, n: int) -> str:
    return RINCIAN_LEVELS[level][1].format(a=huruf(n), n=n)


# --- capitalisation -----------------------------------------------------------------

_LOWER_PARTICLES = {"dan", "atau", "di", "ke", "dari", "yang", "untuk", "pada", "dalam",
                    "serta", "bagi", "terhadap", "oleh", "dengan", "atas", "tentang",
                    "sebagai", "antara", "ini", "itu", "per", "dan/atau", "melalui",
                    "kepada", "tanpa", "sejak", "hingga", "menurut", "atau", "serta"}


def title_words(text: str) -> str:
    """Title case for a Bagian or Paragraf heading: each word capitalised except the
    particles (dan, atau, di, ke, …) when not first; acronyms (APBD, BPJS) kept."""
    words = text.split()
    out = []
    for i, w in enumerate(words):
        if w.isupper() and len(w) > 1:
            out.append(w)
        elif i and w.lower() in _LOWER_PARTICLES:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


_TITLE_PREFIXES = ("prof.", "dr.", "drs.", "dra.", "ir.", "h.", "hj.", "kh.", "k.h.")


def nama_tanpa_gelar(name: str) -> str:
    """An official's name as it stands under a signature: without academic or religious
    titles (L-II 166). 'H. Hasbi Jayabaya, S.H.' -> 'Hasbi Jayabaya'."""
    name = name.split(",")[0].strip()
    words = name.split()
    while words and words[0].lower() in _TITLE_PREFIXES:
        words.pop(0)
    return " ".join(words)


# --- joining words and list punctuation ----------------------------------------------

CONJUNCTIONS = ("dan", "atau", "dan/atau")


def join_words(items: Sequence[str], conj: str = "dan") -> str:
    """'a', 'a dan b', 'a, b, dan c' — the serial comma before the conjunction with three
    or more, as the official examples write ('huruf a, huruf b, dan huruf c', L-II 23)."""
    items = list(items)
    if not items:
        raise ValueError(_("nothing to join"))
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} " + items[-1]


def list_item_suffix(index: int, count: int, conj: str, opens_sublist: bool,
                     last_mark: str = ".") -> str:
    """Punctuation after a rincian (L-II 87-91): ';' on every item, the conjunction only
    after the second-to-last, '.' on the last (or what closes the enclosing unit), and
    ':' on any item that opens a sub-list."""
    if conj not in CONJUNCTIONS:
        raise ValueError(_("list conjunction must be one of {choices}").format(
            choices=", ".join(CONJUNCTIONS)))
    if opens_sublist:
        # The conjunction still follows the second-to-last item's own sub-list; the
        # item itself ends with ':'.
        return ":"
    if index == count - 1:
        return last_mark
    if index == count - 2:
        return f"; {conj}"
    return ";"


# --- references (L-II 272-281) -------------------------------------------------------

def join_ref_group(prefix: str, leaves: Sequence[tuple[str, int | None]]) -> str:
    """One group of targets that share everything but their last unit, e.g. prefix
    'Pasal 7' and leaves [('ayat (2)', 2), ('ayat (4)', 4)] -> 'Pasal 7 ayat (2) dan
    ayat (4)'. Runs of three or more consecutive numbers become 'X sampai dengan Y'
    (L-II 273); the unit word is repeated for every target."""
    parts: list[str] = []
    i = 0
    while i < len(leaves):
        j = i
        while (j + 1 < len(leaves) and leaves[j][1] is not None
               and leaves[j + 1][1] == leaves[j][1] + 1):
            j += 1
        if j - i >= 2:
            parts.append(f"{leaves[i][0]} sampai dengan {leaves[j][0]}")
        else:
            parts.extend(label for label, _ in leaves[i:j + 1])
        i = j + 1
    body = join_words(parts, "dan")
    return f"{prefix} {body}" if prefix else body


def reference_phrase(groups: Sequence[str], pada: bool,
                     exclusions: Sequence[str] = ()) -> str:
    """'pada ayat (1), Pasal 7 ayat (2) dan ayat (4), Pasal 12, dan Pasal 13 ayat (3)'
    (L-II 276): 'pada' when the first target is an ayat of the citing Pasal ("pada" is for
    ayat only, L-II 272, 275); 'dalam' otherwise, also for a huruf of the citing unit's own
    list ('dalam huruf a sampai dengan huruf e', L-II 273); exclusions with 'kecuali'
    (L-II 274)."""
    phrase = ("pada " if pada else "dalam ") + join_words(list(groups), "dan")
    if exclusions:
        phrase += ", kecuali " + join_words(list(exclusions), "dan")
    return phrase


def menimbang_closing(count_before: int, doc_title: str, verb: str = "menetapkan") -> str:
    """The last Menimbang item, generated from the ones before it (L-II 23, only "jika
    konsiderans memuat lebih dari satu pertimbangan"): every letter listed, a comma before
    'perlu' as the examples UU 13/2022 item 19 wrote into L-II do."""
    if count_before < 2:
        raise ValueError(_("a closing Menimbang item follows two or more considerations; "
                           "a single one takes menimbang_single()"))
    letters = [f"huruf {huruf(i)}" for i in range(1, count_before + 1)]
    return (f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam "
            f"{join_words(letters, 'dan')}, perlu {verb} {doc_title};")


def menimbang_single(doc_title: str, verb: str = "menetapkan") -> str:
    """What closes a single consideration, which stands unlettered: 'bahwa ..., perlu
    menetapkan Peraturan Bupati tentang ...;' (L-II 24-27 examples)."""
    return f", perlu {verb} {doc_title};"


# --- dates ---------------------------------------------------------------------------

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def as_date(value) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(_("not a date in YYYY-MM-DD form: {value}").format(
            value=repr(value))) from None


def tanggal(value) -> str:
    """'26 Januari 2026'."""
    d = as_date(value)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def hari(value) -> str:
    """The real weekday of a date: 2026-01-26 -> 'Senin'."""
    return HARI[as_date(value).weekday()]


def tanggal_kata(value) -> str:
    """The opening formula of an agreement: 'hari Senin tanggal dua puluh enam bulan
    Januari tahun dua ribu dua puluh enam'."""
    d = as_date(value)
    return (f"hari {hari(d)} tanggal {terbilang(d.day)} bulan {BULAN[d.month - 1]} "
            f"tahun {terbilang(d.year)}")
