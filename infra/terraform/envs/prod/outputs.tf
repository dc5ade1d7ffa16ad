output "url" {
  description = "Where the app answers: https://domain_name when one is given, else the ALB (with certificate_arn, point the certificate's name at it)."
  value       = var.domain_name != null ? "https://${var.domain_name}" : module.alb.url
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = module.alb.alb_dns_name
}

output "backend_repository_url" {
  description = "ECR repository of the backend image (repository variable ECR_BACKEND_REPOSITORY is its name)."
  value       = module.ecr.backend_repository_url
}

output "frontend_repository_url" {
  description = "ECR repository of the frontend image."
  value       = module.ecr.frontend_repository_url
}

output "github_variables" {
  description = "Repository variables for .github/workflows/deploy.yml and mirror.yml."
  value = {
    AWS_REGION              = var.region
    AWS_DEPLOY_ROLE_ARN     = one(module.github_oidc[*].role_arn)
    ECR_BACKEND_REPOSITORY  = module.ecr.backend_repository_name
    ECR_FRONTEND_REPOSITORY = module.ecr.frontend_repository_name
    ECS_CLUSTER             = module.ecs.cluster_name
    ECS_SERVICE             = module.ecs.service_name
    ECS_TASK_FAMILY         = module.ecs.task_definition_family
    CODECOMMIT_REPOSITORY   = var.codecommit_repository_name
  }
}

output "llm_api_key_parameter" {
  description = "SSM parameter to write the Groq API key into (aws ssm put-parameter --overwrite)."
  value       = module.secrets.llm_api_key_parameter_name
}

output "admin_token_parameter" {
  description = "SSM parameter that holds ADMIN_TOKEN."
  value       = module.secrets.admin_token_parameter_name
}

output "oidc_client_secret_parameter" {
  description = "SSM parameter to write the OIDC client secret into (aws ssm put-parameter --overwrite); null without OIDC sign-in."
  value       = module.secrets.oidc_client_secret_parameter_name
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the service."
  value       = module.monitoring.dashboard_name
}

output "database" {
  description = "Data store in use, and its endpoint or file system."
  value = {
    kind     = var.database
    endpoint = one(module.rds[*].endpoint)
    efs_id   = one(module.efs[*].file_system_id)
  }
}
