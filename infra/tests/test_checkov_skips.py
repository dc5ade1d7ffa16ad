"""Every checkov skip in the Terraform is one we decided on, with its reason.

Most skips are seed defaults that an option turns off (HTTP-only listener, 7-day
retention, no WAF, public subnets, AWS-managed keys, single-AZ). Two are design decisions
of the seed: TLS ends at the ALB. A new skip must be added here on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TERRAFORM

SKIP = re.compile(r"#\s*checkov:skip=(?P<check>CKV2?_AWS_\d+)\s*:\s*(?P<reason>.+)$")
RESOURCE = re.compile(r'^(?:resource|data)\s+"(?P<type>[^"]+)"\s+"(?P<name>[^"]+)"')

# (file under infra/terraform, resource, check) -> the option or decision behind it.
ALLOWED = {
    ("modules/network/main.tf", "aws_vpc.this", "CKV2_AWS_11"): "var.enable_flow_logs",
    ("modules/network/main.tf", "aws_cloudwatch_log_group.flow", "CKV_AWS_338"): "var.log_retention_days",
    ("modules/network/main.tf", "aws_cloudwatch_log_group.flow", "CKV_AWS_158"): "var.create_kms_key",
    ("modules/alb/main.tf", "aws_vpc_security_group_ingress_rule.alb_http", "CKV_AWS_260"): "var.certificate_arn",
    ("modules/alb/main.tf", "aws_lb.this", "CKV_AWS_91"): "var.access_logs_bucket",
    ("modules/alb/main.tf", "aws_lb.this", "CKV2_AWS_28"): "var.enable_waf",
    ("modules/alb/main.tf", "aws_lb.this", "CKV2_AWS_20"): "var.certificate_arn",
    ("modules/alb/main.tf", "aws_lb_target_group.backend", "CKV_AWS_378"): "var.certificate_arn",
    ("modules/alb/main.tf", "aws_lb_target_group.frontend", "CKV_AWS_378"): "var.certificate_arn",
    ("modules/alb/main.tf", "aws_lb_listener.http_forward", "CKV_AWS_2"): "var.certificate_arn",
    ("modules/alb/main.tf", "aws_lb_listener.http_forward", "CKV_AWS_103"): "var.certificate_arn",
    ("modules/alb/main.tf", "aws_cloudwatch_log_group.waf", "CKV_AWS_338"): "var.log_retention_days",
    ("modules/alb/main.tf", "aws_cloudwatch_log_group.waf", "CKV_AWS_158"): "var.create_kms_key",
    ("modules/ecs/main.tf", "aws_cloudwatch_log_group.backend", "CKV_AWS_338"): "var.log_retention_days",
    ("modules/ecs/main.tf", "aws_cloudwatch_log_group.backend", "CKV_AWS_158"): "var.create_kms_key",
    ("modules/ecs/main.tf", "aws_cloudwatch_log_group.worker", "CKV_AWS_338"): "var.log_retention_days",
    ("modules/ecs/main.tf", "aws_cloudwatch_log_group.worker", "CKV_AWS_158"): "var.create_kms_key",
    ("modules/ecs/main.tf", "aws_cloudwatch_log_group.frontend", "CKV_AWS_338"): "var.log_retention_days",
    ("modules/ecs/main.tf", "aws_cloudwatch_log_group.frontend", "CKV_AWS_158"): "var.create_kms_key",
    ("modules/ecs/main.tf", "aws_ecs_service.this", "CKV_AWS_333"): "var.enable_private_subnets",
    ("modules/secrets/main.tf", "aws_ssm_parameter.llm_api_key", "CKV_AWS_337"): "var.create_kms_key",
    ("modules/secrets/main.tf", "aws_ssm_parameter.admin_token", "CKV_AWS_337"): "var.create_kms_key",
    ("modules/secrets/main.tf", "aws_ssm_parameter.client_id_signing_key", "CKV_AWS_337"): "var.create_kms_key",
    ("modules/secrets/main.tf", "aws_ssm_parameter.oidc_client_secret", "CKV_AWS_337"): "var.create_kms_key",
    ("modules/rds/main.tf", "aws_db_instance.this", "CKV_AWS_157"): "var.rds_multi_az",
    ("modules/rds/main.tf", "aws_db_instance.this", "CKV_AWS_353"): "var.rds_performance_insights",
    ("modules/rds/main.tf", "aws_ssm_parameter.database_url", "CKV_AWS_337"): "var.create_kms_key",
    ("modules/efs/main.tf", "aws_efs_file_system.this", "CKV_AWS_184"): "var.create_kms_key",
    ("modules/redis/main.tf", "aws_elasticache_replication_group.this", "CKV_AWS_191"): "var.create_kms_key",
    ("modules/redis/main.tf", "aws_elasticache_replication_group.this", "CKV2_AWS_50"): "var.redis_num_cache_clusters",
    ("modules/redis/main.tf", "aws_ssm_parameter.redis_url", "CKV_AWS_337"): "var.create_kms_key",
    ("modules/monitoring/main.tf", "aws_sns_topic.alarms", "CKV_AWS_26"): "var.create_kms_key",
}


def found_skips() -> dict[tuple[str, str, str], str]:
    """Every `# checkov:skip=` comment, attributed to the block it sits in."""
    skips: dict[tuple[str, str, str], str] = {}
    for tf in sorted(TERRAFORM.rglob("*.tf")):
        rel = tf.relative_to(TERRAFORM).as_posix()
        current = None
        for line in tf.read_text(encoding="utf-8").splitlines():
            head = RESOURCE.match(line)
            if head:
                current = f"{head['type']}.{head['name']}"
            skip = SKIP.search(line)
            if "checkov:skip" in line:
                assert skip, f"{rel}: malformed skip comment: {line.strip()}"
                assert current, f"{rel}: skip outside a block: {line.strip()}"
                key = (rel, current, skip["check"])
                assert key not in skips, f"duplicate skip {key}"
                skips[key] = skip["reason"].strip()
    return skips


def test_only_the_allowed_skips_exist() -> None:
    skips = found_skips()
    unexpected = sorted(set(skips) - set(ALLOWED))
    missing = sorted(set(ALLOWED) - set(skips))
    assert not unexpected, f"checkov skips not in the allowed list: {unexpected}"
    assert not missing, f"allowed skips no longer present (remove them here): {missing}"


def test_each_skip_names_its_reason_and_the_variable_that_lifts_it() -> None:
    for key, reason in found_skips().items():
        assert reason.startswith(("seed default", "seed cost", "seed design")), (key, reason)
        assert ALLOWED[key] in reason, f"{key}: reason should name {ALLOWED[key]}: {reason}"


def test_every_named_variable_exists_in_the_prod_root() -> None:
    variables = Path(TERRAFORM / "envs/prod/variables.tf").read_text(encoding="utf-8")
    for var in set(ALLOWED.values()):
        assert f'variable "{var.removeprefix("var.")}"' in variables, f"{var} is not a prod variable"
