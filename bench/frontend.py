"""Frontend weight: the JavaScript a cold load of the chat page fetches from the production
server, gzip bytes as Chromium's network log records them.

The frontend is built (its own scripts/build.sh: `next build`, standalone output) in a copy
under .bench-cache/frontend/ so the benchmark never touches a build someone else is using,
and served by `node .next/standalone/server.js` (what `output: "standalone"` ships instead of
`next start`) in front of a real backend. The baseline, same run, same way: an empty App
Router app on the same next/react versions, served by `next start`: what any Next.js page
costs before the app adds anything.
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

from bench.chat_load import free_port, start_backend, stop
from bench.layout import BENCH, ROOT, cache_dir

FRONTEND = ROOT / "frontend"
SKIP = ("node_modules", ".next", "test-results", "playwright-report", "tsconfig.tsbuildinfo")
# The floor: an empty App Router app on the same next/react, what any Next.js page costs.
FLOOR_FILES = {
    "package.json": '{"name": "bench-next-floor", "private": true}\n',
    "next.config.mjs": "import path from 'node:path';\n"
    "export default { turbopack: { root: path.resolve('.') } };\n",
    "app/layout.jsx": "export default function Layout({ children }) {\n"
    '  return <html lang="pt-BR"><body>{children}</body></html>;\n}\n',
    "app/page.jsx": "export default function Page() {\n  return <p>vazio</p>;\n}\n",
}


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
        subprocess.run(
            ["cp", "-al", str(FRONTEND / "node_modules"), str(copy / "node_modules")], check=True
        )
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


def floor_app(copy: Path, log: Any) -> Path:
    """The empty Next.js app, built once per node_modules (hard links to the frontend's)."""
    floor = cache_dir("frontend-floor")
    stamp, want = floor / ".bench-deps", (copy / ".bench-deps").read_text()
    if stamp.exists() and stamp.read_text() == want and (floor / ".next" / "BUILD_ID").exists():
        return floor
    log("frontend: building the empty Next.js app (the floor)")
    for name in ("node_modules", ".next", "app"):
        shutil.rmtree(floor / name, ignore_errors=True)
    subprocess.run(
        ["cp", "-al", str(copy / "node_modules"), str(floor / "node_modules")], check=True
    )
    for name, text in FLOOR_FILES.items():
        (floor / name).parent.mkdir(parents=True, exist_ok=True)
        (floor / name).write_text(text)
    env = dict(os.environ, NEXT_TELEMETRY_DISABLED="1")
    subprocess.run(
        ["node", "node_modules/next/dist/bin/next", "build"], cwd=floor, env=env, check=True
    )
    stamp.write_text(want)
    return floor


def serve_next(folder: Path, command: list[str], env: dict[str, str]) -> tuple[Any, int]:
    """A Next.js production server (`command` + PORT) in `folder`; waits until it answers."""
    port = free_port()
    env = dict(os.environ, PORT=str(port), HOSTNAME="127.0.0.1", NEXT_TELEMETRY_DISABLED="1", **env)
    process = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return process, port
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"the Next.js server in {folder} did not answer within 60 s")


def cold_load(folder: Path, port: int, route: str) -> dict[str, Any]:
    """Chromium's record of one cold page load: status and every JavaScript response."""
    done = subprocess.run(
        ["node", str(BENCH / "frontend_js.mjs"), str(FRONTEND), f"http://127.0.0.1:{port}", route],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout)[route])


def totals(scripts: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums over a page's JavaScript responses."""
    return {
        "files": len(scripts),
        "gzip_bytes": sum(s["encoded"] for s in scripts),
        "raw_bytes": sum(s["decoded"] for s in scripts),
        "encodings": sorted({s["encoding"] for s in scripts}),
    }


def _measure(copy: Path, floor: Path, backend_port: int) -> dict[str, Any]:
    servers = {
        "chat": (
            copy,
            ["node", ".next/standalone/server.js"],
            {"BACKEND_URL": f"http://127.0.0.1:{backend_port}"},
            "/",
        ),
        "empty_next_app": (floor, ["node", "node_modules/next/dist/bin/next", "start"], {}, "/"),
    }
    pages = {}
    for name, (folder, command, env, route) in servers.items():
        process, port = serve_next(folder, command, env)
        try:
            load = cold_load(folder, port, route)
        finally:
            stop(process)
        pages[name] = {
            "path": route,
            "status": load["status"],
            **totals(load["scripts"]),
            "scripts": load["scripts"],
        }
    return pages


def run(log: Any) -> dict[str, Any]:
    """The frontend section of the report."""
    reason = buildable()
    if reason is not None:
        return {"measured": False, "reason": reason}
    try:
        copy = prepared_copy(log)
    except subprocess.CalledProcessError as exc:
        return {
            "measured": False,
            "reason": f"the frontend does not build yet "
            f"(`{' '.join(exc.cmd)}` exited with {exc.returncode})",
        }
    floor = floor_app(copy, log)
    with tempfile.TemporaryDirectory(prefix="bench-frontend-") as folder:
        backend, backend_port = start_backend(Path(folder), None, workers=1)
        try:
            pages = _measure(copy, floor, backend_port)
        finally:
            stop(backend)
    return {"measured": True, "server": "node .next/standalone/server.js", "pages": pages}
