output "database_url_parameter_arn" {
  description = "ARN of the SecureString holding DATABASE_URL."
  value       = aws_ssm_parameter.database_url.arn
}

output "endpoint" {
  description = "Host name of the database."
  value       = aws_db_instance.this.address
}

output "instance_identifier" {
  description = "Identifier of the RDS instance (the DBInstanceIdentifier metric dimension)."
  value       = aws_db_instance.this.identifier
}

output "security_group_id" {
  description = "Security group of the database."
  value       = aws_security_group.this.id
}
