"""The pages of a regency: a new one (init), its facts as a form, its findings, its
builds (progress, preview, downloads)."""
from __future__ import annotations

import datetime as dt

from flask import (Blueprint, abort, current_app, redirect, render_template, request,
                   send_file, session, url_for)

from rancang.commands.build import DOC_TYPES, document_types
from rancang.commands.init import init_regency
from rancang.commands.regencies import list_regencies
from rancang.errors import InputError, RancangError
from rancang.i18n import _, ngettext
from rancang.sources.loader import load_yaml_text
from rancang.files import slug as make_slug
from rancang.sources.regency import validate
from rancang.web import store
from rancang.web.findings import DATA_GROUP, check_text, labelled, read_list, row_label
from rancang.web.forms import FormReader, all_ids, apply_op, widgets
from rancang.web.jobs import build_work
from rancang.web.routes import _job, _yaml_data, jobs, schema_spec, settings, workspace

blueprint = Blueprint("regency", __name__)
FORMATS = ("docx", "pdf", "md")


@blueprint.route("/init", methods=["GET", "POST"])
def init():
    ws = workspace()
    entries = [e for e in list_regencies(ws) if not e.problem]
    known = [e.slug for e in entries]
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
                slug = make_slug(values["name"].removeprefix("Kabupaten ").strip(), "kabupaten")
                if slug:
                    store.check_slug(slug)
                path = init_regency(ws, values["name"], values["province"] or None,
                                    values["seat"] or None, year, source,
                                    store.regencies_dir(settings().root))
                return redirect(url_for("regency.regency", slug=path.stem, created=1))
            except RancangError as exc:
                problems += [str(p) for p in exc.problems]
    return render_template("init.html", values=values, problems=problems,
                           known=[(e.slug, e.name or e.slug) for e in entries]), \
        422 if problems else 200


def _open(slug: str) -> store.RegencyFile:
    try:
        return store.open_regency(settings().root, workspace(), slug)
    except RancangError:
        abort(404)


def _form_page(reg: store.RegencyFile, data, origins=None, *, version: str, status=200,
               notice="", problems=(), conflict=None, final=False, errors=None,
               participant_problems=(), list_problems=None):
    spec = schema_spec()
    tree = widgets(spec, data, origins=origins or {})
    return render_template(
        "regency.html", reg=reg, form=tree, reg_name=regency_name(data, reg.slug), version=version, notice=notice,
        problems=problems, conflict=conflict, final=final, errors=errors or {},
        participants=_participants_shown(reg), participant_problems=participant_problems,
        list_problems=list_problems,
        posted=request.method == "POST",
        documents=document_types(workspace()), formats=FORMATS,
        opds=[o.get("name") for o in (data.get("opds") or []) if isinstance(o, dict)]
        if isinstance(data, dict) else []), status


@blueprint.route("/r/<slug>")
def regency(slug):
    reg = _open(slug)
    data = _yaml_data(reg.text, _display(reg))
    if not isinstance(data, dict):
        return render_template("broken.html", reg=reg, display=_display(reg)), 422
    notice = ""
    list_problems = None
    if request.args.get("saved"):
        notice = _("Saved. The previous version is kept.")
    elif request.args.get("participants", "").isdigit():
        list_problems = _list_problems(reg)
        rows = {p["row"] for p in list_problems if p["row"] is not None}
        if list_problems:
            notice = ngettext(
                "The participant list is kept: {count} participant(s), but {rows} row has "
                "problems (listed below). Fix the list and upload it again.",
                "The participant list is kept: {count} participant(s), but {rows} rows have "
                "problems (listed below). Fix the list and upload it again.",
                max(len(rows), 1)).format(count=request.args["participants"],
                                          rows=max(len(rows), 1))
        else:
            notice = _("The participant list is kept: {count} participant(s), and no row "
                       "has a problem.").format(count=request.args["participants"])
    elif request.args.get("created"):
        notice = _("The regency file was created. Fill in the fields marked '...'.")
    return _form_page(reg, data, version=reg.version, notice=notice,
                      list_problems=list_problems)[0]


