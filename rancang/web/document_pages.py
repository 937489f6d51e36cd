"""The pages for regulations as documents: compare two versions, write the Perbup tentang
Perubahan from them (the function `rancang amend` calls), import one as a clause library."""
from __future__ import annotations

import re
import threading
import time
from pathlib import Path, PurePosixPath

from flask import Blueprint, redirect, render_template, request, send_file, session, url_for

from rancang.commands.build import DOC_TYPES
from rancang.compare.diff import compare as compare_documents
from rancang.errors import RancangError
from rancang.files import atomic_write_text, package_problem
from rancang.i18n import _
from rancang.readers.importer import import_regulation, write_library
from rancang.readers.parse import parse_pair, parse_text, read_text
from rancang.files import slug
from rancang.views.diffviews import render_docx_tracked, render_html, render_matrix
from rancang.web.routes import _job, jobs, settings, workspace

blueprint = Blueprint("documents", __name__)
UPLOAD_KINDS = {".docx": "word/document.xml", ".odt": "content.xml", ".md": None, ".txt": None}
# reading uploads (pandoc) and comparing run in the request; a few at a time keep the
# server's memory and the machine's cores in bounds when many people compare at once
HEAVY = threading.BoundedSemaphore(4)


class UploadProblem(RancangError):
    pass


