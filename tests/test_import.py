"""rancang import: an existing regulation becomes a clause library that builds back to
the same text, apart from the source regency's names, which become parameters."""
import difflib
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_parse_diff import CORPUS, CORPUS_EXPECTED, needs_corpus, needs_pandoc

from rancang.cli import main
from rancang.commands.build import Builder, load
from rancang.compare.diff import compare
from rancang.readers.importer import import_regulation, write_library
from rancang.model.punctuation import squash
from rancang.readers.parse import normalise, parse_text, read_text
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
    cmp = compare(parse_text(read_text(source)), back)
    # the import keeps the body, not the Penjelasan: the comparison says it is gone
    assert [(c.op, c.old_node.kind) for c in cmp.changes] == [("deleted", "penjelasan")]
    assert cmp.summary == dict(ZERO, deleted=1)
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
    assert json.loads(same.output)["summary"] == ZERO
    # built for Lebak: the names follow the regency
    assert runner.invoke(main, ["build", "lebak", "--doc", "perbup-rl", "--format", "md",
                                "-o", "lebak"]).exit_code == 0
    md = Path("lebak/perbup-rl-lebak.md").read_text()
    assert "Daerah adalah Kabupaten Lebak." in md and "Rejang Lebong" not in md


def test_import_refuses_a_non_empty_folder(tmp_path, in_dir):
    in_dir(tmp_path)
    (tmp_path / "x.txt").write_text("MEMUTUSKAN:\nPasal 1\nSatu.\nPasal 2\nDua.")
    (tmp_path / "clauses" / "ada").mkdir(parents=True)
    (tmp_path / "clauses" / "ada" / "document.yaml").write_text("jenis: x\n")
    result = CliRunner().invoke(main, ["import", "x.txt", "-o", "clauses/ada"])
    assert result.exit_code == 2 and "not empty" in result.output


# --- every corpus text, built back -------------------------------------------------------
# What differs, word for word, between a source's body and the text built back from its
# import: only what the parser read in an OCR'd copy ("Bagran" is the heading Bagian,
# "Pasa19" is Pasal 9, "(l)" is ayat (1), "Pasal 1 10" is Pasal 110) and the headings the
# copy lost, built back as "Pasal N" with a blank '...' (or, for pp-2021-37 Pasal 6, a
# heading without its number in the copy). Each pair checked against the source.
OCR_READINGS = {
    "pp-2018-28": [("Bagran", "Bagian"), ("Bagran", "Pasal 5 ... Bagian"), ("Bagan", "Bagian"),
                   ("(l)", "(1)"), ("", "Pasal 10 ..."), ("Bagran", "Bagian"), ("(l)", "(1)"),
                   ("Bagran", "Bagian"), ("Bagan", "Bagian"), ("Pasil27", "Pasal 27"),
                   ("Bagran", "Bagian"), ("pasal", "Pasal"), ("pasal", "Pasal"), ("(l)", "(1)"),
                   ("", "Pasal 46 ...")],
    "pp-2021-37": [("", "Pasal 6"), ("Pasa19", "Pasal 9"), ("BABV", "BAB V")],
    "uu-2020-11": [("Pasai", "Pasal"), ("1 1", "11"), ("", "Pasal 20 ..."), ("", "Pasal 30 ..."),
                   ("", "Pasal 32 ..."), ("", "Pasal 41 ..."), ("", "Pasal 47 ..."),
                   ("", "Pasal 74 ..."), ("Pasai", "Pasal"), ("", "Pasal 88 ..."),
                   ("1 10", "110"), ("1 1 1", "111"), ("1 13", "112 ... Pasal 113"),
                   ("1 14", "114"), ("1 15", "115"), ("1 16", "116"), ("1 17", "117"),
                   ("", "Pasal 118 ..."), ("1 19", "119"), ("", "Pasal 126 ..."),
                   ("", "Pasal 147 ...")],
}
KINDS = ("menimbang", "mengingat", "bab", "bagian", "paragraf", "pasal", "ayat", "rincian")


def _body_words(text: str) -> list[str]:
    """The words of the batang tubuh, from BAB I (or Pasal 1) to the closing formula."""
    text = normalise(text)
    decide = re.search(r"MEMUTUSKAN\s*:?", text)
    text = text[decide.end():] if decide else text
    end = re.search(r"Agar setiap orang mengetahuinya|Ditetapkan di|PENJELASAN\s+ATAS|"
                    r"PASAL DEMI PASAL", text)
    text = text[:end.start()] if end else text
    start = re.search(r"BAB I\b|Pasal 1\b|Pasal I\b", text)
    return text[start.start():].split()


def _differences(source: list[str], back: list[str]) -> list[tuple[str, str]]:
    """What differs between two word streams, (source words, rebuilt words): paragraphs
    from one "Pasal" to the next aligned first, then word by word inside those that
    differ — difflib over 130 000 words at once takes seconds."""
    def paragraphs(words):
        out = [[]]
        for word in words:
            if word in ("Pasal", "BAB", "Bagian") and out[-1]:
                out.append([])
            out[-1].append(word)
        return [" ".join(p) for p in out]
    a, b = paragraphs(source), paragraphs(back)
    found = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        x, y = " ".join(a[i1:i2]).split(), " ".join(b[j1:j2]).split()
        found += [(" ".join(x[k1:k2]), " ".join(y[l1:l2])) for op, k1, k2, l1, l2
                  in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                  if op != "equal"]
    return found