def _list_problems(reg: store.RegencyFile) -> list[dict]:
    """The problems of the kept participant list, each with its row and the person's name
    (what the banner after an upload counts and lists)."""
    path = store.participants_path(settings().root, reg.slug)
    if path is None:
        return []
    try:
        found = read_list(path, reg.path, workspace())
    except RancangError as exc:
        return [{"row": None, "where": "", "message": p.message} for p in exc.problems]
    names = {p.row: p.name for p in found.rows}
    out = []
    for f in found.findings:
        row = getattr(f.where, "line", None)
        out.append({"row": row, "severity": f.severity, "message": f.message,
                    "where": row_label(row, names.get(row)) if row else ""})
    return out


def regency_name(data, slug: str) -> str:
    """The regency as staff name it (Kabupaten Rejang Lebong), not its file's slug."""
    name = data.get("name") if isinstance(data, dict) else None
    if isinstance(name, str) and name.strip() and name.strip() != "...":
        return f"Kabupaten {name.strip()}"
    return slug


def _participants_shown(reg: store.RegencyFile) -> dict | None:
    path = store.participants_path(settings().root, reg.slug)
    if path is None:
        return None
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d-%m-%Y %H:%M")
    return {"name": f"peserta/{path.name}", "when": stamp}


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


@blueprint.route("/r/<slug>/form", methods=["POST"])
def regency_form(slug):
    """Rows added or removed: the form again, from what was posted (nothing saved)."""
    reg = _open(slug)
    data, origins, _text = _posted(reg)
    return _form_page(reg, data, origins, version=request.form.get("_version", ""),
                      final=bool(request.form.get("_final")))


@blueprint.route("/r/<slug>/validate", methods=["POST"])
def regency_validate(slug):
    """The findings of `check` for the form as it stands (not saved), as a fragment."""
    reg = _open(slug)
    data, origins, text = _posted(reg)
    tree = widgets(schema_spec(), data, origins=origins)
    report = check_text(workspace(), slug, text, _display(reg), all_ids(tree),
                        final=bool(request.form.get("_final")),
                        participants=store.participants_path(settings().root, slug))
    return render_template("_findings.html", report=report, data_group=DATA_GROUP,
                           live=True)


@blueprint.route("/r/<slug>/findings")
def regency_findings(slug):
    reg = _open(slug)
    data = _yaml_data(reg.text, _display(reg))
    tree = widgets(schema_spec(), data if isinstance(data, dict) else {})
    report = check_text(workspace(), slug, reg.text, _display(reg), all_ids(tree),
                        final=bool(request.args.get("final")),
                        participants=store.participants_path(settings().root, slug))
    return render_template("_findings.html", report=report, data_group=DATA_GROUP,
                           live=False)


@blueprint.route("/r/<slug>", methods=["POST"])
def regency_save(slug):
    reg = _open(slug)
    data, origins, text = _posted(reg)
    version = request.form.get("_overwrite") or request.form.get("_version", "")
    final = bool(request.form.get("_final"))
    problems = _schema_errors(text, _display(reg))
    if problems:
        errors = _field_errors(problems)
        return _form_page(reg, data, origins, version=version, status=422, final=final,
                          problems=[labelled(p.message) for p in problems], errors=errors)
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
    return redirect(url_for("regency.regency", slug=slug, saved=1))


def _field_errors(problems) -> dict[str, list[str]]:
    from rancang.web.findings import _path_in_message
    from rancang.web.forms import dom_id
    out: dict[str, list[str]] = {}
    for p in problems:
        path = _path_in_message(p.message)
        if path:
            out.setdefault(dom_id(path), []).append(labelled(p.message))
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


# --- the participant list -------------------------------------------------------------

