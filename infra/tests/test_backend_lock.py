"""The backend's dependencies are frozen: one hash-checked lockfile for the image, CI and make."""

from __future__ import annotations

import itertools
import re
import tomllib

from conftest import REPO
from packaging.requirements import Requirement

LOCK = REPO / "backend" / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.M)


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pins() -> dict[str, str]:
    return {name.lower().replace("_", "-"): v for name, v in PIN.findall(LOCK.read_text("utf-8"))}


def test_every_dependency_of_pyproject_is_pinned_with_hashes() -> None:
    project = tomllib.loads((REPO / "backend" / "pyproject.toml").read_text("utf-8"))["project"]
    pins = _pins()
    missing = [d for d in project["dependencies"] if _name(d) not in pins]
    assert not missing, f"not in requirements.lock (run `make lock`): {missing}"
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text("utf-8").split("\n\n", 1)[-1])
    for entry in (e for e in entries if "==" in e.split("\n", 1)[0]):
        assert "--hash=sha256:" in entry, f"no hash: {entry.splitlines()[0]}"


def _entries() -> dict[str, tuple[str, str]]:
    """{name: (pinned version, the entry's text with its `# via` lines)}."""
    text = LOCK.read_text("utf-8")
    found: dict[str, tuple[str, str]] = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        pin = PIN.match(entry)
        if pin:
            found[pin.group(1).lower().replace("_", "-")] = (pin.group(2), entry)
    return found


def test_lock_and_pyproject_name_the_same_dependencies_at_versions_it_allows() -> None:
    project = tomllib.loads((REPO / "backend" / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = {_name(d): Requirement(d) for d in project["dependencies"]}
    entries = _entries()
    direct = {name for name, (_, entry) in entries.items() if "chatgepeto (pyproject.toml)" in entry}
    # A dependency dropped from pyproject but still pinned as its own also means `make lock`.
    differ = sorted(direct ^ set(wanted))
    assert not differ, f"pyproject.toml and requirements.lock differ on {differ}: run `make lock`"
    for name, requirement in wanted.items():
        version = entries[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} does not satisfy {requirement} (run `make lock`)"
        )
    lines = LOCK.read_text("utf-8").splitlines()
    header = " ".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
    assert "pip-compile" in header and "--generate-hashes" in header and "pyproject.toml" in header


def test_image_and_make_install_from_the_lock_with_hash_checking() -> None:
    dockerfile = (REPO / "backend" / "Dockerfile").read_text("utf-8")
    assert "COPY pyproject.toml requirements.lock ./" in dockerfile
    assert re.search(r"pip install --require-hashes --no-deps -r requirements\.lock", dockerfile)
    assert "pip install --no-deps ." in dockerfile and "pip install ." not in dockerfile
    makefile = (REPO / "Makefile").read_text("utf-8")
    setup = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes" in setup and "backend/requirements.lock" in setup


def test_ci_caches_on_the_lock() -> None:
    ci = (REPO / ".github" / "workflows" / "ci.yml").read_text("utf-8")
    assert ci.count("backend/requirements.lock") >= 2
    assert "make test-backend" in ci
