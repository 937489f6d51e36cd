"""The drafting rules of Lampiran II checked on a composed document: Menimbang and
Mengingat form and order, numbers with their words, defined terms used, capitalised and
defined. The same checks run inside `rancang build`, which refuses to write when one is
an error."""
from __future__ import annotations

import re
from collections import Counter

from rancang.checks.findings import Finding
from rancang.model import bahasa
from rancang.i18n import _
from rancang.model.tree import Document, Node, Unconfirmed
from rancang.sources.loader import YamlMap

# --- the document ------------------------------------------------------------------

_MONTHS = "|".join(bahasa.BULAN)
_NUMBER = re.compile(r"(?:(?<=Rp)|(?<![\w/.,%]))(\d[\d.]*(?:,\d+)?)(%?)(?![\w/])")
# What may stand before a bare number: a reference, a citation, a year.
_NO_WORDS_NEEDED = re.compile(
    r"(?:Pasal|ayat \(|angka|huruf|Nomor|Tahun|tahun|Tahun Anggaran|tahun anggaran|BAB|Paragraf|"
    r"Lampiran|" + _MONTHS + r")\s*$")
_WORDS_FOLLOW = re.compile(r"^\s*\([a-z][a-z ,/-]*\)")
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def numbers_without_words(text: str) -> list[str]:
    """Numbers in a Pasal written in digits only (L-II 86): '30 hari' rather than
    '30 (tiga puluh) hari'. References, citations and dates need no words."""
    text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)   # names in quotes
    found = []
    for m in _NUMBER.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        if _NO_WORDS_NEEDED.search(before) or _WORDS_FOLLOW.match(after):
            continue
        if before.endswith("Rp") and _WORDS_FOLLOW.match(after):
            continue
        if re.match(r"^\s*(?:" + _MONTHS + r")\b", after):     # a date: 31 Desember 2025
            continue
        found.append(("Rp" if before.endswith("Rp") else "") + m.group(0))
    return found


def _units(doc: Document, kinds=("pasal", "ayat", "rincian")):
    for node in doc.walk():
        if node.kind in kinds:
            yield node


def _in_ketentuan_umum(node: Node) -> bool:
    bab = node.ancestor("bab")
    return bab is not None and bab.id == "ketentuan_umum"


def _term_findings(doc: Document, allow: dict[str, list[str]]) -> list[Finding]:
    definitions = [n for n in doc.walk() if n.style == "definisi" and "term" in n.attrs]
    if not definitions:
        return []
    out = []
    body_nodes = [n for n in _units(doc) if not _in_ketentuan_umum(n)]
    texts = [(n, n.display) for n in body_nodes]          # worded once
    body = "\n".join(t for n, t in texts if n.content)
    forms_of = {d.attrs["term"]: d.attrs.get("forms", [d.attrs["term"]]) for d in definitions}
    all_forms = sorted((f for forms in forms_of.values() for f in forms), key=len, reverse=True)
    masker = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(f) for f in all_forms)
                        + r")(?![\w])")
    # one pass over the body and over each definition; a use inside a longer defined
    # term does not count ("Peserta" in "Peserta Penerima Upah"): the longest form wins
    body_uses = Counter(m.group(0) for m in masker.finditer(body))
    def_uses = [Counter(m.group(0) for m in masker.finditer(d.display)) for d in definitions]
    all_def_uses = sum(def_uses, Counter())
    for d, own in zip(definitions, def_uses):
        term = d.attrs["term"]
        used = any(body_uses[f] or all_def_uses[f] - own[f] > 0 for f in forms_of[term])
        if not used:
            out.append(Finding("warning", "term-unused",
                               _("'{term}' is defined but not used in the body (L-II 102)").format(
                                   term=term),
                               d.label))
    # a defined term written in lower case in the body (L-II 108)
    for term, forms in forms_of.items():
        for form in forms:
            if form.isupper() or form.lower() == form:
                continue
            lower = re.compile(r"(?<![\w/])" + re.escape(form.lower()) + r"(?![\w])")
            needle = form.lower()
            for node, text in texts:
                if needle not in text:       # most units: no lower-case use at all
                    continue
                for m in lower.finditer(text):
                    phrase_ok = any(a.lower() in text.lower() and
                                    text.lower().find(a.lower()) <= m.start() <
                                    text.lower().find(a.lower()) + len(a)
                                    for a in allow.get(term, []))
                    if text[m.start():m.end()] != form and not phrase_ok:
                        out.append(Finding("warning", "term-lowercase",
                                           _("'{written}' is the defined term '{term}' in "
                                             "lower case; a defined term is capitalised "
                                             "wherever it is used (L-II 108)").format(
                                               written=text[m.start():m.end()], term=form),
                                           node.label))
                        break
    # a capitalised phrase used as a term but not defined
    defined = set(all_forms)
    proper = allow.get("*proper_names*", [])
    for node, text in texts:
        text = re.sub(r"\btentang\b[^;:.]*", "", text)     # titles of regulations
        for m in re.finditer(r"(?<![\w.])(?:[A-Z][a-z]+ ){1,4}[A-Z][a-z]+(?![\w])", text):
            phrase = m.group(0)
            if any(f in phrase for f in defined) or any(p in phrase for p in proper):
                continue
            if m.start() == 0 or text[:m.start()].rstrip().endswith((".", ":", ";")):
                rest = phrase.partition(" ")[2]     # sentence start: drop that word
                phrase = rest if " " in rest else ""
            if not phrase:
                continue
            out.append(Finding("warning", "term-undefined",
                               _("'{phrase}' is written as a term but the Ketentuan Umum "
                                 "does not define it").format(phrase=phrase), node.label))
    return out


