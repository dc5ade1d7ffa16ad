"""The Terraform says what the seed architecture says: boxes, routing, ports, retention."""

from __future__ import annotations

from conftest import MODULES, PROD, Module, as_list, refs

MODULE_FILES = {"main.tf", "variables.tf", "outputs.tf", "versions.tf"}


def test_every_module_has_the_four_files(modules: dict[str, Module]) -> None:
    assert modules, f"no modules under {MODULES}"
    for name, mod in modules.items():
        assert MODULE_FILES <= set(mod.files), f"module {name} lacks {MODULE_FILES - set(mod.files)}"


def test_every_variable_and_output_is_typed_and_described(
    modules: dict[str, Module], prod: Module
) -> None:
    for mod in [*modules.values(), prod]:
        for name, body in mod.named("variable").items():
            assert body.get("type"), f"{mod.path.name}: variable {name} has no type"
            assert body.get("description"), f"{mod.path.name}: variable {name} has no description"
        for name, body in mod.named("output").items():
            assert body.get("description"), f"{mod.path.name}: output {name} has no description"


def test_prod_root_has_examples_and_remote_state() -> None:
    for name in ["main.tf", "variables.tf", "outputs.tf", "versions.tf", "terraform.tfvars.example"]:
        assert (PROD / name).is_file(), f"envs/prod/{name} missing"
    backend = (PROD / "backend.tf.example").read_text()
    assert 'backend "s3"' in backend and "encrypt" in backend


def test_every_seed_box_exists(modules: dict[str, Module], prod: Module) -> None:
    net, alb, ecs, ecr = modules["network"], modules["alb"], modules["ecs"], modules["ecr"]
    assert len(ecr.of_type("aws_ecr_repository")) == 2
    assert len(alb.of_type("aws_lb")) == 1
    assert len(ecs.of_type("aws_ecs_cluster")) == 1
    assert len(ecs.of_type("aws_ecs_service")) == 1
    assert len(ecs.of_type("aws_ecs_task_definition")) == 1
    assert len(net.of_type("aws_vpc")) == 1
    assert net.resources["aws_subnet.public"]["count"] == 2
    assert len(ecs.of_type("aws_cloudwatch_log_group")) == 3
    ssm = modules["secrets"].of_type("aws_ssm_parameter")
    assert {
        "aws_ssm_parameter.llm_api_key",
        "aws_ssm_parameter.admin_token",
        "aws_ssm_parameter.client_id_signing_key",
    } <= set(ssm)
    assert "var.client_id_signing_key_parameter_arn" in str(ecs.locals["secret_parameters"])
    assert "client_id_signing_key_parameter_arn" in prod.named("module")["ecs"]
    assert all(p["type"] == "SecureString" for p in ssm.values())
    assert {"aws_iam_role.execution", "aws_iam_role.task"} <= set(ecs.of_type("aws_iam_role"))
    assert len(modules["monitoring"].of_type("aws_cloudwatch_dashboard")) == 1
    used = {body["source"].rsplit("/", 1)[-1] for body in prod.named("module").values()}
    assert {"network", "alb", "ecr", "ecs", "secrets", "monitoring", "rds", "efs"} <= used


def test_vpc_is_10_0_0_0_16_with_two_public_subnets_in_two_azs(
    modules: dict[str, Module], prod: Module
) -> None:
    net = modules["network"]
    assert prod.named("variable")["vpc_cidr"]["default"] == "10.0.0.0/16"
    assert net.named("variable")["vpc_cidr"]["default"] == "10.0.0.0/16"
    public = net.resources["aws_subnet.public"]
    assert "var.availability_zones[count.index]" in public["availability_zone"]
    validation = as_list(net.named("variable")["availability_zones"]["validation"])[0]
    assert "== 2" in validation["condition"]
    assert prod.named("variable")["availability_zone_letters"]["default"] == ["a", "b"]


def test_api_path_routes_to_backend_target_group_on_8000(modules: dict[str, Module]) -> None:
    alb = modules["alb"]
    rule = alb.resources["aws_lb_listener_rule.api"]
    values = rule["condition"][0]["path_pattern"][0]["values"]
    assert values == ["/api/*"]
    action = rule["action"][0]
    assert action["type"] == "forward"
    assert refs(action["target_group_arn"], "aws_lb_target_group") == ["backend"]

    backend = alb.resources["aws_lb_target_group.backend"]
    assert backend["port"] == "${var.backend_port}"
    assert alb.named("variable")["backend_port"]["default"] == 8000
    assert backend["target_type"] == "ip"
    assert backend["health_check"][0]["path"] == "${var.backend_health_path}"
    assert alb.named("variable")["backend_health_path"]["default"] == "/api/health"


