output "sns_topic_arn" {
  description = "SNS topic that receives the alarms, or null when none was created."
  value       = var.create_sns_topic ? aws_sns_topic.alarms[0].arn : null
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "alarm_names" {
  description = "Names of every alarm."
  value = concat(
    [aws_cloudwatch_metric_alarm.cpu.alarm_name, aws_cloudwatch_metric_alarm.memory.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.target_5xx : a.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.unhealthy_hosts : a.alarm_name],
  )
}
