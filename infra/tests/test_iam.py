"""IAM is least privilege: no "*" resource on SSM or CloudWatch Logs actions, and "*" only
where AWS offers no resource-level permission at all."""

from __future__ import annotations

from typing import Any

from conftest import Module, as_list

# Actions that have no resource-level permissions in IAM: "*" is their only valid resource.
STAR_ONLY_ACTIONS = {
    "ecr:GetAuthorizationToken",
    "ecs:RegisterTaskDefinition",
    "ecs:DescribeTaskDefinition",
    "sts:AssumeRole",
    "sts:AssumeRoleWithWebIdentity",
}


def statements(mod: Module) -> list[tuple[str, dict[str, Any]]]:
    """Every statement of every aws_iam_policy_document, dynamic ones included."""
    found = []
    for name, doc in mod.data.items():
        if not name.startswith("aws_iam_policy_document."):
            continue
        for stmt in doc.get("statement", []):
            found.append((name, stmt))
        for dyn in doc.get("dynamic", []):
            for stmt in dyn.get("statement", {}).get("content", []):
                found.append((name, stmt))
    return found


def test_there_are_policy_documents_to_check(modules: dict[str, Module]) -> None:
    assert len(statements(modules["ecs"])) >= 5


def test_no_wildcard_resource_on_ssm_or_logs(modules: dict[str, Module]) -> None:
    for mod in modules.values():
        for name, stmt in statements(mod):
            actions = as_list(stmt.get("actions", []))
            if not any(a.startswith(("ssm:", "logs:", "kms:")) for a in actions):
                continue
            resources = as_list(stmt.get("resources", []))
            assert resources, f"{mod.path.name}/{name}: {actions} without resources"
            for resource in resources:
                assert resource != "*", f"{mod.path.name}/{name}: {actions} on *"
                assert not str(resource).startswith("arn:aws:ssm:*"), resource


def test_wildcard_resources_only_for_actions_without_resource_level_permissions(
    modules: dict[str, Module],
) -> None:
    for mod in modules.values():
        for name, stmt in statements(mod):
            if stmt.get("effect") == "Deny":
                continue
            if "*" in as_list(stmt.get("resources", [])):
                extra = set(as_list(stmt["actions"])) - STAR_ONLY_ACTIONS
                assert not extra, f"{mod.path.name}/{name}: {extra} on *"


def test_no_action_wildcards_in_identity_policies(modules: dict[str, Module]) -> None:
    for mod in modules.values():
        for name, stmt in statements(mod):
            if stmt.get("effect") == "Deny":
                continue
            for action in as_list(stmt.get("actions", [])):
                assert "*" not in action, f"{mod.path.name}/{name}: {action}"


def test_execution_role_reads_exactly_its_secrets_and_writes_exactly_its_logs(
    modules: dict[str, Module],
) -> None:
    ecs = modules["ecs"]
    doc = ecs.data["aws_iam_policy_document.execution"]
    by_sid = {s["sid"]: s for s in doc["statement"]}
    assert by_sid["ReadOwnSecrets"]["actions"] == ["ssm:GetParameters"]
    assert by_sid["ReadOwnSecrets"]["resources"] == "${local.secret_arns}"
    assert "local.secret_parameters" in ecs.locals["secret_arns"]
    logs = by_sid["WriteOwnLogGroups"]["resources"]
    groups = set(ecs.of_type("aws_cloudwatch_log_group"))
    for group in groups:
        ref = group.replace("aws_cloudwatch_log_group.", "")
        assert f"${{aws_cloudwatch_log_group.{ref}.arn}}" in logs
        assert f"${{aws_cloudwatch_log_group.{ref}.arn}}:log-stream:*" in logs
    assert len(logs) == 2 * len(groups)
    kms = doc["dynamic"][0]["statement"]["content"][0]
    assert kms["actions"] == ["kms:Decrypt"] and kms["resources"] == ["${statement.value}"]


def test_task_and_execution_roles_are_distinct_and_assumed_by_ecs_only(
    modules: dict[str, Module],
) -> None:
    ecs = modules["ecs"]
    task_def = ecs.resources["aws_ecs_task_definition.this"]
    assert task_def["execution_role_arn"] == "${aws_iam_role.execution.arn}"
    assert task_def["task_role_arn"] == "${aws_iam_role.task.arn}"
    assume = ecs.data["aws_iam_policy_document.ecs_tasks_assume"]["statement"][0]
    assert assume["principals"][0]["identifiers"] == ["ecs-tasks.amazonaws.com"]


def test_github_deploy_role_is_bound_to_one_repository(modules: dict[str, Module]) -> None:
    oidc = modules["github_oidc"]
    assume = oidc.data["aws_iam_policy_document.assume"]["statement"][0]
    subs = [c for c in assume["condition"] if c["variable"].endswith(":sub")][0]
    assert all(v.startswith("repo:${var.github_repository}:") for v in subs["values"])
    deploy = {s["sid"]: s for s in oidc.data["aws_iam_policy_document.deploy"]["statement"]}
    assert deploy["PassTaskRoles"]["resources"] == "${var.pass_role_arns}"
    assert deploy["DeployService"]["resources"] == ["${local.service_arn}"]
