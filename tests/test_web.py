"""`rancang serve` without a browser: Flask's test client posts what a browser would post
(the form read from the page's own HTML, tests/webform.py)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from rancang.views.blocks import Block, Table
from rancang.views.html import render_html, render_html_page
from rancang.web.app import create_app
from rancang.web.settings import Settings, needs_password
from rancang.web.forms import spec_of
from tests.webform import form_fields, set_field

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def client(workspace_copy):
    app = create_app(Settings(root=workspace_copy))
    app.testing = False          # errors are handled as in production
    with app.test_client() as c:
        yield c
    app.extensions["rancang.jobs"].close()


def csrf_of(html: str) -> str:
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def form_of(client, slug: str) -> list[tuple[str, str]]:
    return form_fields(client.get(f"/r/{slug}").get_data(as_text=True), "regency-form")


def save(client, slug: str, fields) -> "object":
    return client.post(f"/r/{slug}", data=MultiDict(fields))


# --- saving keeps the file -----------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["rejang-lebong", "serang", "lebak"])
def test_saving_an_unchanged_form_gives_the_same_bytes(client, workspace_copy, slug):
    path = workspace_copy / "regencies" / f"{slug}.yaml"
    before = path.read_bytes()
    response = save(client, slug, form_of(client, slug))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert path.read_bytes() == before


def test_a_changed_field_changes_that_line_only(client, workspace_copy):
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    fields = set_field(form_of(client, "rejang-lebong"), "f.officials.bupati", "Syamsul Effendi")
    fields = set_field(fields, "o.officials.bupati", None)
    fields = set_field(fields, "f.officials.sekretaris_daerah", "Yusran Fauzi")
    fields = set_field(fields, "o.officials.sekretaris_daerah", None)
    assert save(client, "rejang-lebong", fields).status_code == 302
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed == [
        ("  bupati: ...                  # nama Bupati tanpa gelar / name without titles",
         "  bupati: Syamsul Effendi      # nama Bupati tanpa gelar / name without titles"),
        ("  sekretaris_daerah: ...",
         "  sekretaris_daerah: Yusran Fauzi"),
    ]
    assert len(after) == len(before)


def test_a_removed_row_takes_only_its_own_lines(client, workspace_copy):
    path = workspace_copy / "regencies" / "serang.yaml"
    text = path.read_text(encoding="utf-8")
    fields = form_of(client, "serang")
    # remove the second OPD: every field posted under its row number goes
    fields = [(k, v) for k, v in fields if not re.match(r"^(f|o|row|m)\.opds\.1(\.|$)", k)]
    assert save(client, "serang", fields).status_code == 302
    after = path.read_text(encoding="utf-8")
    start = text.index("  - name: Bagian Kesejahteraan Rakyat")
    end = text.index("  - name:", start + 5)
    assert after == text[:start] + text[end:]


def test_a_value_that_breaks_the_schema_is_not_saved(client, workspace_copy):
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    before = path.read_bytes()
    fields = set_field(form_of(client, "rejang-lebong"), "f.perbup.year", "dua ribu")
    response = save(client, "rejang-lebong", fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    # the message `rancang check` gives for this value
    # review 5: the field is named by its labels on the form, not by its path
    assert "field «Peraturan Bupati › Year»: &#39;dua ribu&#39; is not a whole number" in html
    assert "perbup.year" not in re.sub(r'(name|id|for|data-[a-z]+)="[^"]*"', "", html)
    assert "regencies/rejang-lebong.yaml:" not in html
    assert 'value="dua ribu"' in html                 # the input is kept
    assert path.read_bytes() == before


def test_history_numbered_copies_outside_git(client, workspace_copy):
    path = workspace_copy / "regencies" / "lebak.yaml"
    original = path.read_text(encoding="utf-8")
    fields = form_of(client, "lebak")
    assert "\nseat: Rangkasbitung\n" in original
    assert save(client, "lebak", set_field(fields, "f.seat", "Rangkas Bitung")).status_code == 302
    fields = set_field(form_of(client, "lebak"), "f.seat", "Rangkas")
    assert save(client, "lebak", fields).status_code == 302
    kept = sorted((path.parent / ".history" / "lebak").iterdir())
    assert [k.name for k in kept] == ["lebak.0001.yaml", "lebak.0002.yaml"]
    assert kept[0].read_text(encoding="utf-8") == original
    assert "\nseat: Rangkas Bitung\n" in kept[1].read_text(encoding="utf-8")
    assert "\nseat: Rangkas\n" in path.read_text(encoding="utf-8")


def test_history_is_a_commit_in_a_git_workspace(client, workspace_copy):
    def git(*args):
        return subprocess.run(["git", "-C", str(workspace_copy), *args], check=True,
                              capture_output=True, text=True).stdout
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "regencies")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a note by hand\n", encoding="utf-8")
    fields = set_field(form_of(client, "rejang-lebong"), "f.officials.bupati", "Syamsul")
    assert save(client, "rejang-lebong", fields).status_code == 302
    log = git("log", "--format=%s", "--", "regencies/rejang-lebong.yaml").splitlines()
    assert log == ["regencies/rejang-lebong.yaml: saved from rancang serve by 127.0.0.1",
                   "regencies/rejang-lebong.yaml: kept as it was before a save from rancang serve",
                   "start"]
    assert "# a note by hand" in git("show", "HEAD~1:regencies/rejang-lebong.yaml")
    assert not (path.parent / ".history").exists()


def test_a_stale_page_gets_the_conflict_and_keeps_its_input(client, workspace_copy):
    stale = form_of(client, "serang")
    fresh = set_field(form_of(client, "serang"), "f.officials.bupati", "Andika Hazrumy")
    assert save(client, "serang", fresh).status_code == 302
    path = workspace_copy / "regencies" / "serang.yaml"
    after_first = path.read_bytes()
    response = save(client, "serang", set_field(stale, "f.seat", "Ciruas"))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this file" in html
    assert "<code>officials.bupati</code>: Andika Hazrumy" in html
    assert 'value="Ciruas"' in html
    assert path.read_bytes() == after_first


# --- the form comes from the schema -----------------------------------------------------------

def test_the_form_follows_the_schema_generically():
    schema = {"type": "object", "required": ["kind"], "properties": {
        "kind": {"enum": ["a", "b"]},
        "when": {"anyOf": [{"type": "string", "format": "date"}, {"const": "..."}]},
        "tags": {"type": "array", "items": {"enum": ["x", "y"]}},
        "rows": {"type": "array", "items": {"type": "object", "properties": {
            "n": {"type": "integer"}, "names": {"type": "array", "items": {"type": "string"}}}}},
        "ref": {"$ref": "#/$defs/flag"}},
        "$defs": {"flag": {"type": "boolean"}}}
    spec = spec_of(schema)
    kinds = {k: (s.kind, s.can_be_open) for k, s in spec.props.items()}
    assert kinds == {"kind": ("enum", False), "when": ("date", True), "tags": ("multi", False),
                     "rows": ("table", False), "ref": ("boolean", False)}
    assert spec.props["rows"].item.props["names"].kind == "list"


def test_the_page_draws_each_kind_of_field(client):
    html = client.get("/r/serang").get_data(as_text=True)
    assert '<input type="date" name="f.mou.date"' in html
    assert re.search(r'<select name="f.mou.stated_weekday"[^>]*>.*?<option value="Senin"', html, re.S)
    assert 'name="o.officials.sekretaris_daerah" value="1"' in html      # may be '...'
    assert 'name="row.opds.0.groups.0" value="0"' in html                # a table row
    assert 'value="add:opds.0.groups"' in html and 'value="remove:opds.2"' in html


def test_a_fact_keeps_its_confidence_through_the_form(client, workspace_copy):
    """{value, confirmed, source, note}: the value is the field, the box says whether it is
    confirmed, and rows of a table written as a fact are added and removed inside it."""
    import yaml
    path = workspace_copy / "regencies" / "serang.yaml"
    note = "pengelompokan Perangkat Daerah diduga dari bidang tugasnya, tidak diumumkan"
    fields = form_of(client, "serang")
    assert ("u.opds.1.groups", "1") in fields and ("un.opds.1.groups", note) in fields
    fields = set_field(fields, "u.opds.1.groups", None)          # the Bagian Hukum confirms it
    page = client.post("/r/serang/form",
                       data=MultiDict(fields + [("_op", "remove:opds.2.groups.1")]))
    fields = form_fields(page.get_data(as_text=True), "regency-form")
    assert save(client, "serang", fields).status_code == 302
    opds = yaml.safe_load(path.read_text(encoding="utf-8"))["opds"]
    assert opds[1]["groups"] == {"value": [{"name": "guru ngaji", "count": 770}],
                                 "confirmed": True, "note": note}
    assert opds[2]["groups"] == {"value": [{"name": "anggota Badan Permusyawaratan Desa",
                                            "count": 2428}],
                                 "confirmed": False, "note": note}

    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    fields = set_field(form_of(client, "rejang-lebong"), "u.seat", "1")   # an assumption
    assert save(client, "rejang-lebong", fields).status_code == 302
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["seat"] == {"value": "Curup", "confirmed": False}


# --- the participant list -------------------------------------------------------------------

RECIPIENTS = ("Nama;NIK;Alamat;Desa/Kelurahan;Perangkat Daerah/OPD;Kelompok\n"
              "Ahmad;'1702011203850001;Jl. Merdeka 1;Talang Rimbo;"
              "Dinas Ketenagakerjaan dan Transmigrasi;Pekerja Rentan\n"
              "Euis;'1702015203900004;Jl. Merdeka 5;Talang Rimbo;"
              "Dinas Ketenagakerjaan dan Transmigrasi;Pekerja Rentan\n")


def _upload(client, slug, name, data: bytes):
    import io
    token = csrf_of(client.get(f"/r/{slug}").get_data(as_text=True))
    return client.post(f"/r/{slug}/participants", content_type="multipart/form-data",
                       data={"_csrf": token, "participants": (io.BytesIO(data), name)})


def test_the_participant_list_is_kept_and_used_by_the_checks(client, workspace_copy):
    findings = client.get("/r/rejang-lebong/findings?final=1").get_data(as_text=True)
    # without the list the group's count is open: the Keputusan cannot count the recipients
    assert 'data-code="placeholder-open"' in findings
    # review 5: the path 'opds[0].groups[0].count' is shown by the labels of the form
    assert "«Perangkat Daerah (OPD) 1 › Participant groups 1 › Number of workers»" in findings
    assert "opds[0].groups[0].count" not in findings
    response = _upload(client, "rejang-lebong", "Daftar Peserta.CSV", RECIPIENTS.encode())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/r/rejang-lebong?participants=2")
    kept = workspace_copy / "peserta" / "rejang-lebong.csv"
    assert kept.read_text(encoding="utf-8") == RECIPIENTS       # our name, their bytes
    page = client.get("/r/rejang-lebong?participants=2").get_data(as_text=True)
    assert "peserta/rejang-lebong.csv" in page
    findings = client.get("/r/rejang-lebong/findings?final=1").get_data(as_text=True)
    # the list counts them: the Keputusan and the PKS take the count from it
    assert "Participant groups 1 › Number of workers" not in findings
    assert "the counts of the groups of Dinas Ketenagakerjaan dan Transmigrasi" not in findings
    token = csrf_of(page)
    assert client.post("/r/rejang-lebong/participants/remove",
                       data={"_csrf": token}).status_code == 302
    assert not kept.exists()


def test_a_list_that_cannot_be_read_is_refused_and_nothing_is_kept(client, workspace_copy):
    response = _upload(client, "rejang-lebong", "peserta.txt", RECIPIENTS.encode())
    assert response.status_code == 422
    assert "a participant list is an XLSX or CSV file" in response.get_data(as_text=True)
    response = _upload(client, "rejang-lebong", "peserta.csv",
                       b"Nama;NIK;Alamat;Desa/Kelurahan;Perangkat Daerah/OPD;Kelompok\n")
    assert response.status_code == 422
    assert "the list has a header but no participants under it" in \
        response.get_data(as_text=True)
    response = _upload(client, "rejang-lebong", "peserta.xlsx", b"PK\x03\x04 not a workbook")
    assert response.status_code == 422
    assert not (workspace_copy / "peserta").exists() or \
        not list((workspace_copy / "peserta").iterdir())


def test_every_field_of_the_regency_file_has_a_name_on_the_form():
    """The form names fields through the catalog (labels.py), not by their English keys."""
    from rancang.sources.regency import REGENCY_SCHEMA
    from rancang.web.labels import LABELS
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update((node.get("properties") or {}).keys())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(REGENCY_SCHEMA)
    assert sorted(keys - set(LABELS)) == []


def test_the_page_names_its_fields_in_indonesian(workspace_copy):
    from rancang import i18n
    before = i18n.chosen()
    i18n.set_language("id")
    try:
        app = create_app(Settings(root=workspace_copy))
        with app.test_client() as c:
            html = c.get("/r/serang").get_data(as_text=True)
        app.extensions["rancang.jobs"].close()
    finally:
        i18n.set_language(before)
    assert "<legend>Pejabat" in html and "<legend>Undang-undang pembentukan 1" in html
    assert '<label for="i-f-seat">Ibu kota kabupaten' in html
    assert "Officials" not in html and "Formation law" not in html


# --- security ---------------------------------------------------------------------------------------

def test_only_the_local_machine_goes_without_a_password():
    assert [needs_password(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]")] == [False] * 4
    assert [needs_password(h) for h in ("0.0.0.0", "192.168.1.10", "127.0.0.2", "::")] == [True] * 4


def test_with_a_password_every_page_asks_for_it(workspace_copy):
    app = create_app(Settings(root=workspace_copy, password="kunci-rahasia"))
    c = app.test_client()
    response = c.get("/r/serang")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert c.get("/jobs/abc/package.zip").status_code == 302
    token = csrf_of(c.get("/login").get_data(as_text=True))
    assert c.post("/login", data={"password": "salah", "_csrf": token}).status_code == 401
    assert c.post("/r/serang", data={"_csrf": token}).status_code == 401
    response = c.post("/login", data={"password": "kunci-rahasia", "_csrf": token, "next": "/r/serang"})
    assert response.status_code == 302 and response.headers["Location"] == "/r/serang"
    assert c.get("/r/serang").status_code == 200
    cookie = c.get_cookie("rancang_session")
    assert cookie.http_only and cookie.same_site == "Strict"
    app.extensions["rancang.jobs"].close()


def test_every_post_needs_the_csrf_token(client, workspace_copy):
    fields = form_of(client, "serang")
    without = [(k, v) for k, v in fields if k != "_csrf"]
    assert save(client, "serang", without).status_code == 403
    assert save(client, "serang", set_field(fields, "_csrf", "forged")).status_code == 403
    assert client.post("/compare").status_code == 403
    assert client.post("/r/serang/build", data={"doc": "perbup"}).status_code == 403


def test_names_from_the_request_never_become_paths(client, workspace_copy):
    token = csrf_of(client.get("/compare").get_data(as_text=True))
    for slug in ("..", "..%2F..%2Fetc%2Fpasswd", "Serang", "a b", "x.yaml"):
        assert client.get(f"/r/{slug}").status_code == 404
        assert client.post(f"/r/{slug}", data={"_csrf": token}).status_code == 404
    # a regency file that links out of the workspace is not followed
    (workspace_copy / "regencies" / "keluar.yaml").symlink_to(ROOT / "regencies" / "lebak.yaml")
    assert client.get("/r/keluar").status_code == 404
    assert client.get("/jobs/nothing/files/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/static/").status_code == 404
    assert client.get("/static/../app.py").status_code == 404


def test_an_import_cannot_write_outside_the_clauses(client, workspace_copy, tmp_path):
    token = csrf_of(client.get("/import").get_data(as_text=True))
    source = ROOT / "tests" / "golden"
    txt = next(iter(sorted(source.glob("*.md"))), None) or next(source.iterdir())
    for name in ("../../evil", "perbup", "Nama Besar", "a/b"):
        with open(txt, "rb") as fh:
            response = client.post("/import", data={"_csrf": token, "name": name,
                                                     "file": (fh, "sumber.md")},
                                   content_type="multipart/form-data")
        assert response.status_code == 422, name
        assert "cannot name a clause library" in response.get_data(as_text=True)
    assert not (tmp_path.parent / "evil").exists()


def test_no_stack_trace_reaches_the_browser(client, monkeypatch):
    import rancang.web.routes as routes

    def boom(ws):
        raise RuntimeError("secret internals /etc/shadow")
    monkeypatch.setattr(routes, "list_regencies", boom)
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on the server" in html
    assert "Traceback" not in html and "secret internals" not in html


def test_an_upload_over_the_limit_is_refused(workspace_copy):
    app = create_app(Settings(root=workspace_copy, max_upload_mb=1))
    c = app.test_client()
    token = csrf_of(c.get("/compare").get_data(as_text=True))
    big = b"x" * (1024 * 1024 + 10)
    import io
    response = c.post("/compare", data={"_csrf": token, "old": (io.BytesIO(big), "a.txt"),
                                        "new": (io.BytesIO(b"y"), "b.txt")},
                      content_type="multipart/form-data")
    assert response.status_code == 413
    assert "The upload is too large: at most 1 MB." in response.get_data(as_text=True)
    app.extensions["rancang.jobs"].close()


def test_a_file_of_another_kind_is_refused_by_name(client):
    import io
    token = csrf_of(client.get("/compare").get_data(as_text=True))
    response = client.post("/compare", data={"_csrf": token,
                                             "old": (io.BytesIO(b"MZ"), "virus.exe"),
                                             "new": (io.BytesIO(b"y"), "b.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "virus.exe: not a kind rancang reads" in response.get_data(as_text=True)


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- the HTML view ---------------------------------------------------------------------------------

def test_the_html_view_escapes_and_anchors():
    blocks = [Block("Judul", [("PERATURAN BUPATI <script>alert(1)</script>", None)], "judul"),
              Block("Ayat", [("(1)\t", None), ("Bupati ", None), ("...", "isian")], "p1.a1"),
              Block("Ayat", [("(2)\tlagi", None)], "p1.a1"),
              Block("Tabel", node_id="lampiran", table=Table([[[("No", None)]], [[("1", None)]]],
                                                             header=1))]
    html = render_html(blocks)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<p class="s-ayat" id="u-p1.a1"><span>(1)</span><span>Bupati <mark class="isian">' \
           '...</mark></span></p>' in html
    assert html.count('id="u-p1.a1"') == 1
    assert "<th>No</th>" in html and "<td>1</td>" in html
    page = render_html_page(blocks, "Judul <b>")
    assert "<title>Judul &lt;b&gt;</title>" in page and "<style>" in page


def test_init_from_another_regency(client, workspace_copy):
    token = csrf_of(client.get("/init").get_data(as_text=True))
    response = client.post("/init", data={"_csrf": token, "name": "Kabupaten Pandeglang",
                                          "province": "Banten", "seat": "Pandeglang",
                                          "year": "2026", "source": "serang"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/r/pandeglang?created=1"
    text = (workspace_copy / "regencies" / "pandeglang.yaml").read_text(encoding="utf-8")
    # Serang's choices (its OPDs), none of its facts (its Bupati)
    assert "Dinas Pertanian" in text and "Ratu Rachmatuzakiyah" not in text
    again = client.post("/init", data={"_csrf": token, "name": "Kabupaten Pandeglang",
                                       "year": "2026"})
    assert again.status_code == 422 and "exists already" in again.get_data(as_text=True)


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl makes the test certificate")
def test_https_with_a_certificate_and_secure_cookies(workspace_copy, tmp_path):
    import ssl
    import threading
    import urllib.request

    from rancang.web.server import address, make_server
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"],
                   check=True, capture_output=True)
    server = make_server(Settings(root=workspace_copy, password="kunci", secure_cookies=True),
                         "127.0.0.1", 0, cert=cert, key=key)
    server.prepare()
    threading.Thread(target=server.serve, daemon=True).start()
    try:
        url = address(server, True)
        assert url.startswith("https://127.0.0.1:")
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        with urllib.request.urlopen(url + "login", context=context, timeout=20) as r:
            assert r.status == 200
            cookie = r.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    finally:
        server.stop()
        server.rancang_app.extensions["rancang.jobs"].close()


def finished(client, job: str) -> str:
    """The job's progress fragment once it is done or failed (30 s at most)."""
    import time
    for _ in range(600):
        html = client.get(job + "/progress").get_data(as_text=True)
        if "state-done" in html or "state-failed" in html:
            break
        time.sleep(0.05)
    return html