def test_default_route_goes_to_frontend_target_group_on_3000(modules: dict[str, Module]) -> None:
    alb = modules["alb"]
    for listener in ["aws_lb_listener.http_forward", "aws_lb_listener.https"]:
        action = alb.resources[listener]["default_action"][0]
        assert action["type"] == "forward"
        assert refs(action["target_group_arn"], "aws_lb_target_group") == ["frontend"]
    redirect = alb.resources["aws_lb_listener.http_redirect"]["default_action"][0]
    assert redirect["type"] == "redirect"
    assert redirect["redirect"][0]["protocol"] == "HTTPS"

    frontend = alb.resources["aws_lb_target_group.frontend"]
    assert frontend["port"] == "${var.frontend_port}"
    assert alb.named("variable")["frontend_port"]["default"] == 3000
    assert frontend["target_type"] == "ip"
    assert alb.named("variable")["frontend_health_path"]["default"] == "/"


def test_alb_is_open_on_80_and_443_and_tasks_only_to_the_alb(modules: dict[str, Module]) -> None:
    alb, ecs = modules["alb"], modules["ecs"]
    ingress = alb.of_type("aws_vpc_security_group_ingress_rule")
    assert sorted(r["from_port"] for r in ingress.values()) == [80, 443]
    assert all(r["cidr_ipv4"] == "0.0.0.0/0" for r in ingress.values())

    task_ingress = ecs.of_type("aws_vpc_security_group_ingress_rule")
    assert sorted(r["from_port"] for r in task_ingress.values()) == [3000, 8000]
    for rule in task_ingress.values():
        assert rule["referenced_security_group_id"] == "${var.alb_security_group_id}"
        assert "cidr_ipv4" not in rule
    # Data stores accept only the tasks' group.
    for name in ["rds", "efs", "redis"]:
        for rule in modules[name].of_type("aws_vpc_security_group_ingress_rule").values():
            assert rule["referenced_security_group_id"] == "${var.client_security_group_id}"


def test_service_uses_both_target_groups_with_rolling_deploys_and_rollback(
    modules: dict[str, Module],
) -> None:
    ecs = modules["ecs"]
    service = ecs.resources["aws_ecs_service.this"]
    ports = {lb["container_name"]: lb["container_port"] for lb in service["load_balancer"]}
    assert ports == {"backend": 8000, "frontend": 3000}
    breaker = service["deployment_circuit_breaker"][0]
    assert breaker["enable"] is True and breaker["rollback"] is True
    assert service["deployment_controller"][0]["type"] == "ECS"
    # efs-sqlite: exactly one task, stop the old one first.
    assert service["desired_count"] == "${local.desired_count}"
    assert ecs.locals["desired_count"] == "${local.efs ? 1 : var.desired_count}"
    assert service["deployment_minimum_healthy_percent"] == "${local.efs ? 0 : 100}"
    cluster = ecs.resources["aws_ecs_cluster.this"]
    assert cluster["setting"][0] == {"name": "containerInsights", "value": "enabled", "__is_block__": True}


def test_task_size_defaults_to_1_vcpu_2_gb(modules: dict[str, Module], prod: Module) -> None:
    for mod in [modules["ecs"], prod]:
        variables = mod.named("variable")
        assert variables["task_cpu"]["default"] == 1024
        assert variables["task_memory"]["default"] == 2048


def test_autoscaling_is_refused_without_rds(modules: dict[str, Module], prod: Module) -> None:
    for mod in [modules["ecs"], prod]:
        validation = as_list(mod.named("variable")["enable_autoscaling"]["validation"])[0]
        assert validation["condition"] == '${!var.enable_autoscaling || var.database == "rds"}'
    assert prod.named("variable")["database"]["default"] == "rds"


def test_log_groups_keep_seven_days_and_use_awslogs(modules: dict[str, Module], prod: Module) -> None:
    ecs = modules["ecs"]
    assert ecs.named("variable")["log_retention_days"]["default"] == 7
    assert prod.named("variable")["log_retention_days"]["default"] == 7
    for name, group in ecs.of_type("aws_cloudwatch_log_group").items():
        assert group["retention_in_days"] == "${var.log_retention_days}", name
    for container in ecs.locals["containers"]:
        assert container["logConfiguration"]["logDriver"] == "awslogs"


