variable "name" {
  type        = string
  description = "Name prefix: cluster, service and task family are all called this."
}

variable "region" {
  type        = string
  description = "AWS region (awslogs driver)."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets of the tasks."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the tasks."
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR of the VPC: the tasks reach their data stores (PostgreSQL, NFS, Redis) inside it."
}

variable "alb_security_group_id" {
  type        = string
  description = "Security group of the ALB, the only source allowed on ports 8000 and 3000."
}

variable "assign_public_ip" {
  type        = bool
  description = "Give each task a public IP: needed in public subnets (no NAT) to reach ECR, SSM and Groq."
  default     = true
}

variable "backend_repository_url" {
  type        = string
  description = "ECR repository URL of the backend image (also used by the ingestion worker)."
}

variable "frontend_repository_url" {
  type        = string
  description = "ECR repository URL of the frontend image."
}

variable "ecr_repository_arns" {
  type        = list(string)
  description = "ARNs of the two repositories the execution role may pull from."
}

variable "image_tag" {
  type        = string
  description = "Image tag (a commit SHA) of the first task definition; CI registers later revisions."
}

variable "backend_target_group_arn" {
  type        = string
  description = "Target group of the backend (port 8000)."
}

variable "frontend_target_group_arn" {
  type        = string
  description = "Target group of the frontend (port 3000)."
}

variable "task_cpu" {
  type        = number
  description = "Task CPU units shared by backend, worker and frontend (1024 = 1 vCPU; the seed had 512)."
  default     = 1024

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.task_cpu)
    error_message = "task_cpu must be a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "task_memory" {
  type        = number
  description = "Task memory in MiB (2048 = 2 GB; the seed had 1024), split into per-container limits."
  default     = 2048

  validation {
    condition     = var.task_memory >= 1024
    error_message = "task_memory must be at least 1024 MiB: the web app takes 256 and the worker needs room for the model and a parse."
  }
}

variable "database" {
  type        = string
  description = "Where data survives deploys: \"rds\" (DATABASE_URL from SSM) or \"efs-sqlite\" (SQLite on EFS, exactly one task)."
  default     = "rds"

  validation {
    condition     = contains(["rds", "efs-sqlite"], var.database)
    error_message = "database must be \"rds\" or \"efs-sqlite\"."
  }
}

variable "desired_count" {
  type        = number
  description = "Number of tasks. Must be 1 with efs-sqlite (SQLite allows one writer host)."
  default     = 1

  validation {
    condition     = var.desired_count >= 1 && (var.database == "rds" || var.desired_count == 1)
    error_message = "desired_count must be at least 1, and exactly 1 with database = \"efs-sqlite\"."
  }
}

variable "enable_autoscaling" {
  type        = bool
  description = "Scale the service on CPU (target tracking). Needs database = \"rds\": SQLite on EFS cannot be shared by several tasks."
  default     = false

  validation {
    condition     = !var.enable_autoscaling || var.database == "rds"
    error_message = "enable_autoscaling needs database = \"rds\"; with efs-sqlite the service runs exactly one task."
  }
}

variable "autoscaling_min_capacity" {
  type        = number
  description = "Fewest tasks when autoscaling."
  default     = 1
}

variable "autoscaling_max_capacity" {
  type        = number
  description = "Most tasks when autoscaling."
  default     = 4
}

variable "autoscaling_cpu_target" {
  type        = number
  description = "Average service CPU (percent) that target tracking aims for."
  default     = 60
}

variable "efs_file_system_id" {
  type        = string
  description = "EFS file system mounted as CHATGEPETO_DATA_DIR with efs-sqlite; null otherwise."
  default     = null
}

variable "efs_file_system_arn" {
  type        = string
  description = "ARN of that file system (task role mount permission)."
  default     = null
}

variable "efs_access_point_id" {
  type        = string
  description = "EFS access point used for the mount."
  default     = null
}

variable "efs_mount_target_ids" {
  type        = list(string)
  description = "EFS mount targets the service waits for before starting tasks."
  default     = []
}

variable "efs_access_point_arn" {
  type        = string
  description = "ARN of that access point."
  default     = null
}

variable "llm_api_key_parameter_arn" {
  type        = string
  description = "SSM SecureString with the Groq API key (LLM_API_KEY)."
}

variable "admin_token_parameter_arn" {
  type        = string
  description = "SSM SecureString with ADMIN_TOKEN."
}

variable "client_id_signing_key_parameter_arn" {
  type        = string
  description = "SSM SecureString with CLIENT_ID_SIGNING_KEY (null: the backend keeps a generated key in its database)."
  default     = null
}

variable "database_url_parameter_arn" {
  type        = string
  description = "SSM SecureString with DATABASE_URL (rds); null with efs-sqlite."
  default     = null
}

variable "redis_url_parameter_arn" {
  type        = string
  description = "SSM SecureString with REDIS_URL when Redis is enabled; null otherwise."
  default     = null
}

variable "oidc_client_secret_parameter_arn" {
  type        = string
  description = "SSM SecureString with OIDC_CLIENT_SECRET when teachers sign in with an OIDC provider; null otherwise."
  default     = null
}

variable "oidc_issuer" {
  type        = string
  description = "OIDC_ISSUER: the provider's https address (https://accounts.google.com); \"\" leaves OIDC sign-in off."
  default     = ""
}

variable "oidc_client_id" {
  type        = string
  description = "OIDC_CLIENT_ID registered with the provider; \"\" when OIDC sign-in is off."
  default     = ""
}

variable "oidc_allowed_domains" {
  type        = string
  description = "OIDC_ALLOWED_DOMAINS: comma-separated e-mail domains that may sign in; \"\": any (invited teachers only)."
  default     = ""
}

variable "oidc_label" {
  type        = string
  description = "OIDC_LABEL: the sign-in button's text; \"\": named after the issuer."
  default     = ""
}

variable "conversation_retention_days" {
  type        = string
  description = "CONVERSATION_RETENTION_DAYS: days an idle conversation of no course is kept (1-3650); \"\": kept. Courses set their own."
  default     = ""
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key of the parameters and log groups; null when AWS-managed keys are used."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the container log groups, in days (the seed: 7)."
  default     = 7
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the backend and worker."
  default     = "INFO"
}

variable "max_upload_mb" {
  type        = number
  description = "MAX_UPLOAD_MB: largest accepted upload."
  default     = 50
}

variable "llm_base_url" {
  type        = string
  description = "LLM_BASE_URL: OpenAI-compatible endpoint (Groq by default)."
  default     = "https://api.groq.com/openai/v1"
}

variable "llm_model" {
  type        = string
  description = "LLM_MODEL served by that endpoint."
  default     = "llama-3.3-70b-versatile"
}

variable "sample_course" {
  type        = bool
  description = "CHATGEPETO_SAMPLE_COURSE: load the bundled sample course on first start."
  default     = true
}

variable "readonly_root_filesystem" {
  type        = bool
  description = "Run containers with a read-only root filesystem (writable: /tmp, the data dir, the Next.js cache)."
  default     = true
}

variable "health_check_grace_period" {
  type        = number
  description = "Seconds the ALB health checks are ignored after a task starts (the embedding model loads first)."
  default     = 120
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