def _shown_name(filename: str) -> str:
    """A user's file name for showing only (never a path)."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return re.sub(r"[\x00-\x1f]", "", name)[:120] or _("(no name)")


def _save_upload(field_name: str, folder: Path, stem: str) -> tuple[Path, str]:
    upload = request.files.get(field_name)
    if upload is None or not upload.filename:
        raise UploadProblem(_("choose a file"))
    shown = _shown_name(upload.filename)
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in UPLOAD_KINDS:
        raise UploadProblem(_("{name}: not a kind rancang reads (DOCX, ODT, Markdown or "
                              "text)").format(name=shown))
    path = folder / f"{stem}{suffix}"           # our name, not the user's
    upload.save(path)
    required = UPLOAD_KINDS[suffix]
    why = package_problem(path, required) if required else None
    if why:
        raise UploadProblem(f"{shown}: {why}")
    return path, shown


def _upload_problem(shown: str, exc: RancangError) -> UploadProblem:
    """What is wrong with an upload, named as the user named the file."""
    return UploadProblem(f"{shown}: " + "; ".join(p.message for p in exc.problems))


def _read_upload(path: Path, shown: str):
    try:
        return parse_text(read_text(path), PurePosixPath(shown).stem or path.stem)
    except RancangError as exc:
        raise _upload_problem(shown, exc) from None


def _read_pair(old_path: Path, old_name: str, new_path: Path, new_name: str):
    """Both uploads parsed together, as `rancang diff` does: what they share once."""
    texts = []
    for path, shown in ((old_path, old_name), (new_path, new_name)):
        try:
            texts.append(read_text(path))
        except RancangError as exc:
            raise _upload_problem(shown, exc) from None
    names = [PurePosixPath(old_name).stem or "lama", PurePosixPath(new_name).stem or "baru"]
    if names[0] == names[1]:
        names = [names[0] + " (lama)", names[1] + " (baru)"]
    try:
        return parse_pair(texts[0], texts[1], names[0], names[1])
    except RancangError as exc:
        where = str(exc.problems[0].where) if exc.problems else ""
        shown = new_name if where == names[1] else old_name
        raise _upload_problem(shown, exc) from None


# --- compare ------------------------------------------------------------------------------

@blueprint.route("/compare", methods=["GET", "POST"])
def compare():
    if request.method == "GET":
        return render_template("compare.html", problems=[])
    job = jobs().new("compare", session["sid"])
    try:
        old_path, old_name = _save_upload("old", job.folder, "lama")
        new_path, new_name = _save_upload("new", job.folder, "baru")
        with HEAVY:
            cmp = compare_documents(*_read_pair(old_path, old_name, new_path, new_name))
            atomic_write_text(job.folder / "perbandingan.html",
                              render_html(cmp, old_name, new_name))
            render_docx_tracked(cmp, job.folder / "perubahan.docx")
            render_matrix(cmp, job.folder / "matriks.docx", old_name, new_name)
    except RancangError as exc:
        job.state = "failed"
        return render_template("compare.html", problems=[str(p) for p in exc.problems]), 422
    job.files = {"perbandingan.html": "html", "perubahan.docx": "docx",
                 "matriks.docx": "matrix"}
    job.title = f"{old_name} → {new_name}"
    job.data = {"old": old_name, "new": new_name, "summary": cmp.summary,
                "changes": [{"op": c.op, "unit": c.unit, "old": c.old, "new": c.new}
                            for c in cmp.changes]}
    job.state, job.finished = "done", time.time()
    return redirect(url_for("documents.compare_result", job_id=job.id))


@blueprint.route("/compare/<job_id>")
def compare_result(job_id):
    return render_template("compare_result.html", job=_job(job_id, "compare"))


# --- amend --------------------------------------------------------------------------------

AMEND_LABELS = {".docx": "docx", ".md": "md", ".pdf": "pdf", ".html": "html"}


def _amend_form(values: dict, problems: list[str], status: int = 200, too_many=False):
    return render_template("amend.html", values=values, problems=problems,
                           too_many=too_many, regencies=_regencies(workspace())), status


@blueprint.route("/amend", methods=["GET", "POST"])
def amend():
    from rancang.commands.amend import run_amend
    from rancang.views.pdf import find_soffice

    values = {"reason": "", "regency": "", "force": ""}
    if request.method == "GET":
        return _amend_form(values, [])
    values = {k: request.form.get(k, "").strip() for k in values}
    job = jobs().new("amend", session["sid"])
    shown: dict[str, str] = {}
    try:
        base_path, shown["base"] = _save_upload("base", job.folder, "berlaku")
        wanted_path, shown["wanted"] = _save_upload("wanted", job.folder, "diinginkan")
        ws = workspace()
        regency = values["regency"] or None
        if regency is not None and regency not in {e.slug for e in _regencies(ws)}:
            raise UploadProblem(_("no such regency: {slug}").format(slug=regency))
        reasons = tuple(r.strip() for r in values["reason"].splitlines() if r.strip())
        formats = ("docx", "md", "html") + (("pdf",) if find_soffice() else ())
        with HEAVY:
            done = run_amend(ws, str(base_path), str(wanted_path), job.folder, regency,
                             reasons, formats, force=bool(values["force"]))
    except RancangError as exc:
        job.state = "failed"
        # the files are ours under our names: the messages name them as the user did
        names = {str(job.folder / f"{stem}{suffix}"): shown.get(key, stem)
                 for key, stem in (("base", "berlaku"), ("wanted", "diinginkan"))
                 for suffix in UPLOAD_KINDS}
        headline = getattr(exc, "headline", None)
        problems = ([headline + ":"] if headline else []) + [str(p) for p in exc.problems]
        for i, text in enumerate(problems):
            for path, name in names.items():
                text = text.replace(path, name)
            problems[i] = text
        too_many = any(p.code in ("amend-too-many", "amend-structure") for p in exc.problems)
        return _amend_form(values, problems, 422, too_many)
    job.files = {p.name: AMEND_LABELS.get(p.suffix, p.suffix) for p in done.paths}
    job.title = f"{shown['base']} → {shown['wanted']}"
    job.data = {"base": shown["base"], "wanted": shown["wanted"],
                "points": [{"form": p.form, **p.words} for p in done.plan.points],
                "changed": done.plan.changed_pasal, "total": done.plan.base_pasal,
                "too_many": done.plan.too_many, "notes": done.notes,
                "placeholders": done.placeholders, "stem": done.stem,
                "pdf": any(p.suffix == ".pdf" for p in done.paths)}
    job.state, job.finished = "done", time.time()
    return redirect(url_for("documents.amend_result", job_id=job.id))


def _regencies(ws):
    from rancang.commands.regencies import list_regencies
    return [e for e in list_regencies(ws) if not e.problem]


@blueprint.route("/amend/<job_id>")
def amend_result(job_id):
    return render_template("amend_result.html", job=_job(job_id, "amend"))


# --- import -------------------------------------------------------------------------------

@blueprint.route("/import", methods=["GET", "POST"])
def import_page():
    values = {"name": "", "regency_name": ""}
    if request.method == "GET":
        return render_template("import.html", problems=[], values=values)
    values = {k: request.form.get(k, "").strip() for k in values}
    job = jobs().new("import", session["sid"])
    try:
        path, shown = _save_upload("file", job.folder, "sumber")
        name = values["name"] or slug(PurePosixPath(shown).stem, "peraturan")
        if not re.match(r"^[a-z0-9][a-z0-9-]{0,59}$", name) or name in DOC_TYPES:
            raise UploadProblem(_("'{name}' cannot name a clause library: lower-case letters, "
                                  "digits and '-', not perbup, mou or pks").format(name=name))
        with HEAVY:
            doc = _read_upload(path, shown)
            files, report = import_regulation(doc, shown, values["regency_name"] or None)
        clauses = Path(settings().root) / "clauses"
        target = (clauses / name).resolve()
        if target.parent != clauses.resolve():
            raise UploadProblem(_("a clause library must stay in {folder}").format(
                folder=clauses))
        write_library(files, target)
        for file_name, text in files.items():
            atomic_write_text(job.folder / file_name, text)
    except RancangError as exc:
        job.state = "failed"
        return render_template("import.html", values=values,
                               problems=[str(p) for p in exc.problems]), 422
    job.files = {n: "yaml" for n in files}
    job.title = shown
    job.data = {"name": name, "report": report, "source": shown}
    job.state, job.finished = "done", time.time()
    return redirect(url_for("documents.import_result", job_id=job.id))


@blueprint.route("/import/<job_id>")
def import_result(job_id):
    return render_template("import_result.html", job=_job(job_id, "import"))


@blueprint.route("/import/<job_id>/library.zip")
def import_zip(job_id):
    job = _job(job_id, "import")
    name = f"klausul-{job.data['name']}.zip"
    return send_file(job.zip(name, (".yaml",)), as_attachment=True, download_name=name)