def test_build_all_documents_through_the_page(client):
    token = csrf_of(client.get("/r/serang").get_data(as_text=True))
    response = client.post("/r/serang/build", data={"_csrf": token, "doc": "all",
                                                    "format": ["docx", "md"]})
    assert response.status_code == 302
    job = response.headers["Location"]
    html = finished(client, job)
    stems = re.findall(r"<code>((?:perbup|mou|pks|kuasa|kepbup)-[a-z0-9-]+)</code>", html)
    # serang.yaml lists seven OPDs: the Perbup, the MoU, one PKS and one Surat Kuasa each,
    # and the two Keputusan (recipients, coordination team): 2 + 7 + 7 + 2
    assert stems[:2] == ["perbup-serang", "mou-serang"] and len(stems) == 18, html[:3000]
    assert len([s for s in stems if s.startswith("pks-serang-")]) == 7
    assert len([s for s in stems if s.startswith("kuasa-serang-")]) == 7
    assert {"kepbup-penerima-serang", "kepbup-tim-serang"} <= set(stems)
    zipped = client.get(job + "/package.zip")
    import io
    import zipfile
    names = zipfile.ZipFile(io.BytesIO(zipped.data)).namelist()
    assert len([n for n in names if n.endswith(".docx")]) == 18
    assert len([n for n in names if n.endswith(".md")]) == 18
    assert "pks-serang-dinas-kesehatan.docx" in names


