"""Real `chatgepeto` processes for the tests: started in a process group of their own (so
gunicorn and the ingestion worker stop with them), configured through the environment."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from chatgepeto.settings import Settings

BIN = Path(sys.executable).with_name("chatgepeto")


def process_env(settings: Settings, **extra: Any) -> dict[str, str]:
    """The environment that gives a child process these settings (and no LLM)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GROQ_API_KEY", "LLM_API_KEY")}
    env.update(
        {
            "CHATGEPETO_DATA_DIR": str(settings.data_dir),
            "DATABASE_URL": settings.resolved_database_url,
            "ENVIRONMENT": "test",
            "CHATGEPETO_SAMPLE_COURSE": "false",
            "LLM_API_KEY": "",
        }
    )
    env.update({k.upper(): str(v) for k, v in extra.items()})
    return env


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a child on a private data folder (SQLite), no LLM key from the caller."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LLM_API_KEY", "GROQ_API_KEY", "DATABASE_URL"}
    }
    env.update({"CHATGEPETO_DATA_DIR": str(data_dir), "WORKER_POLL_S": "0.2", **extra})
    return env


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One `chatgepeto` command on a data folder, as a user runs it; output captured."""
    return subprocess.run(
        [str(BIN), *args],
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`chatgepeto ARGS` in its own process group, its output in `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "chatgepeto.cli.main", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start(args: list[str], settings: Settings, log: Path, **extra: Any) -> subprocess.Popen[bytes]:
    """`chatgepeto ARGS` with the test's settings."""
    return spawn(args, process_env(settings, **extra), log)


def serve(
    data_dir: Path, port: int, log: Path, *args: str, timeout_s: float = 90, **env: str
) -> subprocess.Popen[bytes]:
    """`chatgepeto serve` on 127.0.0.1:port over `data_dir`, returned once it answers."""
    command = ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", *args]
    process = spawn(command, environment(data_dir, **env), log)
    try:
        wait_http(f"http://127.0.0.1:{port}", process, log, timeout_s)
    except BaseException:
        stop(process, signal.SIGKILL)
        raise
    return process


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Signal the process group and wait (SIGKILL when it lingers)."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(
    check: Callable[[], Any],
    timeout_s: float,
    what: str,
    every_s: float = 0.2,
    log: Path | None = None,
) -> Any:
    """Poll `check` until it returns something truthy; fail with `what` (and the end of the
    process's `log`, when given) after the timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every_s)
    tail = f":\n{log.read_text()[-3000:]}" if log is not None and log.exists() else ""
    raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}{tail}")


def wait_http(
    base_url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 60
) -> None:
    """Wait until the server answers its health check (fail early if it died)."""

    def healthy() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            return httpx.get(f"{base_url}/api/health", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    wait_for(healthy, timeout_s, f"{base_url} to answer", log=log)
