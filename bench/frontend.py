"""Frontend weight: the JavaScript a cold load of the chat page fetches from the production
server, gzip bytes as Chromium's network log records them.

The frontend is built (its own scripts/build.sh: `next build`, standalone output) in a copy
under .bench-cache/frontend/ so the benchmark never touches a build someone else is using,
and served by `node .next/standalone/server.js` (what `output: "standalone"` ships instead of
`next start`) in front of a real backend. The baseline, same run, same way: the app's
not-found page, i.e. the framework and root layout every page pays for.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.chat_load import _free_port, start_backend, stop
from bench.layout import BENCH, ROOT, cache_dir

FRONTEND = ROOT / "frontend"
SKIP = ("node_modules", ".next", "test-results", "playwright-report", "tsconfig.tsbuildinfo")
PAGES = {"chat": "/", "not_found_floor": "/bench-no-such-page"}


def buildable() -> str | None:
    """Why the frontend cannot be measured, or None when it can."""
    if not (FRONTEND / "package.json").exists() or not (FRONTEND / "scripts" / "build.sh").exists():
        return "frontend/ has no package.json or scripts/build.sh yet"
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node/npm are not installed"
    if not Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")).exists():
        return "Chromium is not installed at /usr/bin/chromium"
    return None


def prepared_copy(log: Any) -> Path:
    """The frontend's sources copied beside hard links to its node_modules, built."""
    subprocess.run(["bash", "scripts/ensure-deps.sh"], cwd=FRONTEND, check=True)
    copy = cache_dir("frontend")
    lock = hashlib.sha256((FRONTEND / "package-lock.json").read_bytes()).hexdigest()
    stamp = copy / ".bench-deps"
    if not stamp.exists() or stamp.read_text() != lock:
        shutil.rmtree(copy / "node_modules", ignore_errors=True)
        subprocess.run(["cp", "-al", str(FRONTEND / "node_modules"), str(copy / "node_modules")],
                       check=True)
        stamp.write_text(lock)
    for entry in copy.iterdir():
        if entry.name not in {"node_modules", ".next", ".bench-deps"}:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for entry in FRONTEND.iterdir():
        if entry.name not in SKIP:
            target = copy / entry.name
            shutil.copytree(entry, target) if entry.is_dir() else shutil.copy2(entry, target)
    log("frontend: next build (skipped when the sources are unchanged)")
    subprocess.run(["bash", "scripts/build.sh"], cwd=copy, check=True)
    return copy


def serve_frontend(copy: Path, backend_port: int) -> tuple[subprocess.Popen[bytes], int]:
    """The standalone Next.js server; waits until it answers."""
    port = _free_port()
    env = dict(os.environ, PORT=str(port), HOSTNAME="127.0.0.1", NEXT_TELEMETRY_DISABLED="1",
               BACKEND_URL=f"http://127.0.0.1:{backend_port}")
    process = subprocess.Popen(["node", ".next/standalone/server.js"], cwd=copy, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return process, port
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise RuntimeError("the Next.js server did not answer within 60 s")


def totals(scripts: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums over a page's JavaScript responses."""
    return {"files": len(scripts), "gzip_bytes": sum(s["encoded"] for s in scripts),
            "raw_bytes": sum(s["decoded"] for s in scripts),
            "encodings": sorted({s["encoding"] for s in scripts})}


def run(log: Any) -> dict[str, Any]:
    """The frontend section of the report."""
    reason = buildable()
    if reason is not None:
        return {"measured": False, "reason": reason}
    copy = prepared_copy(log)
    with tempfile.TemporaryDirectory(prefix="bench-frontend-") as folder:
        backend, backend_port = start_backend(Path(folder), None, workers=1)
        frontend = None
        try:
            frontend, port = serve_frontend(copy, backend_port)
            done = subprocess.run(
                ["node", str(BENCH / "frontend_js.mjs"), str(copy), f"http://127.0.0.1:{port}",
                 *PAGES.values()], capture_output=True, text=True, check=True)
        finally:
            if frontend is not None:
                stop(frontend)
            stop(backend)
    loads = json.loads(done.stdout)
    pages = {name: {"path": route, "status": loads[route]["status"],
                    **totals(loads[route]["scripts"]), "scripts": loads[route]["scripts"]}
             for name, route in PAGES.items()}
    return {"measured": True, "server": "node .next/standalone/server.js", "pages": pages}
