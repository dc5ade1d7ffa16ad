# ChatGepeto, production: the seed architecture (VPC, ALB, ECS Fargate, ECR, CloudWatch,
# SSM) plus data that survives deploys (RDS by default) and the seed's future improvements
# as options. Each box is a module under ../../modules.

# Named zones (not "the first two available"): the subnets must not move if AWS adds a zone.
data "aws_availability_zones" "selected" {
  state = "available"

  filter {
    name   = "zone-name"
    values = [for letter in var.availability_zone_letters : "${var.region}${letter}"]
  }
}

locals {
  name = "chatgepeto-${var.environment}"
  rds  = var.database == "rds"
  efs  = var.database == "efs-sqlite"
}

module "network" {
  source = "../../modules/network"

  name                    = local.name
  vpc_cidr                = var.vpc_cidr
  availability_zones      = data.aws_availability_zones.selected.names
  enable_private_subnets  = var.enable_private_subnets
  enable_flow_logs        = var.enable_flow_logs
  flow_log_retention_days = var.log_retention_days
  kms_key_arn             = module.secrets.kms_key_arn
}

module "secrets" {
  source = "../../modules/secrets"

  name           = local.name
  region         = var.region
  create_kms_key = var.create_kms_key
  admin_token    = var.admin_token
  enable_oidc    = var.oidc_issuer != ""
}

module "ecr" {
  source = "../../modules/ecr"

  name        = local.name
  kms_key_arn = module.secrets.kms_key_arn
}

# HTTPS from a domain: a certificate for it, validated by a DNS record in its zone.
locals {
  request_certificate = var.certificate_arn == null && var.domain_name != null
  certificate_arn     = local.request_certificate ? aws_acm_certificate_validation.app[0].certificate_arn : var.certificate_arn
}

