"""DOCX/ODT from outside: a package whose headers lie is refused by unpacking it with a
cap, and pandoc reads under a memory limit; the memory of each case is measured in a child
process that runs under a limit itself."""
import json
import os
import subprocess
import sys
import zipfile

import pytest
from docx import Document

from conftest import requires_pandoc
from rancang.readers.containers import package_problem
from zipcraft import (
    Member,
    docx_parts,
    docx_with_document,
    honest,
    large_honest_docx,
    lying_bomb,
    write_zip,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="resource limits are POSIX")
GB = 2**30

# Runs a command as its own child, under an address-space limit, and reports the largest
# resident set of that child and everything it waited for (pandoc included).
METER = """
import json, resource, subprocess, sys
limit = int(sys.argv[1])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
done = subprocess.run(sys.argv[2:], capture_output=True, text=True, preexec_fn=cap)
print(json.dumps({"rc": done.returncode, "out": done.stdout, "err": done.stderr,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def metered(*args, env=None, limit=GB):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RANCANG_")}
    full_env["RANCANG_LANG"] = "en"     # the messages are read in English
    full_env.update(env or {})
    done = subprocess.run([sys.executable, "-c", METER, str(limit), sys.executable, "-m",
                           "rancang", *args], capture_output=True, text=True, env=full_env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- the package check ------------------------------------------------------------------

def test_a_document_that_declares_1_kb_and_inflates_to_1_gb_is_refused(tmp_path):
    bomb = lying_bomb(tmp_path)
    assert bomb.stat().st_size < 5 * 2**20
    with zipfile.ZipFile(bomb) as zf:          # what the headers say fools zipfile itself
        assert zf.getinfo("word/document.xml").file_size == 1024
        assert zf.testzip() is None
    assert package_problem(bomb, "word/document.xml") == (
        "the part word/document.xml declares 1024 bytes but unpacks to more (a zip bomb?)")


def test_an_honest_package_passes_and_a_damaged_one_is_named(tmp_path):
    parts = docx_parts(tmp_path)
    good = write_zip(tmp_path / "good.docx", [honest(n, d) for n, d in parts.items()])
    assert package_problem(good, "word/document.xml") is None
    assert Document(str(good)).paragraphs == []          # and Word's reader agrees

    xml = parts["word/document.xml"]
    wrong_crc = Member("word/document.xml", honest("", xml).data, 12345, len(xml))
    assert "fails its checksum" in package_problem(
        docx_with_document(tmp_path, "crc.docx", wrong_crc), "word/document.xml")
    short = Member("word/document.xml", honest("", xml).data, honest("", xml).crc, len(xml) + 10)
    assert f"unpacks to {len(xml)} bytes, not the {len(xml) + 10} it declares" in package_problem(
        docx_with_document(tmp_path, "short.docx", short), "word/document.xml")
    garbage = Member("word/document.xml", b"\xff" * 50, 0, 100)
    assert "cannot be unpacked" in package_problem(
        docx_with_document(tmp_path, "garbage.docx", garbage), "word/document.xml")


def test_declared_sizes_and_ratios_are_still_checked(tmp_path, monkeypatch):
    def plain_zip(path, members):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        return path

    zeros = plain_zip(tmp_path / "zeros.docx", {"[Content_Types].xml": "x",
                                                "word/document.xml": b"\0" * (40 * 2**20)})
    assert "compressed 200x or more (a zip bomb?)" in package_problem(zeros, "word/document.xml")
    ok = plain_zip(tmp_path / "ok.docx", {"[Content_Types].xml": "x", "word/document.xml": "<w/>"})
    monkeypatch.setenv("RANCANG_UNPACKED_MAX_MB", "1")
    big = plain_zip(tmp_path / "big.docx", {"word/document.xml": os.urandom(2 * 2**20)})
    assert "RANCANG_UNPACKED_MAX_MB=1" in package_problem(big, "word/document.xml")
    monkeypatch.setenv("RANCANG_PACKAGE_MAX_MB", "1")
    assert "larger than 1 MB" in package_problem(big, "word/document.xml")
    assert package_problem(ok, "word/document.xml") is None


def test_encrypted_and_exotic_members_are_refused(tmp_path):
    parts = docx_parts(tmp_path)
    members = [honest(n, d) for n, d in parts.items()]
    members[0].method = 12                                      # bzip2
    assert "compressed in a way Word and LibreOffice do not use (method 12)" in \
        package_problem(write_zip(tmp_path / "bz.docx", members), "word/document.xml")


def test_the_pdf_check_uses_the_same_reading(tmp_path):
    from rancang.views.pdf import check_docx

    assert "declares 1024 bytes but unpacks to more" in check_docx(lying_bomb(tmp_path))


# --- memory, measured -------------------------------------------------------------------

@posix_only
def test_parsing_the_lying_bomb_stays_small(tmp_path):
    bomb = lying_bomb(tmp_path)
    result = metered("parse", str(bomb))
    assert result["rc"] == 2
    assert "declares 1024 bytes but unpacks to more (a zip bomb?)" in result["err"]
    assert "Traceback" not in result["err"]
    assert result["peak_kb"] * 1024 < 200 * 2**20, result["peak_kb"]


@posix_only
@requires_pandoc
def test_pandoc_stops_at_its_memory_limit_with_a_message(tmp_path):
    # 40,000 paragraphs (4 MB of XML): pandoc needs ~450 MB for it, and 40 s
    large = large_honest_docx(tmp_path, 40000)
    assert package_problem(large, "word/document.xml") is None      # an honest package
    result = metered("parse", str(large), env={"RANCANG_PANDOC_MEMORY_MB": "64"})
    assert result["rc"] == 2, result
    assert "reading it needs more memory than pandoc may use (the limit is the setting " \
           "RANCANG_PANDOC_MEMORY_MB=64)" in result["err"]
    assert str(large.name) in result["err"]
    assert result["peak_kb"] * 1024 < GB, result["peak_kb"]


@posix_only
@requires_pandoc
def test_pandoc_reads_a_real_regulation_under_the_limits(tmp_path):
    from click.testing import CliRunner

    from rancang.cli import main

    assert CliRunner().invoke(main, ["build", "rejang-lebong", "-o", str(tmp_path)]).exit_code == 0
    result = metered("parse", str(tmp_path / "perbup-rejang-lebong.docx"))
    assert result["rc"] == 0, result["err"]
    assert "Pasal 1" in result["out"]
    assert result["peak_kb"] * 1024 < GB


@requires_pandoc
def test_pandoc_that_takes_too_long_is_stopped(tmp_path, monkeypatch):
    from rancang.errors import RancangError
    from rancang.readers.parse import read_text

    monkeypatch.setenv("RANCANG_PANDOC_TIMEOUT", "0.01")
    with pytest.raises(RancangError) as info:
        read_text(large_honest_docx(tmp_path, 2000, "lambat.docx"))
    assert "RANCANG_PANDOC_TIMEOUT=0.01" in str(info.value) and "lambat.docx" in str(info.value)
