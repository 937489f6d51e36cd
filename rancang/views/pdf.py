"""PDF through LibreOffice, from the DOCX itself, so the PDF is the same document — same
pages, same line breaks — not a second rendering.

A batch is converted by one LibreOffice start per worker (starting LibreOffice costs more
than converting a document), each worker with its own user profile so that two can run
side by side. The first worker starts at once; a second, going backward through the
batch until the two meet, only when the batch is long enough to pay for its start on the
cores other programs leave free. Every PDF is written into a temporary folder, opened
with pypdf, and only then moved into place: a failed, timed-out or unreadable conversion
leaves no PDF.

`WarmConverter` keeps one LibreOffice running and drives it over UNO (for the web server
and long-running batches): a single PDF then costs the conversion alone.

Nothing here is POSIX-only at import time: locks (fcntl or msvcrt), folders
(platformdirs) and the process-tree kill are chosen at run time, so rancang starts on
Windows too.
"""
from __future__ import annotations

import math
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from rancang.errors import BuildError, Problem, RancangError
from rancang.files import atomic_write
from rancang.i18n import N_, _
from rancang.readers.containers import package_problem
from rancang.sources.workspace import display_path

INSTALL_HINT = N_("install LibreOffice Writer and the TeX Gyre fonts, e.g. on Debian: "
                  "apt-get install libreoffice-writer-nogui fonts-texgyre")
UNO_HINT = N_("install LibreOffice's Python bridge, e.g. on Debian: apt-get install "
              "python3-uno (Windows and macOS: it comes with LibreOffice), or name a Python "
              "that can `import uno` in RANCANG_UNO_PYTHON")

# How a batch's time goes (bench/bench_pdf.py): each LibreOffice process spends ~0.85 s
# of CPU loading Writer before its first document, then ~0.1 s a document.
START_CPU = 0.85
DOC_CPU = 0.10
# One worker for a small batch; another only when the model says it is this much faster.
MIN_DOCS_FOR_TWO = 8
GAIN_NEEDED = 0.15
MAX_WORKERS = 4
# Kept LibreOffice profiles: a start with a kept profile is about 0.15 s faster than with
# a new one. Several rancang processes (a web server, two builds) each take a free one.
PROFILE_POOL = 4

_OFFICE_FLAGS = ("--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
                 "--nologo")
# LibreOffice prints this line once a document is loaded and before it is stored, so
# the line for the next document means the one before it is written.
_CONVERT_LINE = re.compile(r"convert .*?(d\d{5})\.docx -> ")


def _timeout(files: int) -> float:
    """Seconds a worker may take: LibreOffice's start, then each document."""
    return _start_timeout() + _per_file_timeout() * files


def _start_timeout() -> float:
    return _seconds("RANCANG_PDF_START_TIMEOUT", 90.0)


def _per_file_timeout() -> float:
    return _seconds("RANCANG_PDF_TIMEOUT", 60.0)


def _seconds(variable: str, default: float) -> float:
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 10 ** 6:
        raise RancangError(_("{variable} must be a number of seconds, not '{value}'").format(
            variable=variable, value=value))
    return seconds


# --- finding LibreOffice ----------------------------------------------------------------

def _on_windows() -> bool:
    return sys.platform == "win32"


