"""Where rancang keeps what it can make again (compiled clause templates): the user's
cache folder (platformdirs: ~/.cache/rancang, %LOCALAPPDATA%\\rancang\\Cache, ...), or
RANCANG_CACHE; RANCANG_CACHE=off keeps nothing."""
from __future__ import annotations

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
