import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def english_messages():
    """Tests read rancang's messages in English (the message ids); tests of the
    Indonesian set the language themselves."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RANCANG_LANG", "en")
        mp.delenv("NO_COLOR", raising=False)
        yield


@pytest.fixture
def workspace_copy(tmp_path):
    """A bureau's own copy of the data folders, to edit in a test."""
    for name in ("clauses", "regencies", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def in_dir(monkeypatch):
    def enter(path):
        monkeypatch.chdir(path)
        return path
    return enter


def has_program(name: str) -> bool:
    return shutil.which(name) is not None


requires_pandoc = pytest.mark.skipif(not has_program("pandoc") and not os.environ.get("CI"),
                                     reason="pandoc is not installed (CI installs it)")