# --- amend -------------------------------------------------------------------------------------

def _post_amend(client, base: str, wanted: str, **fields):
    import io
    token = csrf_of(client.get("/amend").get_data(as_text=True))
    data = {"_csrf": token, "base": (io.BytesIO(base.encode("utf-8")), "Perbup 5 2024.md"),
            "wanted": (io.BytesIO(wanted.encode("utf-8")), "diinginkan.md"), **fields}
    return client.post("/amend", data=data, content_type="multipart/form-data")


def test_amend_page_writes_the_perubahan_as_the_cli_does(client):
    from tests.test_amend import pasal_text, regulation
    base = regulation()
    wanted = base.replace(pasal_text(6), "Bupati menetapkan kebijakan kepesertaan di Daerah.")
    page = client.get("/").get_data(as_text=True)
    assert 'href="/amend"' in page and 'href="/compare"' in page   # beside Compare
    response = _post_amend(client, base, wanted,
                           reason="bahwa kebijakan kepesertaan perlu disederhanakan")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    result = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 point(s) in Pasal I; 1 of 20 Pasal changed" in result
    job = response.headers["Location"].rsplit("/", 1)[1]
    md = client.get(f"/jobs/{job}/files/perubahan-contoh.md").get_data(as_text=True)
    # the words L-II 233 Contoh 2 gives for one changed Pasal, with this base's numbers
    assert ("Ketentuan Pasal 6 dalam Peraturan Bupati Contoh Nomor 5 Tahun 2024 tentang "
            "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten "
            "Contoh Tahun 2024 Nomor 5) diubah sehingga berbunyi sebagai berikut:") in md
    assert "Menimbang : bahwa kebijakan kepesertaan perlu disederhanakan, perlu menetapkan" in md
    assert "NOMOR ... TAHUN" in md and "RANCANGAN PERATURAN BUPATI CONTOH" in md
    docx = client.get(f"/jobs/{job}/files/perubahan-contoh.docx")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    assert f"/jobs/{job}/files/perubahan-contoh.docx" in result


