# Alarms on CPU, memory, target 5xx and unhealthy hosts, an optional SNS topic, and one
# dashboard with AWS metrics beside the app's own EMF metrics (namespace ChatGepeto).

locals {
  alarm_actions = var.create_sns_topic ? [aws_sns_topic.alarms[0].arn] : []

  # The app's EMF metrics (emitted as JSON log lines, extracted by CloudWatch Logs).
  app_metrics = {
    latency   = ["AnswerLatencyMs", "TimeToFirstTokenMs", "RetrievalLatencyMs"]
    tokens    = ["LLMTokens"]
    ingestion = ["IngestionSeconds", "IngestionFailures"]
    refusals  = ["Refusals"]
  }

  # SEARCH matches the metric whatever dimensions the app attaches to it.
  app_metric_search = {
    for metric in flatten(values(local.app_metrics)) :
    metric => "SEARCH('{${var.metrics_namespace}} MetricName=\"${metric}\"', '${contains(["LLMTokens", "IngestionFailures", "Refusals"], metric) ? "Sum" : "Average"}', 300)"
  }

  ecs_dimensions = { ClusterName = var.cluster_name, ServiceName = var.service_name }
}

# CloudWatch cannot publish to a topic encrypted with the AWS-managed aws/sns key (its key
# policy does not admit cloudwatch.amazonaws.com), so only the customer-managed key is used.
resource "aws_sns_topic" "alarms" {
  # checkov:skip=CKV_AWS_26: seed default (alarm texts, no secrets); var.create_kms_key encrypts the topic
  count = var.create_sns_topic ? 1 : 0

  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn

  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  count = var.create_sns_topic && var.alarm_email != null ? 1 : 0

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "${var.name}-cpu-high"
  alarm_description   = "ECS service CPU above ${var.cpu_threshold}% for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = local.ecs_dimensions
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.cpu_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "memory" {
  alarm_name          = "${var.name}-memory-high"
  alarm_description   = "ECS service memory above ${var.memory_threshold}% for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  dimensions          = local.ecs_dimensions
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.memory_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  for_each = var.target_groups

  alarm_name          = "${var.name}-${each.key}-5xx"
  alarm_description   = "More than ${var.target_5xx_threshold} 5xx answers from the ${each.key} targets in 5 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.target_5xx_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_hosts" {
  for_each = var.target_groups

  alarm_name          = "${var.name}-${each.key}-unhealthy"
  alarm_description   = "At least one ${each.key} target failed its health check for 3 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

# Every LLM call logs one JSON line with its tokens ({"llm_tokens": N, "kind": "answer" or
# "rewrite"}): summed into a metric of its own (the EMF metric LLMTokens counts answer output
# only), so the Groq bill is watched whatever the call.
resource "aws_cloudwatch_log_metric_filter" "llm_call_tokens" {
  name           = "${var.name}-llm-call-tokens"
  log_group_name = var.log_group_names["backend"]
  pattern        = "{ $.llm_tokens = * }"

  metric_transformation {
    name      = "LLMCallTokens"
    namespace = var.metrics_namespace
    value     = "$.llm_tokens"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "llm_tokens" {
  alarm_name          = "${var.name}-llm-tokens"
  alarm_description   = "LLMTokens: more than ${var.llm_tokens_per_hour_threshold} LLM tokens in one hour (answers and rewrites)"
  namespace           = var.metrics_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.llm_call_tokens.metric_transformation[0].name
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = var.llm_tokens_per_hour_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name

  dashboard_body = jsonencode({
    widgets = concat(
      [
        {
          type = "metric", x = 0, y = 0, width = 12, height = 6
          properties = {
            title  = "ECS service CPU and memory (%)"
            region = var.region
            stat   = "Average"
            period = 60
            metrics = [
              ["AWS/ECS", "CPUUtilization", "ClusterName", var.cluster_name, "ServiceName", var.service_name],
              ["AWS/ECS", "MemoryUtilization", "ClusterName", var.cluster_name, "ServiceName", var.service_name],
            ]
          }
        },
        {
          type = "metric", x = 12, y = 0, width = 12, height = 6
          properties = {
            title  = "ALB requests and target 5xx"
            region = var.region
            stat   = "Sum"
            period = 60
            metrics = concat(
              [["AWS/ApplicationELB", "RequestCount", "LoadBalancer", var.alb_arn_suffix]],
              [for name, tg in var.target_groups : ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", var.alb_arn_suffix, "TargetGroup", tg, { label = "${name} 5xx" }]],
            )
          }
        },
        {
          type = "metric", x = 0, y = 6, width = 12, height = 6
          properties = {
            title  = "Target response time (s, p90) and healthy hosts"
            region = var.region
            period = 60
            metrics = concat(
              [for name, tg in var.target_groups : ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.alb_arn_suffix, "TargetGroup", tg, { stat = "p90", label = "${name} p90" }]],
              [for name, tg in var.target_groups : ["AWS/ApplicationELB", "HealthyHostCount", "LoadBalancer", var.alb_arn_suffix, "TargetGroup", tg, { stat = "Minimum", label = "${name} healthy", yAxis = "right" }]],
            )
          }
        },
        {
          type = "metric", x = 12, y = 6, width = 12, height = 6
          properties = {
            title   = "Answer latency (ms): total, first token, retrieval"
            region  = var.region
            period  = 300
            metrics = [for i, m in local.app_metrics.latency : [{ expression = local.app_metric_search[m], id = "lat${i}", label = m }]]
          }
        },
        {
          type = "metric", x = 0, y = 12, width = 8, height = 6
          properties = {
            title  = "LLM tokens: answer output, and every call (the LLMTokens alarm's metric)"
            region = var.region
            period = 300
            metrics = [
              [{ expression = local.app_metric_search["LLMTokens"], id = "tok", label = "LLMTokens" }],
              [var.metrics_namespace, aws_cloudwatch_log_metric_filter.llm_call_tokens.metric_transformation[0].name, { stat = "Sum", period = 3600, id = "calls", label = "LLMCallTokens per hour (all calls)" }],
            ]
            annotations = {
              horizontal = [{ label = "LLMTokens alarm (per hour)", value = var.llm_tokens_per_hour_threshold }]
            }
          }
        },
        {
          type = "metric", x = 8, y = 12, width = 8, height = 6
          properties = {
            title  = "Ingestion: seconds per document and failures"
            region = var.region
            period = 300
            metrics = [
              [{ expression = local.app_metric_search["IngestionSeconds"], id = "ing", label = "IngestionSeconds" }],
              [{ expression = local.app_metric_search["IngestionFailures"], id = "ingf", label = "IngestionFailures", yAxis = "right" }],
            ]
          }
        },
        {
          type = "metric", x = 16, y = 12, width = 8, height = 6
          properties = {
            title   = "Refusals (no grounded answer)"
            region  = var.region
            period  = 300
            metrics = [[{ expression = local.app_metric_search["Refusals"], id = "ref", label = "Refusals" }]]
          }
        },
        {
          type = "log", x = 0, y = 18, width = 24, height = 6
          properties = {
            title  = "Recent errors"
            region = var.region
            view   = "table"
            query  = "SOURCE '${var.log_group_names["backend"]}' | SOURCE '${var.log_group_names["worker"]}' | fields @timestamp, @logStream, @message | filter @message like /(?i)(error|exception|traceback)/ | sort @timestamp desc | limit 50"
          }
        },
      ],
      var.rds_instance_identifier == null ? [] : [
        {
          type = "metric", x = 0, y = 24, width = 24, height = 6
          properties = {
            title  = "RDS PostgreSQL"
            region = var.region
            stat   = "Average"
            period = 300
            metrics = [
              ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", var.rds_instance_identifier],
              ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", var.rds_instance_identifier, { yAxis = "right" }],
              ["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", var.rds_instance_identifier, { yAxis = "right" }],
            ]
          }
        },
      ],
    )
  })
}
