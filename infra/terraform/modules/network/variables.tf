variable "name" {
  type        = string
  description = "Name prefix for every resource of this module (e.g. chatgepeto-prod)."
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC."
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be a valid IPv4 CIDR block, e.g. 10.0.0.0/16."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Exactly two availability zones; one public (and optionally one private) subnet in each."

  validation {
    condition     = length(var.availability_zones) == 2
    error_message = "availability_zones must list exactly two zones."
  }
}

variable "enable_private_subnets" {
  type        = bool
  description = "Future improvement: private subnets for tasks and data, with a single NAT gateway for egress."
  default     = false
}

variable "enable_flow_logs" {
  type        = bool
  description = "Send VPC flow logs (rejected traffic) to CloudWatch Logs."
  default     = false
}

variable "flow_log_retention_days" {
  type        = number
  description = "Retention of the VPC flow log group, in days."
  default     = 7
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for the flow log group; null uses the CloudWatch Logs default encryption."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
