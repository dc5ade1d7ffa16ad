"""GitHub Actions follow the house rules: least permissions, pinned actions, make targets,
OIDC deploys, and repository variables that Terraform actually outputs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PROD, REPO

WORKFLOWS = REPO / ".github" / "workflows"
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>\S+)(?P<comment>\s+#.*)?$", re.M)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


@pytest.fixture(scope="module", params=["ci.yml", "deploy.yml", "mirror.yml"])
def workflow(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    return request.param, load(request.param)


def test_permissions_are_empty_at_the_top_and_granted_per_job(workflow: tuple[str, dict[str, Any]]) -> None:
    name, wf = workflow
    assert wf["permissions"] == {}, f"{name}: top-level permissions must be {{}}"
    for job_name, job in wf["jobs"].items():
        assert "permissions" in job, f"{name}:{job_name} has no permissions block"


def test_every_action_is_pinned_to_a_full_sha_with_a_version_comment() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files
    for path in files:
        for match in USES.finditer(path.read_text(encoding="utf-8")):
            ref = match["ref"]
            if ref.startswith("./"):
                continue  # a workflow of this repository
            assert PINNED.match(ref), f"{path.name}: {ref} is not pinned to a commit SHA"
            assert match["comment"] and re.search(r"# v\d", match["comment"]), f"{path.name}: {ref} lacks # vX.Y"


def test_no_long_lived_aws_keys() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert "aws-access-key-id" not in text and "AWS_SECRET_ACCESS_KEY" not in text, path.name


def test_ci_cancels_superseded_runs_and_ends_in_one_gate() -> None:
    ci = load("ci.yml")
    assert ci["concurrency"]["cancel-in-progress"] is True
    assert "pull_request" in ci["on"] and "workflow_call" in ci["on"]
    gate = ci["jobs"]["all-green"]
    assert gate["if"] == "always()"
    assert set(gate["needs"]) == set(ci["jobs"]) - {"all-green"}


def test_every_ci_command_is_a_make_target() -> None:
    ci = load("ci.yml")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    commands = []
    for job_name, job in ci["jobs"].items():
        if job_name == "all-green":
            continue
        for step in job["steps"]:
            if "run" in step:
                commands.append(step["run"].strip())
    assert sorted(commands) == [
        "make audit", "make lint", "make test-backend", "make test-frontend", "make test-infra",
    ]
    for command in commands:
        assert command.split()[1] in targets, f"{command}: no such make target"


def test_ci_jobs_are_filtered_by_path() -> None:
    ci = load("ci.yml")
    for job_name in ["lint-backend", "test-backend", "test-frontend", "test-infra"]:
        job = ci["jobs"][job_name]
        assert job["needs"] == "changes" and "needs.changes.outputs." in job["if"], job_name


def test_deploy_runs_ci_then_deploys_through_oidc() -> None:
    deploy = load("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["jobs"]["ci"]["uses"] == "./.github/workflows/ci.yml"
    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "ci"
    assert job["permissions"] == {"contents": "read", "id-token": "write"}
    steps = {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s and "render" not in s["uses"]}
    creds = steps["aws-actions/configure-aws-credentials"]["with"]
    assert creds["role-to-assume"] == "${{ vars.AWS_DEPLOY_ROLE_ARN }}"
    renders = [s for s in job["steps"] if "amazon-ecs-render-task-definition" in s.get("uses", "")]
    assert [r["with"]["container-name"] for r in renders] == ["backend", "worker", "frontend"]
    assert all("${{ env.IMAGE_TAG }}" in r["with"]["image"] for r in renders)
    assert job["env"]["IMAGE_TAG"] == "${{ github.sha }}"
    ecs = steps["aws-actions/amazon-ecs-deploy-task-definition"]["with"]
    assert ecs["wait-for-service-stability"] is True
    builds = [s for s in job["steps"] if "docker/build-push-action" in s.get("uses", "")]
    assert {b["with"]["context"] for b in builds} == {"./backend", "./frontend"}


def test_mirror_uses_oidc_and_git_remote_codecommit() -> None:
    mirror = load("mirror.yml")
    job = mirror["jobs"]["mirror"]
    assert job["permissions"]["id-token"] == "write"
    text = (WORKFLOWS / "mirror.yml").read_text(encoding="utf-8")
    assert "git-remote-codecommit==" in text and "codecommit::" in text


def test_repository_variables_are_the_ones_terraform_outputs() -> None:
    outputs = (PROD / "outputs.tf").read_text(encoding="utf-8")
    block = re.search(r'output "github_variables" \{(.*?)\n\}', outputs, re.S)
    assert block
    exported = set(re.findall(r"^\s+([A-Z_]+)\s+=", block.group(1), re.M))
    used: set[str] = set()
    for path in WORKFLOWS.glob("*.yml"):
        used |= set(re.findall(r"vars\.([A-Za-z_]+)", path.read_text(encoding="utf-8")))
    assert used, "workflows use no repository variables"
    assert used <= exported, f"variables not exported by terraform: {sorted(used - exported)}"


def test_readme_documents_the_variables() -> None:
    readme = Path(REPO / "infra" / "README.md").read_text(encoding="utf-8")
    for name in ["AWS_DEPLOY_ROLE_ARN", "ECS_TASK_FAMILY", "CODECOMMIT_REPOSITORY"]:
        assert name in readme, name
