"""`rancang serve`: the web page on a real server (cheroot, CherryPy's pure-Python
WSGI server: threads, TLS, runs on Windows too)."""
from __future__ import annotations

import secrets
import threading
import webbrowser
from pathlib import Path

from cheroot import wsgi

from rancang.i18n import _
from rancang.web.app import create_app
from rancang.web.settings import Settings, needs_password


def make_server(settings: Settings, host: str, port: int, threads: int = 24,
                cert: Path | None = None, key: Path | None = None) -> wsgi.Server:
    app = create_app(settings)
    server = wsgi.Server((host, port), app, numthreads=threads, server_name="rancang",
                         timeout=60, shutdown_timeout=2, request_queue_size=64)
    # the app answers an oversized upload with its own page; this is the hard stop
    server.max_request_body_size = (settings.max_upload_mb + 1) * 3 * 1024 * 1024
    if cert and key:
        from cheroot.ssl.builtin import BuiltinSSLAdapter
        server.ssl_adapter = BuiltinSSLAdapter(str(cert), str(key))
    server.rancang_app = app
    return server


def address(server: wsgi.Server, tls: bool) -> str:
    host, port = server.bind_addr[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}/"


def serve(root: Path, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
          password: str | None = None, cert: Path | None = None, key: Path | None = None,
          echo=print) -> None:
    tls = bool(cert and key)
    generated = False
    if needs_password(host) and not password:
        password, generated = secrets.token_urlsafe(12), True
    settings = Settings(root=Path(root).resolve(),
                        password=password if needs_password(host) or password else None,
                        secure_cookies=tls)
    server = make_server(settings, host, port, cert=cert, key=key)
    server.prepare()                 # binds now: a port in use is reported before we print
    url = address(server, tls)
    echo(_("rancang serve: {url} (workspace {root})").format(url=url, root=settings.root))
    if settings.password:
        if generated:
            echo(_("password for this run: {password} (set RANCANG_SERVE_PASSWORD to choose "
                   "one)").format(password=password))
        else:
            echo(_("a password is required (RANCANG_SERVE_PASSWORD)"))
        if not tls:
            echo(_("note: without --cert/--key the password travels unencrypted on the "
                   "network"))
    echo(_("stop it with Ctrl+C"))
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        server.rancang_app.extensions["rancang.jobs"].close()
