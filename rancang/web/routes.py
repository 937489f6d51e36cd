"""The pages. Each calls the library functions the CLI calls (`rancang.commands.*`,
`rancang.compare.diff.compare`, the views, the readers); nothing here drafts, checks
or compares by itself."""
from __future__ import annotations

import datetime as dt
import re
import threading
import time
from pathlib import Path, PurePosixPath

from flask import (Blueprint, abort, current_app, redirect, render_template, request,
                   send_file, session, url_for)

from rancang.commands.build import DOC_TYPES, document_types
from rancang.commands.init import init_regency
from rancang.commands.regencies import list_regencies
from rancang.compare.diff import compare as compare_documents
from rancang.errors import InputError, RancangError
from rancang.files import atomic_write_text, package_problem
from rancang.i18n import _
from rancang.readers.importer import import_regulation, write_library
from rancang.readers.parse import parse_text, read_text
from rancang.sources.loader import load_yaml_text
from rancang.sources.regency import REGENCY_SCHEMA, slugify, validate
from rancang.sources.workspace import Workspace
from rancang.views.diffviews import (KETERANGAN, render_docx_tracked, render_html,
                                     render_matrix)
from rancang.web import store
from rancang.web.settings import Settings, check_password
from rancang.web.findings import DATA_GROUP, check_text
from rancang.web.forms import FormReader, all_ids, apply_op, spec_of, widgets
from rancang.web.jobs import Job, Jobs, build_work

pages = Blueprint("pages", __name__)
# reading uploads (pandoc) and comparing run in the request; a few at a time keep the
# server's memory and the machine's cores in bounds when many people compare at once
HEAVY = threading.BoundedSemaphore(4)
UPLOAD_KINDS = {".docx": "word/document.xml", ".odt": "content.xml", ".md": None, ".txt": None}
FORMATS = ("docx", "pdf", "md")


def settings() -> Settings:
    return current_app.extensions["rancang"]


def jobs() -> Jobs:
    return current_app.extensions["rancang.jobs"]


def workspace() -> Workspace:
    # looked up on every request: a folder made since (init, import) is used at once
    return Workspace.discover(settings().root)


def schema_spec():
    return spec_of(REGENCY_SCHEMA)


def _yaml_data(text: str, display: str):
    try:
        return load_yaml_text(text, display)
    except RancangError:
        return None


# --- login ------------------------------------------------------------------------------

@pages.route("/login", methods=["GET", "POST"])
def login():
    error = ""
    target = request.values.get("next") or url_for("pages.index")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("pages.index")
    if request.method == "POST":
        if check_password(settings(), request.form.get("password", "")):
            session.clear()
            session.update(sid=_token(), csrf=_token(), auth=True)
            return redirect(target)
        time.sleep(0.5)         # a guess costs time
        error = _("Wrong password.")
    if not settings().password:
        return redirect(url_for("pages.index"))
    return render_template("login.html", error=error, next=target), 401 if error else 200


@pages.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return redirect(url_for("pages.login"))


def _token() -> str:
    import secrets
    return secrets.token_urlsafe(32)


# --- regencies --------------------------------------------------------------------------

@pages.route("/")
def index():
    ws = workspace()
    return render_template("index.html", entries=list_regencies(ws), root=settings().root,
                           own=ws.regencies.resolve() == store.regencies_dir(
                               settings().root).resolve())


@pages.route("/init", methods=["GET", "POST"])
def init():
    ws = workspace()
    known = [e.slug for e in list_regencies(ws)]
    values = {"name": "", "province": "", "seat": "", "year": str(dt.date.today().year),
              "source": ""}
    problems = []
    if request.method == "POST":
        values = {k: request.form.get(k, "").strip() for k in values}
        try:
            year = int(values["year"]) if values["year"] else dt.date.today().year
            if not 1945 <= year <= 2100:
                raise ValueError
        except ValueError:
            problems.append(_("the year must be a number such as {year}").format(
                year=dt.date.today().year))
            year = None
        source = values["source"] or None
        if source is not None and source not in known:
            problems.append(_("choose a regency from the list"))
        if not problems:
            try:
                slug = slugify(values["name"].removeprefix("Kabupaten ").strip())
                if slug:
                    store.check_slug(slug)
                path = init_regency(ws, values["name"], values["province"] or None,
                                    values["seat"] or None, year, source,
                                    store.regencies_dir(settings().root))
                return redirect(url_for("pages.regency", slug=path.stem, created=1))
            except RancangError as exc:
                problems += [str(p) for p in exc.problems]
    return render_template("init.html", values=values, known=known, problems=problems), \
        422 if problems else 200


def _open(slug: str) -> store.RegencyFile:
    try:
        return store.open_regency(settings().root, workspace(), slug)
    except RancangError:
        abort(404)


def _form_page(reg: store.RegencyFile, data, origins=None, *, version: str, status=200,
               notice="", problems=(), conflict=None, final=False, errors=None):
    spec = schema_spec()
    tree = widgets(spec, data, origins=origins or {})
    return render_template(
        "regency.html", reg=reg, form=tree, version=version, notice=notice,
        problems=problems, conflict=conflict, final=final, errors=errors or {},
        posted=request.method == "POST",
        documents=document_types(workspace()), formats=FORMATS,
        opds=[o.get("name") for o in (data.get("opds") or []) if isinstance(o, dict)]
        if isinstance(data, dict) else []), status


