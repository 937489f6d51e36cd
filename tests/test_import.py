"""rancang import: an existing regulation becomes a clause library that builds back to
the same text, apart from the source regency's names, which become parameters."""
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_parse_diff import CORPUS, needs_corpus, needs_pandoc

from rancang.commands.build import Builder, load
from rancang.compare.diff import compare
from rancang.readers.importer import import_regulation, write_library
from rancang.readers.parse import parse_text, read_text
from rancang.sources.workspace import Workspace
from rancang.views.blocks import layout
from rancang.views.text import render_markdown

ZERO = {"inserted": 0, "deleted": 0, "modified": 0, "moved": 0, "renumbered": 0}


def build_back(tmp_path: Path, source: Path, regency: str = "rejang-lebong"):
    """Import `source`, build it for `regency` (the tree and its Markdown view, without
    the drafting-rule gate: a real regulation may bend a rule), parse that back."""
    doc = parse_text(read_text(source))
    files, report = import_regulation(doc, source.name)
    write_library(files, tmp_path / "clauses" / "impor")
    ws = Workspace.discover(tmp_path)
    builder = Builder(ws, load(ws, regency))
    tree = builder.tree(builder.jobs(("impor",))[0]).document
    md = tmp_path / "kembali.md"
    md.write_text(render_markdown(layout(tree)))
    return parse_text(read_text(md)), report


@needs_corpus
@pytest.mark.parametrize("name", ["pp-2013-86", "uu-2004-40", "pp-2015-45", "uu-2011-24"])
def test_corpus_regulation_round_trip(tmp_path, name):
    source = CORPUS / f"{name}.md"
    back, report = build_back(tmp_path, source)
    assert compare(parse_text(read_text(source)), back).summary == ZERO
    assert report["references_converted"] > 10      # they now follow renumbering


@needs_corpus
def test_imported_references_follow_an_inserted_pasal(tmp_path):
    doc = parse_text(read_text(CORPUS / "uu-2004-40.md"))
    files, _ = import_regulation(doc, "uu-2004-40.md")
    write_library(files, tmp_path / "clauses" / "impor")
    bab = tmp_path / "clauses" / "impor" / "bab-iv.yaml"
    data = yaml.safe_load(bab.read_text())
    data["bab"]["pasal"].insert(0, {"id": "baru", "text": "Pasal sisipan."})
    bab.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    ws = Workspace.discover(tmp_path)
    builder = Builder(ws, load(ws, "rejang-lebong"))
    tree = builder.tree(builder.jobs(("impor",))[0]).document
    pasal9 = next(n for n in tree.walk() if n.label == "Pasal 9")     # was Pasal 8
    assert "sebagaimana dimaksud pada ayat (2)" in pasal9.children[2].display
    assert [n.label for n in tree.walk() if n.kind == "pasal"][-1] == "Pasal 54"


@needs_pandoc
def test_generated_perbup_docx_round_trip_with_parameters(tmp_path, in_dir):
    in_dir(tmp_path)
    runner = CliRunner()
    from rancang.cli import main
    assert runner.invoke(main, ["build", "rejang-lebong", "-o", "src"]).exit_code == 0
    result = runner.invoke(main, ["import", "src/perbup-rejang-lebong.docx", "-o",
                                  "clauses/perbup-rl"])
    assert result.exit_code == 0, result.output
    assert "'Rejang Lebong' became a parameter" in result.output
    text = "".join(p.read_text() for p in Path("clauses/perbup-rl").glob("*.yaml"))
    assert "Rejang Lebong" not in text and "{{ kabupaten }}" in text and "{{ ref('p" in text
    # built back for the same regency: the same document
    assert runner.invoke(main, ["build", "rejang-lebong", "--doc", "perbup-rl", "-o", "back"]).exit_code == 0
    same = runner.invoke(main, ["diff", "src/perbup-rejang-lebong.docx",
                                "back/perbup-rl-rejang-lebong.docx", "--json"])
    import json
    assert json.loads(same.output)["summary"] == ZERO
    # built for Lebak: the names follow the regency
    assert runner.invoke(main, ["build", "lebak", "--doc", "perbup-rl", "--format", "md",
                                "-o", "lebak"]).exit_code == 0
    md = Path("lebak/perbup-rl-lebak.md").read_text()
    assert "Daerah adalah Kabupaten Lebak." in md and "Rejang Lebong" not in md


def test_import_refuses_a_non_empty_folder(tmp_path, in_dir):
    in_dir(tmp_path)
    from rancang.cli import main
    (tmp_path / "x.txt").write_text("MEMUTUSKAN:\nPasal 1\nSatu.\nPasal 2\nDua.")
    (tmp_path / "clauses" / "ada").mkdir(parents=True)
    (tmp_path / "clauses" / "ada" / "document.yaml").write_text("jenis: x\n")
    result = CliRunner().invoke(main, ["import", "x.txt", "-o", "clauses/ada"])
    assert result.exit_code == 2 and "not empty" in result.output
