output "redis_url_parameter_arn" {
  description = "ARN of the SecureString holding REDIS_URL."
  value       = aws_ssm_parameter.redis_url.arn
}

output "primary_endpoint" {
  description = "Primary endpoint of the replication group."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}
