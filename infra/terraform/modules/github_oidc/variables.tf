variable "name" {
  type        = string
  description = "Name prefix of the deploy role."
}

variable "region" {
  type        = string
  description = "AWS region of the ECS service and CodeCommit repository."
}

variable "github_repository" {
  type        = string
  description = "GitHub repository allowed to assume the role, as owner/name."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must look like owner/name."
  }
}

variable "github_branch" {
  type        = string
  description = "Branch whose workflows may deploy."
  default     = "main"
}

variable "create_oidc_provider" {
  type        = bool
  description = "Create the account's token.actions.githubusercontent.com OIDC provider (false if it already exists)."
  default     = true
}

variable "ecr_repository_arns" {
  type        = list(string)
  description = "Repositories CI may push to."
}

variable "ecs_cluster_name" {
  type        = string
  description = "Cluster of the service CI deploys."
}

variable "ecs_service_name" {
  type        = string
  description = "Service CI deploys."
}

variable "pass_role_arns" {
  type        = list(string)
  description = "Execution and task roles CI may pass to ECS when registering a task definition."
}

variable "codecommit_repository_name" {
  type        = string
  description = "CodeCommit repository that mirror.yml pushes to; null grants no CodeCommit access."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
