# Plan-level tests with mocked providers: no AWS account or credentials needed, but the aws
# and random providers must be installed (terraform init). Run: terraform init && terraform test
# (infra/tests/run.sh cannot: providers are not downloadable offline).

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = { names = ["us-east-1a", "us-east-1b"] }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
}

mock_provider "random" {}

variables {
  image_tag           = "0123456789abcdef0123456789abcdef01234567"
  allow_insecure_http = true
}

run "default_is_rds_with_one_task" {
  command = plan

  assert {
    condition     = length(module.rds) == 1 && length(module.efs) == 0 && length(module.redis) == 0
    error_message = "The default data store must be RDS, without EFS or Redis."
  }
}

run "efs_sqlite_replaces_rds" {
  command = plan

  variables {
    database = "efs-sqlite"
  }

  assert {
    condition     = length(module.efs) == 1 && length(module.rds) == 0
    error_message = "efs-sqlite must create EFS and no RDS."
  }
}

run "autoscaling_is_refused_without_rds" {
  command = plan

  variables {
    database           = "efs-sqlite"
    enable_autoscaling = true
  }

  expect_failures = [var.enable_autoscaling]
}

run "efs_sqlite_refuses_two_tasks" {
  command = plan

  variables {
    database      = "efs-sqlite"
    desired_count = 2
  }

  expect_failures = [var.desired_count]
}

run "every_option_plans" {
  command = plan

  variables {
    certificate_arn            = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    enable_waf                 = true
    enable_redis               = true
    redis_num_cache_clusters   = 2
    enable_autoscaling         = true
    enable_private_subnets     = true
    enable_flow_logs           = true
    create_kms_key             = true
    create_sns_topic           = true
    alarm_email                = "ops@example.com"
    github_repository          = "example/chatgepeto"
    codecommit_repository_name = "chatgepeto"
  }

  assert {
    condition     = length(module.redis) == 1 && length(module.github_oidc) == 1
    error_message = "Options must create their modules."
  }
}

run "plain_http_is_refused_without_the_demo_flag" {
  command = plan

  variables {
    allow_insecure_http = false
  }

  expect_failures = [var.allow_insecure_http]
}

run "a_domain_requests_a_dns_validated_certificate" {
  command = plan

  variables {
    allow_insecure_http = false
    domain_name         = "chat.escola.example"
    route53_zone_id     = "Z0123456789ABCDEFGHIJ"
  }

  assert {
    condition     = length(aws_acm_certificate.app) == 1 && length(aws_route53_record.app) == 1
    error_message = "A domain must get an ACM certificate and an alias record to the ALB."
  }

  # The certificate's ARN is unknown until apply; HTTPS (listener counts) must not wait for it.
  assert {
    condition     = output.url == "https://chat.escola.example"
    error_message = "A domain must be served over HTTPS at its own name."
  }
}

run "oidc_sign_in_gets_its_secret_parameter_only_when_configured" {
  command = plan

  variables {
    oidc_issuer                 = "https://accounts.google.com"
    oidc_client_id              = "1234567890-abc.apps.googleusercontent.com"
    oidc_allowed_domains        = "escola.edu.br"
    conversation_retention_days = "180"
  }

  assert {
    condition     = output.oidc_client_secret_parameter == "/chatgepeto-prod/oidc-client-secret"
    error_message = "OIDC sign-in must create the SecureString of OIDC_CLIENT_SECRET."
  }
}

run "a_deployment_without_oidc_has_no_oidc_secret" {
  command = plan

  assert {
    condition     = output.oidc_client_secret_parameter == null
    error_message = "Without oidc_issuer no OIDC_CLIENT_SECRET parameter may exist (the task would pass it)."
  }
}

run "half_an_oidc_configuration_is_refused" {
  command = plan

  variables {
    oidc_issuer = "https://accounts.google.com"
  }

  expect_failures = [var.oidc_client_id]
}

run "a_retention_outside_1_to_3650_days_is_refused" {
  command = plan

  variables {
    conversation_retention_days = "3651"
  }

  expect_failures = [var.conversation_retention_days]
}
