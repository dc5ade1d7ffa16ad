output "backend_repository_url" {
  description = "URL of the backend repository (images: <url>:<commit sha>)."
  value       = aws_ecr_repository.backend.repository_url
}

output "frontend_repository_url" {
  description = "URL of the frontend repository (images: <url>:<commit sha>)."
  value       = aws_ecr_repository.frontend.repository_url
}

output "backend_repository_name" {
  description = "Name of the backend repository."
  value       = aws_ecr_repository.backend.name
}

output "frontend_repository_name" {
  description = "Name of the frontend repository."
  value       = aws_ecr_repository.frontend.name
}

output "repository_arns" {
  description = "ARNs of both repositories, for pull (tasks) and push (CI) policies."
  value       = [aws_ecr_repository.backend.arn, aws_ecr_repository.frontend.arn]
}