def test_amend_page_shows_too_many_changes_as_a_message(client):
    from tests.test_amend import pasal_text, regulation
    base = regulation()
    # 11 of 20 Pasal reworded, each still recognisably itself: more than half (L-II 237 b)
    wanted = regulation({n: pasal_text(n).replace("di Daerah", "di seluruh wilayah Daerah")
                         for n in range(1, 13) if n != 8})
    response = _post_amend(client, base, wanted)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "11 of the 20 Pasal change, more than half (L-II item 237 b)" in text
    assert "too many changes for an amendment" in text
    assert 'id="amend-force-hint"' in text
    assert "Traceback" not in text and "berlaku.md" not in text
    forced = _post_amend(client, base, wanted, force="1")
    assert forced.status_code == 302
    shown = client.get(forced.headers["Location"]).get_data(as_text=True)
    assert "11 point(s) in Pasal I; 11 of 20 Pasal changed" in shown
    assert "too many for an amendment" in shown


def test_amend_page_names_the_users_file_in_a_refusal(client):
    from tests.test_amend import regulation
    response = _post_amend(client, regulation(), regulation())
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "diinginkan.md says what Perbup 5 2024.md says: there is nothing to amend" in text
    assert _post_amend(client, regulation(), regulation(), regency="../etc").status_code == 422


