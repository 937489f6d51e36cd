"""`rancang serve` in a real browser: Debian's Chromium driven by Playwright, against the
real server (cheroot) on 127.0.0.1. Each page is photographed (RANCANG_SCREENSHOTS names
the folder; a temporary one otherwise) so a person can look at what a user sees."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from rancang.commands.build import DOC_TYPES
from rancang.commands.check import run_check
from rancang.sources.workspace import Workspace

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed (scripts/setup "
                                       "installs it as root; CI has it)")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("RANCANG_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def serve():
    """Start the real server for a workspace; returns its address."""
    from rancang.web.settings import Settings
    from rancang.web.server import address, make_server
    servers = []

    def start(root: Path, **settings) -> str:
        server = make_server(Settings(root=Path(root), **settings), "127.0.0.1", 0)
        server.prepare()
        threading.Thread(target=server.serve, daemon=True).start()
        servers.append(server)
        return address(server, False).rstrip("/")

    yield start
    for server in servers:
        server.stop()
        server.rancang_app.extensions["rancang.jobs"].close()


def page_of(browser, **kw):
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True, locale="id-ID", **kw)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


def shoot(page, shots: Path, name: str, full: bool = False) -> Path:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def focused(page) -> str:
    for _ in range(20):
        name = page.evaluate("document.activeElement.id")
        if name:
            return name
        time.sleep(0.05)
    return ""


def wait_checked(page):
    """Until the findings panel shows the check of the form as it stands."""
    page.wait_for_selector("#findings[data-state=live] .findings-inner", timeout=20000)


# --- a new regency, from nothing to --final-clean, through the form only -----------------------

# The three recipients of the Keputusan (NIKs of region 1799, the code typed below)
PARTICIPANTS = ("Nama;NIK;Alamat;Desa/Kelurahan;Perangkat Daerah/OPD;Kelompok\n"
                "Ahmad;'1799011203850001;Jl. Merdeka 1;Talang Rimbo;Dinas Ketenagakerjaan;Pekerja Rentan\n"
                "Euis;'1799015203900004;Jl. Merdeka 5;Talang Rimbo;Dinas Ketenagakerjaan;Pekerja Rentan\n"
                "Gani;'1799010101800002;Jl. Merdeka 8;Talang Rimbo;Dinas Ketenagakerjaan;Pekerja Rentan\n")
VALUES = {  # what a staffer types, by field; other fields get a value of their kind
    "officials.bupati": "Budi Santoso", "officials.sekretaris_daerah": "Siti Aminah",
    "perbup.number": "12", "perbup.berita_daerah": "12", "bpjs.head": "Yogo Pratama",
    "mou.number_pemda": "100/12/2026", "mou.number_bpjs": "PKS/12/2026",
    "opds.0.head": "Agus Salim", "opds.0.groups.0.count": "3",
    "participants.rentan_total": "3",
    # 3 workers x Rp16.800 (JKK + JKM for Pekerja Rentan, clauses/rates.yaml) x 12
    "financing.stated_total": "604800",
    "opds.0.pks.number": "800/5/2026", "opds.0.pks.bpjs_number": "B/5/2026",
    "kode_wilayah": "1799",                              # four digits (Kemendagri)
    "opds.0.head_nip": "198001012005011001",             # eighteen digits
}


def _fill(page, input_id: str) -> None:
    field = page.locator(f"#{input_id}")
    name = field.get_attribute("name")[2:]
    kind = field.get_attribute("type")
    if kind == "date":
        value = "2026-03-02"
    elif name in VALUES:
        value = VALUES[name]
    elif "num" in (field.get_attribute("class") or ""):
        value = "1"
    else:
        value = "Isian " + name.rsplit(".", 1)[-1]
    field.fill(value)


def test_a_new_regency_reaches_a_final_clean_state_through_the_form(browser, serve, shots,
                                                                      workspace_copy, tmp_path):
    # the bureau has read each regulation its clause library cites and confirmed it in its
    # own copy (tests/test_init.py does the same on the command line)
    for clause_file in (workspace_copy / "clauses").glob("*.yaml"):
        text = clause_file.read_text(encoding="utf-8")
        text = text.replace("confirmed: false", "confirmed: true")
        text = text.replace("number: null", "number: 1").replace("tln: null", "tln: 1")
        clause_file.write_text(text, encoding="utf-8")
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/init")
    shoot(page, shots, "01-init")
    page.fill("#name", "Kabupaten Contoh Jaya")
    page.fill("#province", "Bengkulu")
    page.fill("#seat", "Contoh")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(re.compile(r"/r/contoh-jaya\?created=1$"))
    page.wait_for_selector("#findings .findings-inner")
    shoot(page, shots, "02-new-regency-form")
    # the OPD's participant list, for the Keputusan on recipients
    (tmp_path / "peserta.csv").write_text(PARTICIPANTS, encoding="utf-8")
    page.set_input_files("#participants-file", str(tmp_path / "peserta.csv"))
    page.click("#participants-form button[type=submit]")
    page.wait_for_url(re.compile(r"/r/contoh-jaya\?participants=3$"))
    assert "3" in page.locator(".notice").inner_text()
    assert (workspace_copy / "peserta" / "contoh-jaya.csv").read_text(encoding="utf-8") == \
        PARTICIPANTS
    page.wait_for_selector("#findings .findings-inner")
    # every field still '...' (its "not known yet" box ticked) gets a value
    boxes = page.locator("input[data-open-for]:checked")
    for input_id in [boxes.nth(i).get_attribute("data-open-for") for i in range(boxes.count())]:
        _fill(page, input_id)
    # the version to sign is the enacted Perbup: its number and dates are asked for below
    page.select_option("#i-f-perbup-status", "enacted")
    # the law forming the regency (Mengingat, L-II 39): a row of its own, read off the law
    page.click("button[value='add:formation_law']")
    page.wait_for_selector("#i-f-formation_law-0-title")
    page.select_option("#i-f-formation_law-0-type", "Undang-Undang")
    page.fill("#i-f-formation_law-0-number", "12")
    page.fill("#i-f-formation_law-0-year", "2003")
    page.fill("#i-f-formation_law-0-title", "Pembentukan Kabupaten Contoh Jaya di Provinsi Bengkulu")
    page.fill("#i-f-formation_law-0-ln-year", "2003")
    page.fill("#i-f-formation_law-0-ln-number", "23")
    page.fill("#i-f-formation_law-0-tln", "4266")
    page.select_option("#i-f-formation_law-0-confirmed", "true")
    # the Tim Koordinasi the Bupati decides (the Keputusan to sign names it): two members
    for row, (peran, jabatan) in enumerate([("Ketua", "Sekretaris Daerah"),
                                            ("Anggota", "Kepala Dinas Tenaga Kerja")]):
        page.click("button[value='add:tim_koordinasi.susunan']")
        page.wait_for_selector(f"#i-f-tim_koordinasi-susunan-{row}-peran")
        page.fill(f"#i-f-tim_koordinasi-susunan-{row}-peran", peran)
        page.fill(f"#i-f-tim_koordinasi-susunan-{row}-jabatan", jabatan)
    page.check("input[name=_final]")
    wait_checked(page)
    # what is left is what the final version needs beyond the file: follow each link
    for _round in range(3):
        links = page.locator("#findings li.sev-error a[data-focus]")
        targets = {links.nth(i).get_attribute("data-focus") for i in range(links.count())}
        if not targets:
            break
        for target in sorted(targets):
            page.click(f"#findings a[data-focus='{target}'] >> nth=0")
            input_id = focused(page)
            assert input_id.startswith("i-"), f"the link to {target} put the cursor nowhere"
            _fill(page, input_id)
        page.evaluate("document.getElementById('findings').removeAttribute('data-state')")
        page.locator("input[name=_final]").dispatch_event("change")
        wait_checked(page)
    shoot(page, shots, "03-filled-form-final-check")
    assert page.locator("#findings .counts .sev-error").inner_text().startswith("0 "), \
        page.locator("#findings li.sev-error").all_inner_texts()
    page.click("#save")
    page.wait_for_url(re.compile(r"\?saved=1$"))
    shoot(page, shots, "04-saved")
    assert "Saved" in page.locator(".notice").inner_text()
    # the saved file passes `rancang check --final`, and nothing is left open
    path = workspace_copy / "regencies" / "contoh-jaya.yaml"
    findings, status = run_check(Workspace.discover(workspace_copy), str(path), DOC_TYPES,
                                 final=True, participants=tmp_path / "peserta.csv")
    assert status == 0, [str(f) for f in findings if f.severity == "error"]
    assert not [f for f in findings if f.code == "placeholder-open"]
    text = path.read_text(encoding="utf-8")
    assert "bupati: Budi Santoso" in text and "ditetapkan: 2026-03-02" in text, text
    assert "# nama Bupati tanpa gelar" in text          # the comments init wrote are kept
    law = yaml.safe_load(text)["formation_law"]
    assert law == {"type": "Undang-Undang", "number": 12, "year": 2003,
                   "title": "Pembentukan Kabupaten Contoh Jaya di Provinsi Bengkulu",
                   "ln": {"year": 2003, "number": 23}, "tln": 4266, "confirmed": True}
    assert not page.js_errors


# --- findings follow the form ---------------------------------------------------------------------

def test_a_finding_appears_and_disappears_as_you_type(browser, serve, shots, workspace_copy):
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/r/rejang-lebong")
    page.wait_for_selector("#findings .findings-inner")
    year = page.locator("#i-f-perbup-year")
    year.fill("20x6")
    wait_checked(page)
    shoot(page, shots, "05-finding-appears")
    message = "field «Peraturan Bupati › Year»: '20x6' is not a whole number"   # labels, review 5
    assert message in page.locator("#findings").inner_text()
    assert page.locator("#e-f-perbup-year").inner_text() == message
    assert year.get_attribute("aria-invalid") == "true"
    page.evaluate("document.getElementById('findings').removeAttribute('data-state')")
    year.fill("2026")
    wait_checked(page)
    shoot(page, shots, "06-finding-gone")
    assert "Peraturan Bupati › Year" not in page.locator("#findings").inner_text()
    assert page.locator("#e-f-perbup-year").inner_text() == ""
    # the link of a finding leads to its field
    page.click("#findings a[data-focus='f-officials-bupati'] >> nth=0")
    assert focused(page) == "i-f-officials-bupati"
    assert not page.js_errors


def test_rows_are_added_and_removed(browser, serve, shots, workspace_copy):
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/r/serang")
    before = page.locator("#f-opds-0-groups tbody tr").count()
    page.click("#f-opds-0-groups button.add")
    playwright_api.expect(page.locator("#f-opds-0-groups tbody tr")).to_have_count(before + 1)
    page.fill(f"#i-f-opds-0-groups-{before}-name", "Pekerja Harian Lepas")
    page.fill(f"#i-f-opds-0-groups-{before}-count", "25")
    shoot(page, shots, "07-row-added")
    opds = page.locator("#f-opds > fieldset.card").count()
    page.click("#f-opds-1 > .row-op button.remove")       # the second OPD, with its groups
    playwright_api.expect(page.locator("#f-opds > fieldset.card")).to_have_count(opds - 1)
    assert "Kesejahteraan" not in page.locator("#f-opds").inner_text()
    assert page.locator(f"#i-f-opds-0-groups-{before}-name").input_value() == \
        "Pekerja Harian Lepas"                              # what was typed stays
    page.click("#save")
    page.wait_for_url(re.compile(r"\?saved=1$"))
    text = (workspace_copy / "regencies" / "serang.yaml").read_text(encoding="utf-8")
    assert "{name: Pekerja Harian Lepas, count: 25}" in text     # the file's own flow style
    assert "Bagian Kesejahteraan Rakyat" not in text
    assert "# the instrument under which the branch head signs" in text   # other comments stay


# --- build, preview, download -----------------------------------------------------------------------

def test_build_preview_and_download_docx_pdf_zip(browser, serve, shots, workspace_copy, tmp_path):
    from docx import Document
    from pypdf import PdfReader
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/r/serang")
    page.check("#build-form input[name=doc][value=mou]")
    page.check("#build-form input[name=format][value=pdf]")
    page.click("#build-form button[type=submit]")
    page.wait_for_selector(".job.state-done, .job.state-failed", timeout=90000)
    shoot(page, shots, "08-build-done")
    assert page.locator(".job.state-done").count() == 1, page.locator(".job").inner_text()
    rows = page.locator("table.documents tbody tr:not(.warnings)")
    assert [rows.nth(i).locator("code").inner_text() for i in range(rows.count())] == \
        ["perbup-serang", "mou-serang"]

    with page.expect_download() as info:
        page.click("table.documents a:text-is('DOCX') >> nth=0")
    docx = tmp_path / info.value.suggested_filename
    info.value.save_as(docx)
    assert docx.name == "perbup-serang.docx"
    paragraphs = [p.text for p in Document(str(docx)).paragraphs if p.text.strip()]
    assert "RANCANGAN PERATURAN BUPATI SERANG" in paragraphs
    # a Rancangan has no number yet (it replaces Perbup 59/2025, which it does not reuse)
    assert paragraphs[2:4] == ["RANCANGAN PERATURAN BUPATI SERANG", "NOMOR ... TAHUN 2026"]
    assert "NOMOR 59 TAHUN 2025" not in paragraphs

    with page.expect_download() as info:
        page.click("table.documents a:text-is('PDF') >> nth=1")
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    assert pdf.name == "mou-serang.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "KESEPAKATAN BERSAMA" in text and "BPJS KETENAGAKERJAAN" in text.upper()

    with page.expect_download() as info:
        page.click("text=Download all (ZIP)")
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:
        assert sorted(zf.namelist()) == ["mou-serang.docx", "mou-serang.pdf",
                                         "perbup-serang.docx", "perbup-serang.pdf"]

    page.click("table.documents a:text-is('Preview') >> nth=0")
    frame = page.frame_locator("iframe.document")
    frame.locator("article.rancang-doc").wait_for()
    shoot(page, shots, "09-preview")
    assert "RANCANGAN PERATURAN BUPATI SERANG" in frame.locator("article").inner_text()
    assert frame.locator("#u-judul").count() == 1
    assert not page.js_errors


# --- compare ----------------------------------------------------------------------------------------

OPENING = (
    "BUPATI CONTOH", "PERATURAN BUPATI CONTOH", "NOMOR 1 TAHUN 2026", "TENTANG",
    "PEDOMAN UJI COBA", "DENGAN RAHMAT TUHAN YANG MAHA ESA", "BUPATI CONTOH,",
    "Menimbang : bahwa untuk melaksanakan uji coba perlu menetapkan Peraturan Bupati tentang "
    "Pedoman Uji Coba;",
    "Mengingat : Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran "
    "Negara Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik "
    "Indonesia Nomor 5587);",
    "MEMUTUSKAN:", "Menetapkan : PERATURAN BUPATI TENTANG PEDOMAN UJI COBA.")


def _regulation_docx(path: Path, pasal: list[str], opening: bool = False) -> Path:
    from docx import Document
    doc = Document()
    for line in (OPENING if opening else OPENING[1:5]) + ("BAB I", "KETENTUAN UMUM"):
        doc.add_paragraph(line)
    for i, text in enumerate(pasal, 1):
        doc.add_paragraph(f"Pasal {i}")
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


FIRST = "Dalam Peraturan Bupati ini yang dimaksud dengan Daerah adalah Kabupaten Contoh."
LAST = "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."


def two_versions(folder: Path) -> tuple[Path, Path]:
    old = _regulation_docx(folder / "perbup-v1.docx", [
        FIRST, "Bupati menetapkan pedoman paling lambat 30 (tiga puluh) hari.", LAST])
    new = _regulation_docx(folder / "perbup-v2.docx", [
        FIRST, "Bupati menetapkan pedoman paling lambat 60 (enam puluh) hari.",
        "Pedoman sebagaimana dimaksud dalam Pasal 2 diumumkan kepada masyarakat.", LAST])
    return old, new


def test_compare_two_uploaded_docx(browser, serve, shots, workspace_copy, tmp_path):
    from docx import Document
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/compare")
    shoot(page, shots, "10-compare-upload")
    old, new = two_versions(tmp_path)
    page.set_input_files("#old", str(old))
    page.set_input_files("#new", str(new))
    page.click("#compare-form button[type=submit]")
    page.wait_for_selector("#changes")
    shoot(page, shots, "11-compare-result", full=True)
    rows = page.locator("#changes tbody tr")
    seen = [[rows.nth(i).locator("td").nth(j).inner_text() for j in range(1, 5)]
            for i in range(rows.count())]
    # by hand: Pasal 2's wording changed, a Pasal 3 was inserted, the old Pasal 3 is now 4
    assert seen == [["Diubah", "pasal", "Pasal 2", "Pasal 2"],
                    ["Ditambah", "pasal", "—", "Pasal 3"],
                    ["Nomor berubah", "pasal", "Pasal 3", "Pasal 4"]]
    frame = page.frame_locator("iframe.document")
    assert "60 (enam" in frame.locator("ins").first.inner_text()
    with page.expect_download() as info:
        page.click("text=New version with tracked changes (DOCX)")
    tracked = Document(info.value.path())
    body = tracked.element.body.xml
    assert "<w:ins " in body and "<w:del " in body
    with page.expect_download() as info:
        page.click("text=Comparison matrix (DOCX)")
    matrix = Document(info.value.path())
    assert [c.text for c in matrix.tables[0].rows[0].cells] == \
        ["No", "Rumusan Lama", "Rumusan Baru", "Keterangan"]


def test_amend_two_uploaded_docx(browser, serve, shots, workspace_copy, tmp_path):
    """'Susun Perubahan' beside Compare: the same two versions; 2 of the 3 Pasal change,
    more than half (L-II 237 b): the page says so, and with the box ticked writes it."""
    from docx import Document
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/compare")
    page.click("nav >> text=Draft an amendment")
    page.wait_for_selector("#amend-form")
    old, new = two_versions(tmp_path)
    page.set_input_files("#base", str(old))
    page.set_input_files("#wanted", str(new))
    page.fill("#reason", "bahwa jangka waktu penetapan pedoman perlu diperpanjang")
    page.click("#amend-form button[type=submit]")
    page.wait_for_selector("#amend-problems")
    shoot(page, shots, "12-amend-too-many", full=True)
    problems = page.locator("#amend-problems").inner_text()
    assert "too many changes for an amendment" in problems
    assert "2 of the 3 Pasal change, more than half (L-II item 237 b)" in problems
    assert "berlaku.docx" not in problems
    page.set_input_files("#base", str(old))
    page.set_input_files("#wanted", str(new))
    page.check("input[name=force]")
    page.click("#amend-form button[type=submit]")
    page.wait_for_selector("#amend-summary")
    shoot(page, shots, "13-amend-result", full=True)
    assert page.locator("#amend-summary").inner_text() == \
        "2 point(s) in Pasal I; 2 of 3 Pasal changed"
    frame = page.frame_locator("iframe.document")
    assert "Pasal 2A" in frame.locator("body").inner_text()
    with page.expect_download() as info:
        page.click("text=Download DOCX")
    paragraphs = [p.text for p in Document(info.value.path()).paragraphs if p.text.strip()]
    # by hand from L-II 233-235: Pasal 2 changed, the new Pasal between 2 and 3 is 2A
    assert "Pasal I" in paragraphs and "Pasal II" in paragraphs and "Pasal 2A" in paragraphs
    assert any(p.endswith("Di antara Pasal 2 dan Pasal 3 disisipkan 1 (satu) pasal, yakni "
                          "Pasal 2A sehingga berbunyi sebagai berikut:") for p in paragraphs)
    assert not page.js_errors


# --- two people, one file -------------------------------------------------------------------------

def test_two_people_saving_the_same_regency(browser, serve, shots, workspace_copy):
    url = serve(workspace_copy)
    first, second = page_of(browser), page_of(browser)
    for page in (first, second):
        page.goto(url + "/r/rejang-lebong")
    first.fill("#i-f-officials-bupati", "Muhammad Fikri")
    first.click("#save")
    first.wait_for_url(re.compile(r"\?saved=1$"))
    second.fill("#i-f-seat", "Curup Kota")
    second.fill("#i-f-officials-sekretaris_daerah", "Hendra Wijaya")
    second.click("#save")
    second.wait_for_selector("#conflict")
    shoot(second, shots, "12-conflict")
    path = workspace_copy / "regencies" / "rejang-lebong.yaml"
    text = path.read_text(encoding="utf-8")
    assert "bupati: Muhammad Fikri" in text and "Curup Kota" not in text
    # the second person's input is still in the form, and they see what the first changed
    assert second.locator("#i-f-seat").input_value() == "Curup Kota"
    assert second.locator("#i-f-officials-sekretaris_daerah").input_value() == "Hendra Wijaya"
    assert "officials.bupati: Muhammad Fikri" in second.locator("#conflict").inner_text()
    second.click("#conflict button[name=_overwrite]")
    second.wait_for_url(re.compile(r"\?saved=1$"))
    text = path.read_text(encoding="utf-8")
    assert "seat: Curup Kota" in text and "sekretaris_daerah: Hendra Wijaya" in text
    history = sorted((path.parent / ".history" / "rejang-lebong").glob("*.yaml"))
    assert [h.name for h in history] == ["rejang-lebong.0001.yaml", "rejang-lebong.0002.yaml"]
    assert "bupati: Muhammad Fikri" in history[1].read_text(encoding="utf-8")


# --- security -----------------------------------------------------------------------------------------

def test_a_password_is_required_off_localhost(browser, tmp_path, workspace_copy, shots):
    """The real command on another address (127.0.0.2 is this machine too, but not the
    default): it prints a password, and the page asks for it."""
    port = _free_port()
    env = {**os.environ, "RANCANG_SERVE_PASSWORD": ""}
    proc = subprocess.Popen([sys.executable, "-m", "rancang", "serve", str(workspace_copy),
                             "--host", "127.0.0.2", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        printed = "".join(lines)
        assert f"http://127.0.0.2:{port}/" in printed
        password = re.search(r"password for this run: (\S+)", printed).group(1)
        page = page_of(browser)
        page.goto(f"http://127.0.0.2:{port}/r/serang")
        assert "/login" in page.url
        shoot(page, shots, "13-login")
        page.fill("#password", "wrong")
        page.click("form.narrow button[type=submit]")
        assert "Wrong password." in page.locator(".problem").inner_text()
        page.fill("#password", password)
        page.click("form.narrow button[type=submit]")
        page.wait_for_url(f"http://127.0.0.2:{port}/r/serang")
        assert page.locator("#regency-form").count() == 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_post_without_the_csrf_token_is_refused(browser, serve, workspace_copy):
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/r/serang")             # a session, with its cookie
    before = (workspace_copy / "regencies" / "serang.yaml").read_bytes()
    response = page.request.post(url + "/r/serang", form={"f.name": "Diretas", "_version": "x"})
    assert response.status == 403
    assert "security token" in response.text()
    assert (workspace_copy / "regencies" / "serang.yaml").read_bytes() == before


def upload_both(page, url: str, path: Path) -> None:
    """The same file as both versions on the compare page; until the page answers."""
    page.goto(url + "/compare")
    page.set_input_files("#old", str(path))
    page.set_input_files("#new", str(path))
    page.click("#compare-form button[type=submit]")
    page.wait_for_selector(".problem")


def test_an_oversized_upload_and_a_zip_bomb_are_refused(browser, serve, shots, workspace_copy,
                                                        tmp_path):
    url = serve(workspace_copy, max_upload_mb=2)
    page = page_of(browser)
    big = tmp_path / "besar.txt"
    big.write_bytes(b"Pasal 1\n" * (3 * 1024 * 1024 // 8))       # 3 MB, over the 2 MB limit
    upload_both(page, url, big)
    shoot(page, shots, "14-too-large")
    assert "The upload is too large: at most 2 MB." in page.locator(".problem").inner_text()
    assert page.locator("a:text-is('Back to the form')").get_attribute("href") == "/compare"

    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(400):                                # 400 MB unpacked
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    upload_both(page, url, bomb)
    shoot(page, shots, "15-zip-bomb")
    assert "bom.docx: the package unpacks to more than 300 MB (a zip bomb?)" in \
        page.locator(".problem").inner_text()


# --- import, the list, errors ------------------------------------------------------------------------

def test_import_a_regulation_and_build_it(browser, serve, shots, workspace_copy, tmp_path):
    url = serve(workspace_copy)
    page = page_of(browser)
    source = tmp_path / "perbup-contoh.docx"
    _regulation_docx(source, [FIRST, "Bupati menetapkan pedoman paling lambat 30 (tiga "
                              "puluh) hari.", "Pedoman sebagaimana dimaksud dalam Pasal 2 "
                              "diumumkan.", LAST], opening=True)
    page.goto(url + "/import")
    shoot(page, shots, "16-import")
    page.set_input_files("#file", str(source))
    page.fill("#name", "perbup-contoh")
    page.click("form.narrow button[type=submit]")
    page.wait_for_selector(".notice")
    shoot(page, shots, "17-imported")
    # review 6: no program words (ref()) on the page
    assert "4 Pasal, 1 reference(s) to other Pasal that follow their renumbering" in \
        page.locator(".notice").inner_text()
    assert (workspace_copy / "clauses" / "perbup-contoh" / "document.yaml").is_file()
    page.goto(url + "/r/rejang-lebong")
    page.uncheck("#build-form input[value=perbup]")
    page.check("#build-form input[value=perbup-contoh]")
    page.click("#build-form button[type=submit]")
    page.wait_for_selector(".job.state-done, .job.state-failed", timeout=60000)
    assert "perbup-contoh-rejang-lebong" in page.locator(".job").inner_text()


def test_the_list_and_the_error_pages(browser, serve, shots, workspace_copy):
    url = serve(workspace_copy)
    page = page_of(browser)
    page.goto(url + "/")
    shoot(page, shots, "18-regencies")
    names = page.locator("table.list tbody td:first-child").all_inner_texts()
    assert names == ["Kabupaten Lebak", "Kabupaten Rejang Lebong", "Kabupaten Serang"]
    response = page.goto(url + "/r/..%2F..%2Fetc%2Fpasswd")
    assert response.status == 404
    response = page.goto(url + "/static/")
    assert response.status == 404
    shoot(page, shots, "19-not-found")
    assert "There is no such page." in page.locator(".problem").inner_text()


# --- review 3-4: nothing wider than the window or its card -------------------------------------

WIDER_THAN = """() => { const vw = document.documentElement.clientWidth; const out = [];
  const card = document.querySelector('#regency-form');
  const right = card ? card.getBoundingClientRect().right : vw;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || el.closest('.table-field table')) continue;   // a table may scroll in its box
    if (r.right > vw + 1 || (card && card.contains(el) && r.right > right + 1))
      out.push(el.tagName + '#' + el.id + ' ' + Math.round(r.right)); }
  return {page: document.documentElement.scrollWidth, vw: vw, out: out.slice(0, 10)}; }"""


@pytest.mark.parametrize("width", [400, 1280])
def test_the_regency_page_fits_the_window_and_its_card(browser, serve, shots, workspace_copy,
                                                       width):
    base = serve(workspace_copy)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    for path in ("/", "/r/rejang-lebong", "/import", "/compare"):
        page.goto(base + path)
        page.wait_for_selector("main")
        found = page.evaluate(WIDER_THAN)
        shoot(page, shots, f"fit-{width}-{path.strip('/').replace('/', '-') or 'home'}")
        assert found["page"] <= width and not found["out"], (path, found)
    # the Save button is on screen, and the side panel does not lie over the form
    page.goto(base + "/r/rejang-lebong")
    save = page.locator("#save").bounding_box()
    assert save["x"] >= 0 and save["x"] + save["width"] <= width
    form = page.locator("#regency-form").bounding_box()
    aside = page.locator("aside").bounding_box()
    overlaps_x = aside["x"] < form["x"] + form["width"] and form["x"] < aside["x"] + aside["width"]
    overlaps_y = aside["y"] < form["y"] + form["height"] and form["y"] < aside["y"] + aside["height"]
    assert not (overlaps_x and overlaps_y)
    context.close()
