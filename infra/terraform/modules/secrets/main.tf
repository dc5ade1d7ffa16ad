# SSM SecureStrings for the Groq key and the teacher token (and, with OIDC sign-in, its client
# secret), plus an optional customer-managed KMS key shared by the other modules. The Groq key
# and the OIDC client secret are never in Terraform: each parameter is created with a
# placeholder and the operator writes the real value (see infra/README.md); Terraform then
# leaves the value alone.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  parameter_prefix = "/${var.name}"
  kms_key_arn      = var.create_kms_key ? aws_kms_key.this[0].arn : null
}

resource "aws_kms_key" "this" {
  count = var.create_kms_key ? 1 : 0

  description             = "${var.name}: SSM parameters, logs, images and data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  # A key policy's "Resource": "*" means this key and nothing else.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncryptsOwnAccountLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${var.region}:${data.aws_caller_identity.current.account_id}:*"
          }
        }
      },
      {
        Sid       = "CloudWatchAlarmsPublishToEncryptedTopic"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  count = var.create_kms_key ? 1 : 0

  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this[0].key_id
}

resource "random_password" "admin_token" {
  length  = 40
  special = false
}

resource "aws_ssm_parameter" "llm_api_key" {
  # checkov:skip=CKV_AWS_337: seed default (AWS-managed aws/ssm key); var.create_kms_key enables a customer-managed key
  name        = "${local.parameter_prefix}/llm-api-key"
  description = "Groq API key (LLM_API_KEY). Set it with: aws ssm put-parameter --overwrite --type SecureString"
  type        = "SecureString"
  key_id      = local.kms_key_arn
  value       = "placeholder-set-me-with-aws-ssm-put-parameter"

  lifecycle {
    ignore_changes = [value]
  }

  tags = var.tags
}

# Signs the anonymous client ids (CLIENT_ID_SIGNING_KEY): one key for every task, kept in the
# state like the admin token, so a deploy never invalidates the students' cookies.
resource "random_password" "client_id_signing_key" {
  length  = 48
  special = false
}

resource "aws_ssm_parameter" "client_id_signing_key" {
  # checkov:skip=CKV_AWS_337: seed default (AWS-managed aws/ssm key); var.create_kms_key enables a customer-managed key
  name        = "${local.parameter_prefix}/client-id-signing-key"
  description = "HMAC key of the client ids (CLIENT_ID_SIGNING_KEY)"
  type        = "SecureString"
  key_id      = local.kms_key_arn
  value       = random_password.client_id_signing_key.result

  tags = var.tags
}

resource "aws_ssm_parameter" "admin_token" {
  # checkov:skip=CKV_AWS_337: seed default (AWS-managed aws/ssm key); var.create_kms_key enables a customer-managed key
  name        = "${local.parameter_prefix}/admin-token"
  description = "Teacher credential (ADMIN_TOKEN)"
  type        = "SecureString"
  key_id      = local.kms_key_arn
  value       = coalesce(var.admin_token, random_password.admin_token.result)

  tags = var.tags
}

# Teachers' sign-in with Google or Microsoft (OIDC_CLIENT_SECRET), only when OIDC is on: like
# the Groq key, a placeholder the operator overwrites, whose value Terraform then ignores.
resource "aws_ssm_parameter" "oidc_client_secret" {
  # checkov:skip=CKV_AWS_337: seed default (AWS-managed aws/ssm key); var.create_kms_key enables a customer-managed key
  count = var.enable_oidc ? 1 : 0

  name        = "${local.parameter_prefix}/oidc-client-secret"
  description = "OIDC client secret (OIDC_CLIENT_SECRET). Set it with: aws ssm put-parameter --overwrite --type SecureString"
  type        = "SecureString"
  key_id      = local.kms_key_arn
  value       = "placeholder-set-me-with-aws-ssm-put-parameter"

  lifecycle {
    ignore_changes = [value]
  }

  tags = var.tags
}