def test_a_build_stopped_by_the_list_says_so_in_the_page_terms(client, workspace_copy):
    """A participant row with an 11-digit NIK stops the build (the list's counts are the
    figures of every document): the page says where the findings are, not which command
    to type."""
    bad = RECIPIENTS.replace("'1702015203900004", "'17020152039")
    assert _upload(client, "rejang-lebong", "peserta.csv", bad.encode()).status_code == 302
    token = csrf_of(client.get("/r/rejang-lebong").get_data(as_text=True))
    response = client.post("/r/rejang-lebong/build", data={"_csrf": token, "doc": "perbup",
                                                           "format": ["md"]})
    job = response.headers["Location"]
    html = finished(client, job)
    import html as markup
    html = markup.unescape(html)
    assert "state-failed" in html
    assert "the input has errors; nothing was written (the findings of the regency's page " \
           "list every one)" in html
    assert "rancang check" not in html
    assert "11 digits" in html or "11 angka" in html, html[:3000]


BAD_NIK_LIST = ("nama,nik,alamat,desa/kelurahan,perangkat daerah,kelompok\n"
                "Siti Aminah,1702014501850001,Jl. Merdeka 1,Talang Rimbo,"
                "Dinas Ketenagakerjaan dan Transmigrasi,Pekerja Rentan\n"
                "Rudi Hartono,17020112039,Jl. Ahmad Yani 3,Dwi Tunggal,"
                "Dinas Ketenagakerjaan dan Transmigrasi,Pekerja Rentan\n")


