output "cluster_name" {
  description = "Name of the ECS cluster (repository variable ECS_CLUSTER)."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "Name of the ECS service (repository variable ECS_SERVICE)."
  value       = aws_ecs_service.this.name
}

output "service_arn" {
  description = "ARN of the ECS service (the deploy role may update exactly this one)."
  value       = aws_ecs_service.this.id
}

output "task_definition_family" {
  description = "Task definition family (repository variable ECS_TASK_FAMILY)."
  value       = aws_ecs_task_definition.this.family
}

output "execution_role_arn" {
  description = "ARN of the task execution role."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role."
  value       = aws_iam_role.task.arn
}

output "log_group_names" {
  description = "Log groups of the three containers."
  value = {
    backend  = aws_cloudwatch_log_group.backend.name
    worker   = aws_cloudwatch_log_group.worker.name
    frontend = aws_cloudwatch_log_group.frontend.name
  }
}

output "tasks_security_group_id" {
  description = "Security group of the tasks; data stores accept traffic only from it."
  value       = aws_security_group.tasks.id
}
