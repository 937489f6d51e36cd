"""Where rancang keeps what it can make again (compiled clause templates, YAML files as
loaded, inputs already found valid): the user's
cache folder (platformdirs: ~/.cache/rancang, %LOCALAPPDATA%\\rancang\\Cache, ...), or
RANCANG_CACHE; RANCANG_CACHE=off keeps nothing."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

OFF = ("off", "no", "none", "0", "false")


def cache_dir(part: str) -> Path | None:
    """The folder for one kind of cached data, or None when caching is off. Not created
    here: a writer creates it, and an uncreatable folder only means no cache."""
    setting = os.environ.get("RANCANG_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        return Path(setting).expanduser() / part
    import platformdirs      # here, not at import: most commands never need it

    return Path(platformdirs.user_cache_dir("rancang", appauthor=False)) / part


# --- small values kept by the hash of what made them -----------------------------------------

def key(*parts: str | bytes) -> str:
    """A file name for the value made from `parts` (texts, versions, settings)."""
    import hashlib

    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))      # ("ab", "c") is not ("a", "bc")
        digest.update(data)
    return digest.hexdigest()


def read(part: str, name: str) -> bytes | None:
    """What `write(part, name, ...)` kept, or None: no cache, no such entry, unreadable."""
    folder = cache_dir(part)
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as f:
            return f.read()
    except OSError:
        return None


_UNWRITABLE: set[Path] = set()


def write(part: str, name: str, data: bytes) -> None:
    """Keep `data` whole or not at all (a temporary file renamed into place, so a reader
    never sees half of it); a folder that cannot be written only means no cache."""
    folder = cache_dir(part)
    if folder is None or folder in _UNWRITABLE:
        return
    import tempfile

    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        _UNWRITABLE.add(folder)       # read-only, full, gone: stop trying in this process


def valid_name(schema, data) -> str:
    """The name under which `data` (plain values) is remembered as valid against `schema`:
    pickle tells every value and type apart, so different data never share a name."""
    import pickle

    from rancang import __version__

    schema_bytes = _SCHEMAS.get(id(schema))
    if schema_bytes is None or schema_bytes[0] is not schema:
        schema_bytes = _SCHEMAS[id(schema)] = (schema, pickle.dumps(schema, protocol=4))
    return key("valid-1", __version__, schema_bytes[1], pickle.dumps(data, protocol=4))


_SCHEMAS: dict[int, tuple] = {}     # a schema is a constant of the code: pickled once


def known_valid(name: str) -> bool:
    return read("valid", name) is not None


def remember_valid(name: str) -> None:
    """Only what passed with no problem at all is remembered: the validator (and its
    import) is skipped only where it would have found nothing."""
    write("valid", name, b"")
