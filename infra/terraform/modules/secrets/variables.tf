variable "name" {
  type        = string
  description = "Name prefix (e.g. chatgepeto-prod); parameters live under /<name>/."
}

variable "region" {
  type        = string
  description = "AWS region, for the CloudWatch Logs principal in the KMS key policy."
}

variable "create_kms_key" {
  type        = bool
  description = "Create a customer-managed KMS key (about $1/month) for SSM parameters, log groups, ECR, RDS, EFS, Redis and the alarm topic. False uses AWS-managed keys."
  default     = false
}

variable "admin_token" {
  type        = string
  description = "Teacher credential (ADMIN_TOKEN). Null generates a random 40-character token, readable in SSM."
  default     = null
  sensitive   = true
}

variable "enable_oidc" {
  type        = bool
  description = "Create the SecureString of OIDC_CLIENT_SECRET (teachers sign in with Google or Microsoft); the operator writes its value."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