_CITATION_KINDS = [("Undang-Undang Dasar", 1), ("Peraturan Pemerintah Pengganti", 2),
                   ("Undang-Undang", 2), ("Peraturan Pemerintah", 3), ("Peraturan Presiden", 4),
                   ("Peraturan Menteri", 5), ("Peraturan Daerah Provinsi", 6),
                   ("Peraturan Daerah", 7), ("Peraturan Bupati", 8)]


def _citation_key(text: str):
    for name, level in _CITATION_KINDS:
        if name in text[:60]:
            m = re.search(r"Nomor (\d+) Tahun (\d{4})", text)
            return (level, int(m.group(2)), int(m.group(1))) if m else (level, 0, 0)
    return None


def _form_findings(doc: Document) -> list[Finding]:
    out = []
    for block in doc.find("konsiderans"):
        for item in block.children:
            if not item.text.startswith("bahwa "):
                out.append(Finding("error", "menimbang-form",
                                   _("a Menimbang item starts with 'bahwa' (L-II 22)"),
                                   item.label))
    for block in doc.find("dasar_hukum"):
        keys = []
        for item in block.children:
            if not item.display.rstrip().endswith(";"):
                out.append(Finding("error", "mengingat-form",
                                   _("a Mengingat item ends with ';' (L-II 52)"), item.label))
            key = _citation_key(item.text)
            if key and key[0] in (2, 3) and "Lembaran Negara" not in item.text:
                out.append(Finding("error", "mengingat-form",
                                   _("an Undang-Undang or Peraturan Pemerintah is cited with "
                                     "its Lembaran Negara and Tambahan Lembaran Negara "
                                     "(L-II 47)"),
                                   item.label))
            keys.append((key, item))
            if not item.attrs.get("confirmed", True):
                out.append(Finding("warning", "citation-unconfirmed",
                                   _("the LN/TLN numbers of this citation were not read off "
                                     "the regulation itself: verify before signing"),
                                   item.label))
        ordered = [k for k in keys if k[0]]
        for (a, _item), (b, item) in zip(ordered, ordered[1:]):
            if b < a:
                out.append(Finding("error", "mengingat-order",
                                   _("Mengingat is ordered by hierarchy, then by date of "
                                     "enactment (L-II 43)"), item.label))
    for node in _units(doc, ("rincian",)):
        if node.style != "definisi" and re.search(r"(?:^|[;,]\s*|\s)(dan|atau|dan/atau)$",
                                                  node.text):
            out.append(Finding("warning", "list-typed-conjunction",
                               _("the list conjunction is typed into the item; rancang "
                                 "places it after the second-to-last item (L-II 88-91)"),
                               node.label))
    for node in _units(doc):
        if not node.content:
            continue
        for number in numbers_without_words(node.display):
            out.append(Finding("error", "number-without-words",
                               _("'{number}' is written in digits only; a number in a Pasal "
                                 "takes its words in brackets, e.g. '30 (tiga puluh) hari' "
                                 "(L-II 86): use angka(), rupiah() or persen()").format(
                                   number=number), node.label))
    return out


_ABBR = re.compile(r"\b[A-Z]{2,4}\b")


def _coverage_findings(doc: Document) -> list[Finding]:
    """'diikutsertakan' (enrolled by someone else, compulsorily) only for a programme the
    law makes compulsory for that segment: never for a voluntary or closed one."""
    coverage = doc.meta.get("coverage") or {}
    if not coverage:
        return []
    out = []
    labels = sorted(coverage, key=len, reverse=True)
    for node in _units(doc, ("pasal", "ayat", "rincian")):
        text = node.text
        if "diikutsertakan" not in text:
            continue
        subject = next((label for label in labels if label in text), None)
        if subject is None:
            continue
        after = text.split("diikutsertakan", 1)[1].split(" dapat ")[0]
        for abbr in _ABBR.findall(after):
            status = coverage[subject].get(abbr)
            if status in ("sukarela", "tidak_terbuka"):
                out.append(Finding("error", "voluntary-compelled", _(
                    "{segment} is 'diikutsertakan' in {programme}, which the law makes "
                    "{status} for them (clauses/catalogue.yaml): write 'dapat mengikuti' for "
                    "a voluntary programme, nothing for a closed one").format(
                    segment=subject, programme=abbr,
                    status=_("voluntary") if status == "sukarela" else _("not open")),
                    node.label))
    return out


def document_findings(doc: Document, allow: dict[str, list[str]] | None = None,
                      final: bool = False) -> list[Finding]:
    out = _form_findings(doc) + _coverage_findings(doc)
    if doc.doc_type not in ("mou", "pks"):
        out += _term_findings(doc, allow or {})
    seen = set()
    for ph in doc.placeholders():
        if ph.path in seen:
            continue
        seen.add(ph.path)
        where = str(ph.source) if ph.source else ""
        if isinstance(ph, Unconfirmed):
            out.append(Finding("error" if final else "info", "fact-unconfirmed", _(
                "'{path}' is not confirmed{note}").format(
                path=ph.path, note=f" ({ph.note})" if ph.note else ""), where))
        else:
            out.append(Finding("error" if final else "info", "placeholder-open",
                               _("'{path}' is still open (...)").format(path=ph.path), where))
    return out


def allowances(lib_document: YamlMap | None, definitions: YamlMap | None) -> dict[str, list[str]]:
    """Lower-case phrases a definition allows ('kerja sama daerah' is not the Daerah)
    and the proper names that look like terms."""
    allow: dict[str, list[str]] = {}
    if isinstance(definitions, YamlMap):
        for term in definitions.get("terms") or []:
            if term.get("lowercase_ok"):
                allow[str(term["term"])] = [str(x) for x in term["lowercase_ok"]]
        allow["*proper_names*"] = [str(x) for x in definitions.get("proper_names") or []]
    return allow
