"""One validator for clause files: the JSON Schema that `rancang schema --kind clause`
gives editors is the one loading a library checks against. Each broken BAB file below
is reported with the message a person can act on and the line of the fault."""
import json
import textwrap

import pytest
from click.testing import CliRunner

from rancang.cli import main
from rancang.errors import InputError
from rancang.sources.library import load_library

DOCUMENT = """\
jenis: Peraturan Bupati
judul: Uji
menimbang:
  - text: bahwa perlu diuji
mengingat: []
batang_tubuh: [uji]
"""

GOOD = """\
bab:
  id: uji
  heading: Uji
  pasal:
    - id: uji.satu
      text: Pasal yang sah.
"""

# (BAB file, expected message, expected line), written by hand from the file
BROKEN = [
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - id: uji.satu\n      txt: Salah.\n",
     "unknown key 'txt' in this pasal; expected one of: ayat, end, heading, id, rincian, text, when", 6),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - id: uji.satu\n"
     "      text: Satu.\n      ayat:\n        - text: Dua.\n",
     "a pasal has either ayat or its own text (and rincian), not both", 5),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - text: Tanpa id.\n",
     "this pasal needs 'id'", 5),
    ("bab:\n  id: uji\n  heading: Uji\n", "a bab holds bagian or pasal (or Pasal, then the other)",
     2),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal: []\n", "'pasal' must be a non-empty list", 4),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - id: uji.satu\n      ayat:\n"
     "        - id: a\n          as: x\n          text: Ayat.\n",
     "'as' goes with 'foreach'", 8),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - id: uji.satu\n      text: 'Daftar:'\n"
     "      rincian:\n        join: serta\n        items:\n          - text: a\n",
     "'join' must be one of: dan, atau, dan/atau, none", 8),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - id: uji.satu\n      text: 'Daftar:'\n"
     "      rincian:\n        items:\n          - id: x\n",
     "this item needs 'text'", 9),
    ("bab:\n  id: uji\n  heading: Uji\n  pasal:\n    - just a string\n",
     "this pasal must be a mapping with keys such as ayat, end, heading, id, rincian, text, when", 5),
]


def _library(tmp_path, bab: str):
    root = tmp_path / "clauses"
    (root / "uji").mkdir(parents=True)
    (root / "uji" / "document.yaml").write_text(DOCUMENT, encoding="utf-8")
    (root / "uji" / "uji.yaml").write_text(bab, encoding="utf-8")
    for name in ("catalogue.yaml", "citations.yaml"):
        (root / name).write_text((_ROOT / "clauses" / name).read_text(encoding="utf-8"),
                                 encoding="utf-8")
    return load_library(root, "uji")


from conftest import ROOT as _ROOT  # noqa: E402


def test_a_good_file_loads(tmp_path):
    assert _library(tmp_path, GOOD).babs["uji"]["id"] == "uji"


@pytest.mark.parametrize("bab,message,line", BROKEN, ids=[m for _, m, _ in BROKEN])
def test_each_broken_file_names_the_fault_and_its_line(tmp_path, bab, message, line):
    with pytest.raises(InputError) as caught:
        _library(tmp_path, bab)
    found = [(p.message, p.where.line) for p in caught.value.problems]
    assert (message, line) in found, found


def test_the_schema_editors_get_is_the_one_loading_uses(tmp_path):
    """A file the printed schema refuses is refused by loading, and the other way round."""
    import jsonschema
    import yaml

    printed = json.loads(CliRunner().invoke(main, ["schema", "--kind", "clause"]).output)
    validator = jsonschema.Draft202012Validator(printed)
    assert not list(validator.iter_errors(yaml.safe_load(GOOD)))
    for bab, _, _ in BROKEN:
        assert list(validator.iter_errors(yaml.safe_load(textwrap.dedent(bab)))), bab
    # every bundled BAB file passes both
    for path in (_ROOT / "clauses").glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and set(data) == {"bab"}:
            assert not list(validator.iter_errors(data)), path
