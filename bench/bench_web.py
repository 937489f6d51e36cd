"""Speed and load of `rancang serve`, against 127.0.0.1 only (the real command, started
here and stopped at the end).

Targets (issue 13): the form of a 100-OPD regency loads in <= 200 ms; a Perbup built
through the page (POST, poll, the DOCX downloaded) in <= 1.5 s; 20 users building and
comparing for 60 s with no error, p95 latency printed, the server's memory flat.

    .venv/bin/python bench/bench_web.py [--users 20] [--seconds 60]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_agreements import synthetic_regency  # noqa: E402

HOST = "127.0.0.1"          # never anything else


class User:
    """One browser: its own cookies and CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = ""

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=120) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def start(self) -> None:
        status, body = self.get("/compare")
        self.csrf = re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()

    def post(self, path: str, fields: list[tuple[str, str]],
             files: list[tuple[str, str, bytes]] = ()) -> tuple[int, str, bytes]:
        fields = list(fields) + [("_csrf", self.csrf)]
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for k, v in fields:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"'
                             f"\r\n\r\n{v}\r\n".encode())
            for k, name, data in files:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                             f'filename="{name}"\r\nContent-Type: application/octet-stream'
                             f"\r\n\r\n".encode() + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            ctype = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            ctype = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, method="POST",
                                         headers={"Content-Type": ctype})
        try:
            with self.opener.open(request, timeout=120) as r:
                return r.status, r.geturl(), r.read()
        except urllib.error.HTTPError as e:
            return e.code, path, e.read()

    def build(self, slug: str, poll: float = 0.05) -> bool:
        """Build the Perbup DOCX as the page does; True when the DOCX came back."""
        status, url, _body = self.post(f"/r/{slug}/build", [("doc", "perbup"),
                                                             ("format", "docx")])
        job = re.search(r"/jobs/([^/?#]+)$", url)
        if status != 200 or not job:
            return False
        for _ in range(int(120 / poll)):
            status, body = self.get(f"/jobs/{job.group(1)}/progress")
            if status != 200:
                return False
            if b"state-done" in body:
                link = re.search(rb'href="(/jobs/[^"]+/files/[^"]+\.docx)"', body)
                status, docx = self.get(link.group(1).decode())
                return status == 200 and docx[:2] == b"PK"
            if b"state-failed" in body:
                return False
            time.sleep(poll)
        return False

    def compare(self, old: bytes, new: bytes) -> bool:
        status, url, body = self.post("/compare", [], [("old", "v1.docx", old),
                                                       ("new", "v2.docx", new)])
        if status != 200 or b'id="changes"' not in body:
            raise RuntimeError(f"compare answered {status}: "
                               + " ".join(re.findall(rb'class="problem"[^>]*>([^<]*)', body)
                                          [:1][0:1][0].decode() if b'class="problem"' in body
                                          else ""))
        return True