@blueprint.route("/r/<slug>/participants", methods=["POST"])
def participants_upload(slug):
    """The participant list (XLSX or CSV) the Keputusan on recipients is built from: read
    as `--participants` reads it before it replaces the page's list. A list that cannot
    be read is refused; what is wrong in its rows shows among the findings, as in check."""
    import tempfile
    from pathlib import Path, PurePosixPath

    from rancang.readers.participants import load_limits, read_participants
    from rancang.sources.regency import load_regency
    reg = _open(slug)
    upload = request.files.get("participants")
    if upload is None or not upload.filename:
        return _participants_page(reg, [_("choose a file")])
    suffix = PurePosixPath(upload.filename.replace("\\", "/")).suffix.lower()
    if suffix not in store.PARTICIPANT_KINDS:
        return _participants_page(reg, [_("a participant list is an XLSX or CSV file")])
    ws = workspace()
    with tempfile.TemporaryDirectory(prefix="rancang-peserta-") as tmp:
        path = Path(tmp) / f"peserta{suffix}"
        upload.save(path)
        try:
            found = read_participants(path, load_regency(reg.path),
                                      limits=load_limits(ws.clause_dir("participants.yaml")))
        except RancangError as exc:
            return _participants_page(reg, [p.message for p in exc.problems])
        store.keep_participants(settings().root, reg.slug, path, suffix)
    return redirect(url_for("regency.regency", slug=slug, participants=len(found.rows)))


@blueprint.route("/r/<slug>/participants/remove", methods=["POST"])
def participants_remove(slug):
    reg = _open(slug)
    path = store.participants_path(settings().root, reg.slug)
    if path is not None:
        path.unlink(missing_ok=True)
    return redirect(url_for("regency.regency", slug=slug))


def _participants_page(reg: store.RegencyFile, problems: list[str]):
    data = _yaml_data(reg.text, _display(reg))
    return _form_page(reg, data if isinstance(data, dict) else {}, version=reg.version,
                      status=422, participant_problems=problems)


# --- building ---------------------------------------------------------------------------

@blueprint.route("/r/<slug>/build", methods=["POST"])
def build(slug):
    reg = _open(slug)
    ws = workspace()
    known = document_types(ws)
    asked = request.form.getlist("doc")
    # 'all' is what the CLI's --doc all means: the three documents, with the other ticks
    docs = tuple(dict.fromkeys((DOC_TYPES if "all" in asked else ())
                               + tuple(d for d in asked if d in known))) or ("perbup",)
    formats = tuple(f for f in request.form.getlist("format") if f in FORMATS) or ("docx",)
    final = bool(request.form.get("final"))
    job = jobs().new("build", session["sid"],
                     regency_name(_yaml_data(reg.text, _display(reg)), reg.slug))
    job.data = {"slug": slug, "docs": docs, "formats": formats, "final": final}
    jobs().run(job, build_work(ws, reg.path, docs, formats, final,
                               participants=store.participants_path(settings().root, slug)))
    return redirect(url_for("regency.job", job_id=job.id))


@blueprint.route("/jobs/<job_id>")
def job(job_id):
    job = _job(job_id, "build")
    return render_template("job.html", job=job)


@blueprint.route("/jobs/<job_id>/progress")
def job_progress(job_id):
    job = _job(job_id, "build")
    response = current_app.make_response(render_template("_job.html", job=job))
    if job.state in ("done", "failed"):
        response.headers["HX-Trigger"] = "job-finished"
    return response


@blueprint.route("/jobs/<job_id>/preview/<stem>")
def job_preview(job_id, stem):
    job = _job(job_id, "build")
    doc = next((d for d in job.documents if d.stem == stem and "html" in d.files), None)
    if doc is None:
        abort(404)
    return render_template("preview.html", job=job, doc=doc)


@blueprint.route("/jobs/<job_id>/package.zip")
def job_zip(job_id):
    job = _job(job_id, "build")
    if job.state != "done":
        abort(404)
    name = f"dokumen-{job.data.get('slug', 'rancang')}.zip"
    path = job.zip(name, (".docx", ".pdf", ".md"))
    return send_file(path, as_attachment=True, download_name=name)


# --- uploads ------------------------------------------------------------------------------

