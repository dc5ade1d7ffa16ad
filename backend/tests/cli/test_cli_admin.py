"""`chatgepeto admin`: a teacher invited and a password reset from the command line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from processes import BIN, environment, run_cli

from chatgepeto.services.container import Services
from chatgepeto.settings import Settings

pytestmark = pytest.mark.slow
PASSWORD = "fotossintese-2026"


def _link_token(stdout: str) -> str:
    found = re.search(r"https://escola\.edu\.br/entrar/senha\?token=(\S+)", stdout)
    assert found, stdout
    return found.group(1)


def _set_password(data: Path, password: str) -> subprocess.CompletedProcess[str]:
    """`reset-password --password-stdin` with `password` typed in."""
    return subprocess.run(
        [str(BIN), "admin", "reset-password", "--email", "ana@escola.edu.br", "--password-stdin"],
        env=environment(data),
        input=f"{password}\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_create_teacher_prints_a_link_and_reset_password_sets_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = run_cli(
        data,
        "admin",
        "create-teacher",
        "--email",
        "Ana@Escola.edu.br",
        "--name",
        "Ana",
        "--base-url",
        "https://escola.edu.br/",
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("ana@escola.edu.br: ") and "vale até" in created.stdout
    token = _link_token(created.stdout)
    services = Services.from_settings(Settings(data_dir=data, sample_course=False))
    assert services.accounts.accept(token, PASSWORD).email == "ana@escola.edu.br"

    again = run_cli(data, "admin", "create-teacher", "--email", "ana@escola.edu.br")
    assert again.returncode == 2 and "conflict:teacher" in again.stderr

    reset = _set_password(data, "nova-senha-bem-longa")
    assert reset.returncode == 0 and "senha de ana@escola.edu.br alterada" in reset.stdout
    teacher = services.accounts.sign_in("ana@escola.edu.br", "nova-senha-bem-longa", "cli")
    assert teacher.name == "Ana"
    short = _set_password(data, "curta")
    assert short.returncode == 2 and "bad_request:password" in short.stderr
    link = run_cli(
        data,
        "admin",
        "reset-password",
        "--email",
        "ana@escola.edu.br",
        "--base-url",
        "https://escola.edu.br",
    )
    assert link.returncode == 0 and _link_token(link.stdout) != token
