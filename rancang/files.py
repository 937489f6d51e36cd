"""Writing output files so that nothing is ever half-written: a temporary file in the
same folder, then an atomic rename. A file that cannot be written is a RancangError that
names it in plain words (a file where a folder should be, a read-only folder, a full
disk, a file open in Word) for every command alike."""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import re
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from rancang.errors import RancangError, os_reason
from rancang.i18n import _

# Bytes of a file name rancang writes. File systems allow 255, but Windows (and Word)
# refuse a whole path over 260 characters: a bounded name leaves room for the folder.
MAX_NAME_BYTES = 120


def bounded_path(path: Path) -> Path:
    """`path`, with a name longer than MAX_NAME_BYTES cut and given a short hash of the
    whole name, so that two long names stay two files and a rebuild finds its file."""
    path = Path(path)
    name = path.name
    if len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES:
        return path
    suffix = path.suffix if 0 < len(path.suffix) <= 8 else ""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - len(digest) - 1
    stem = name[:len(name) - len(suffix)].encode("utf-8", "surrogatepass")[:room]
    stem = stem.decode("utf-8", "ignore").rstrip("-_. ")
    return path.with_name(f"{stem}-{digest}{suffix}")


def _umask() -> int:
    try:      # Linux tells it without changing it (safe with threads)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _blocking_file(folder: Path) -> Path | None:
    """The file that stands where `folder` or one of its parents should be a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def write_error(exc: OSError, path: Path, folder: Path | None = None) -> RancangError:
    """An OSError while writing `path` (a file, or the `folder` it needs), as a message a
    person can act on."""
    path = Path(path)
    blocker = _blocking_file(Path(folder) if folder is not None else path.parent)
    code = exc.errno
    if blocker is not None:
        reason = _("{file} is a file, not a folder; choose another output folder").format(
            file=blocker)
    elif code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        reason = _("permission denied: the folder is read-only or not yours, or the file is "
                   "open in another program (Word?)")
    elif code == errno.EROFS:
        reason = _("the disk is read-only")
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = _("the disk is full")
    elif code == errno.ENAMETOOLONG:
        reason = _("the name or the folder path is too long for the file system")
    elif code == errno.EISDIR or path.is_dir():
        reason = _("a folder of that name is in the way")
    else:
        reason = os_reason(exc)
    return RancangError(_("cannot write {path}: {reason}").format(path=path, reason=reason))


def make_folder(folder: Path) -> Path:
    """Create `folder` and its parents; a clear error when that cannot be done."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, folder, folder) from None
    return folder


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)`, then move the result over `path` in one step. On any
    failure the temporary file is removed and `path` is left as it was. Returns the path
    written: `path`, its name bounded (bounded_path). The file gets the mode a new file
    gets under the umask (mkstemp alone would leave it 0600)."""
    path = bounded_path(path)
    make_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_error(exc, path) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp_path.unlink(missing_ok=True)
        raise write_error(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
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
    `parts_digest` of its parts); None when it cannot be read or unpacks to more than the
    unpacked-size limit (RANCANG_UNPACKED_MAX_MB)."""
    from rancang.limits import limit

    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = sorted(zf.infolist(), key=lambda info: info.filename)
            if sum(info.file_size for info in infos) > limit("unpacked_mb") * 2**20:
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
    path = bounded_path(path)       # the name atomic_write gives it
    if not path.exists():
        return False
    stored = stored_fingerprint(path)
    return not (stored and stored.startswith(FINGERPRINT_PREFIX)
                and stored[len(FINGERPRINT_PREFIX):] == package_digest(path))


def backup_path(path: Path) -> Path:
    path = bounded_path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.edited-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.edited-{stamp}-{n}{path.suffix}")
    return candidate


# --- packages (DOCX, ODT) from outside ---------------------------------------------------

def package_problem(path: Path, required: str) -> str | None:
    """Why a DOCX/ODT package must not be opened, or None (rancang.readers.containers,
    which unpacks every member with a cap instead of trusting the sizes it declares)."""
    from rancang.readers.containers import package_problem as check

    return check(path, required)
