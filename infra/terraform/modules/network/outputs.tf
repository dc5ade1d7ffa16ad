output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the two public subnets (ALB; tasks too unless private subnets are enabled)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the two private subnets; empty when enable_private_subnets is false."
  value       = aws_subnet.private[*].id
}

output "workload_subnet_ids" {
  description = "Subnets for tasks and data stores: the private ones when enabled, else the public ones."
  value       = var.enable_private_subnets ? aws_subnet.private[*].id : aws_subnet.public[*].id
}

output "workloads_are_public" {
  description = "True when tasks run in public subnets and need a public IP to reach ECR, SSM and Groq."
  value       = !var.enable_private_subnets
}
