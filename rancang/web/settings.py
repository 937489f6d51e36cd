"""What a `rancang serve` runs with, and who may use it without a password."""
from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from pathlib import Path

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def needs_password(host: str) -> bool:
    """Only the local machine may use the page without a password."""
    return host.strip("[]") not in LOCAL_HOSTS


@dataclass
class Settings:
    root: Path                              # the workspace folder
    password: str | None = None             # None: no login (local use only)
    secure_cookies: bool = False            # over HTTPS
    max_upload_mb: int = 20
    scratch: Path | None = None             # builds and uploads; a temp folder by default
    build_workers: int = 2
    extra: dict = field(default_factory=dict)


def check_password(settings: Settings, given: str) -> bool:
    return bool(settings.password) and hmac.compare_digest(given.encode("utf-8"),
                                                           settings.password.encode("utf-8"))
