variable "name" {
  type        = string
  description = "Name prefix for every resource of this module (e.g. chatgepeto-prod)."
}

variable "vpc_id" {
  type        = string
  description = "VPC that holds the load balancer and the tasks."
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR of the VPC: the ALB may only send traffic into it."
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Two public subnets in different AZs for the internet-facing ALB."

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "An ALB needs subnets in at least two availability zones."
  }
}

variable "backend_port" {
  type        = number
  description = "Port of the Flask backend container (/api/*)."
  default     = 8000
}

variable "frontend_port" {
  type        = number
  description = "Port of the Next.js frontend container (everything else)."
  default     = 3000
}

variable "backend_health_path" {
  type        = string
  description = "Health check path of the backend target group."
  default     = "/api/health"
}

variable "frontend_health_path" {
  type        = string
  description = "Health check path of the frontend target group."
  default     = "/"
}

variable "certificate_arn" {
  type        = string
  description = "HTTPS: ACM certificate ARN. With it a 443 listener serves the app and port 80 redirects to it."
  default     = null
}

variable "enable_https" {
  type        = bool
  description = "Serve HTTPS with certificate_arn. Say it when the ARN is only known after apply (a certificate requested in the same plan): listener counts cannot wait for it. null: HTTPS when certificate_arn is set."
  default     = null
}

variable "ssl_policy" {
  type        = string
  description = "TLS policy of the HTTPS listener."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "idle_timeout" {
  type        = number
  description = "Seconds a connection may stay silent; SSE answers wait for the LLM, so this is above the 60 s default."
  default     = 120
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the load balancer until this is turned off."
  default     = true
}

variable "access_logs_bucket" {
  type        = string
  description = "Existing S3 bucket for ALB access logs (with the ELB log-delivery bucket policy); null disables them."
  default     = null
}

variable "enable_waf" {
  type        = bool
  description = "Future improvement: attach a WAFv2 web ACL with AWS managed rule sets to the ALB."
  default     = false
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests per 5 minutes from one IP before WAF blocks it (only with enable_waf)."
  default     = 2000
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the WAF log group, in days."
  default     = 7
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for the WAF log group; null uses the default encryption."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
