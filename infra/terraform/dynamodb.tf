# The conversation table. Its keys, index, TTL and tags mirror
# src/adapters/dynamodb/table-definition.ts; test/integration/dynamodb-terraform.test.ts
# fails when the two drift apart.

variable "conversations_table_name" {
  description = "DynamoDB table for conversation memory (the app's DYNAMODB_TABLE_NAME)"
  type        = string
  default     = "DigitalTwinConversations"
}

variable "cost_tags" {
  description = "Extra tags for cost tracking, merged over the defaults"
  type        = map(string)
  default     = {}
}

locals {
  conversation_table_tags = {
    Project   = "digital-twin"
    Component = "conversation-memory"
  }
}

resource "aws_dynamodb_table" "conversations" {
  name         = var.conversations_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "gsi1pk"
    type = "S"
  }

  attribute {
    name = "gsi1sk"
    type = "S"
  }

  global_secondary_index {
    name            = "gsi1"
    hash_key        = "gsi1pk"
    range_key       = "gsi1sk"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = merge(local.conversation_table_tags, var.cost_tags)
}

output "conversations_table_name" {
  value = aws_dynamodb_table.conversations.name
}

output "conversations_table_arn" {
  value = aws_dynamodb_table.conversations.arn
}
