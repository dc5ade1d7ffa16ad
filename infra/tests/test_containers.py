"""The Dockerfiles: multi-stage, pinned bases, frozen installs, non-root, health checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO

DOCKERFILES = {"backend": REPO / "backend" / "Dockerfile", "frontend": REPO / "frontend" / "Dockerfile"}


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


@pytest.mark.parametrize("name", sorted(DOCKERFILES))
def test_multi_stage_pinned_non_root_with_healthcheck(name: str) -> None:
    path = DOCKERFILES[name]
    ins = instructions(path)
    froms = [args.split()[0] for word, args in ins if word == "FROM"]
    assert len(froms) >= 2, f"{name}: not multi-stage"
    for image in froms:
        assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+-[\w-]+@sha256:[0-9a-f]{64}", image), f"{name}: {image} not pinned"
    users = [args for word, args in ins if word == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}, f"{name}: last USER is root"
    assert any(word == "HEALTHCHECK" for word, _ in ins), f"{name}: no HEALTHCHECK"
    assert (path.parent / ".dockerignore").is_file(), f"{name}: no .dockerignore"


def test_backend_runs_gunicorn_gthread_on_8000() -> None:
    ins = instructions(DOCKERFILES["backend"])
    cmd = json.loads([args for word, args in ins if word == "CMD"][-1])
    assert cmd == [
        "gunicorn", "--worker-class", "gthread", "--threads", "32", "-w", "2",
        "-b", "0.0.0.0:8000", "chatgepeto.api:create_app()",
    ]
    assert ("EXPOSE", "8000") in ins
    health = [args for word, args in ins if word == "HEALTHCHECK"][0]
    assert "http://127.0.0.1:8000/api/health" in health
    text = DOCKERFILES["backend"].read_text(encoding="utf-8")
    assert "build-essential" in text and "libgomp1" in text
    assert "COPY --from=builder /opt/venv /opt/venv" in text
    runtime = text.split("AS runtime", 1)[1]
    assert "build-essential" not in runtime, "compilers leaked into the runtime stage"


def test_frontend_runs_the_standalone_server_on_3000() -> None:
    ins = instructions(DOCKERFILES["frontend"])
    assert json.loads([args for word, args in ins if word == "CMD"][-1]) == ["node", "server.js"]
    assert ("EXPOSE", "3000") in ins
    runs = [args for word, args in ins if word == "RUN"]
    assert any(r.startswith("npm ci") for r in runs), "frontend must install with npm ci"
    assert ("COPY", "package.json package-lock.json ./") in ins
    text = DOCKERFILES["frontend"].read_text(encoding="utf-8")
    assert ".next/standalone" in text


def test_dockerignores_keep_local_state_out() -> None:
    backend = (REPO / "backend" / ".dockerignore").read_text(encoding="utf-8").split()
    frontend = (REPO / "frontend" / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".env"} <= set(backend)
    assert {"node_modules", ".next", ".env"} <= set(frontend)


def test_each_container_has_its_own_memory_limit_and_restarts_in_place(modules) -> None:
    ecs = modules["ecs"]
    containers = {c["name"]: c for c in ecs.locals["containers"]}
    assert set(containers) == {"backend", "worker", "frontend"}
    for name, container in containers.items():
        assert "memory" in container and "memoryReservation" in container, name
        assert container["restartPolicy"] == "${local.restart_in_place}", name
    local = ecs.locals
    # The three limits add up to the task's memory, the worker getting what is left.
    assert "var.task_memory - local.frontend_memory - local.backend_memory" in local["worker_memory"]
    assert "var.task_memory" in local["backend_memory"]
    task_memory = ecs.named("variable")["task_memory"]["default"]
    frontend = local["frontend_memory"]
    backend = int((task_memory - frontend) * 0.4)
    worker = task_memory - frontend - backend
    assert worker > backend > frontend > 0
    assert "local.worker_memory - 384" in local["parse_memory_limit_mb"]
    assert "PARSE_MEMORY_LIMIT_MB" in str(local["worker_environment"])
    assert "local.worker_environment" in str(containers["worker"]["environment"])