def two_docx(folder: Path) -> tuple[bytes, bytes]:
    from docx import Document

    def make(name, pasal):
        doc = Document()
        for line in ("PERATURAN BUPATI CONTOH", "NOMOR 1 TAHUN 2026", "TENTANG", "UJI",
                     "BAB I", "KETENTUAN UMUM"):
            doc.add_paragraph(line)
        for i, text in enumerate(pasal, 1):
            doc.add_paragraph(f"Pasal {i}")
            doc.add_paragraph(text)
        doc.save(str(folder / name))
        return (folder / name).read_bytes()
    base = [f"Ketentuan uji nomor {i} berlaku bagi Perangkat Daerah." for i in range(30)]
    changed = base[:10] + ["Pasal sisipan tentang pelaporan kepada Bupati."] + base[10:]
    changed[20] = changed[20].replace("berlaku", "tidak berlaku")
    return make("v1.docx", base), make("v2.docx", changed)


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rancang-bench-web-"))
    for name in ("clauses", "regencies", "templates"):
        shutil.copytree(ROOT / name, tmp / name)
    synthetic_regency(tmp / "regencies" / "sintetis.yaml", 100)
    old, new = two_docx(tmp)
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "rancang", "serve", str(tmp), "--host",
                               HOST, "--port", str(port)], stdout=log,
                              stderr=subprocess.STDOUT, text=True, env=env)
    base = f"http://{HOST}:{port}"
    failed = False
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        user = User(base)
        user.start()
        user.get("/r/sintetis")                                  # warm
        loads = []
        for _ in range(15):
            t = time.perf_counter()
            status, body = user.get("/r/sintetis")
            loads.append(time.perf_counter() - t)
            assert status == 200 and body.count(b'class="card"') == 100
        med = statistics.median(loads)
        print(f"form of a 100-OPD regency ({len(body) // 1024} KB)   median {med * 1000:5.0f} ms"
              f"   max {max(loads) * 1000:5.0f} ms   target <= 200 ms   "
              f"{'ok' if med <= 0.2 else 'SLOWER THAN TARGET'}")
        failed |= med > 0.2
        user.build("rejang-lebong")                               # warm
        builds = []
        for _ in range(7):
            t = time.perf_counter()
            assert user.build("rejang-lebong")
            builds.append(time.perf_counter() - t)
        med = statistics.median(builds)
        print(f"Perbup through the page (POST, poll, DOCX)   median {med * 1000:5.0f} ms   "
              f"max {max(builds) * 1000:5.0f} ms   target <= 1500 ms   "
              f"{'ok' if med <= 1.5 else 'SLOWER THAN TARGET'}")
        failed |= med > 1.5

        # -- load: users building and comparing, bounded in time and count --
        latencies = {"build": [], "compare": []}
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds
        slugs = ["rejang-lebong", "serang", "lebak"]

        def run(index: int) -> None:
            u = User(base)
            u.start()
            for n in range(10_000):
                if time.monotonic() >= stop:
                    return
                kind = "build" if (index + n) % 2 == 0 else "compare"
                t = time.perf_counter()
                try:
                    ok = u.build(slugs[(index + n) % 3], poll=0.3) if kind == "build" \
                        else u.compare(old, new)
                except Exception as exc:        # noqa: BLE001 - counted as an error
                    ok = False
                    with lock:
                        errors.append(f"{kind}: {exc!r}")
                with lock:
                    latencies[kind].append(time.perf_counter() - t)
                    if not ok:
                        errors.append(kind)

        memory = []
        threads = [threading.Thread(target=run, args=(i,)) for i in range(args.users)]
        start = time.monotonic()
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            memory.append((time.monotonic() - start, rss_kb(server.pid)))
            time.sleep(1)
        for t in threads:
            t.join()
        total = sum(len(v) for v in latencies.values())
        print(f"{args.users} users for {args.seconds:.0f} s: {total} operations, "
              f"{len(errors)} error(s)")
        for kind, values in latencies.items():
            print(f"  {kind:8} n={len(values):4}   p50 {pct(values, .5):6.2f} s   "
                  f"p95 {pct(values, .95):6.2f} s   max {max(values, default=0):6.2f} s")
        if memory and memory[-1][1]:
            third = max(1, len(memory) // 3)
            early = statistics.mean(m for _, m in memory[third:2 * third] or memory[:1])
            late = statistics.mean(m for _, m in memory[-third:])
            print(f"  server memory (RSS): middle third {early / 1024:.0f} MB, last third "
                  f"{late / 1024:.0f} MB ({(late - early) / early * 100:+.0f} %), peak "
                  f"{max(m for _, m in memory) / 1024:.0f} MB")
            print("  memory samples (s, MB): " + json.dumps(
                [(round(t), round(m / 1024)) for t, m in memory[::max(1, len(memory) // 12)]]))
        if errors:
            print("  errors: " + "; ".join(sorted(set(errors))[:10]))
            log.flush()
            print("  the server's console, last lines:\n" + "\n".join(
                (tmp / "server.log").read_text(errors="replace").splitlines()[-30:]))
        failed |= bool(errors)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