resource "aws_acm_certificate" "app" {
  count             = local.request_certificate ? 1 : 0
  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = local.request_certificate ? {
    for option in aws_acm_certificate.app[0].domain_validation_options : option.domain_name => option
  } : {}

  zone_id         = var.route53_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "app" {
  count                   = local.request_certificate ? 1 : 0
  certificate_arn         = aws_acm_certificate.app[0].arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

resource "aws_route53_record" "app" {
  count   = var.domain_name != null ? 1 : 0
  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = module.alb.alb_dns_name
    zone_id                = module.alb.alb_zone_id
    evaluate_target_health = true
  }
}

module "alb" {
  source = "../../modules/alb"

  name                = local.name
  vpc_id              = module.network.vpc_id
  vpc_cidr            = module.network.vpc_cidr
  public_subnet_ids   = module.network.public_subnet_ids
  certificate_arn     = local.certificate_arn
  enable_https        = var.certificate_arn != null || var.domain_name != null
  deletion_protection = var.deletion_protection
  access_logs_bucket  = var.access_logs_bucket
  enable_waf          = var.enable_waf
  log_retention_days  = var.log_retention_days
  kms_key_arn         = module.secrets.kms_key_arn
}

module "rds" {
  source = "../../modules/rds"
  count  = local.rds ? 1 : 0

  name                         = local.name
  vpc_id                       = module.network.vpc_id
  subnet_ids                   = module.network.workload_subnet_ids
  client_security_group_id     = module.ecs.tasks_security_group_id
  parameter_prefix             = module.secrets.parameter_prefix
  engine_version               = var.rds_engine_version
  instance_class               = var.rds_instance_class
  multi_az                     = var.rds_multi_az
  performance_insights_enabled = var.rds_performance_insights
  deletion_protection          = var.deletion_protection
  kms_key_arn                  = module.secrets.kms_key_arn
}

module "efs" {
  source = "../../modules/efs"
  count  = local.efs ? 1 : 0

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.workload_subnet_ids
  client_security_group_id = module.ecs.tasks_security_group_id
  kms_key_arn              = module.secrets.kms_key_arn
}

module "redis" {
  source = "../../modules/redis"
  count  = var.enable_redis ? 1 : 0

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.workload_subnet_ids
  client_security_group_id = module.ecs.tasks_security_group_id
  parameter_prefix         = module.secrets.parameter_prefix
  num_cache_clusters       = var.redis_num_cache_clusters
  kms_key_arn              = module.secrets.kms_key_arn
}

module "ecs" {
  source = "../../modules/ecs"

  name                  = local.name
  region                = var.region
  vpc_id                = module.network.vpc_id
  vpc_cidr              = module.network.vpc_cidr
  subnet_ids            = module.network.workload_subnet_ids
  alb_security_group_id = module.alb.alb_security_group_id
  assign_public_ip      = module.network.workloads_are_public

  backend_repository_url  = module.ecr.backend_repository_url
  frontend_repository_url = module.ecr.frontend_repository_url
  ecr_repository_arns     = module.ecr.repository_arns
  image_tag               = var.image_tag

  backend_target_group_arn  = module.alb.backend_target_group_arn
  frontend_target_group_arn = module.alb.frontend_target_group_arn

  task_cpu                 = var.task_cpu
  task_memory              = var.task_memory
  database                 = var.database
  desired_count            = var.desired_count
  enable_autoscaling       = var.enable_autoscaling
  autoscaling_max_capacity = var.autoscaling_max_capacity

  efs_file_system_id   = one(module.efs[*].file_system_id)
  efs_file_system_arn  = one(module.efs[*].file_system_arn)
  efs_access_point_id  = one(module.efs[*].access_point_id)
  efs_access_point_arn = one(module.efs[*].access_point_arn)
  efs_mount_target_ids = flatten(module.efs[*].mount_target_ids)

  llm_api_key_parameter_arn           = module.secrets.llm_api_key_parameter_arn
  admin_token_parameter_arn           = module.secrets.admin_token_parameter_arn
  client_id_signing_key_parameter_arn = module.secrets.client_id_signing_key_parameter_arn
  database_url_parameter_arn          = one(module.rds[*].database_url_parameter_arn)
  redis_url_parameter_arn             = one(module.redis[*].redis_url_parameter_arn)
  oidc_client_secret_parameter_arn    = module.secrets.oidc_client_secret_parameter_arn
  kms_key_arn                         = module.secrets.kms_key_arn

  oidc_issuer                 = var.oidc_issuer
  oidc_client_id              = var.oidc_client_id
  oidc_allowed_domains        = var.oidc_allowed_domains
  oidc_label                  = var.oidc_label
  conversation_retention_days = var.conversation_retention_days

  log_retention_days = var.log_retention_days
  log_level          = var.log_level
  llm_model          = var.llm_model

  # The target groups must be attached to a listener before the service registers tasks.
  depends_on = [module.alb]
}

module "monitoring" {
  source = "../../modules/monitoring"

  name           = local.name
  region         = var.region
  cluster_name   = module.ecs.cluster_name
  service_name   = module.ecs.service_name
  alb_arn_suffix = module.alb.alb_arn_suffix
  target_groups = {
    backend  = module.alb.backend_target_group_arn_suffix
    frontend = module.alb.frontend_target_group_arn_suffix
  }
  rds_instance_identifier = one(module.rds[*].instance_identifier)
  log_group_names         = module.ecs.log_group_names
  create_sns_topic        = var.create_sns_topic
  alarm_email             = var.alarm_email
  kms_key_arn             = module.secrets.kms_key_arn
}

module "github_oidc" {
  source = "../../modules/github_oidc"
  count  = var.github_repository == null ? 0 : 1

  name                       = local.name
  region                     = var.region
  github_repository          = var.github_repository
  create_oidc_provider       = var.create_github_oidc_provider
  ecr_repository_arns        = module.ecr.repository_arns
  ecs_cluster_name           = module.ecs.cluster_name
  ecs_service_name           = module.ecs.service_name
  pass_role_arns             = [module.ecs.execution_role_arn, module.ecs.task_role_arn]
  codecommit_repository_name = var.codecommit_repository_name
}
