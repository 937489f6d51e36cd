"""The hand-edit fingerprint covers every part a person can edit: a change to the header
alone, the styles, the settings, the document properties, an added comment or a removed
part marks the DOCX as edited; an unedited DOCX is rebuilt silently; --force keeps the
edited file as a backup."""
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from rancang.cli import main
from rancang.files import FINGERPRINT_PREFIX, edited_by_hand, package_digest, stored_fingerprint


def run(*args):
    return CliRunner().invoke(main, list(args))


def rewrite(path: Path, change) -> None:
    """Rewrite the package with `change(members)` applied; every other member is copied
    byte for byte, the way an editor that touches one part would."""
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


@pytest.fixture
def built(tmp_path, in_dir):
    in_dir(tmp_path)
    result = run("build", "serang", "--doc", "mou", "-o", "o")
    assert result.exit_code == 0, result.output
    return tmp_path / "o" / "mou-serang.docx"


def header_part(members) -> str:
    return next(n for n in sorted(members) if n.startswith("word/header")
                and b"PAGE" in members[n])


def test_a_header_only_edit_is_detected_and_kept(built):
    assert not edited_by_hand(built)
    before = members_of(built)
    name = header_part(before)

    def edit(m):
        m[name] = m[name].replace(b"- </w:t>", b"DRAF - </w:t>")
    rewrite(built, edit)
    after = members_of(built)
    assert after[name] != before[name]
    assert after["word/document.xml"] == before["word/document.xml"]   # the text untouched
    assert edited_by_hand(built)
    edited = built.read_bytes()

    refused = run("build", "serang", "--doc", "mou", "-o", "o")
    assert refused.exit_code == 1 and "--force" in refused.output
    assert built.read_bytes() == edited

    forced = run("build", "serang", "--doc", "mou", "-o", "o", "--force")
    assert forced.exit_code == 0, forced.output
    backups = list(built.parent.glob("mou-serang.edited-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert not edited_by_hand(built)
    assert b"DRAF" not in members_of(built)[name]


@pytest.mark.parametrize("change", [
    pytest.param(lambda m: m.__setitem__("word/styles.xml", m["word/styles.xml"].replace(
        b'w:val="24"', b'w:val="26"', 1)), id="styles"),
    pytest.param(lambda m: m.__setitem__("word/settings.xml", m["word/settings.xml"].replace(
        b"</w:settings>", b"<w:evenAndOddHeaders/></w:settings>")), id="settings"),
    pytest.param(lambda m: m.__setitem__("docProps/core.xml", m["docProps/core.xml"].replace(
        b"<dc:title>", b"<dc:title>Salinan ")), id="document properties"),
    pytest.param(lambda m: m.__setitem__("word/comments.xml", b"<w:comments/>"), id="a comment"),
    pytest.param(lambda m: m.__setitem__("word/media/image1.png", b"\x89PNG"), id="an image"),
    pytest.param(lambda m: m.pop("word/fontTable.xml"), id="a part removed"),
])
def test_any_part_changed_added_or_removed_is_an_edit(built, change):
    rewrite(built, change)
    assert edited_by_hand(built)


def test_a_copy_with_the_same_parts_is_not_an_edit(built):
    """Zipped again (another order, another compression) but every part the same."""
    members = members_of(built)
    with zipfile.ZipFile(built, "w", zipfile.ZIP_STORED) as zf:
        for name in reversed(list(members)):
            zf.writestr(name, members[name])
    assert not edited_by_hand(built)


def test_an_unedited_docx_is_rebuilt_silently(built):
    first = built.read_bytes()
    again = run("build", "serang", "--doc", "mou", "-o", "o")
    assert again.exit_code == 0, again.output
    assert "edited" not in again.output and "--force" not in again.output
    assert list(built.parent.glob("*.edited-*")) == []
    assert not edited_by_hand(built)
    # written again: the same text, a new fingerprint only if a part changed
    assert [p.text for p in Document(str(built)).paragraphs] == \
        [p.text for p in Document(io.BytesIO(first)).paragraphs]


def test_the_fingerprint_is_stored_in_the_core_properties(built):
    stored = stored_fingerprint(built)
    assert FINGERPRINT_PREFIX == "rancang-parts-sha256:" and stored.startswith(FINGERPRINT_PREFIX)
    assert stored[len(FINGERPRINT_PREFIX):] == package_digest(built)
    assert len(stored) == len(FINGERPRINT_PREFIX) + 64


def test_a_file_fingerprinted_by_document_xml_alone_counts_as_edited(built):
    """An earlier rancang stored the digest of document.xml only, which a header edit
    does not change: such a file may hide an edit, so it is not overwritten silently."""
    digest = hashlib.sha256(members_of(built)["word/document.xml"]).hexdigest()

    def old_scheme(m):
        core = m["docProps/core.xml"].decode()
        start, end = core.index("<dc:identifier>") + 15, core.index("</dc:identifier>")
        m["docProps/core.xml"] = (core[:start] + "rancang-sha256:" + digest + core[end:]).encode()
    rewrite(built, old_scheme)
    assert edited_by_hand(built)


def test_damaged_or_foreign_files_count_as_edited(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert edited_by_hand(junk)
    Document().save(str(tmp_path / "word.docx"))
    assert edited_by_hand(tmp_path / "word.docx")
    assert not edited_by_hand(tmp_path / "missing.docx")
