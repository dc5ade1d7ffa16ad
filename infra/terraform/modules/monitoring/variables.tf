variable "name" {
  type        = string
  description = "Name prefix of alarms and dashboard."
}

variable "region" {
  type        = string
  description = "AWS region shown by the dashboard widgets."
}

variable "cluster_name" {
  type        = string
  description = "ECS cluster of the service."
}

variable "service_name" {
  type        = string
  description = "ECS service watched by the CPU and memory alarms."
}

variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the ALB (LoadBalancer dimension)."
}

variable "target_groups" {
  type        = map(string)
  description = "Target group ARN suffixes by name (backend, frontend), for 5xx and unhealthy-host alarms."
}

variable "rds_instance_identifier" {
  type        = string
  description = "RDS instance shown on the dashboard; null with efs-sqlite."
  default     = null
}

variable "log_group_names" {
  type        = map(string)
  description = "Container log groups, for the dashboard's recent-errors panel."
}

variable "cpu_threshold" {
  type        = number
  description = "Service CPU (percent) that raises the alarm."
  default     = 80
}

variable "memory_threshold" {
  type        = number
  description = "Service memory (percent) that raises the alarm."
  default     = 80
}

variable "target_5xx_threshold" {
  type        = number
  description = "5xx answers from one target group in 5 minutes that raise the alarm."
  default     = 5
}

variable "llm_tokens_per_hour_threshold" {
  type        = number
  description = "LLM tokens (every call: answers and follow-up rewrites) in one hour that raise the LLMTokens alarm; about 3x a busy class's hour by default."
  default     = 1500000
}

variable "create_sns_topic" {
  type        = bool
  description = "Create an SNS topic that receives every alarm."
  default     = false
}

variable "alarm_email" {
  type        = string
  description = "E-mail subscribed to the SNS topic (confirm the subscription mail); null for none."
  default     = null
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for the SNS topic (its policy admits CloudWatch); null leaves the topic unencrypted."
  default     = null
}

variable "metrics_namespace" {
  type        = string
  description = "Namespace of the app's own EMF metrics."
  default     = "ChatGepeto"
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
