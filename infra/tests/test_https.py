"""Production serves HTTPS unless a demo says otherwise (issue 13, point 1)."""

from __future__ import annotations

from conftest import PROD, Module, as_list


def _validations(variable: dict) -> list[dict]:
    found = variable.get("validation", [])
    return found if isinstance(found, list) else [found]


def test_plain_http_needs_an_explicit_demo_flag(prod: Module) -> None:
    variables = prod.named("variable")
    insecure = variables["allow_insecure_http"]
    assert insecure["default"] is False
    (rule,) = _validations(insecure)
    condition = rule["condition"]
    for term in ("var.allow_insecure_http", "var.certificate_arn != null", "var.domain_name != null"):
        assert term in condition, term
    assert "allow_insecure_http = true" in rule["error_message"]
    assert variables["certificate_arn"]["default"] is None


def test_a_domain_gets_a_dns_validated_certificate_and_an_alias(prod: Module) -> None:
    res = prod.resources
    certificate = res["aws_acm_certificate.app"]
    assert certificate["validation_method"] == "DNS"
    assert "var.domain_name" in certificate["domain_name"]
    validation_records = res["aws_route53_record.certificate_validation"]
    assert "var.route53_zone_id" in validation_records["zone_id"]
    assert "domain_validation_options" in str(validation_records["for_each"])
    validated = res["aws_acm_certificate_validation.app"]
    assert "aws_route53_record.certificate_validation" in str(validated["validation_record_fqdns"])
    alias = res["aws_route53_record.app"]
    assert "module.alb.alb_dns_name" in str(alias["alias"])
    # The ALB takes the given certificate, else the validated one (never an unvalidated ARN).
    assert "aws_acm_certificate_validation.app" in prod.locals["certificate_arn"]
    assert prod.named("module")["alb"]["certificate_arn"] == "${local.certificate_arn}"
    zone = prod.named("variable")["route53_zone_id"]
    assert "domain_name" in _validations(zone)[0]["condition"]


def test_the_example_configuration_is_https() -> None:
    example = (PROD / "terraform.tfvars.example").read_text("utf-8")
    active = [line for line in example.splitlines() if line and not line.lstrip().startswith("#")]
    assert any(line.startswith("certificate_arn") for line in active)
    assert not any(line.startswith("allow_insecure_http") for line in active)


def test_https_is_decided_at_plan_time_even_for_a_certificate_made_in_the_same_apply(
    prod: Module, modules: dict[str, Module]
) -> None:
    # The ARN of a certificate requested in this plan is unknown until apply; a listener count
    # that hangs on it fails the plan ("Invalid count argument"), so the root says HTTPS outright.
    alb_call = prod.named("module")["alb"]
    assert "aws_" not in alb_call["enable_https"] and "local." not in alb_call["enable_https"]
    for term in ("var.certificate_arn != null", "var.domain_name != null"):
        assert term in alb_call["enable_https"], term
    alb = modules["alb"]
    assert "var.enable_https" in alb.locals["https_enabled"]
    for listener in ("https", "http_redirect", "http_forward"):
        count = alb.resources[f"aws_lb_listener.{listener}"]["count"]
        assert "local.https_enabled" in count and "certificate_arn" not in count, listener
    https = alb.resources["aws_lb_listener.https"]
    (precondition,) = as_list(https["lifecycle"][0]["precondition"])
    assert precondition["condition"] == "${var.certificate_arn != null}"
    assert "domain_name" in prod.named("output")["url"]["value"]
