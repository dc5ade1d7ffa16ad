# Future improvement: ElastiCache Redis for shared cache and rate limits (REDIS_URL), so that
# several backend tasks agree. Encrypted in transit (rediss://) and at rest, with a token.

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "ChatGepeto Redis: 6379 from the ECS tasks only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "from_tasks" {
  security_group_id            = aws_security_group.this.id
  description                  = "Redis from the ECS tasks"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = var.client_security_group_id
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "random_password" "auth" {
  length  = 48
  special = false
}

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV_AWS_191: seed default (AWS-managed key); var.create_kms_key enables a customer-managed key
  # checkov:skip=CKV2_AWS_50: seed cost (one node, a cache); var.redis_num_cache_clusters adds a replica and failover
  replication_group_id       = var.name
  description                = "ChatGepeto cache"
  engine                     = "redis"
  engine_version             = var.engine_version
  node_type                  = var.node_type
  num_cache_clusters         = var.num_cache_clusters
  port                       = 6379
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.this.id]
  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result
  automatic_failover_enabled = var.num_cache_clusters > 1
  multi_az_enabled           = var.num_cache_clusters > 1
  snapshot_retention_limit   = 1
  auto_minor_version_upgrade = true

  tags = var.tags
}

resource "aws_ssm_parameter" "redis_url" {
  # checkov:skip=CKV_AWS_337: seed default (AWS-managed aws/ssm key); var.create_kms_key enables a customer-managed key
  name        = "${var.parameter_prefix}/redis-url"
  description = "REDIS_URL of the ChatGepeto backend (TLS, token auth)"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = "rediss://:${random_password.auth.result}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379/0"

  tags = var.tags
}
