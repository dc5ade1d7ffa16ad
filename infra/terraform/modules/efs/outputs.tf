output "file_system_id" {
  description = "ID of the EFS file system."
  value       = aws_efs_file_system.this.id
}

output "file_system_arn" {
  description = "ARN of the EFS file system (the task role may mount it)."
  value       = aws_efs_file_system.this.arn
}

output "access_point_id" {
  description = "Access point the task mounts as CHATGEPETO_DATA_DIR."
  value       = aws_efs_access_point.data.id
}

output "access_point_arn" {
  description = "ARN of the access point."
  value       = aws_efs_access_point.data.arn
}

output "mount_target_ids" {
  description = "Mount targets; the ECS service must wait for them."
  value       = aws_efs_mount_target.this[*].id
}
