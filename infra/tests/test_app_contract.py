"""docker-compose.yml and the ECS task definition agree with the app's real settings.

The names come from chatgepeto.settings.Settings itself (pydantic-settings), imported from
backend/src: a renamed or removed setting breaks this test, not production.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
import yaml
from conftest import REPO, Module, refs

sys.path.insert(0, str(REPO / "backend" / "src"))

from chatgepeto.settings import Settings  # noqa: E402
from pydantic import AliasChoices, AliasPath  # noqa: E402

# The brief's list of settings the deployment relies on; each must be a real Settings name.
DOCUMENTED = {
    "ENVIRONMENT",
    "CHATGEPETO_DATA_DIR",
    "DATABASE_URL",
    "HOST",
    "PORT",
    "LOG_LEVEL",
    "MAX_UPLOAD_MB",
    "EMBEDDING_PROVIDER",
    "EMBEDDING_MODEL",
    "LLM_API_KEY",
    "GROQ_API_KEY",
    "LLM_BASE_URL",
    "LLM_MODEL",
    "ADMIN_TOKEN",
    "CLIENT_ID_SIGNING_KEY",
    "REDIS_URL",
    "TRUSTED_PROXY_COUNT",
    "CHATGEPETO_SAMPLE_COURSE",
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "OIDC_ALLOWED_DOMAINS",
    "OIDC_LABEL",
    "CONVERSATION_RETENTION_DAYS",
}
FRONTEND = {"BACKEND_URL", "PORT", "HOSTNAME", "NODE_ENV"}
SECRETS = {
    "LLM_API_KEY",
    "GROQ_API_KEY",
    "ADMIN_TOKEN",
    "CLIENT_ID_SIGNING_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "OIDC_CLIENT_SECRET",
}
# Passed to the task only when their variable is set (each defaults to ""): a deployment
# without OIDC sign-in or a retention gets the task it had before.
OPTIONAL = {"OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_ALLOWED_DOMAINS", "OIDC_LABEL", "CONVERSATION_RETENTION_DAYS"}


def settings_env_names() -> set[str]:
    """Environment variable names Settings reads, from its fields and validation aliases."""
    prefix = (Settings.model_config.get("env_prefix") or "").upper()
    names: set[str] = set()
    for field_name, info in Settings.model_fields.items():
        alias = info.validation_alias
        if alias is None:
            names.add(prefix + (info.alias or field_name).upper())
        elif isinstance(alias, str):
            names.add(alias.upper())
        elif isinstance(alias, AliasChoices):
            for choice in alias.choices:
                if isinstance(choice, str):
                    names.add(choice.upper())
        elif isinstance(alias, AliasPath):
            names.add(str(alias.path[0]).upper())
    return names


SETTINGS = settings_env_names()
# What compose and the task definition may set for backend and worker: documented and real.
BACKEND = DOCUMENTED & SETTINGS


def test_settings_read_every_documented_name() -> None:
    assert not Settings.model_config.get("case_sensitive"), "env names are compared upper-case"
    missing = DOCUMENTED - SETTINGS
    assert not missing, f"Settings no longer reads {sorted(missing)}"


def test_settings_defaults_match_the_deployment() -> None:
    defaults = Settings.model_fields
    assert defaults["port"].default == 8000
    assert defaults["max_upload_mb"].default == 50
    assert str(defaults["data_dir"].default) in {"data", "./data"}


# ---- docker compose ----


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def env_names(service: dict[str, Any]) -> set[str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        return {item.split("=", 1)[0] for item in env}
    return set(env)


def test_compose_backend_and_worker_use_only_settings_names(compose: dict[str, Any]) -> None:
    for name in ["backend", "worker"]:
        used = env_names(compose["services"][name])
        assert used, f"{name} sets no environment"
        unknown = used - BACKEND
        assert not unknown, f"compose {name} sets {sorted(unknown)}, which Settings does not read (or is undocumented)"


def test_compose_frontend_uses_only_frontend_names(compose: dict[str, Any]) -> None:
    env = compose["services"]["frontend"]["environment"]
    assert set(env) <= FRONTEND, set(env) - FRONTEND
    assert env["BACKEND_URL"] == "http://backend:8000"
    assert str(env["PORT"]) == "3000"


def test_compose_ports_health_and_commands(compose: dict[str, Any]) -> None:
    services = compose["services"]
    backend = services["backend"]
    assert str(backend["environment"]["PORT"]) == "8000"
    assert backend["expose"] == ["8000"]
    assert "http://127.0.0.1:8000/api/health" in " ".join(backend["healthcheck"]["test"])
    assert services["worker"]["command"] == ["chatgepeto", "worker"]
    assert services["worker"]["image"] == backend["image"]
    assert services["frontend"]["expose"] == ["3000"]
    assert "http://127.0.0.1:3000/" in " ".join(services["frontend"]["healthcheck"]["test"])
    assert backend["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@db:5432/" in backend["environment"]["DATABASE_URL"]
    assert str(backend["environment"]["TRUSTED_PROXY_COUNT"]) == "1"


def test_compose_database_is_pinned_pgvector(compose: dict[str, Any]) -> None:
    image = compose["services"]["db"]["image"]
    assert re.fullmatch(r"pgvector/pgvector:(\d+\.\d+\.\d+-)?pg1[78](-\w+)?(@sha256:[0-9a-f]{64})?", image), image
    for name, service in compose["services"].items():
        if "image" in service and "build" not in service:
            assert not service["image"].endswith(":latest") and ":" in service["image"], name


def test_proxy_routes_like_the_alb(compose: dict[str, Any]) -> None:
    conf = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    proxy = compose["services"]["proxy"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    api = re.search(r"location /api/ \{(.*?)\n    \}", conf, re.S)
    root = re.search(r"location / \{(.*?)\n    \}", conf, re.S)
    assert api and root
    assert "proxy_pass http://chatgepeto_backend;" in api.group(1)
    assert "proxy_buffering off;" in api.group(1)
    assert "proxy_pass http://chatgepeto_frontend;" in root.group(1)
    assert "server backend:8000;" in conf and "server frontend:3000;" in conf


def test_proxy_body_limit_matches_max_upload_mb(compose: dict[str, Any]) -> None:
    conf = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    limit = re.search(r"client_max_body_size\s+(\d+)m;", conf)
    assert limit, "client_max_body_size missing"
    upload_mb = compose["services"]["backend"]["environment"]["MAX_UPLOAD_MB"]
    assert int(limit.group(1)) == int(upload_mb) == Settings.model_fields["max_upload_mb"].default


# ---- ECS task definition ----


def resolve_map(ecs: Module, expression: str) -> dict[str, Any]:
    """Follow `local.x` references in a for-expression until a map literal is found."""
    for name in refs(expression, "local"):
        value = ecs.locals[name]
        if isinstance(value, dict):
            return value
        return resolve_map(ecs, value)
    raise AssertionError(f"no map behind {expression}")


def containers(ecs: Module) -> dict[str, dict[str, Any]]:
    task = ecs.resources["aws_ecs_task_definition.this"]
    assert task["container_definitions"] == "${jsonencode(local.containers)}"
    return {c["name"]: c for c in ecs.locals["containers"]}


def test_task_definition_has_backend_worker_and_frontend(modules: dict[str, Module]) -> None:
    ecs = modules["ecs"]
    by_name = containers(ecs)
    assert set(by_name) == {"backend", "worker", "frontend"}
    assert [p["containerPort"] for p in by_name["backend"]["portMappings"]] == [8000]
    assert [p["containerPort"] for p in by_name["frontend"]["portMappings"]] == [3000]
    assert "portMappings" not in by_name["worker"]
    assert by_name["worker"]["command"] == ["chatgepeto", "worker"]
    assert by_name["worker"]["image"] == by_name["backend"]["image"]
    backend_health = " ".join(ecs.locals[refs(by_name["backend"]["healthCheck"]["command"], "local")[0]])
    assert "http://127.0.0.1:8000/api/health" in backend_health
    frontend_health = " ".join(ecs.locals[refs(by_name["frontend"]["healthCheck"]["command"], "local")[0]])
    assert "http://127.0.0.1:3000/" in frontend_health


def test_task_definition_uses_only_settings_names(modules: dict[str, Module]) -> None:
    ecs = modules["ecs"]
    by_name = containers(ecs)
    for name in ["backend", "worker"]:
        env = resolve_map(ecs, by_name[name]["environment"])
        secrets = resolve_map(ecs, by_name[name]["secrets"])
        assert env and secrets
        unknown = (set(env) | set(secrets)) - BACKEND
        assert not unknown, f"task {name} sets {sorted(unknown)}, which Settings does not read (or is undocumented)"
        assert not set(env) & SECRETS, f"secrets in plain environment: {set(env) & SECRETS}"
        assert set(secrets) <= SECRETS
        assert str(env["PORT"]) == "8000" and env["TRUSTED_PROXY_COUNT"] == "1"
    frontend = resolve_map(ecs, by_name["frontend"]["environment"])
    assert set(frontend) <= FRONTEND, set(frontend) - FRONTEND
    assert frontend["BACKEND_URL"] == "http://127.0.0.1:8000"
    assert frontend["PORT"] == "3000"
    assert "secrets" not in by_name["frontend"]


def test_secrets_come_from_ssm_securestrings(modules: dict[str, Module]) -> None:
    ecs = modules["ecs"]
    params = ecs.locals["secret_parameters"]
    assert set(params) == {
        "LLM_API_KEY",
        "ADMIN_TOKEN",
        "CLIENT_ID_SIGNING_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "OIDC_CLIENT_SECRET",
    }
    for arn in params.values():
        assert refs(arn, "var")[0].endswith("_parameter_arn")


def test_oidc_and_retention_reach_backend_and_worker_only_when_set(
    modules: dict[str, Module], prod: Module
) -> None:
    ecs, secrets = modules["ecs"], modules["secrets"]
    optional = ecs.locals["optional_environment"]
    assert set(optional) == OPTIONAL and OPTIONAL <= BACKEND and not OPTIONAL & SECRETS
    variables = ecs.named("variable")
    for name, value in optional.items():
        [var] = refs(value, "var")
        assert var == name.lower() and variables[var]["default"] == "", name
    # Merged over the fixed environment, empty values left out; the worker gets it too (its
    # sweep deletes idle conversations, and it validates the OIDC settings like the API).
    merged = ecs.locals["task_environment"]
    assert refs(merged, "local") == ["backend_environment", "optional_environment"]
    assert 'if value != ""' in merged
    assert "local.task_environment" in str(ecs.locals["worker_environment"])
    assert "local.task_environment" in str(containers(ecs)["backend"]["environment"])
    # The client secret: an optional SecureString like the Groq key, created only with OIDC.
    assert variables["oidc_client_secret_parameter_arn"]["default"] is None
    parameter = secrets.resources["aws_ssm_parameter.oidc_client_secret"]
    llm = secrets.resources["aws_ssm_parameter.llm_api_key"]
    assert parameter["type"] == llm["type"] == "SecureString"
    assert parameter["value"] == llm["value"] and parameter["lifecycle"] == llm["lifecycle"]
    assert parameter["count"] == "${var.enable_oidc ? 1 : 0}"
    assert secrets.named("variable")["enable_oidc"]["default"] is False
    root = prod.named("module")
    assert root["secrets"]["enable_oidc"] == '${var.oidc_issuer != ""}'
    for name in [*(n.lower() for n in OPTIONAL), "oidc_client_secret_parameter_arn"]:
        assert name in root["ecs"], name
    for name in (n.lower() for n in OPTIONAL):
        assert prod.named("variable")[name]["default"] == "", name


def test_data_dir_is_the_shared_volume(modules: dict[str, Module]) -> None:
    ecs = modules["ecs"]
    by_name = containers(ecs)
    env = resolve_map(ecs, by_name["backend"]["environment"])
    for name in ["backend", "worker"]:
        mounts = {m["containerPath"]: m["sourceVolume"] for m in by_name[name]["mountPoints"]}
        assert mounts[env["CHATGEPETO_DATA_DIR"]] == "data"
