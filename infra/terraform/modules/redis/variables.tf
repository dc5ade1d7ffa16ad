variable "name" {
  type        = string
  description = "Name prefix (e.g. chatgepeto-prod)."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cache."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets for the cache subnet group."
}

variable "client_security_group_id" {
  type        = string
  description = "Security group of the ECS tasks, the only clients allowed on 6379."
}

variable "parameter_prefix" {
  type        = string
  description = "SSM path prefix; REDIS_URL is stored at <prefix>/redis-url."
}

variable "node_type" {
  type        = string
  description = "ElastiCache node type."
  default     = "cache.t4g.micro"
}

variable "num_cache_clusters" {
  type        = number
  description = "Nodes in the replication group; 2 or more adds a replica with automatic failover."
  default     = 1
}

variable "engine_version" {
  type        = string
  description = "Redis OSS engine version."
  default     = "7.1"
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key; null uses the AWS-managed key."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
