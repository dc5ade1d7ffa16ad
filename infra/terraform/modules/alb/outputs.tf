output "alb_arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of its CloudWatch metrics."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "Public DNS name of the load balancer."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone of the load balancer, for a Route 53 alias record."
  value       = aws_lb.this.zone_id
}

output "alb_security_group_id" {
  description = "Security group of the load balancer."
  value       = aws_security_group.alb.id
}

output "backend_target_group_arn" {
  description = "Target group of the backend containers (port 8000, /api/*)."
  value       = aws_lb_target_group.backend.arn
}

output "backend_target_group_arn_suffix" {
  description = "ARN suffix of the backend target group, for CloudWatch metrics."
  value       = aws_lb_target_group.backend.arn_suffix
}

output "frontend_target_group_arn" {
  description = "Target group of the frontend containers (port 3000, default route)."
  value       = aws_lb_target_group.frontend.arn
}

output "frontend_target_group_arn_suffix" {
  description = "ARN suffix of the frontend target group, for CloudWatch metrics."
  value       = aws_lb_target_group.frontend.arn_suffix
}

output "serving_listener_arn" {
  description = "The listener that serves the app (HTTPS with a certificate, else HTTP); the ECS service waits for its rule."
  value       = local.serving_listener_arn
}

output "url" {
  description = "Base URL of the application."
  value       = "${local.https_enabled ? "https" : "http"}://${aws_lb.this.dns_name}"
}
