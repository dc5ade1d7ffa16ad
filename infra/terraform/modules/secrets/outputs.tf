output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key, or null when AWS-managed keys are used."
  value       = local.kms_key_arn
}

output "llm_api_key_parameter_arn" {
  description = "ARN of the SecureString that holds the Groq API key."
  value       = aws_ssm_parameter.llm_api_key.arn
}

output "llm_api_key_parameter_name" {
  description = "Name of the SecureString that holds the Groq API key (write the real key here)."
  value       = aws_ssm_parameter.llm_api_key.name
}

output "admin_token_parameter_arn" {
  description = "ARN of the SecureString that holds ADMIN_TOKEN."
  value       = aws_ssm_parameter.admin_token.arn
}

output "admin_token_parameter_name" {
  description = "Name of the SecureString that holds ADMIN_TOKEN."
  value       = aws_ssm_parameter.admin_token.name
}

output "client_id_signing_key_parameter_arn" {
  description = "ARN of the SecureString that holds CLIENT_ID_SIGNING_KEY."
  value       = aws_ssm_parameter.client_id_signing_key.arn
}

output "oidc_client_secret_parameter_arn" {
  description = "ARN of the SecureString that holds OIDC_CLIENT_SECRET; null without OIDC sign-in."
  value       = one(aws_ssm_parameter.oidc_client_secret[*].arn)
}

output "oidc_client_secret_parameter_name" {
  description = "Name of the SecureString to write the OIDC client secret into; null without OIDC sign-in."
  value       = one(aws_ssm_parameter.oidc_client_secret[*].name)
}

output "parameter_prefix" {
  description = "Path prefix under which this deployment keeps its parameters."
  value       = local.parameter_prefix
}
