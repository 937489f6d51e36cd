"""A bureau's workspace: made by `rancang workspace`, found from any folder inside it,
said by `regencies` and `-v`; bundled files named as bundled, never by their path in the
installation."""
import json
from pathlib import Path

from click.testing import CliRunner

from rancang.cli import main
from rancang.sources.workspace import Workspace, display_path

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_workspace_copies_the_bundled_data_with_a_marker(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("workspace", "hukum")
    assert result.exit_code == 0, result.output
    ws = tmp_path / "hukum"
    for name in ("clauses/perbup/document.yaml", "regencies/rejang-lebong.yaml",
                 "templates/perbup/perbup.docx", "rancang.toml", ".gitignore"):
        assert (ws / name).is_file(), name
    assert (ws / "regencies" / "serang.yaml").read_bytes() == \
        (ROOT / "regencies" / "serang.yaml").read_bytes()
    assert "out/" in (ws / ".gitignore").read_text().splitlines()
    assert "git init" in result.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hukum")]   # no staging left


def test_workspace_refuses_a_folder_that_is_not_empty(tmp_path, in_dir):
    in_dir(tmp_path)
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "catatan.txt").write_text("milik orang")
    result = run("workspace", "ada")
    assert result.exit_code == 2 and "not empty" in result.output
    assert [p.name for p in (tmp_path / "ada").iterdir()] == ["catatan.txt"]


def test_from_inside_regencies_build_uses_the_bureaus_own_file(tmp_path, in_dir):
    """Issue 12, point 4: from inside regencies/, the bundled Rejang Lebong was built."""
    in_dir(tmp_path)
    assert run("workspace", "ws").exit_code == 0
    own = tmp_path / "ws" / "regencies" / "rejang-lebong.yaml"
    own.write_text(own.read_text().replace("seat: Curup", "seat: Kota Contoh"))
    in_dir(tmp_path / "ws" / "regencies")
    result = run("build", "rejang-lebong", "--format", "md", "-o", str(tmp_path / "o"), "-v")
    assert result.exit_code == 0, result.output
    assert "Ditetapkan di Kota Contoh" in (tmp_path / "o" / "perbup-rejang-lebong.md").read_text()
    assert f"workspace: {tmp_path / 'ws'}" in result.output
    assert "regency file: rejang-lebong.yaml" in result.output


def test_regencies_says_which_workspace(tmp_path, in_dir):
    in_dir(tmp_path)
    assert run("workspace", "ws").exit_code == 0
    (tmp_path / "ws" / "regencies" / "lebak.yaml").unlink()
    (tmp_path / "ws" / "templates" / "sub").mkdir()
    in_dir(tmp_path / "ws" / "templates" / "sub")
    result = run("regencies")
    assert result.exit_code == 0
    assert f"regency files of the workspace {tmp_path / 'ws'}:" in result.output
    assert "serang" in result.output and "lebak" not in result.output
    data = json.loads(run("regencies", "--json").stdout)
    assert data["workspace"]["root"] == str(tmp_path / "ws")
    assert data["workspace"]["folders"]["regencies"] == {"path": "../../regencies",
                                                        "origin": "workspace"}
    assert [r["regency"] for r in data["regencies"]] == ["rejang-lebong", "serang"]
    assert data["regencies"][0]["province"] == "Provinsi Bengkulu"


def test_no_workspace_means_the_bundled_data_named_as_bundled(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("regencies")
    assert "regency files bundled with rancang" in result.output
    final = run("build", "rejang-lebong", "--final", "-o", "o")
    assert final.exit_code == 1
    assert "[bundled] regencies/rejang-lebong.yaml:34" in final.output
    assert str(ROOT) not in final.output and "site-packages" not in final.output
    data = json.loads(run("regencies", "--json").stdout)
    assert data["workspace"]["root"] is None
    assert data["workspace"]["folders"]["clauses"]["origin"] == "bundled"


def test_a_seed_regency_the_workspace_lacks_is_used_with_a_note(tmp_path, in_dir):
    (tmp_path / "regencies").mkdir()
    (tmp_path / "rancang.toml").write_text("[workspace]\n")
    in_dir(tmp_path)
    result = run("build", "serang", "--format", "md", "-o", "o")
    assert result.exit_code == 0, result.output
    assert "has no regencies/serang.yaml: using the example bundled with rancang" in result.output
    assert "has no clauses/ folder" in result.output
    quiet = run("build", "serang", "--format", "md", "-o", "o", "-q")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_discovery_walks_up_to_the_nearest_workspace(tmp_path):
    (tmp_path / "a" / "regencies").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    ws = Workspace.discover(tmp_path / "a" / "b" / "c")
    assert ws.root == (tmp_path / "a").resolve()
    assert ws.regencies == (tmp_path / "a" / "regencies").resolve()
    assert ws.origin("regencies") == "workspace" and ws.origin("clauses") == "bundled"
    # a templates/ folder of some other program does not make a workspace
    (tmp_path / "web" / "templates").mkdir(parents=True)
    assert Workspace.discover(tmp_path / "web").root is None


def test_display_path_inside_and_outside(tmp_path, in_dir):
    (tmp_path / "ws" / "regencies").mkdir(parents=True)
    (tmp_path / "ws" / "drafts").mkdir()
    in_dir(tmp_path / "ws" / "drafts")
    assert display_path(tmp_path / "ws" / "drafts" / "x.docx") == "x.docx"
    assert display_path(tmp_path / "ws" / "regencies" / "a.yaml") == "../regencies/a.yaml"
    bundled = Workspace.bundled().regencies / "serang.yaml"
    assert display_path(bundled) == "[bundled] regencies/serang.yaml"
