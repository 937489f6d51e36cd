"""The DOCX view writes the same text as before each optimisation: fixed layout blocks
(a Perbup with its Lampiran table, an MoU, a PKS; saved as JSON so that changes to the
clause library do not move them) rendered and read back with python-docx — paragraphs,
their style names and character styles, table cells — against a snapshot taken from the
docxtpl renderer before any optimisation. Refresh only after a reviewed, deliberate
change: UPDATE_SNAPSHOT=1."""
import json
import os
from pathlib import Path

import pytest
from docxsnap import blocks_from_json, read_back

from rancang.views.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent
SNAP = Path(__file__).parent / "golden" / "docx-snapshot"
CASES = {"perbup-rejang-lebong": "perbup", "mou-serang": "mou",
         "pks-serang-dinas-kesehatan": "pks"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_docx_reads_back_as_the_snapshot(name, tmp_path):
    blocks = blocks_from_json(json.loads((SNAP / f"{name}.blocks.json").read_text("utf-8")))
    doc = CASES[name]
    out = render_docx(blocks, ROOT / "templates" / doc / f"{doc}.docx", tmp_path / f"{name}.docx",
                      {"title": "Judul", "subject": "Kabupaten"})
    got = read_back(out)
    expected_path = SNAP / f"{name}.expected.json"
    if os.environ.get("UPDATE_SNAPSHOT"):
        expected_path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n"
                                         for item in got), "utf-8")
    expected = [json.loads(line) for line in expected_path.read_text("utf-8").splitlines()]
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"item {i}"
