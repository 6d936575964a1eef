# The whole stack in one root module: `terraform apply` from this folder (docs/deploy.md).

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.72, < 7.0" # the data source aws_bedrock_inference_profile came in 5.71
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.6"
    }
  }
}

provider "aws" {
  region = var.aws_region
  default_tags {
    tags = merge({ Project = "digital-twin" }, var.cost_tags)
  }
}