def install_places() -> list[Path]:
    """Where LibreOffice's installers put the program, for this platform."""
    if _on_windows():
        roots = [os.environ.get(var) for var in ("ProgramFiles", "ProgramW6432",
                                                   "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        seen: list[Path] = []
        for root in roots:
            if root and Path(root, "LibreOffice", "program", "soffice.exe") not in seen:
                seen.append(Path(root, "LibreOffice", "program", "soffice.exe"))
        return seen
    if sys.platform == "darwin":
        app = Path("LibreOffice.app", "Contents", "MacOS", "soffice")
        return [Path("/Applications") / app, Path.home() / "Applications" / app]
    # LibreOffice's own packages for Linux install under /opt/libreofficeX.Y
    return sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)


def find_soffice() -> str | None:
    """RANCANG_SOFFICE (a program name or path; empty: none), else soffice or
    libreoffice on PATH, else the usual install places of this platform."""
    override = os.environ.get("RANCANG_SOFFICE")
    if override is not None:
        return shutil.which(override) if override else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in install_places():
        if place.is_file():
            return str(place)
    return None


def require_soffice() -> str:
    """The LibreOffice program, or a clear error before anything is done (exit 2)."""
    found = find_soffice()
    if not found:
        raise RancangError(_("PDF output needs LibreOffice, which is not installed: {hint}. "
                             "DOCX output works without it.").format(hint=_(INSTALL_HINT)))
    return found


def _uno_candidates(soffice: str | None) -> list[str]:
    out: list[str] = []
    if soffice:
        program = Path(soffice).resolve().parent
        # Windows and LibreOffice's own Linux packages ship a Python beside soffice;
        # macOS has it in the bundle's Resources.
        out += [str(program / "python.exe"), str(program / "python"),
                str(program.parent / "Resources" / "python")]
    out.append(sys.executable)
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            out.append(found)
    if not _on_windows():
        out.append("/usr/bin/python3")      # Debian's python3-uno, outside any venv
    return list(dict.fromkeys(out))


@lru_cache(maxsize=None)
def _can_import_uno(python: str) -> bool:
    if not Path(python).is_file():
        return False
    try:
        return subprocess.run([python, "-c", "import uno; from com.sun.star.beans import "
                               "PropertyValue"], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=30,
                              env=_foreign_python_env()).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def find_uno_python(soffice: str | None = None) -> str | None:
    """A Python that can `import uno` to drive LibreOffice: RANCANG_UNO_PYTHON, else the
    one LibreOffice ships, this one, or the system's."""
    override = os.environ.get("RANCANG_UNO_PYTHON")
    if override is not None:
        return shutil.which(override) if override else None
    for candidate in _uno_candidates(soffice):
        if _can_import_uno(candidate):
            return candidate
    return None


def _foreign_python_env() -> dict[str, str]:
    """The environment for LibreOffice's Python: none of this venv's settings."""
    env = dict(os.environ)
    for var in ("PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(var, None)
    return env


def check_docx(path: Path) -> str | None:
    """Why `path` is not a Word document LibreOffice should be given, or None."""
    return package_problem(path, "word/document.xml")


# --- checking what LibreOffice wrote ----------------------------------------------------

def pdf_problem(path: Path) -> str | None:
    """Why `path` is not a whole, readable PDF with at least one page, or None."""
    pypdf = _load_pypdf()
    from pypdf.errors import PyPdfError

    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, size - 1024))
            tail = fh.read()
        if head != b"%PDF-" or b"%%EOF" not in tail:
            return _("it is not a whole PDF file")
        reader = pypdf.PdfReader(path, strict=True)
        if len(reader.pages) < 1:
            return _("it has no pages")
        reader.pages[0].mediabox
    except FileNotFoundError:
        return _("no PDF was written")
    except (OSError, PyPdfError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError) as exc:
        return _("pypdf cannot read it ({error})").format(error=str(exc) or type(exc).__name__)
    return None


def _load_pypdf():
    """pypdf, imported only when PDFs are made (~60 ms), and quiet: it logs what it
    repairs, and a refused file is reported once, by name, by rancang."""
    import logging

    import pypdf

    logger = logging.getLogger("pypdf")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    return pypdf


# --- profiles, processes ----------------------------------------------------------------

