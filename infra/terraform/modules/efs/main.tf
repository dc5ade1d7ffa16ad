# Alternative data store (database = "efs-sqlite"): an encrypted EFS volume mounted as
# CHATGEPETO_DATA_DIR, holding the SQLite file. SQLite tolerates one writer host only, so the
# ECS module runs exactly one task in this mode.

resource "aws_security_group" "this" {
  name        = "${var.name}-efs"
  description = "ChatGepeto EFS: NFS from the ECS tasks only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-efs" })
}

resource "aws_vpc_security_group_ingress_rule" "from_tasks" {
  security_group_id            = aws_security_group.this.id
  description                  = "NFS from the ECS tasks"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = var.client_security_group_id
}

resource "aws_efs_file_system" "this" {
  # checkov:skip=CKV_AWS_184: seed default (AWS-managed key); var.create_kms_key enables a customer-managed key
  creation_token   = var.name
  encrypted        = true
  kms_key_id       = var.kms_key_arn
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = merge(var.tags, { Name = var.name })
}

# AWS Backup's daily default plan for EFS (35-day retention).
resource "aws_efs_backup_policy" "this" {
  file_system_id = aws_efs_file_system.this.id

  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_mount_target" "this" {
  count = length(var.subnet_ids)

  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = var.subnet_ids[count.index]
  security_groups = [aws_security_group.this.id]
}

resource "aws_efs_access_point" "data" {
  file_system_id = aws_efs_file_system.this.id

  posix_user {
    uid = var.posix_uid
    gid = var.posix_uid
  }

  root_directory {
    path = "/chatgepeto"

    creation_info {
      owner_uid   = var.posix_uid
      owner_gid   = var.posix_uid
      permissions = "0750"
    }
  }

  tags = var.tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "DenyUnencryptedTransport"
    effect    = "Deny"
    actions   = ["*"]
    resources = [aws_efs_file_system.this.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_efs_file_system_policy" "this" {
  file_system_id = aws_efs_file_system.this.id
  policy         = data.aws_iam_policy_document.this.json
}
