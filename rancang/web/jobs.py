"""Work the page starts and shows later: builds (in the background, with progress),
comparisons and imports (their results). Each has a folder of its own under the
server's scratch folder, named by a random id; a file is served only by a name the job
itself recorded, never by a name from the request. A bounded number of builds run at
once, and old jobs are removed with their folders, so memory and disk stay flat."""
from __future__ import annotations

import secrets
import shutil
import threading
import time
import zipfile
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rancang.commands.batch import Batch
from rancang.errors import BuildError, RancangError
from rancang.i18n import _
from rancang.files import atomic_write
from rancang.sources.workspace import Workspace

KEEP_JOBS = 200
KEEP_SECONDS = 6 * 3600


@dataclass
class Document:
    stem: str
    doc_type: str
    files: dict[str, str] = field(default_factory=dict)      # format -> file name
    placeholders: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class Job:
    id: str
    kind: str                       # build, compare, import
    folder: Path
    owner: str = ""                 # the session that started it
    title: str = ""
    state: str = "queued"           # queued, running, done, failed
    total: int = 0
    done: int = 0
    phase: str = ""
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)      # file name -> label
    data: dict = field(default_factory=dict)
    created: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def finished_ok(self) -> bool:
        return self.state == "done"

    def file(self, name: str) -> Path | None:
        """A file of this job by the name it recorded; None for any other name."""
        known = set(self.files) | {n for d in self.documents for n in d.files.values()}
        if name not in known:
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def zip(self, name: str, suffixes: tuple[str, ...]) -> Path:
        """The job's files with these suffixes in one ZIP (made once)."""
        target = self.folder / name
        if not target.is_file():
            members = sorted({n for d in self.documents for n in d.files.values()}
                             | set(self.files))
            members = [m for m in members if m.endswith(suffixes) and m != name]

            def write(tmp: Path) -> None:
                with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
                    for member in members:
                        zf.write(self.folder / member, member)
            atomic_write(target, write)
        self.files.setdefault(name, "zip")
        return target


class Jobs:
    def __init__(self, scratch: Path, workers: int = 2):
        self.scratch = Path(scratch)
        self.scratch.mkdir(parents=True, exist_ok=True)
        self._jobs: "OrderedDict[str, Job]" = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rancang-job")

    def new(self, kind: str, owner: str, title: str = "") -> Job:
        job_id = secrets.token_urlsafe(12)
        folder = self.scratch / job_id
        folder.mkdir()
        job = Job(job_id, kind, folder, owner, title)
        with self._lock:
            self._jobs[job_id] = job
        self._prune()
        return job

    def get(self, job_id: str, owner: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        # a job is shown to the session that started it (ids are not guessable either)
        return job if job is not None and job.owner == owner else None

    def run(self, job: Job, work: Callable[[Job], None]) -> None:
        """Run `work(job)` in the background; its RancangError becomes the job's
        problems, any other exception a failure without details on the page."""
        def task():
            job.state = "running"
            try:
                work(job)
                job.state = "done"
            except BuildError as exc:
                job.problems = [str(p) for p in exc.problems]
                job.notes.insert(0, exc.page_headline)
                job.state = "failed"
            except RancangError as exc:
                job.problems = [str(p) for p in exc.problems]
                job.state = "failed"
            except Exception:       # noqa: BLE001 - logged, never shown to the browser
                import traceback
                traceback.print_exc()
                job.problems = [_("internal error (see the server's console)")]
                job.state = "failed"
            finally:
                job.finished = time.time()
        self._pool.submit(task)

    def _prune(self) -> None:
        now = time.time()
        with self._lock:
            finished = [j for j in self._jobs.values() if j.finished]
            drop = [j for j in finished if now - j.finished > KEEP_SECONDS]
            excess = len(self._jobs) - KEEP_JOBS - len(drop)
            drop += [j for j in finished if j not in drop][:max(0, excess)]
            for job in drop:
                del self._jobs[job.id]
                shutil.rmtree(job.folder, ignore_errors=True)

    def count(self) -> int:
        with self._lock:
            return len(self._jobs)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


def build_work(ws: Workspace, regency_path: Path, docs: tuple[str, ...],
               formats: tuple[str, ...], final: bool, opd: str | None = None,
               participants: Path | None = None):
    """What a build job does: `Batch` (the CLI's build), into the job's folder, with the
    HTML view for the preview."""
    def work(job: Job) -> None:
        job.phase = "prepare"
        batch = Batch(ws, str(regency_path), docs, job.folder,
                      tuple(dict.fromkeys(formats + ("html",))), opd, final, force=True,
                      participants=participants)
        job.total = len(batch.jobs)
        job.notes = [str(p) for p in batch.findings]
        job.phase = "documents"

        def step():
            job.done += 1
            if job.done == job.total and "pdf" in formats:
                job.phase = "pdf"
        built = batch.run(on_done=step, parallel=False)
        for item in built:
            out = item.output
            job.documents.append(Document(
                out.stem, out.doc_type, {p.suffix.lstrip("."): p.name for p in item.paths},
                out.placeholders, [str(w) for w in out.warnings]))
        job.phase = "done"
    return work
