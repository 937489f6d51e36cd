"""`rancang amend BASE WANTED`: the Peraturan Bupati tentang Perubahan that makes the
enacted text (BASE) the wanted one (WANTED), in DOCX, Markdown or PDF.

Both are read as `rancang diff` reads them (a DOCX, ODT, Markdown or text file, or a
regency built with its clause library), compared by structure, and the comparison is
worded as an amendment (composition/amendment.py). The base's number, year, title and
Berita Daerah come from its own text, else from the regency file (`perbup` enacted, its
earlier amendments under `perbup.amendments`); what neither says stays '...'."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from rancang.commands.build import FORMATS
from rancang.commands.documents import is_regency_argument, load_document
from rancang.compare.diff import compare
from rancang.composition.amendment import (AmendError, AmendmentComposer, Plan,
                                           base_identity, plan, refuse_too_many)
from rancang.composition.compose import final_problems
from rancang.errors import BuildError, Problem, RancangError
from rancang.files import atomic_write_text
from rancang.files import slug as safe_slug
from rancang.i18n import _
from rancang.model.tree import Unconfirmed
from rancang.readers.importer import detect_regency
from rancang.sources.loader import load_yaml
from rancang.sources.regency import PLACEHOLDER, load_regency
from rancang.sources.workspace import Workspace, display_path
from rancang.views.blocks import layout
from rancang.views.docx import render_docx

WORDING = ("perubahan", "perubahan.yaml")


@dataclass
class Amended:
    paths: list[Path]
    plan: Plan
    stem: str
    notes: list[str] = field(default_factory=list)
    placeholders: int = 0


def _value(value):
    """A regency value as the amendment uses it: None where it is '...'."""
    if isinstance(value, dict) and "value" in value:
        value = value["value"]
    return None if value in (None, PLACEHOLDER, "") else value


def _info(ws: Workspace, base_doc, regency_arg: str | None) -> tuple[dict, list[str]]:
    base = base_identity(base_doc)
    notes: list[str] = []
    regency = {"name": None, "province": None, "seat": None, "bupati": None,
               "sekretaris_daerah": None}
    earlier: list[dict] = []
    if regency_arg:
        reg = load_regency(ws.regency_path(regency_arg))
        data = reg.data
        officials = data.get("officials") or {}
        regency.update(name=_value(data.get("name")), province=_value(data.get("province")),
                       seat=_value(data.get("seat")), bupati=_value(officials.get("bupati")),
                       sekretaris_daerah=_value(officials.get("sekretaris_daerah")))
        perbup = data.get("perbup") or {}
        if perbup.get("status") == "enacted":
            from_file = {"number": _value(perbup.get("number")), "year": perbup.get("year"),
                         "berita_daerah": _value(perbup.get("berita_daerah"))}
            for key, value in from_file.items():
                if base.get(key) in (None, "") and value is not None:
                    base[key] = str(value)
                elif value is not None and str(value) != str(base.get(key)):
                    notes.append(_("the base text says {key} {text}, the regency file {file}: "
                                   "the amendment cites the text's").format(
                        key=key, text=base[key], file=value))
        for item in perbup.get("amendments") or []:
            earlier.append({"number": _value(item.get("number")), "year": item.get("year"),
                            "berita_daerah": _value(item.get("berita_daerah"))})
    else:
        name, seat = detect_regency(base_doc)
        if seat is None:     # "Ditetapkan di X" and "pada tanggal" on two lines
            closing = " ".join(" ".join(n.text.split()) for n in base_doc.children
                               if n.kind == "penutup")
            m = re.search(r"Ditetapkan di ([A-Z][\w ]+?) pada tanggal", closing)
            seat = m.group(1).strip() if m else None
        regency.update(name=name, seat=seat)
    if regency["province"] is None and base.get("province"):
        regency["province"] = base["province"]          # "BUPATI X PROVINSI Y" above the title
    if base.get("rancangan") and not base.get("number"):
        notes.append(_("the base is a Rancangan without a number: an amendment amends an "
                       "enacted Peraturan Bupati; give its enacted text, or --regency with "
                       "perbup.status: enacted and its number (a draft shows '...', --final "
                       "refuses)"))
    elif not base.get("number"):
        notes.append(_("the base text states no number and year of its own: Pasal I and "
                       "Mengingat show '...' (give --regency with perbup.status: enacted)"))
    return {"base": base, "regency": regency, "earlier": earlier}, notes


# what the version to sign needs of the amending Perbup itself, and the option giving it
OWN = {"nomor": "--nomor", "ditetapkan": "--ditetapkan", "diundangkan": "--diundangkan",
       "berita_daerah": "--berita-daerah"}


def _penetapan(own: dict, year: int | None, final: bool) -> tuple[dict, int | None]:
    """The amending Perbup's own number and dates read and checked; its year that of
    pengundangan unless given."""
    out = {k: (str(v).strip() if v not in (None, "") else None) for k, v in own.items()
           if k in OWN}
    problems = []
    for key in ("ditetapkan", "diundangkan"):
        if out.get(key):
            try:
                out[key] = dt.date.fromisoformat(out[key])
            except ValueError:
                problems.append(Problem.coded("amend-date", _(
                    "{option} {value}: not a date in YYYY-MM-DD form").format(
                    option=OWN[key], value=out[key])))
                out[key] = None
    for key in ("nomor", "berita_daerah"):
        if out.get(key) and not re.fullmatch(r"[1-9]\d*", out[key]):
            problems.append(Problem.coded("amend-number", _(
                "{option} {value}: not a number").format(option=OWN[key], value=out[key])))
    a, b = out.get("ditetapkan"), out.get("diundangkan")
    if a and b and b < a:
        problems.append(Problem.coded("amend-dates-order", _(
            "--diundangkan {diundangkan} is before --ditetapkan {ditetapkan}: a Peraturan "
            "Bupati is promulgated after it is enacted").format(diundangkan=b, ditetapkan=a)))
    if problems:
        raise AmendError(problems, _("no amendment was written"))
    if final:
        missing = [option for key, option in OWN.items() if not out.get(key)]
        if missing:
            raise AmendError([Problem.coded("amend-identity-missing", _(
                "the version to sign prints the amending Perbup's own number, dates and "
                "Berita Daerah; missing: {options}").format(options=", ".join(missing)))],
                _("the final version cannot be built while parameters are open or facts and "
                  "citations unconfirmed"))
    if year is None and (b or a):
        year = (b or a).year
    return out, year


def run_amend(ws: Workspace, base_arg: str, wanted_arg: str, out_dir: Path,
              regency_arg: str | None = None, reasons: tuple[str, ...] = (),
              formats: tuple[str, ...] = ("docx",), final: bool = False,
              force: bool = False, year: int | None = None,
              own: dict | None = None) -> Amended:
    """`own`: the amending Perbup's own nomor, ditetapkan, diundangkan (YYYY-MM-DD) and
    berita_daerah, given at penetapan; only the version to sign (`final`) prints them and
    it refuses to be written without them."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise RancangError(_("unknown format '{fmt}'; choose from: {formats}").format(
                fmt=fmt, formats=", ".join(FORMATS)))
    soffice = None
    if "pdf" in formats:
        from rancang.views.pdf import require_soffice
        soffice = require_soffice()              # before anything is read or written
    own, year = _penetapan(own or {}, year, final)
    if regency_arg is None and is_regency_argument(base_arg, ws):
        regency_arg = base_arg
    base_doc = load_document(base_arg, ws)
    jenis = base_identity(base_doc).get("jenis")
    if jenis:       # L-II 223: only a regulation of the same level or higher changes it
        raise AmendError([Problem.coded("amend-not-perbup", _(
            "{base} is a {jenis}: a Peraturan Bupati cannot amend it").format(
            base=base_arg, jenis=jenis))], _("no amendment was written"))
    wanted_doc = load_document(wanted_arg, ws)
    wording_path = ws.clause_dir(*WORDING)
    wording = load_yaml(wording_path, display_path(wording_path))
    the_plan = plan(compare(base_doc, wanted_doc), str(wording.get("dihapus", "Dihapus.")))
    if not the_plan.points and not the_plan.structural:
        raise AmendError([Problem.coded("amend-none", _(
            "{wanted} says what {base} says: there is nothing to amend").format(
            base=base_arg, wanted=wanted_arg))], _("no amendment was written"))
    info, notes = _info(ws, base_doc, regency_arg)
    given = [option for key, option in OWN.items() if own.get(key)]
    if given and not final:
        notes.append(_("{options}: printed only in the version to sign (--final); a "
                       "Rancangan shows '...'").format(options=", ".join(given)))
    if the_plan.outside:
        notes.append(_("changed outside the batang tubuh, which an amendment does not "
                       "change: {units}").format(units=", ".join(dict.fromkeys(the_plan.outside))))
    if len([r for r in reasons if r.strip()]) == 1 and re.search(r",\s*perlu\b", reasons[0]):
        # one reason stands unlettered and rancang closes it "..., perlu menetapkan ..."
        notes.append(_("the reason already concludes ('..., perlu ...'): rancang adds "
                       "', perlu menetapkan Peraturan Bupati tentang Perubahan ...' itself; give "
                       "the reason without its conclusion"))
    composer = AmendmentComposer(wording, info, the_plan, list(reasons), base_doc,
                                 year or dt.date.today().year, own if final else None)
    if the_plan.too_many and not force:
        raise refuse_too_many(the_plan, "".join(str(p) for p in composer.rujukan()))
    if not the_plan.points:
        raise AmendError([Problem.coded("amend-none", _(
            "{wanted} says what {base} says: there is nothing to amend").format(
            base=base_arg, wanted=wanted_arg))], _("no amendment was written"))
    built = composer.compose()
    doc = built.document
    if final:
        refused = final_problems(doc)
        if refused:
            raise BuildError(refused, _("the final version cannot be built while parameters "
                                        "are open or facts and citations unconfirmed"))
    name = info["regency"].get("name")
    stem = f"perubahan-{safe_slug(name)}" if name else "perubahan"
    blocks = layout(doc, final=final)
    title = "".join(str(p) for p in doc.children[0].content)
    out_dir = Path(out_dir)
    paths: list[Path] = []
    docx = None
    if "docx" in formats or "pdf" in formats:
        template = ws.templates / "perbup" / "perbup.docx"
        words = ["" if final else "Rancangan", "Peraturan Bupati", "tentang", title]
        docx = render_docx(blocks, template, out_dir / f"{stem}.docx",
                           {"title": " ".join(w for w in words if w),
                            "subject": f"Kabupaten {name}" if name else ""}, force=force)
        if "docx" in formats:
            paths.append(docx)
    if "md" in formats:
        from rancang.views.text import render_markdown
        paths.append(atomic_write_text(out_dir / f"{stem}.md", render_markdown(blocks)))
    if "html" in formats:
        from rancang.views.html import render_html_page
        paths.append(atomic_write_text(out_dir / f"{stem}.html", render_html_page(blocks, title)))
    if soffice is not None and docx is not None:
        from rancang.commands.batch import to_pdf
        done = to_pdf([(docx, out_dir / f"{stem}.pdf")], soffice)
        paths += list(done.values())
        if "docx" not in formats:
            docx.unlink(missing_ok=True)
    placeholders = len({p.path for p in doc.placeholders() if not isinstance(p, Unconfirmed)})
    return Amended(paths, the_plan, stem, notes, placeholders)