def cache_dir() -> Path:
    """rancang's cache: ~/.cache/rancang (XDG_CACHE_HOME honoured), %LOCALAPPDATA%\\rancang
    on Windows, ~/Library/Caches/rancang on macOS."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("rancang", appauthor=False))


class _FileLock:
    """An exclusive lock on a file, taken without waiting: fcntl on POSIX, msvcrt on
    Windows, each imported only there. (filelock would do, but costs ~25 ms to import,
    paid before every LibreOffice start.) Released on close or when the process ends."""

    def __init__(self, path: Path):
        self.path, self.fh = path, None

    def acquire(self) -> bool:
        fh = open(self.path, "a+b")
        try:
            if _on_windows():
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        self.fh = fh
        return True

    def release(self) -> None:
        if self.fh:
            if _on_windows():
                import msvcrt

                self.fh.seek(0)
                try:
                    msvcrt.locking(self.fh.fileno(), msvcrt.LK_UNLCK, 1)
                except OSError:
                    pass
            self.fh.close()
            self.fh = None


class _Profile:
    """A LibreOffice user profile for one LibreOffice at a time: a kept one (faster start)
    when one of the pool is free, else a throw-away one."""

    def __init__(self, preferred: int = 0):
        self.preferred, self.lock, self.tmp = preferred, None, None

    def __enter__(self) -> Path:
        try:
            cache = cache_dir()
            cache.mkdir(parents=True, exist_ok=True)
            for k in range(PROFILE_POOL):
                index = (self.preferred + k) % PROFILE_POOL
                lock = _FileLock(cache / f"lo-profile-{index}.lock")
                if lock.acquire():
                    self.lock = lock
                    return cache / f"lo-profile-{index}"
        except Exception:       # noqa: BLE001 — a kept profile only saves time
            pass
        self.tmp = tempfile.mkdtemp(prefix="rancang-lo-")
        return Path(self.tmp)

    def discard(self, path: Path) -> None:
        """Remove a kept profile LibreOffice may have left damaged (killed, or failed on
        every document): the next start makes a new one instead of failing again."""
        if self.lock:
            shutil.rmtree(path, ignore_errors=True)

    def __exit__(self, *exc) -> None:
        if self.lock:
            self.lock.release()
            self.lock = None
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def _office_command(soffice: str, profile: Path, *args: str) -> list[str]:
    return [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", *_OFFICE_FLAGS,
            *args]


def _new_group() -> dict:
    """Popen arguments that put the child and its children in a group of their own, so
    that a time-out can end all of them (soffice starts soffice.bin)."""
    if _on_windows():
        # and no console window for LibreOffice's python.exe when rancang has none
        return {"creationflags": _CREATE_NEW_PROCESS_GROUP | _CREATE_NO_WINDOW}
    return {"start_new_session": True}


_CREATE_NEW_PROCESS_GROUP = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x00000200)
_CREATE_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000)


def kill_tree(proc: subprocess.Popen) -> None:
    """End `proc` and every process it started."""
    if proc.poll() is None or not _on_windows():
        if _on_windows():
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)],
                           stdin=subprocess.DEVNULL, capture_output=True,
                           creationflags=_CREATE_NO_WINDOW)
        else:
            import signal

            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    try:
        proc.kill()
    except OSError:
        pass


@dataclass
class Converted:
    source: Path
    pdf: Path


def _stage(src: Path, link: Path) -> None:
    """Give LibreOffice `src` under the unique name `link` (a symbolic link; a hard link
    or a copy where links need privileges, as on Windows)."""
    try:
        link.symlink_to(src)
        return
    except (OSError, NotImplementedError):
        pass
    try:
        os.link(src, link)
    except OSError:
        shutil.copyfile(src, link)


# --- batches: one LibreOffice start per worker ------------------------------------------

def worker_count(documents: int, cpus: int | None = None, busy: float | None = None,
                 probe: "CoreProbe | None" = None, own_groups: tuple[int, ...] = ()) -> int:
    """Workers for a batch, from its size and the cores other programs keep busy now.

    Each worker costs its start; in return it converts its share beside the others. The
    predicted time of `w` workers is (START_CPU + (ceil(n/w) - 1) * DOC_CPU) / share,
    where share = min(1, cpus / (busy + w)) is the core each worker gets when the
    scheduler shares the machine fairly. More workers only when that is GAIN_NEEDED
    faster: on two idle cores two workers from 8 documents; with one of the two cores
    busy only for very long batches (about 50); on a saturated machine, where two
    workers get two shares, from about 20."""
    cpus = cpus or os.cpu_count() or 1
    most = min(MAX_WORKERS, cpus, documents // (MIN_DOCS_FOR_TWO // 2))
    if documents < MIN_DOCS_FOR_TWO or most <= 1:
        return 1
    if busy is None:
        busy = (probe or CoreProbe()).busy(cpus, own_groups)
    best, best_time = 1, predicted_seconds(documents, 1, cpus, busy)
    for w in range(2, most + 1):
        t = predicted_seconds(documents, w, cpus, busy)
        if t <= best_time * (1 - GAIN_NEEDED):
            best, best_time = w, t
    return best


def predicted_seconds(documents: int, workers: int, cpus: int, busy: float) -> float:
    share = min(1.0, cpus / (busy + workers))
    return (START_CPU + (math.ceil(documents / workers) - 1) * DOC_CPU) / share


class CoreProbe:
    """How many cores other programs keep busy: /proc/stat over a short window on Linux
    (started early, so that the window overlaps rancang's own preparations, whose CPU
    is left out), else the one-minute load average, else 0 (Windows has neither)."""

    WINDOW = 0.1

    def __init__(self):
        self.started, self.own = time.monotonic(), time.process_time()
        try:
            self.ticks = _cpu_ticks()
        except (OSError, ValueError, IndexError):
            self.ticks = None

    def busy(self, cpus: int, own_groups: tuple[int, ...] = ()) -> float:
        """Busy cores, leaving out this process and the process groups `own_groups`
        (rancang's LibreOffice workers started during the window)."""
        if self.ticks is not None:
            time.sleep(max(0.0, self.WINDOW - (time.monotonic() - self.started)))
            try:
                now = _cpu_ticks()
                workers = _group_cpu_seconds(set(own_groups))
            except (OSError, ValueError, IndexError):
                now = None
            total = now[0] - self.ticks[0] if now else 0
            if total > 0:
                elapsed = time.monotonic() - self.started
                own = (time.process_time() - self.own + workers) / elapsed
                return max(0.0, cpus * (1 - (now[1] - self.ticks[1]) / total) - own)
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):
            return 0.0


