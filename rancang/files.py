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
import zipfile
from pathlib import Path
from typing import Callable

from rancang.errors import RancangError
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
        reason = exc.strerror or str(exc) or type(exc).__name__
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


# --- hand-edit protection ---------------------------------------------------------------
# A generated DOCX carries the SHA-256 of its word/document.xml in its core properties
# (dc:identifier). If the file's document.xml no longer matches, a person has changed it
# (in Word, even a save without edits does): the next build does not overwrite it.

FINGERPRINT_PREFIX = "rancang-sha256:"


def document_xml_digest(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            return hashlib.sha256(zf.read("word/document.xml")).hexdigest()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def stored_fingerprint(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            core = zf.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
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
                and stored[len(FINGERPRINT_PREFIX):] == document_xml_digest(path))


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