def test_ecr_repositories_scan_on_push_are_immutable_and_expire(modules: dict[str, Module]) -> None:
    ecr = modules["ecr"]
    for name, repo in ecr.of_type("aws_ecr_repository").items():
        assert repo["image_tag_mutability"] == "IMMUTABLE", name
        assert repo["image_scanning_configuration"][0]["scan_on_push"] is True, name
    assert len(ecr.of_type("aws_ecr_lifecycle_policy")) == 2


def test_rds_is_encrypted_backed_up_and_private(modules: dict[str, Module]) -> None:
    rds = modules["rds"]
    db = rds.resources["aws_db_instance.this"]
    assert db["storage_encrypted"] is True
    assert db["publicly_accessible"] is False
    assert db["backup_retention_period"] == "${var.backup_retention_days}"
    assert rds.named("variable")["backup_retention_days"]["default"] >= 7
    param = rds.resources["aws_ssm_parameter.database_url"]
    assert param["type"] == "SecureString"
    assert param["value"].startswith("postgresql+psycopg://")


def test_efs_is_encrypted_and_mounted_with_transit_encryption(modules: dict[str, Module]) -> None:
    efs = modules["efs"].resources["aws_efs_file_system.this"]
    assert efs["encrypted"] is True
    volume = modules["ecs"].resources["aws_ecs_task_definition.this"]["volume"][0]
    assert volume["name"] == "data"
    content = volume["dynamic"][0]["efs_volume_configuration"]["content"][0]
    assert content["transit_encryption"] == "ENABLED"


def test_dashboard_shows_the_apps_emf_metrics(modules: dict[str, Module]) -> None:
    mon = modules["monitoring"]
    metrics = {m for group in mon.locals["app_metrics"].values() for m in group}
    assert metrics == {
        "AnswerLatencyMs",
        "TimeToFirstTokenMs",
        "RetrievalLatencyMs",
        "LLMTokens",
        "IngestionSeconds",
        "IngestionFailures",
        "Refusals",
    }
    assert mon.named("variable")["metrics_namespace"]["default"] == "ChatGepeto"
    alarms = mon.of_type("aws_cloudwatch_metric_alarm")
    names = {body["metric_name"] for body in alarms.values()}
    assert names == {
        "CPUUtilization",
        "MemoryUtilization",
        "HTTPCode_Target_5XX_Count",
        "UnHealthyHostCount",
        "${aws_cloudwatch_log_metric_filter.llm_call_tokens.metric_transformation[0].name}",
    }


def test_llm_tokens_alarm_sums_every_llm_call_from_the_logs(modules: dict[str, Module]) -> None:
    mon = modules["monitoring"]
    (metric_filter,) = mon.of_type("aws_cloudwatch_log_metric_filter").values()
    assert metric_filter["pattern"] == "{ $.llm_tokens = * }"
    transformation = metric_filter["metric_transformation"]
    transformation = transformation[0] if isinstance(transformation, list) else transformation
    assert transformation["value"] == "$.llm_tokens" and transformation["name"] == "LLMCallTokens"
    alarm = mon.resources["aws_cloudwatch_metric_alarm.llm_tokens"]
    assert alarm["statistic"] == "Sum" and alarm["period"] == 3600
    assert alarm["threshold"] == "${var.llm_tokens_per_hour_threshold}"
    assert alarm["alarm_actions"] == "${local.alarm_actions}"
    # The dashboard's token widget shows the alarm's metric and its threshold.
    body = mon.resources["aws_cloudwatch_dashboard.this"]["dashboard_body"]
    assert "aws_cloudwatch_log_metric_filter.llm_call_tokens.metric_transformation[0].name" in body
    assert "value = var.llm_tokens_per_hour_threshold" in body


def test_options_exist(modules: dict[str, Module], prod: Module) -> None:
    variables = prod.named("variable")
    for option in [
        "certificate_arn",
        "enable_waf",
        "enable_redis",
        "enable_autoscaling",
        "enable_private_subnets",
    ]:
        assert option in variables, option
    assert modules["alb"].resources["aws_wafv2_web_acl.this"]["count"] == "${var.enable_waf ? 1 : 0}"
    assert "aws_nat_gateway.this" in modules["network"].resources
    assert "aws_appautoscaling_policy.cpu" in modules["ecs"].resources
    assert "aws_elasticache_replication_group.this" in modules["redis"].resources
