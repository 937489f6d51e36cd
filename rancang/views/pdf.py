"""PDF through LibreOffice, from the DOCX itself, so the PDF is the same document — same
pages, same line breaks — not a second rendering.

A batch is converted by one LibreOffice start per worker (starting LibreOffice costs far
more than converting one document), each worker with its own user profile so that two
can run side by side. Every PDF is written into a temporary folder, checked, and only
then moved into place: a failed or timed-out conversion leaves no partial PDF.
"""
from __future__ import annotations

import fcntl
import math
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from rancang.errors import BuildError, Problem, RancangError
from rancang.files import atomic_write
from rancang.readers.containers import package_problem
from rancang.sources.workspace import display_path

INSTALL_HINT = ("install LibreOffice Writer and the TeX Gyre fonts, e.g. on Debian: "
                "apt-get install libreoffice-writer-nogui fonts-texgyre")


def _timeout(files: int) -> float:
    """Seconds a worker may take: LibreOffice's start, then each document."""
    start = float(os.environ.get("RANCANG_PDF_START_TIMEOUT", "90"))
    per_file = float(os.environ.get("RANCANG_PDF_TIMEOUT", "60"))
    return start + per_file * files


def find_soffice() -> str | None:
    override = os.environ.get("RANCANG_SOFFICE")
    if override is not None:
        return shutil.which(override) if override else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    """The LibreOffice program, or a clear error before anything is done (exit 2)."""
    found = find_soffice()
    if not found:
        raise RancangError(f"PDF output needs LibreOffice, which is not installed: {INSTALL_HINT}. "
                           "DOCX output works without it.")
    return found


def check_docx(path: Path) -> str | None:
    """Why `path` is not a Word document LibreOffice should be given, or None."""
    why = package_problem(path, "word/document.xml")
    if why and why.startswith("not a Word"):
        return "not a Word document (.docx): the package has no word/document.xml"
    if why and "not a zip" in why:
        return "not a Word document (.docx): the file is damaged or of another kind"
    return why


def _valid_pdf(path: Path) -> bool:
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            if fh.read(5) != b"%PDF-":
                return False
            fh.seek(max(0, size - 1024))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rancang"


class _Profile:
    """A LibreOffice user profile for one worker: a kept one (fast start) when free, a
    throw-away one when another rancang holds it."""

    def __init__(self, index: int):
        self.index, self.lock, self.tmp = index, None, None

    def __enter__(self) -> Path:
        try:
            cache = _cache_dir()
            cache.mkdir(parents=True, exist_ok=True)
            path = cache / f"lo-profile-{self.index}"
            self.lock = open(cache / f"lo-profile-{self.index}.lock", "w")
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return path
        except OSError:
            if self.lock:
                self.lock.close()
                self.lock = None
            self.tmp = tempfile.mkdtemp(prefix="rancang-lo-")
            return Path(self.tmp)

    def __exit__(self, *exc) -> None:
        if self.lock:
            self.lock.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


@dataclass
class Converted:
    source: Path
    pdf: Path


def _run_worker(soffice: str, index: int, files: list[Path], work: Path,
                results: dict, problems: list[Problem], origin: dict[Path, Path]) -> None:
    outdir = work / f"w{index}"
    outdir.mkdir()
    timeout = _timeout(len(files))
    with _Profile(index) as profile:
        cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
               "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
               *[str(f) for f in files]]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
        timed_out = False
        try:
            proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
    for f in files:
        pdf = outdir / (f.stem + ".pdf")
        if _valid_pdf(pdf):
            results[f] = pdf
        elif timed_out:
            problems.append(Problem.coded("pdf-timeout", f"LibreOffice did not finish converting it within "
                                    f"{timeout:.0f} s (timed out; nothing written)",
                                    display_path(origin[f])))
        else:
            problems.append(Problem.coded("pdf-failed", "LibreOffice could not convert it to PDF (nothing written)",
                                    display_path(origin[f])))


def convert(jobs: list[tuple[Path, Path]], workers: int | None = None,
            soffice: str | None = None) -> list[Converted]:
    """Convert each (DOCX, target PDF path) pair. Raises BuildError naming every file
    that failed, after every file that succeeded has been put in place whole."""
    soffice = soffice or require_soffice()
    problems: list[Problem] = []
    targets: dict[Path, Path] = {}
    for src, target in jobs:
        src = Path(src)
        why = check_docx(src)
        if why:
            problems.append(Problem.coded("pdf-input", why, display_path(src)))
            continue
        target = Path(target)
        if target in targets.values():
            problems.append(Problem.coded("pdf-name-clash", f"two inputs would both be written to {display_path(target)}",
                                    display_path(src)))
            continue
        targets[src.resolve()] = target
    done: list[Converted] = []
    if targets:
        with tempfile.TemporaryDirectory(prefix="rancang-pdf-") as tmp:
            work = Path(tmp)
            # Each input is linked under a unique name, so that inputs with the same
            # name from different folders cannot collide in LibreOffice's output folder.
            staged: dict[Path, Path] = {}
            (work / "in").mkdir()
            for i, src in enumerate(targets):
                link = work / "in" / f"d{i:05d}.docx"
                link.symlink_to(src)
                staged[link] = src
            links = list(staged)
            # Starting LibreOffice dominates; a second worker pays off from a few files.
            count = workers or min(os.cpu_count() or 1, 2, math.ceil(len(links) / 4))
            count = max(1, min(count, len(links)))
            results: dict[Path, Path] = {}
            threads = [threading.Thread(target=_run_worker,
                                        args=(soffice, i, links[i::count], work, results,
                                              problems, staged))
                       for i in range(count)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            for link in links:
                if link in results:
                    src = staged[link]
                    pdf = results[link]
                    atomic_write(targets[src], lambda tmp_path: shutil.copyfile(pdf, tmp_path))
                    done.append(Converted(src, targets[src]))
    if problems:
        raise BuildError(problems, f"{len(problems)} of {len(jobs)} PDF conversion(s) failed"
                         + (f"; {len(done)} written" if done else ""))
    return done