def test_an_upload_with_a_bad_row_says_so_and_names_the_row_and_person(client):
    """Review 2: the banner after an upload must not read as plain success; the bad row
    (sheet row 3: header on row 1, Rudi on row 3) is named with the person, not 'csv:3'."""
    response = _upload(client, "rejang-lebong", "peserta.csv", BAD_NIK_LIST.encode())
    assert response.headers["Location"].endswith("?participants=2")
    page = client.get("/r/rejang-lebong?participants=2").get_data(as_text=True)
    banner = re.search(r'<p class="notice warn" role="status">(.*?)</p>', page, re.S).group(1)
    assert "2 participant(s), but 1 row has problems" in banner
    assert 'href="#list-problems"' in banner
    problems = re.search(r'id="list-problems".*?</div>', page, re.S).group(0)
    assert "row 3 of the participant list (Rudi Hartono)" in problems
    assert "11 digits" in problems and "Siti Aminah" not in problems
    findings = client.get("/r/rejang-lebong/findings").get_data(as_text=True)
    assert "row 3 of the participant list (Rudi Hartono)" in findings
    assert "rejang-lebong.csv:3" not in findings


def test_a_clean_upload_says_no_row_has_a_problem(client):
    _upload(client, "rejang-lebong", "peserta.csv", RECIPIENTS.encode())
    page = client.get("/r/rejang-lebong?participants=2").get_data(as_text=True)
    assert "2 participant(s), and no row has a problem" in page
    assert 'id="list-problems"' not in page