def _units(doc):
    return [(n.kind, n.label, squash(n.heading or ""), squash(n.display)) for n in doc.walk()
            if n.kind in KINDS]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """Every corpus text imported and built back for Rejang Lebong, as Markdown."""
    cache = {}

    def build(name):
        if name not in cache:
            tmp = tmp_path_factory.mktemp(name)
            _, report = build_back(tmp, CORPUS / f"{name}.md")
            cache[name] = (tmp / "kembali.md", report)
        return cache[name]
    return build


@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_every_corpus_text_builds_back_word_for_word(rebuilt, name):
    md, _ = rebuilt(name)
    source, back = _body_words(read_text(CORPUS / f"{name}.md")), _body_words(read_text(md))
    assert _differences(source, back) == OCR_READINGS.get(name, [])
    # unit by unit: the same labels, headings, words and punctuation as the source read
    assert _units(parse_text(read_text(md))) == _units(parse_text(read_text(CORPUS / f"{name}.md")))


HAS_PENJELASAN = {"uu-2004-40": 1, "pp-2018-28": 0, "uu-2014-23": 1}   # read in the sources


@needs_corpus
@pytest.mark.parametrize("name", ["uu-2004-40", "pp-2018-28", "uu-2014-23"])
def test_rancang_diff_of_source_and_rebuilt_says_nothing_changed(rebuilt, name, in_dir, tmp_path):
    md, _ = rebuilt(name)
    in_dir(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(CORPUS / f"{name}.md"), str(md), "--json"])
    assert result.exit_code == 0, result.output
    # the import keeps the body, not the Penjelasan (the import report says so)
    assert json.loads(result.output)["summary"] == dict(ZERO, deleted=HAS_PENJELASAN[name])


@needs_corpus
def test_a_list_without_conjunction_stays_without(rebuilt):
    # uu-2004-40 Pasal 11: "a. meninggal dunia; b. berhalangan tetap; c. mengundurkan
    # diri; d. …" — no "dan" before the last item; Pasal 4's list has one
    md, _ = rebuilt("uu-2004-40")
    text = md.read_text()
    assert "c. mengundurkan diri;\n\nd. tidak memenuhi syarat" in text
    assert "mengundurkan diri; dan" not in text
    assert "h. dana amanat; dan\n\ni. hasil pengelolaan" in text


@needs_corpus
def test_headings_keep_the_case_of_the_source(rebuilt):
    md, _ = rebuilt("pp-2015-44")
    text = md.read_text()
    # title_words would write "… Kecelakaan Kerja bagi Peserta …"; the source capitalises it
    assert "Tata Cara Pelaporan Kecelakaan Kerja Bagi Peserta Penerima Upah" in text


def test_import_refuses_what_cannot_be_built_and_says_where(tmp_path, in_dir):
    in_dir(tmp_path)
    # BAB I has no Pasal: a BAB holds Pasal or Bagian
    (tmp_path / "x.txt").write_text("MEMUTUSKAN:\nBAB I UMUM\nBAB II LAIN\nPasal 1\nSatu.\n"
                                    "Pasal 2\nDua.")
    result = CliRunner().invoke(main, ["import", "x.txt", "-o", "clauses/x"])
    assert result.exit_code == 1
    assert "cannot be built" in result.output and "bab-i.yaml:2" in result.output
    assert (tmp_path / "clauses" / "x" / "document.yaml").is_file()     # kept, to fix


@needs_corpus
def test_lost_headings_are_blanks_that_load_and_final_refuses(tmp_path, in_dir):
    in_dir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(CORPUS / "pp-2018-28.md"), "-o", "clauses/ks"])
    assert result.exit_code == 0, result.output
    assert "lost some headings" in result.output
    bab = yaml.safe_load((tmp_path / "clauses" / "ks" / "bab-ii.yaml").read_text())["bab"]
    lost = [p for b in bab["bagian"] for p in b.get("pasal", []) if p.get("text") == "..."]
    assert [p["id"] for p in lost] == ["p5", "p10"]
    assert runner.invoke(main, ["build", "rejang-lebong", "--doc", "ks", "--format", "md",
                                "-o", "out"]).exit_code == 0
    assert "#### Pasal 5\n\n...\n\n" in Path("out/ks-rejang-lebong.md").read_text()
    final = runner.invoke(main, ["build", "rejang-lebong", "--doc", "ks", "--final", "-o", "f"])
    assert final.exit_code == 1 and "p5" in final.output


@needs_corpus
def test_drafting_findings_of_an_imported_text_are_listed_warnings(tmp_path, in_dir):
    in_dir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(CORPUS / "uu-2011-12.md"), "-o",
                                "clauses/uu12"]).exit_code == 0
    assert "imported: uu-2011-12.md" in (tmp_path / "clauses" / "uu12" / "document.yaml").read_text()
    check = runner.invoke(main, ["check", "rejang-lebong", "--doc", "uu12", "--json"])
    findings = json.loads(check.output)["findings"]
    kept = [f for f in findings if "wording of the imported source" in f["message"]]
    assert kept and all(f["severity"] == "warning" for f in kept)
    assert check.exit_code == 0
