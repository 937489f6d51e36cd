"""DOCX and ODT packages from outside, opened safely.

A package is checked before any other program sees it: its size, the sizes its members
declare, and then every member actually unpacked as a stream with a cap, because a
member's header can lie (a document.xml that declares 1 KB and inflates to 1 GB passes
a check of the declared sizes, and pandoc reads it to the end). Then pandoc reads it under
a memory limit: its own runtime's heap limit (`+RTS -M`, on every system, Windows
included) and, on POSIX, an address-space limit on the process (RLIMIT_AS) as well.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

from rancang.errors import RancangError, os_reason
from rancang.i18n import _
from rancang.limits import describe, limit

MAX_RATIO = 200                 # unpacked / packed, for a member over 10 MB
_READ = 1 << 16                 # bytes of packed data read at a time
_INFLATE = 1 << 20              # bytes of unpacked data made at a time
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
# What GHC's runtime needs besides the heap (thread stacks, code, reserved ranges): pandoc
# 2.17 does not start under 800 MB of address space.
_PANDOC_ADDRESS_EXTRA_MB = 1024


class _Refused(Exception):
    """Why a package must not be opened."""


def package_problem(path: Path, required: str) -> str | None:
    """Why a DOCX/ODT package must not be opened, or None: too large, a zip bomb, not a
    zip, damaged, or without its main part `required` (word/document.xml, content.xml)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return _("file not found") if isinstance(exc, FileNotFoundError) else \
            _("cannot read the file: {reason}").format(reason=os_reason(exc))
    max_package = limit("package_mb") * 2**20
    if size > max_package:
        return _("the file is larger than {n} MB (the limit is the setting {setting})").format(
            n=int(limit("package_mb")), setting=describe("package_mb"))
    try:
        with zipfile.ZipFile(path) as zf, open(path, "rb") as fh:
            infos = zf.infolist()
            _check_declared(infos)
            if required not in {i.filename for i in infos}:
                return _("not a Word/OpenDocument file: the package has no {part}").format(
                    part=required)
            for info in infos:
                _check_member(fh, info)
    except _Refused as why:
        return str(why)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return _("the file is damaged or of another kind (not a zip package)")
    except OSError as exc:
        return _("cannot read the file: {reason}").format(reason=os_reason(exc))
    return None


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    max_unpacked = limit("unpacked_mb") * 2**20
    if sum(i.file_size for i in infos) > max_unpacked:
        raise _Refused(_("the package unpacks to more than {n} MB (a zip bomb?); the limit is "
                         "the setting {setting}").format(n=int(limit("unpacked_mb")),
                                                         setting=describe("unpacked_mb")))
    for info in infos:
        if info.file_size > 10 * 2**20 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise _Refused(_("the member {name} is compressed {ratio}x or more (a zip "
                             "bomb?)").format(name=info.filename, ratio=MAX_RATIO))


def _damaged(info: zipfile.ZipInfo, message: str, **fields) -> _Refused:
    return _Refused(message.format(name=info.filename, **fields))


def _check_member(fh, info: zipfile.ZipInfo) -> None:
    """Unpack one member as a stream, never past the size it declares: a member that
    inflates to more is refused as soon as it does; one that ends short, or whose
    checksum differs, is damaged."""
    if info.flag_bits & 0x1:
        raise _Refused(_("the part {name} is encrypted").format(name=info.filename))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refused(_("the part {name} is compressed in a way Word and LibreOffice do not "
                         "use (method {method})").format(name=info.filename,
                                                         method=info.compress_type))
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_MAGIC:
        raise _damaged(info, _("the file is damaged: the part {name} has no header where "
                                     "the index says"))
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    declared = info.file_size
    total = crc = 0
    if info.compress_type == zipfile.ZIP_STORED:
        left = info.compress_size
        while left > 0:
            data = fh.read(min(_READ, left))
            if not data:
                raise _damaged(info, _("the file is damaged: the part {name} is cut short"))
            left -= len(data)
            total += len(data)
            crc = zlib.crc32(data, crc)
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending = b""
        while not inflater.eof:
            if not pending:
                pending = fh.read(_READ)
                if not pending:
                    raise _damaged(info, _("the file is damaged: the part {name} is cut short"))
            try:
                data = inflater.decompress(pending, _INFLATE)
            except zlib.error:
                raise _damaged(info, _("the file is damaged: the part {name} cannot be "
                                         "unpacked")) from None
            pending = inflater.unconsumed_tail
            total += len(data)
            if total > declared:
                raise _Refused(_("the part {name} declares {declared} bytes but unpacks to "
                                 "more (a zip bomb?)").format(name=info.filename,
                                                             declared=declared))
            crc = zlib.crc32(data, crc)
    if total != declared:
        raise _damaged(info, _("the file is damaged: the part {name} unpacks to {real} bytes, "
                               "not the {declared} it declares"), real=total, declared=declared)
    if crc != info.CRC:
        raise _damaged(info, _("the file is damaged: the part {name} fails its checksum"))


# --- pandoc --------------------------------------------------------------------------

def _address_space_limit(megabytes: int):
    import resource       # here, in the parent: the child must not import (the import lock)

    def apply() -> None:           # runs in the child, before pandoc starts
        wanted = megabytes * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    return apply


def pandoc_text(path: Path, fmt: str, display: str) -> str:
    """The plain text of a DOCX/ODT (`fmt`: docx, odt) through pandoc, under the memory
    and time limits; `display` names the file in messages."""
    if shutil.which("pandoc") is None:
        raise RancangError(_("reading DOCX and ODT needs pandoc, which is not installed "
                             "(Debian: apt-get install pandoc)"))
    heap = int(limit("pandoc_mb"))
    args = ["-f", fmt, "-t", "plain", "--wrap=none", "--track-changes=accept", str(path)]
    done = _run_pandoc(["pandoc", "+RTS", f"-M{heap}m", "-RTS", *args], heap, display)
    if done.returncode != 0 and "RTS options are disabled" in done.stderr:
        # a pandoc built without runtime options: the address-space limit alone (POSIX)
        done = _run_pandoc(["pandoc", *args], heap, display)
    if done.returncode != 0:
        err = done.stderr
        if "Heap exhausted" in err or "Cannot allocate memory" in err \
                or "out of memory" in err.lower() or done.returncode in (-6, -9, 251):
            raise RancangError(_("reading it needs more memory than pandoc may use (the limit "
                                 "is the setting {setting})").format(
                                     setting=describe("pandoc_mb")), display)
        raise RancangError(_("pandoc could not read it: {reason}").format(
            reason=err.strip()[:300]), display)
    return done.stdout


def _run_pandoc(command: list[str], heap_mb: int, display: str):
    extra = {}
    if os.name == "posix":
        extra["preexec_fn"] = _address_space_limit(heap_mb + _PANDOC_ADDRESS_EXTRA_MB)
    try:
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=limit("pandoc_seconds"), **extra)
    except subprocess.TimeoutExpired:
        raise RancangError(_("pandoc did not finish reading it within {n} seconds (the limit "
                             "is the setting {setting})").format(
                                 n=limit("pandoc_seconds"), setting=describe("pandoc_seconds")),
                           display) from None
    except OSError as exc:
        raise RancangError(_("pandoc could not be started: {reason}").format(
            reason=os_reason(exc)), display) from None
