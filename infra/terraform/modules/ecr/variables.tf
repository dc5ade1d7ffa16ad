variable "name" {
  type        = string
  description = "Name prefix of the repositories: <name>-backend and <name>-frontend."
}

variable "keep_images" {
  type        = number
  description = "How many images each repository keeps; older ones expire (rollback needs only a few)."
  default     = 30
}

variable "untagged_expiry_days" {
  type        = number
  description = "Days after which untagged images (failed or superseded pushes) expire."
  default     = 7
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for image encryption; null uses the AWS-managed aws/ecr key."
  default     = null
}

variable "force_delete" {
  type        = bool
  description = "Let terraform destroy delete repositories that still hold images."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
