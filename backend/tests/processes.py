"""Real `chatgepeto` processes for the tests: same settings as the test, through the environment."""

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


def start(args: list[str], settings: Settings, log: Path, **extra: Any) -> subprocess.Popen[bytes]:
    """`chatgepeto ARGS` in its own process group, its output in `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "chatgepeto.cli.main", *args],
            env=process_env(settings, **extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


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


def wait_for(check: Callable[[], Any], timeout_s: float, what: str, every_s: float = 0.2) -> Any:
    """Poll `check` until it returns something truthy; fail with `what` after the timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}")


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

    wait_for(healthy, timeout_s, f"{base_url} to answer")
