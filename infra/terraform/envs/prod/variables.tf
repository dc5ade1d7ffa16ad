variable "region" {
  type        = string
  description = "AWS region (the seed: us-east-1)."
  default     = "us-east-1"
}

variable "environment" {
  type        = string
  description = "Environment name, part of every resource name."
  default     = "prod"
}

variable "availability_zone_letters" {
  type        = list(string)
  description = "The two availability zones, as letters appended to the region (us-east-1a, us-east-1b)."
  default     = ["a", "b"]

  validation {
    condition     = length(var.availability_zone_letters) == 2
    error_message = "Exactly two availability zones."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC (the seed: 10.0.0.0/16)."
  default     = "10.0.0.0/16"
}

variable "image_tag" {
  type        = string
  description = "Image tag (commit SHA) for the task definition Terraform registers; push both images with this tag first."
}

variable "task_cpu" {
  type        = number
  description = "Task CPU units: 1024 (1 vCPU) by default; the seed's 512 halves ingestion speed (see README)."
  default     = 1024
}

variable "task_memory" {
  type        = number
  description = "Task memory in MiB: 2048 by default; the seed's 1024 is tight for the embedding model plus Next.js."
  default     = 2048
}

variable "desired_count" {
  type        = number
  description = "Number of tasks (exactly 1 with efs-sqlite)."
  default     = 1

  validation {
    condition     = var.desired_count >= 1 && (var.database == "rds" || var.desired_count == 1)
    error_message = "desired_count must be at least 1, and exactly 1 with database = \"efs-sqlite\" (SQLite allows one writer)."
  }
}

variable "database" {
  type        = string
  description = "Where data survives deploys: \"rds\" (default, RDS PostgreSQL + pgvector) or \"efs-sqlite\" (SQLite on encrypted EFS, one task)."
  default     = "rds"

  validation {
    condition     = contains(["rds", "efs-sqlite"], var.database)
    error_message = "database must be \"rds\" or \"efs-sqlite\"."
  }
}

variable "rds_instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.t4g.micro"
}

variable "rds_engine_version" {
  type        = string
  description = "RDS PostgreSQL major version (15 or later for pgvector)."
  default     = "17"
}

variable "rds_multi_az" {
  type        = bool
  description = "Multi-AZ standby for RDS (about doubles its cost)."
  default     = false
}

variable "rds_performance_insights" {
  type        = bool
  description = "Performance Insights on RDS."
  default     = false
}

variable "deletion_protection" {
  type        = bool
  description = "Deletion protection on the ALB and RDS (turn off before terraform destroy)."
  default     = true
}

variable "certificate_arn" {
  type        = string
  description = "HTTPS: an ACM certificate ARN for the ALB; port 80 then redirects to 443. Or give domain_name and route53_zone_id."
  default     = null
}

variable "domain_name" {
  type        = string
  description = "HTTPS without a certificate at hand: the app's host name (e.g. chat.escola.edu.br); an ACM certificate is requested for it and validated by DNS in route53_zone_id, and the name points at the ALB."
  default     = null
}

variable "route53_zone_id" {
  type        = string
  description = "The Route 53 hosted zone that holds domain_name (DNS validation and the alias record)."
  default     = null

  validation {
    condition     = (var.domain_name == null) == (var.route53_zone_id == null)
    error_message = "domain_name and route53_zone_id go together: the certificate is validated by a DNS record in that zone."
  }
}

variable "allow_insecure_http" {
  type        = bool
  description = "Demos only: serve plain HTTP on :80 without a certificate. The teacher token and the students' cookies then travel in clear text."
  default     = false

  validation {
    condition     = var.allow_insecure_http || var.certificate_arn != null || var.domain_name != null
    error_message = "Production serves HTTPS: set certificate_arn, or domain_name with route53_zone_id (DNS-validated ACM certificate). For a demo over plain HTTP set allow_insecure_http = true."
  }
}

variable "enable_waf" {
  type        = bool
  description = "Option WAF: AWS managed rule sets and a per-IP rate limit on the ALB."
  default     = false
}

variable "enable_redis" {
  type        = bool
  description = "Option Redis: ElastiCache, delivered to the app as REDIS_URL."
  default     = false
}

variable "redis_num_cache_clusters" {
  type        = number
  description = "Redis nodes; 2 adds a replica with automatic failover."
  default     = 1
}

