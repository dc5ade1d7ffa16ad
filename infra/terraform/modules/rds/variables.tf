variable "name" {
  type        = string
  description = "Name prefix (e.g. chatgepeto-prod)."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the database."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Two subnets in different AZs for the DB subnet group (private ones when enabled)."
}

variable "client_security_group_id" {
  type        = string
  description = "Security group of the ECS tasks, the only clients allowed on 5432."
}

variable "parameter_prefix" {
  type        = string
  description = "SSM path prefix; DATABASE_URL is stored at <prefix>/database-url."
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL major version; pgvector is available on RDS PostgreSQL 15 and later."
  default     = "17"

  validation {
    condition     = tonumber(split(".", var.engine_version)[0]) >= 15
    error_message = "Use PostgreSQL 15 or later (pgvector on RDS)."
  }
}

variable "instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.t4g.micro"
}

variable "allocated_storage" {
  type        = number
  description = "Initial storage in GiB (gp3)."
  default     = 20
}

variable "max_allocated_storage" {
  type        = number
  description = "Storage autoscaling ceiling in GiB."
  default     = 100
}

variable "database_name" {
  type        = string
  description = "Name of the application database."
  default     = "chatgepeto"
}

variable "username" {
  type        = string
  description = "Master user name (owns the database and may CREATE EXTENSION vector)."
  default     = "chatgepeto"
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups (point-in-time recovery window)."
  default     = 7
}

variable "multi_az" {
  type        = bool
  description = "Standby replica in a second AZ (doubles the instance cost)."
  default     = false
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instance until this is turned off."
  default     = true
}

variable "monitoring_interval" {
  type        = number
  description = "Enhanced monitoring interval in seconds (0 disables it)."
  default     = 60
}

variable "performance_insights_enabled" {
  type        = bool
  description = "Turn on Performance Insights (7 days free on most classes)."
  default     = false
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for storage and the DATABASE_URL parameter; null uses AWS-managed keys."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