def test_the_page_shows_no_codes_or_program_words_to_staff(client):
    """Review 6: options, documents and help texts in words; the values posted unchanged."""
    page = client.get("/r/rejang-lebong").get_data(as_text=True)
    # a drop-down shows words, and posts the value the file keeps
    assert '<option value="draft"' in page and ">draft (no number yet)</option>" in page
    assert ">enacted (has a number)</option>" in page
    assert ">amended once</option>" in page and ">amended more than once</option>" in page
    assert ">APBD (the regency budget)</option>" in page
    assert not re.search(r">(once|many|draft|enacted|apbd)</option>", page)
    # the documents to build by their names
    assert re.search(r'value="kepbup-tim"[^>]*> Keputusan Bupati on the coordination team</label>', page), \
        re.findall(r'value="kepbup-tim".{0,120}', page)
    assert "> kuasa</label>" not in page and "> kepbup-penerima</label>" not in page
    visible = re.sub(r"<[^>]*>", " ", page)            # the text, without attributes
    for jargon in ("null where", "true only", "{year, number}", "--final", "--participants",
                   "`rancang amend`", "clauses/rates.yaml", "`replaces`"):
        assert jargon not in visible, jargon
    assert "Lembaran Negara: its year and number; leave empty where unknown" in visible
    # the values posted are the file's own (rejang-lebong.yaml: status: draft, source: apbd)
    fields = dict(form_of(client, "rejang-lebong"))
    assert fields["f.perbup.status"] == "draft"
    assert fields["f.bantuan_iuran.0.source"] == "apbd"


def test_the_home_page_says_what_to_do_and_names_regencies(client):
    """Review 7, 11: a sentence on what to do first; regency names, not file slugs."""
    home = client.get("/").get_data(as_text=True)
    assert "Choose your regency to fill in its facts and build its documents" in home
    assert "rejang-lebong.yaml" not in home
    assert ">Kabupaten Rejang Lebong</a>" in home
    page = client.get("/r/rejang-lebong").get_data(as_text=True)
    assert "<h1>Kabupaten Rejang Lebong</h1>" in page
    assert "<title>Kabupaten Rejang Lebong · rancang</title>" in page
    init = client.get("/init").get_data(as_text=True)
    assert '<option value="serang" >Kabupaten Serang</option>' in init or \
        re.search(r'<option value="serang"\s*>Kabupaten Serang</option>', init)
    assert ">rejang-lebong</option>" not in init
