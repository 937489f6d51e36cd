"""The web application of `rancang serve` (Flask): security around every request, the
pages in `routes.py`, `regency_pages.py` and `document_pages.py`.

- A password (or a token printed at start) when the server listens on any address but
  the local machine's; sessions in signed cookies (HttpOnly, SameSite=Strict, Secure
  over HTTPS).
- A CSRF token on every POST (form field `_csrf` or header `X-CSRF-Token`): 403 without.
- Uploads bounded (`MAX_CONTENT_LENGTH`); DOCX/ODT checked like the CLI checks them.
- No stack trace reaches the browser: an unexpected error is logged on the console and
  the page says only that it happened.
"""
from __future__ import annotations

import hmac
import logging
import secrets
import tempfile
from pathlib import Path

from flask import Flask, abort, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from rancang import __version__
from rancang.i18n import N_, _, language
from rancang.web.forms import label_of, option_label
from rancang.web.jobs import Jobs
from rancang.web.settings import Settings

PUBLIC_PATHS = ("/login", "/static/")
log = logging.getLogger("rancang.web")

# The actions of the navigation bar: (endpoint, label).
ACTIONS = [
    ("pages.index", N_("Regencies")),
    ("regency.init", N_("New regency")),
    ("documents.compare", N_("Compare")),
    ("documents.amend", N_("Draft an amendment")),
    ("documents.import_page", N_("Import")),
]


def create_app(settings: Settings) -> Flask:
    app = Flask("rancang.web", root_path=str(Path(__file__).resolve().parent))
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        SESSION_COOKIE_NAME="rancang_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=8 * 1024 * 1024,
        MAX_FORM_PARTS=20000,
        TEMPLATES_AUTO_RELOAD=False,
        JSON_AS_ASCII=False,
    )
    app.jinja_env.autoescape = True
    app.jinja_env.globals.update(_=_, actions=ACTIONS, version=__version__, lang=language,
                                 field_label=label_of, option_label=option_label)
    scratch = settings.scratch or Path(tempfile.mkdtemp(prefix="rancang-serve-"))
    app.extensions["rancang"] = settings
    app.extensions["rancang.jobs"] = Jobs(scratch, settings.build_workers)

    @app.before_request
    def guard():
        if "sid" not in session:
            session["sid"] = secrets.token_urlsafe(16)
            session["csrf"] = secrets.token_urlsafe(32)
        public = request.path.startswith(PUBLIC_PATHS)
        if settings.password and not session.get("auth") and not public:
            if request.method == "GET":
                return redirect(url_for("pages.login", next=request.full_path))
            abort(401)
        if request.method == "POST":
            sent = request.headers.get("X-CSRF-Token") or request.form.get("_csrf", "")
            if not hmac.compare_digest(str(sent), session.get("csrf", "")):
                abort(403)

    @app.after_request
    def headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        if request.method == "GET" and response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc):
        return _error_page(413, _("The upload is too large: at most {mb} MB.").format(
            mb=settings.max_upload_mb))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        messages = {
            401: N_("Log in first."),
            403: N_("The request was refused: the page was out of date or did not come "
                    "from this application (missing security token). Reload the page "
                    "and try again."),
            404: N_("There is no such page."),
            405: N_("This page does not take that request."),
            413: N_("The upload is too large."),
        }
        return _error_page(exc.code or 500, _(messages.get(exc.code, N_("The request could "
                                                                     "not be handled."))))

    @app.errorhandler(Exception)
    def unexpected(exc):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _error_page(500, _("Something went wrong on the server; the details are in "
                                  "its console. Nothing was saved by this request."))

    from rancang.web.document_pages import blueprint as documents
    from rancang.web.regency_pages import blueprint as regency
    from rancang.web.routes import pages
    for blueprint in (pages, regency, documents):
        app.register_blueprint(blueprint)
    return app


def _error_page(status: int, message: str):
    if request.headers.get("HX-Request"):
        return f'<p class="problem">{_escape(message)}</p>', status
    # a refused upload: back to the form it came from (the same address, as a GET)
    back = request.path if request.method == "POST" and status == 413 else None
    return render_template("error.html", status=status, message=message, back=back), status


def _escape(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))

