"""A user's install: the wheel, built from the checkout and installed into a fresh venv
(dependencies from PyPI), run from an empty folder and from inside a workspace, in
Bahasa Indonesia, never pointing at its own installation."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir",
                            str(base / "dist"), str(ROOT)], capture_output=True, text=True)
    if built.returncode != 0:
        pytest.fail(f"python -m build failed:\n{built.stdout}\n{built.stderr}")
    (wheel,) = (base / "dist").glob("rancang-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        pytest.fail(f"pip install of the wheel failed:\n{pip.stderr}")
    return bindir


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("RANCANG_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "PYTHONPATH")}
    return {**env, **extra}


def rancang(bindir, *args, cwd, **env):
    return subprocess.run([str(bindir / "rancang"), *args], cwd=cwd, capture_output=True,
                          text=True, env=_env(**env))


def test_from_an_empty_folder(installed, tmp_path):
    listing = rancang(installed, "regencies", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "berkas kabupaten bawaan rancang" in listing.stdout          # Indonesian
    assert "rejang-lebong" in listing.stdout and "Provinsi Bengkulu" in listing.stdout
    built = rancang(installed, "build", "rejang-lebong", "--format", "docx,md", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "perbup-rejang-lebong.docx").is_file()
    md = (tmp_path / "out" / "perbup-rejang-lebong.md").read_text(encoding="utf-8")
    assert "PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN" in md
    final = rancang(installed, "build", "rejang-lebong", "--final", cwd=tmp_path)
    assert final.returncode == 1
    assert "[bawaan] regencies/rejang-lebong.yaml:34" in final.stderr
    assert "site-packages" not in final.stderr + final.stdout
    english = rancang(installed, "--help", cwd=tmp_path, RANCANG_LANG="en")
    assert "Usage: rancang [OPTIONS] COMMAND [ARGS]..." in english.stdout


def test_from_a_subfolder_of_a_workspace(installed, tmp_path):
    made = rancang(installed, "workspace", "hukum", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    regencies = tmp_path / "hukum" / "regencies"
    own = regencies / "rejang-lebong.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("seat: Curup", "seat: Kota Contoh"),
                   encoding="utf-8")
    built = rancang(installed, "build", "rejang-lebong", "--format", "md", "-o", "../out",
                    "-v", cwd=regencies)
    assert built.returncode == 0, built.stderr
    assert f"ruang kerja: {tmp_path / 'hukum'}" in built.stderr
    md = (tmp_path / "hukum" / "out" / "perbup-rejang-lebong.md").read_text(encoding="utf-8")
    assert "Ditetapkan di Kota Contoh" in md


def test_the_modules_are_compiled_at_install(installed, tmp_path):
    out = subprocess.run([str(installed / "python"), "-c",
                          "import rancang.cli, sys; print(rancang.cli.__cached__)"],
                         capture_output=True, text=True, cwd=tmp_path,
                         env=_env(PYTHONDONTWRITEBYTECODE="1"))
    cached = Path(out.stdout.strip())
    assert "site-packages" in str(cached) and cached.is_file()   # pip wrote the .pyc
