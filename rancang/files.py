"""Writing output files so that nothing is ever half-written: a temporary file in the
same folder, then an atomic rename."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from rancang.i18n import _


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)`, then move the result over `path` in one step. On any
    failure the temporary file is removed and `path` is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# --- names of files ----------------------------------------------------------------------

def slug(text: str, fallback: str = "opd", max_len: int = 60) -> str:
    """The one file-name part rancang makes of a name (a regency, an OPD): ASCII letters,
    digits and '-', accents folded ('Ñusantara' -> 'nusantara'), no dots or slashes, at
    most `max_len` characters. A name with no Latin letter gets `fallback` and a short
    hash, and a long name keeps a short hash, so that two names never share a file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    if not made:
        return f"{fallback}-{digest}"
    if len(made) > max_len:
        made = made[:max_len - 9].rstrip("-") + "-" + digest
    return made


# --- hand-edit protection ---------------------------------------------------------------
# A generated DOCX carries in its core properties (dc:identifier) the SHA-256 of every
# part of the package: the text, headers, footers, footnotes, comments, styles,
# numbering, settings, media, relationships, and the core properties themselves with
# the identifier left empty. If any part was changed, added or removed, a person has
# changed the file (in Word, even a save without edits does): the next build does not
# overwrite it. Files written by rancang before the fingerprint covered every part
# carry another prefix and count as edited: --force replaces them, keeping a backup.

FINGERPRINT_PREFIX = "rancang-parts-sha256:"
_CORE_PART = "docProps/core.xml"
_IDENTIFIER = re.compile(rb"(<dc:identifier>)[^<]*(</dc:identifier>)")


def _member_head(name: str, size: int) -> bytes:
    return name.encode("utf-8") + b"\0" + size.to_bytes(8, "big")


def parts_digest(parts) -> str:
    """The fingerprint of a package given as (name, bytes) pairs, in any order."""
    digest = hashlib.sha256()
    for name, data in sorted(parts, key=lambda part: part[0]):
        if name == _CORE_PART:
            data = _IDENTIFIER.sub(rb"\1\2", data, count=1)
        digest.update(_member_head(name, len(data)) + data)
    return digest.hexdigest()


def package_digest(path: Path) -> str | None:
    """The fingerprint of the package at `path`, streamed member by member (the same as
    `parts_digest` of its parts); None when it cannot be read or unpacks to more than
    MAX_UNPACKED_BYTES."""
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = sorted(zf.infolist(), key=lambda info: info.filename)
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                return None
            for info in infos:
                with zf.open(info) as member:
                    if info.filename == _CORE_PART:
                        core = member.read(2**20 + 1)
                        if len(core) > 2**20:
                            return None
                        core = _IDENTIFIER.sub(rb"\1\2", core, count=1)
                        digest.update(_member_head(info.filename, len(core)) + core)
                        continue
                    # zipfile stops at the declared size and checks the CRC
                    digest.update(_member_head(info.filename, info.file_size))
                    for chunk in iter(lambda: member.read(2**20), b""):
                        digest.update(chunk)
    except (OSError, KeyError, ValueError, RuntimeError, EOFError, zlib.error,
            zipfile.BadZipFile):
        return None
    return digest.hexdigest()


def stored_fingerprint(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(_CORE_PART)
            if info.file_size > 2**20:
                return None
            core = zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, ValueError, RuntimeError, EOFError, zlib.error,
            zipfile.BadZipFile):
        return None
    m = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", core)
    return m.group(1) if m else None


def edited_by_hand(path: Path) -> bool:
    """True when `path` exists and is not exactly what rancang wrote there."""
    if not Path(path).exists():
        return False
    stored = stored_fingerprint(path)
    return not (stored and stored.startswith(FINGERPRINT_PREFIX)
                and stored[len(FINGERPRINT_PREFIX):] == package_digest(path))


def backup_path(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.edited-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.edited-{stamp}-{n}{path.suffix}")
    return candidate


# --- packages (DOCX, ODT) from outside ---------------------------------------------------

MAX_PACKAGE_BYTES = 50 * 1024 * 1024          # the file itself
MAX_UNPACKED_BYTES = 300 * 1024 * 1024        # all its members, unpacked
MAX_RATIO = 200                               # unpacked / packed, for a large member


def package_problem(path: Path, required: str) -> str | None:
    """Why a DOCX/ODT package must not be opened, or None: too large, a zip bomb, not a
    zip, or without its main part."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return _("file not found") if isinstance(exc, FileNotFoundError) else \
            _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
    if size > MAX_PACKAGE_BYTES:
        return _("the file is larger than {size} MB").format(size=MAX_PACKAGE_BYTES // 2**20)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                return _("the package unpacks to more than {size} MB (a zip bomb?)").format(
                    size=MAX_UNPACKED_BYTES // 2**20)
            for info in infos:
                if info.file_size > 10 * 2**20 and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    return _("the member {name} is compressed {ratio}x or more (a zip "
                             "bomb?)").format(name=info.filename, ratio=MAX_RATIO)
            names = {i.filename for i in infos}
            if required not in names:
                return _("not a Word/OpenDocument file: the package has no {part}").format(
                    part=required)
            if zf.testzip() is not None:
                return _("the file is damaged (a part fails its checksum)")
    except zipfile.BadZipFile:
        return _("the file is damaged or of another kind (not a zip package)")
    except OSError as exc:
        return _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
    return None
