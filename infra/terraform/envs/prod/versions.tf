terraform {
  # Cross-variable validation (enable_autoscaling needs database = "rds") needs 1.9.
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 7.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6, < 4.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "chatgepeto"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
