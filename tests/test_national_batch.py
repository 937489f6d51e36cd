"""`rancang build --all`: every regency of the workspace, every document, in worker
processes. Each document is the document a single build makes; a regency that fails is
named and leaves nothing of it behind, the others are built; exit status 1 at the end."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rancang.cli import main
from rancang.commands import batch
from rancang.commands.batch import NationalBatch
from rancang.sources.workspace import Workspace
from tests.docxtext import docx_lines

REGENCIES = ("lebak", "rejang-lebong", "serang")


def cli(cwd: Path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RANCANG_")}
    env["RANCANG_LANG"] = "en"
    return subprocess.run([sys.executable, "-m", "rancang", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def files_of(folder: Path) -> dict[str, list[str]]:
    return {p.name: docx_lines(p) for p in sorted(folder.glob("*.docx"))}


def test_every_regency_every_document_as_a_single_build_makes_it(workspace_copy):
    result = cli(workspace_copy, "build", "--all", "-o", "national", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (workspace_copy / "national").iterdir()) == list(REGENCIES)
    for slug in REGENCIES:
        single = cli(workspace_copy, "build", slug, "--doc", "all", "-o", f"one-{slug}")
        assert single.returncode == 0, single.stderr
        alone = files_of(workspace_copy / f"one-{slug}")
        together = files_of(workspace_copy / "national" / slug)
        assert together.keys() == alone.keys() and alone
        for name in alone:
            assert together[name] == alone[name], name
    # the bundled regencies, by hand: Perbup + MoU + the two Keputusan Bupati + one PKS and
    # one Surat Kuasa per OPD (1, 7 and 5 OPDs): 4 + 2n
    counts = {slug: len(list((workspace_copy / "national" / slug).glob("*.docx")))
              for slug in REGENCIES}
    assert counts == {"lebak": 14, "rejang-lebong": 6, "serang": 18}
    assert "serang: 18 document(s) in national/serang" in result.stdout
    assert "built 38 document(s) for 3 of 3 regencies in national" in result.stdout


def _break_lebak(ws: Path) -> int:
    """An unknown perbup.status in Lebak's file; the line of it."""
    path = ws / "regencies" / "lebak.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  status: draft " in text
    path.write_text(text.replace("  status: draft ", "  status: drafted ", 1), encoding="utf-8")
    return text[:text.index("  status: draft ")].count("\n") + 1


def test_a_failing_regency_is_named_and_the_others_are_built(workspace_copy):
    line = _break_lebak(workspace_copy)
    result = cli(workspace_copy, "build", "--all", "-o", "national")
    assert result.returncode == 1
    assert "lebak: not built" in result.stderr
    assert f"regencies/lebak.yaml:{line}" in result.stderr
    assert "not built: lebak" in result.stderr
    assert not (workspace_copy / "national" / "lebak").exists()
    assert len(list((workspace_copy / "national" / "serang").glob("*.docx"))) == 18
    assert len(list((workspace_copy / "national" / "rejang-lebong").glob("*.docx"))) == 6
    assert "built 24 document(s) for 2 of 3 regencies" in result.stdout


def test_a_hand_edited_file_stops_its_regency_before_anything_is_written(workspace_copy):
    first = cli(workspace_copy, "build", "--all", "-o", "national")
    assert first.returncode == 0, first.stderr
    mou = workspace_copy / "national" / "serang" / "mou-serang.docx"
    from docx import Document
    edited = Document(str(mou))
    edited.add_paragraph("Catatan tangan Bagian Hukum.")
    edited.save(str(mou))
    before = {p.name: p.read_bytes() for p in (workspace_copy / "national" / "serang").iterdir()}
    stamps = {p.name: p.stat().st_mtime_ns for p in (workspace_copy / "national").rglob("*.docx")}
    again = cli(workspace_copy, "build", "--all", "-o", "national")
    assert again.returncode == 1
    assert "serang: not built" in again.stderr and "mou-serang.docx" in again.stderr
    # Serang untouched, its edited MoU kept; the other regencies written again
    assert {p.name: p.read_bytes()
            for p in (workspace_copy / "national" / "serang").iterdir()} == before
    lebak = workspace_copy / "national" / "lebak" / "perbup-lebak.docx"
    assert lebak.stat().st_mtime_ns > stamps["perbup-lebak.docx"]


def test_the_json_report_has_each_regency_and_its_error(workspace_copy):
    _break_lebak(workspace_copy)
    result = cli(workspace_copy, "build", "--all", "-o", "national", "--json", "--doc", "perbup")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    by_name = {r["regency"]: r for r in report["regencies"]}
    assert list(by_name) == list(REGENCIES)
    assert by_name["lebak"]["documents"] == [] and by_name["lebak"]["error"]["problems"]
    assert by_name["lebak"]["error"]["problems"][0]["where"]["file"] == "regencies/lebak.yaml"
    assert [d["document"] for d in by_name["serang"]["documents"]] == ["perbup-serang"]
    assert by_name["serang"]["error"] is None and by_name["serang"]["warnings"]


def test_workers_started_fresh_build_the_same(workspace_copy, monkeypatch, tmp_path):
    """Windows has no fork: workers are spawned and load the libraries themselves."""
    monkeypatch.chdir(workspace_copy)
    monkeypatch.setattr(batch, "_start_method", lambda: "spawn")
    ws = Workspace.discover(workspace_copy)
    spawned = NationalBatch(ws, ("perbup", "mou"), tmp_path / "spawned", workers=2).run()
    alone = NationalBatch(ws, ("perbup", "mou"), tmp_path / "alone", workers=1).run()
    assert [r.failure for r in spawned] == [None, None, None]
    for slug in REGENCIES:
        assert files_of(tmp_path / "spawned" / slug) == files_of(tmp_path / "alone" / slug)
        assert len(files_of(tmp_path / "alone" / slug)) == 2


@pytest.mark.parametrize("args, message", [
    (["build"], "give either a REGENCY or --all"),
    (["build", "serang", "--all"], "give either a REGENCY or --all"),
    (["build", "--all", "--opd", "dinas-sosial"], "cannot be used with --all"),
])
def test_what_cannot_go_with_all(args, message):
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    assert result.exit_code == 2 and message in result.output, result.output


def test_a_failed_regency_shows_its_first_problems_and_how_many_more():
    from rancang.commands.batch import Failure
    from rancang.errors import Problem

    failure = Failure("mou-x breaks the drafting rules; nothing was written",
                      [Problem(f"problem {i}", f"Pasal {i}") for i in range(1, 8)], 1)
    shown = failure.shown(5, "sintetis-001").splitlines()
    assert shown == ["mou-x breaks the drafting rules; nothing was written:",
                     "  - Pasal 1: problem 1", "  - Pasal 2: problem 2", "  - Pasal 3: problem 3",
                     "  - Pasal 4: problem 4", "  - Pasal 5: problem 5",
                     "  - … and 2 more; `rancang build sintetis-001` lists them all"]
    assert str(failure).count("\n  - ") == 7
