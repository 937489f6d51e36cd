"""The pages every part shares: login, the list of regencies, the files of a job, the
helpers of the templates. The regency pages are in `regency_pages.py`, the pages for
documents (compare, import; amend joins them) in `document_pages.py`. Each page calls
the library functions the CLI calls; nothing here drafts, checks or compares by itself."""
from __future__ import annotations

import time

from flask import (Blueprint, abort, current_app, redirect, render_template, request,
                   send_file, session, url_for)

from rancang.commands.regencies import list_regencies
from rancang.errors import RancangError
from rancang.i18n import _
from rancang.sources.loader import load_yaml_text
from rancang.sources.regency import REGENCY_SCHEMA
from rancang.sources.workspace import Workspace
from rancang.views.diffviews import KETERANGAN
from rancang.web import store
from rancang.web.findings import DATA_GROUP, labelled
from rancang.web.forms import spec_of
from rancang.web.jobs import Job, Jobs
from rancang.web.settings import Settings, check_password

pages = Blueprint("pages", __name__)


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


def _job(job_id: str, kind: str | None = None) -> Job:
    job = jobs().get(job_id, session.get("sid", ""))
    if job is None or (kind and job.kind != kind):
        abort(404)
    return job


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
             "pks": _("Perjanjian Kerja Sama (PKS)"),
             "kepbup-penerima": _("Keputusan Bupati on the recipients of the contribution aid"),
             "kepbup-tim": _("Keputusan Bupati on the coordination team"),
             "kuasa": _("Surat Kuasa (power of attorney to sign the PKS)"),
             DATA_GROUP: _(DATA_GROUP)}
    return names.get(doc_type, doc_type)


@pages.app_template_filter("labelled")
def labelled_filter(message: str) -> str:
    """A message with the field paths it quotes named by their labels."""
    return labelled(message)