def busy_cores(cpus: int) -> float:
    """Cores busy with other programs now (see CoreProbe)."""
    return CoreProbe().busy(cpus)


def _group_cpu_seconds(groups: set[int]) -> float:
    """CPU seconds used so far by the processes of these process groups and their
    finished children (Linux /proc)."""
    if not groups:
        return 0.0
    ticks = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            # after "pid (name) ": state ppid pgrp ... utime stime cutime cstime
            fields = data[data.rindex(b")") + 2:].split()
            if int(fields[2]) in groups:
                ticks += sum(int(v) for v in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _cpu_ticks() -> tuple[int, int]:
    """(all, idle) clock ticks of every core since boot, from Linux's /proc/stat."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(v) for v in fh.readline().split()[1:]]
    return sum(fields[:8]), fields[3] + fields[4]     # idle + iowait; guest is in user


class _Worker(threading.Thread):
    """One LibreOffice process converting `files` in order, telling the main thread
    which document it is on and each PDF as soon as it is stored."""

    def __init__(self, soffice: str, index: int, files: list[Path], outdir: Path,
                 events: queue.Queue):
        super().__init__(daemon=True)
        self.soffice, self.index, self.files, self.outdir = soffice, index, files, outdir
        self.events = events
        self.proc: subprocess.Popen | None = None
        self.started_proc = threading.Event()
        self.current: Path | None = None
        self.timed_out = threading.Event()
        self.stopped = threading.Event()

    def _expire(self) -> None:
        self.timed_out.set()
        if self.proc:
            kill_tree(self.proc)

    def run(self) -> None:
        reported = 0
        try:
            self.outdir.mkdir()
            position = {f.stem: k for k, f in enumerate(self.files)}
            kept = _Profile(self.index)
            with kept as profile:
                cmd = _office_command(self.soffice, profile, "--convert-to",
                                      "pdf:writer_pdf_Export", "--outdir", str(self.outdir),
                                      *[str(f) for f in self.files])
                try:
                    self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                                 stdout=subprocess.PIPE,
                                                 stderr=subprocess.STDOUT, **_new_group())
                finally:
                    self.started_proc.set()
                timer = threading.Timer(_timeout(len(self.files)), self._expire)
                timer.start()
                try:
                    for raw in self.proc.stdout:
                        m = _CONVERT_LINE.search(raw.decode("utf-8", "replace"))
                        k = position.get(m.group(1)) if m else None
                        if k is not None and k >= reported:
                            # on the next document first, so that the one just stored
                            # is never taken for the one it is on
                            self.current = self.files[k]
                            self.events.put(("current", self, self.files[k]))
                            self._ready(self.files[reported:k], final=False)
                            reported = k
                    self.proc.wait()
                finally:
                    timer.cancel()
                    if self.proc.poll() is None:
                        kill_tree(self.proc)
                        self.proc.wait()
                if not self.stopped.is_set() and (
                        self.timed_out.is_set() or (self.proc.returncode != 0
                                                    and not any(self.outdir.iterdir()))):
                    kept.discard(profile)
            if not self.stopped.is_set():     # else the rest is another worker's
                self._ready(self.files[reported:], final=True)
        except Exception as exc:     # noqa: BLE001 — reported by name, never lost
            self.events.put(("error", self.files[reported:], exc))
        finally:
            self.started_proc.set()
            self.events.put(("exit", self, None))

    def _ready(self, files: list[Path], final: bool) -> None:
        limit = _timeout(len(self.files)) if final and self.timed_out.is_set() else None
        for f in files:
            self.events.put(("ready", f, (self.outdir / (f.stem + ".pdf"), limit)))

    def stop(self) -> None:
        """End it: the document it is on, and the rest of its list, are done."""
        self.stopped.set()
        if self.proc and self.proc.poll() is None:
            kill_tree(self.proc)

    def group(self) -> tuple[int, ...]:
        self.started_proc.wait(timeout=5)
        return (self.proc.pid,) if self.proc and not _on_windows() else ()


def _layout(links: list[Path], count: int) -> list[list[Path]]:
    """Each worker's documents, in the order it converts them. The first goes forward
    through all; the second backward through all, so the two meet wherever the work
    is balanced (documents differ in size, cores in speed); a third and fourth start
    from the middle, forward and backward. A worker is stopped when it reaches a
    document already done."""
    half = len(links) // 2
    plans = [links, links[::-1], links[half:], links[:half][::-1]]
    return [plan for plan in plans[:count] if plan]


def convert(jobs: list[tuple[Path, Path]], workers: int | None = None,
            soffice: str | None = None,
            on_done: Callable[[Converted], None] | None = None,
            warm: "WarmConverter | None" = None) -> list[Converted]:
    """Convert each (DOCX, target PDF path) pair. `on_done(converted)` is called after
    each PDF is in place. With `warm`, that running LibreOffice converts them.

    Raises BuildError naming every file that failed, after every file that succeeded has
    been put in place whole."""
    _timeout(1)         # a bad time-out setting stops before anything starts
    # measure free cores while the inputs are checked and staged
    probe = CoreProbe() if warm is None and len(jobs) >= MIN_DOCS_FOR_TWO else None
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
            problems.append(Problem.coded(
                "pdf-name-clash", _("two inputs would both be written to {path}").format(
                    path=display_path(target)), display_path(src)))
            continue
        targets[src.resolve()] = target
    done: list[Converted] = []
    if targets and warm is not None:
        for src, target in targets.items():
            try:
                done.append(warm.convert(src, target))
            except BuildError as exc:
                problems.extend(exc.problems)
                continue
            if on_done:
                on_done(done[-1])
    elif targets:
        _convert_batch(soffice or require_soffice(), targets, workers, probe, problems, done,
                       on_done)
    order = {src: i for i, src in enumerate(targets)}
    done.sort(key=lambda c: order[c.source])
    if problems:
        raise BuildError(problems, _("{failed} of {total} PDF conversion(s) failed").format(
            failed=len(problems), total=len(jobs))
            + (_("; {written} written").format(written=len(done)) if done else ""))
    return done


def _convert_batch(soffice: str, targets: dict[Path, Path], workers: int | None,
                   probe: CoreProbe | None, problems: list[Problem], done: list[Converted],
                   on_done: Callable[[Converted], None] | None) -> None:
    with tempfile.TemporaryDirectory(prefix="rancang-pdf-") as tmp:
        work = Path(tmp)
        # Each input under a unique name, so that inputs with the same name from
        # different folders cannot collide in LibreOffice's output folder.
        (work / "in").mkdir()
        staged: dict[Path, Path] = {}
        for i, src in enumerate(targets):
            link = work / "in" / f"d{i:05d}.docx"
            _stage(src, link)
            staged[link] = src
        links = list(staged)
        most = min(workers or MAX_WORKERS, len(links))
        events: queue.Queue = queue.Queue()
        # import pypdf while LibreOffice starts, not after it
        threading.Thread(target=_load_pypdf, daemon=True).start()
        plans = _layout(links, most)
        threads = [_Worker(soffice, i, plan, work / f"w{i}", events)
                   for i, plan in enumerate(plans)]
        placed: set[Path] = set()
        failed: dict[Path, Problem] = {}
        try:
            threads[0].start()        # the first worker starts before the others are chosen
            count = min(workers, len(threads)) if workers else (
                worker_count(len(links), probe=probe, own_groups=threads[0].group())
                if len(threads) > 1 else 1)
            threads = threads[:count]
            for t in threads[1:]:
                t.start()
            running = len(threads)
            while running:
                try:
                    kind, item, detail = events.get(timeout=0.5)
                except queue.Empty:
                    continue
                if kind == "exit":
                    running -= 1
                elif kind == "current":
                    if detail in placed:
                        item.stop()
                elif kind == "error":
                    for link in item:
                        failed.setdefault(link, Problem.coded(
                            "pdf-failed", _("LibreOffice could not be started ({error}); "
                                            "nothing written").format(
                                error=_describe(detail)), display_path(staged[link])))
                elif item not in placed:
                    pdf, time_limit = detail
                    result = _place(staged[item], pdf, targets[staged[item]], time_limit)
                    if isinstance(result, Problem):
                        failed[item] = result
                        continue
                    placed.add(item)
                    failed.pop(item, None)
                    done.append(result)
                    if on_done:
                        on_done(result)
                    for t in threads:         # another worker now on a done document
                        if t.current in placed or len(placed) == len(links):
                            t.stop()
        finally:
            for t in threads:
                t.stop()
            for t in threads:
                if t.ident is not None:
                    t.join()
        for link in links:        # never a silent gap: every input is written or named
            if link not in placed:
                problems.append(failed.get(link) or Problem.coded(
                    "pdf-failed", _("LibreOffice could not convert it to PDF (nothing "
                                    "written)"), display_path(staged[link])))


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _place(src: Path, pdf: Path, target: Path,
           time_limit: float | None) -> Converted | Problem:
    """Check what LibreOffice wrote for `src` and move it to `target`, or say why not.
    `time_limit`: the seconds after which its worker was stopped, if it was."""
    why = pdf_problem(pdf)
    if why is None:
        atomic_write(target, lambda tmp_path: shutil.copyfile(pdf, tmp_path))
        return Converted(src, target)
    if time_limit is not None:
        return Problem.coded("pdf-timeout", _(
            "LibreOffice did not finish converting it within {seconds} s (timed out; "
            "nothing written)").format(seconds=f"{time_limit:.0f}"), display_path(src))
    if not pdf.exists():
        return Problem.coded("pdf-failed", _("LibreOffice could not convert it to PDF "
                                             "(nothing written)"), display_path(src))
    return Problem.coded("pdf-invalid", _(
        "LibreOffice could not convert it to PDF: what it wrote is not a readable PDF "
        "({why}); nothing written").format(why=why), display_path(src))


# --- a LibreOffice kept running -----------------------------------------------------------

def _uno_bridge() -> None:
    """Runs in a Python that has `uno` (LibreOffice's own, or Debian's python3-uno), not
    in rancang's: connects to the LibreOffice listening on the pipe named in argv[1] and
    converts one document per JSON line read from stdin, answering one line each.
    Python 3.8 and the standard library only: its source is run as a script there."""
    import json
    import sys
    import time

    import uno
    from com.sun.star.beans import PropertyValue

    def props(**values):
        out = []
        for name, value in values.items():
            p = PropertyValue()
            p.Name, p.Value = name, value
            out.append(p)
        return tuple(out)

    def answer(**reply):
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()

    pipe, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:       # NoConnectException while LibreOffice starts
            if time.monotonic() > deadline:
                answer(ok=False, error="LibreOffice did not start listening")
                return
            time.sleep(0.05)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    answer(ok=True, ready=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            # never run macros or update links of a document from outside
            doc = desktop.loadComponentFromURL(request["in"], "_blank", 0, props(
                Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0))
            if doc is None:
                raise RuntimeError("LibreOffice could not load the document")
            try:
                doc.storeToURL(request["out"], props(FilterName="writer_pdf_Export"))
            finally:
                try:
                    doc.close(True)
                except Exception:
                    doc.dispose()
            answer(ok=True)
        except Exception as exc:
            answer(ok=False, error="%s: %s" % (type(exc).__name__, getattr(exc, "Message", "")
                                               or str(exc)))
    # stdin closed: rancang stopped (or died); LibreOffice must not outlive it
    try:
        desktop.terminate()
    except Exception:
        pass


class WarmConverter:
    """A LibreOffice kept running: start, convert(docx, pdf) as often as needed, stop.

        with WarmConverter() as office:
            office.convert(Path("a.docx"), Path("a.pdf"))

    LibreOffice listens on a named pipe (no network port: nobody else on a shared server
    can ask it to read or write files) and is driven over UNO by a small bridge process
    in a Python that has `uno` (`find_uno_python`). If LibreOffice or the bridge dies, the
    next conversion starts them again. Thread-safe: conversions are taken one at a time.
    """

    def __init__(self, soffice: str | None = None, uno_python: str | None = None):
        self.soffice = soffice
        self.uno_python = uno_python
        self.office: subprocess.Popen | None = None
        self.bridge: subprocess.Popen | None = None
        self.pipe_name = ""
        self.restarts = -1          # the first start is not a restart
        self._lock = threading.Lock()
        self._profile: _Profile | None = None
        self._tmp: Path | None = None
        self._replies: queue.Queue = queue.Queue()
        self._count = 0

    # context manager
    def __enter__(self) -> "WarmConverter":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> "WarmConverter":
        with self._lock:
            if not self.alive:
                self._start()
        return self

    @property
    def alive(self) -> bool:
        return bool(self.office and self.office.poll() is None
                    and self.bridge and self.bridge.poll() is None)

    def _start(self) -> None:
        self._stop()
        _timeout(1)
        self.soffice = self.soffice or require_soffice()
        self.uno_python = self.uno_python or find_uno_python(self.soffice)
        if not self.uno_python:
            raise RancangError(_("a LibreOffice kept running needs a Python that can import "
                                 "uno: {hint}").format(hint=_(UNO_HINT)))
        self._tmp = Path(tempfile.mkdtemp(prefix="rancang-warm-"))
        import secrets

        self._profile = _Profile(PROFILE_POOL - 1)     # the batch workers start at 0
        profile = self._profile.__enter__()
        self.pipe_name = f"rancang-{os.getpid()}-{secrets.token_hex(8)}"
        try:
            self.office = subprocess.Popen(
                _office_command(self.soffice, profile,
                                f"--accept=pipe,name={self.pipe_name};urp;StarOffice.ComponentContext"),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, **_new_group())
            self._bridge_log = open(self._tmp / "bridge.log", "wb")
            script = self._tmp / "rancang_uno_bridge.py"
            script.write_text(_bridge_source(), encoding="utf-8")
            self.bridge = subprocess.Popen(
                [self.uno_python, str(script), self.pipe_name, str(_start_timeout())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._bridge_log,
                env=_foreign_python_env(), **_new_group())
        except OSError as exc:
            self._stop()
            raise RancangError(_("LibreOffice could not be started ({error}); "
                                 "nothing written").format(error=_describe(exc))) from None
        self._replies = queue.Queue()
        threading.Thread(target=_read_lines, args=(self.bridge.stdout, self._replies),
                         daemon=True).start()
        reply = self._reply(_start_timeout() + 5)
        if not (reply and reply.get("ready")):
            why = (reply or {}).get("error") or self._bridge_error() or _("no answer")
            self._stop()
            raise RancangError(_("LibreOffice could not be started ({error}); "
                                 "nothing written").format(error=why))
        self.restarts += 1

    def _reply(self, timeout: float) -> dict | None:
        try:
            return self._replies.get(timeout=timeout)
        except queue.Empty:
            return None

    def _bridge_error(self) -> str:
        try:
            lines = (self._tmp / "bridge.log").read_text("utf-8", "replace").strip()
            return lines.splitlines()[-1] if lines else ""
        except (OSError, TypeError):
            return ""

    def convert(self, docx: Path, pdf: Path) -> Converted:
        """Convert one DOCX into `pdf` (written whole or not at all). Raises BuildError
        naming the document when it cannot be converted."""
        docx, pdf = Path(docx), Path(pdf)
        where = display_path(docx)
        why = check_docx(docx)
        if why:
            raise BuildError([Problem.coded("pdf-input", why, where)],
                             _("the PDF cannot be made"))
        with self._lock:
            problem = None
            for attempt in range(2):      # once more after LibreOffice died under it
                if not self.alive:
                    self._start()
                self._count += 1
                out = self._tmp / f"{self._count}.pdf"
                problem = self._convert_once(docx, out, where)
                if problem is None:
                    atomic_write(pdf, lambda tmp_path: shutil.copyfile(out, tmp_path))
                    out.unlink(missing_ok=True)
                    return Converted(docx, pdf)
                out.unlink(missing_ok=True)
                if problem.code == "pdf-failed" and self.office:
                    try:            # did LibreOffice die under the bridge?
                        self.office.wait(timeout=0.2)
                    except subprocess.TimeoutExpired:
                        pass
                if self.alive or problem.code == "pdf-timeout":
                    break          # LibreOffice is fine: the document is the problem
            raise BuildError([problem], _("the PDF cannot be made"))

    def _convert_once(self, docx: Path, out: Path, where: str) -> Problem | None:
        import json

        request = json.dumps({"in": docx.resolve().as_uri(), "out": out.resolve().as_uri()})
        try:
            self.bridge.stdin.write(request.encode("ascii") + b"\n")
            self.bridge.stdin.flush()
        except OSError:
            self._stop()
            return Problem.coded("pdf-failed", _("LibreOffice stopped while converting it "
                                                 "(nothing written)"), where)
        timeout = _per_file_timeout()
        reply = self._reply(timeout)
        if reply is None:
            self._stop()          # hung: the next conversion starts a new one
            return Problem.coded("pdf-timeout", _(
                "LibreOffice did not finish converting it within {seconds} s (timed "
                "out; nothing written)").format(seconds=f"{timeout:.0f}"), where)
        if reply.get("ended") or not self.alive:
            self._stop()
            return Problem.coded("pdf-failed", _("LibreOffice stopped while converting it "
                                                 "(nothing written)"), where)
        if not reply.get("ok"):
            return Problem.coded("pdf-failed", _(
                "LibreOffice could not convert it to PDF ({error}); nothing written").format(
                error=reply.get("error", "")), where)
        why = pdf_problem(out)
        if why:
            return Problem.coded("pdf-invalid", _(
                "LibreOffice could not convert it to PDF: what it wrote is not a readable "
                "PDF ({why}); nothing written").format(why=why), where)
        return None

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self.bridge:
            try:
                self.bridge.stdin.close()
            except OSError:
                pass
            kill_tree(self.bridge)
            self.bridge.wait()
            self.bridge = None
        if self.office:
            kill_tree(self.office)
            self.office.wait()
            self.office = None
        if getattr(self, "_bridge_log", None):
            self._bridge_log.close()
            self._bridge_log = None
        if self._profile:
            self._profile.__exit__(None, None, None)
            self._profile = None
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


def _read_lines(stream, replies: queue.Queue) -> None:
    import json

    for line in stream:
        try:
            replies.put(json.loads(line))
        except ValueError:
            continue
    replies.put({"ok": False, "ended": True})      # the bridge has ended


@lru_cache(maxsize=1)
def _bridge_source() -> str:
    import inspect
    import textwrap

    return textwrap.dedent(inspect.getsource(_uno_bridge)) + "\n_uno_bridge()\n"