@pages.route("/r/<slug>")
def regency(slug):
    reg = _open(slug)
    data = _yaml_data(reg.text, _display(reg))
    if not isinstance(data, dict):
        return render_template("broken.html", reg=reg, display=_display(reg)), 422
    notice = ""
    if request.args.get("saved"):
        notice = _("Saved. The previous version is kept.")
    elif request.args.get("created"):
        notice = _("The regency file was created. Fill in the fields marked '...'.")
    return _form_page(reg, data, version=reg.version, notice=notice)[0]


def _display(reg: store.RegencyFile) -> str:
    return f"regencies/{reg.target.name}"


def _posted(reg: store.RegencyFile):
    """The form as posted: its data, the file index of each table row, and the text the
    file would have."""
    original = _yaml_data(reg.text, _display(reg))
    reader = FormReader(schema_spec(), request.form, original if isinstance(original, dict)
                        else {})
    data = reader.read()
    op = request.form.get("_op", "")
    if op:
        apply_op(schema_spec(), data, reader.origins, op)
    text = store.render(reg.text, data, schema_spec(), reader.origins)
    return data, reader.origins, text


def _schema_errors(text: str, display: str) -> list:
    try:
        loaded = load_yaml_text(text, display)
        validate(loaded, display)
    except InputError as exc:
        return exc.problems
    except RancangError as exc:
        return exc.problems
    return []


@pages.route("/r/<slug>/form", methods=["POST"])
def regency_form(slug):
    """Rows added or removed: the form again, from what was posted (nothing saved)."""
    reg = _open(slug)
    data, origins, _text = _posted(reg)
    return _form_page(reg, data, origins, version=request.form.get("_version", ""),
                      final=bool(request.form.get("_final")))


@pages.route("/r/<slug>/validate", methods=["POST"])
def regency_validate(slug):
    """The findings of `check` for the form as it stands (not saved), as a fragment."""
    reg = _open(slug)
    data, origins, text = _posted(reg)
    tree = widgets(schema_spec(), data, origins=origins)
    report = check_text(workspace(), slug, text, _display(reg), all_ids(tree),
                        final=bool(request.form.get("_final")))
    return render_template("_findings.html", report=report, data_group=DATA_GROUP,
                           live=True)


@pages.route("/r/<slug>/findings")
def regency_findings(slug):
    reg = _open(slug)
    data = _yaml_data(reg.text, _display(reg))
    tree = widgets(schema_spec(), data if isinstance(data, dict) else {})
    report = check_text(workspace(), slug, reg.text, _display(reg), all_ids(tree),
                        final=bool(request.args.get("final")))
    return render_template("_findings.html", report=report, data_group=DATA_GROUP,
                           live=False)


@pages.route("/r/<slug>", methods=["POST"])
def regency_save(slug):
    reg = _open(slug)
    data, origins, text = _posted(reg)
    version = request.form.get("_overwrite") or request.form.get("_version", "")
    final = bool(request.form.get("_final"))
    problems = _schema_errors(text, _display(reg))
    if problems:
        errors = _field_errors(problems)
        return _form_page(reg, data, origins, version=version, status=422, final=final,
                          problems=[str(p) for p in problems], errors=errors)
    try:
        store.save(settings().root, workspace(), slug, text, version,
                   who=request.remote_addr or "")
    except store.Conflict as exc:
        theirs = _yaml_data(exc.text, _display(reg))
        base = store.recall(version)
        changed = _differences(theirs if isinstance(theirs, dict) else {},
                               _yaml_data(base, _display(reg)) if base else None)
        return _form_page(reg, data, origins, version=version, status=409, final=final,
                          conflict={"version": exc.version, "changed": changed})
    except RancangError as exc:
        return _form_page(reg, data, origins, version=version, status=500, final=final,
                          problems=[str(p) for p in exc.problems])
    return redirect(url_for("pages.regency", slug=slug, saved=1))


def _field_errors(problems) -> dict[str, list[str]]:
    from rancang.web.findings import _path_in_message
    from rancang.web.forms import dom_id
    out: dict[str, list[str]] = {}
    for p in problems:
        path = _path_in_message(p.message)
        if path:
            out.setdefault(dom_id(path), []).append(p.message)
    return out


