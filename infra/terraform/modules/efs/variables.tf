variable "name" {
  type        = string
  description = "Name prefix (e.g. chatgepeto-prod)."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the file system."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets where mount targets are created (one per AZ, the tasks' subnets)."
}

variable "client_security_group_id" {
  type        = string
  description = "Security group of the ECS tasks, the only clients allowed on 2049."
}

variable "posix_uid" {
  type        = number
  description = "User id the backend image runs as; the access point maps every client to it."
  default     = 10001
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key; null uses the AWS-managed aws/elasticfilesystem key."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