variable "enable_autoscaling" {
  type        = bool
  description = "Option autoscaling: CPU target tracking on the ECS service (needs database = \"rds\")."
  default     = false

  validation {
    condition     = !var.enable_autoscaling || var.database == "rds"
    error_message = "enable_autoscaling needs database = \"rds\": SQLite on EFS must run as exactly one task."
  }
}

variable "autoscaling_max_capacity" {
  type        = number
  description = "Most tasks when autoscaling."
  default     = 4
}

variable "enable_private_subnets" {
  type        = bool
  description = "Option private subnets + NAT: tasks and data stores leave the public subnets (+ ~$33/month NAT)."
  default     = false
}

variable "enable_flow_logs" {
  type        = bool
  description = "VPC flow logs (rejected traffic) to CloudWatch Logs."
  default     = false
}

variable "create_kms_key" {
  type        = bool
  description = "A customer-managed KMS key for secrets, logs, images and data (about $1/month)."
  default     = false
}

variable "access_logs_bucket" {
  type        = string
  description = "Existing S3 bucket for ALB access logs; null disables them."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the log groups, in days (the seed: 7)."
  default     = 7
}

variable "create_sns_topic" {
  type        = bool
  description = "Create an SNS topic for the alarms."
  default     = false
}

variable "alarm_email" {
  type        = string
  description = "E-mail subscribed to the alarm topic; null for none."
  default     = null
}

variable "llm_model" {
  type        = string
  description = "LLM_MODEL served by Groq."
  default     = "llama-3.3-70b-versatile"
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the backend and worker."
  default     = "INFO"
}

variable "admin_token" {
  type        = string
  description = "ADMIN_TOKEN for teachers; null generates one (read it from SSM)."
  default     = null
  sensitive   = true
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) allowed to deploy through OIDC; null creates no deploy role."
  default     = null
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account's GitHub OIDC provider (false if the account already has one)."
  default     = true
}

variable "codecommit_repository_name" {
  type        = string
  description = "Existing CodeCommit repository that mirror.yml pushes to; null for no mirror."
  default     = null
}

# Teachers' sign-in with Google Workspace or Microsoft Entra (OIDC), off unless oidc_issuer is
# set; its client secret goes into SSM (output oidc_client_secret_parameter), never here.
variable "oidc_issuer" {
  type        = string
  description = "OIDC_ISSUER: the provider's https address (https://accounts.google.com); \"\" leaves OIDC sign-in off."
  default     = ""

  validation {
    condition     = var.oidc_issuer == "" || startswith(var.oidc_issuer, "https://")
    error_message = "oidc_issuer is the provider's https address, like https://accounts.google.com."
  }
}

variable "oidc_client_id" {
  type        = string
  description = "OIDC_CLIENT_ID registered with the provider; needed exactly when oidc_issuer is set."
  default     = ""

  validation {
    condition     = (var.oidc_client_id == "") == (var.oidc_issuer == "")
    error_message = "oidc_issuer and oidc_client_id go together: set both for OIDC sign-in, or neither."
  }
}

variable "oidc_allowed_domains" {
  type        = string
  description = "OIDC_ALLOWED_DOMAINS: comma-separated e-mail domains that may sign in (\"\": any; only invited teachers either way)."
  default     = ""

  validation {
    condition     = var.oidc_allowed_domains == "" || var.oidc_issuer != ""
    error_message = "oidc_allowed_domains needs oidc_issuer and oidc_client_id."
  }
}

variable "oidc_label" {
  type        = string
  description = "OIDC_LABEL: the sign-in button's text (\"\": named after the issuer)."
  default     = ""

  validation {
    condition     = var.oidc_label == "" || var.oidc_issuer != ""
    error_message = "oidc_label needs oidc_issuer and oidc_client_id."
  }
}

variable "conversation_retention_days" {
  type        = string
  description = "CONVERSATION_RETENTION_DAYS (LGPD): days an idle conversation of no course is kept, 1-3650; \"\": kept. Each course sets its own."
  default     = ""

  validation {
    condition     = var.conversation_retention_days == "" || can(regex("^[1-9][0-9]{0,3}$", var.conversation_retention_days)) && try(tonumber(var.conversation_retention_days) <= 3650, false)
    error_message = "conversation_retention_days is a whole number of days from 1 to 3650, or \"\" to keep them."
  }
}