def _flatten(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(v, path + (str(k),))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _flatten(v, path + (str(i),))
    else:
        yield ".".join(path), value


def _differences(theirs: dict, base) -> list[dict]:
    """The fields the other save changed, against the version this page was made from
    (when it is still known: the page's own file text), else every field of theirs."""
    base_flat = dict(_flatten(base)) if isinstance(base, dict) else {}
    out = []
    for key, value in _flatten(theirs):
        if base_flat.get(key, object()) != value:
            out.append({"field": key, "value": "" if value is None else str(value)})
    return out[:200]


# --- building ---------------------------------------------------------------------------

@pages.route("/r/<slug>/build", methods=["POST"])
def build(slug):
    reg = _open(slug)
    ws = workspace()
    known = document_types(ws)
    docs = tuple(d for d in request.form.getlist("doc") if d in known) or ("perbup",)
    formats = tuple(f for f in request.form.getlist("format") if f in FORMATS) or ("docx",)
    final = bool(request.form.get("final"))
    job = jobs().new("build", session["sid"], reg.slug)
    job.data = {"slug": slug, "docs": docs, "formats": formats, "final": final}
    jobs().run(job, build_work(ws, reg.path, docs, formats, final))
    return redirect(url_for("pages.job", job_id=job.id))


def _job(job_id: str, kind: str | None = None) -> Job:
    job = jobs().get(job_id, session.get("sid", ""))
    if job is None or (kind and job.kind != kind):
        abort(404)
    return job


@pages.route("/jobs/<job_id>")
def job(job_id):
    job = _job(job_id, "build")
    return render_template("job.html", job=job)


@pages.route("/jobs/<job_id>/progress")
def job_progress(job_id):
    job = _job(job_id, "build")
    response = current_app.make_response(render_template("_job.html", job=job))
    if job.state in ("done", "failed"):
        response.headers["HX-Trigger"] = "job-finished"
    return response


@pages.route("/jobs/<job_id>/files/<name>")
def job_file(job_id, name):
    job = _job(job_id)
    path = job.file(name)
    if path is None:
        abort(404)
    if path.suffix == ".html" and request.args.get("view"):
        response = send_file(path, mimetype="text/html")
        # the document page carries its own style sheet and nothing else
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
        return response
    return send_file(path, as_attachment=True, download_name=name)


@pages.route("/jobs/<job_id>/preview/<stem>")
def job_preview(job_id, stem):
    job = _job(job_id, "build")
    doc = next((d for d in job.documents if d.stem == stem and "html" in d.files), None)
    if doc is None:
        abort(404)
    return render_template("preview.html", job=job, doc=doc)


@pages.route("/jobs/<job_id>/package.zip")
def job_zip(job_id):
    job = _job(job_id, "build")
    if job.state != "done":
        abort(404)
    name = f"dokumen-{job.data.get('slug', 'rancang')}.zip"
    path = job.zip(name, (".docx", ".pdf", ".md"))
    return send_file(path, as_attachment=True, download_name=name)


# --- uploads ------------------------------------------------------------------------------

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


def _read_upload(path: Path, shown: str):
    try:
        return parse_text(read_text(path), PurePosixPath(shown).stem or path.stem)
    except RancangError as exc:
        raise UploadProblem(f"{shown}: " + "; ".join(p.message for p in exc.problems)) \
            from None


# --- compare ------------------------------------------------------------------------------

@pages.route("/compare", methods=["GET", "POST"])
def compare():
    if request.method == "GET":
        return render_template("compare.html", problems=[])
    job = jobs().new("compare", session["sid"])
    try:
        old_path, old_name = _save_upload("old", job.folder, "lama")
        new_path, new_name = _save_upload("new", job.folder, "baru")
        with HEAVY:
            cmp = compare_documents(_read_upload(old_path, old_name),
                                    _read_upload(new_path, new_name))
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
    return redirect(url_for("pages.compare_result", job_id=job.id))


@pages.route("/compare/<job_id>")
def compare_result(job_id):
    return render_template("compare_result.html", job=_job(job_id, "compare"))


# --- import -------------------------------------------------------------------------------

@pages.route("/import", methods=["GET", "POST"])
def import_page():
    values = {"name": "", "regency_name": ""}
    if request.method == "GET":
        return render_template("import.html", problems=[], values=values)
    values = {k: request.form.get(k, "").strip() for k in values}
    job = jobs().new("import", session["sid"])
    try:
        path, shown = _save_upload("file", job.folder, "sumber")
        name = values["name"] or slugify(PurePosixPath(shown).stem)
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
    return redirect(url_for("pages.import_result", job_id=job.id))


@pages.route("/import/<job_id>")
def import_result(job_id):
    return render_template("import_result.html", job=_job(job_id, "import"))


@pages.route("/import/<job_id>/library.zip")
def import_zip(job_id):
    job = _job(job_id, "import")
    name = f"klausul-{job.data['name']}.zip"
    return send_file(job.zip(name, (".yaml",)), as_attachment=True, download_name=name)


@pages.route("/document.css")
def document_css():
    from rancang.views.html import DOCUMENT_CSS
    return current_app.response_class(DOCUMENT_CSS, mimetype="text/css")


@pages.app_template_global()
def keterangan(op: str) -> str:
    """The diff's own words for a change (Diubah, Ditambah, ...), as in the matrix."""
    return KETERANGAN.get(op, op)


@pages.app_template_filter()
def doc_title(doc_type: str) -> str:
    names = {"perbup": _("Peraturan Bupati"), "mou": _("Kesepakatan Bersama (MoU)"),
             "pks": _("Perjanjian Kerja Sama (PKS)"), DATA_GROUP: _(DATA_GROUP)}
    return names.get(doc_type, doc_type)

