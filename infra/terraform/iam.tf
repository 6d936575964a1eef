# Least privilege: the functions may touch this table and its index, put metrics in the
# twin's namespace only, write to their own two log groups and, when Bedrock answers,
# invoke exactly its model (bedrock.tf). Nothing else.

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "twin" {
  name               = "${var.monitoring_function_name}-lambda"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "twin" {
  statement {
    sid = "ConversationTable"
    # What the DynamoDB adapters call (src/adapters/dynamodb): no Scan, no table management.
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:BatchGetItem", # listing ratings checks their sessions are still visible, 100 at a time
    ]
    resources = [
      aws_dynamodb_table.conversations.arn,
      "${aws_dynamodb_table.conversations.arn}/index/gsi1",
    ]
  }

  statement {
    sid       = "TwinMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"] # PutMetricData has no resource ARN; the namespace condition is the limit.
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metrics_namespace]
    }
  }

  statement {
    sid     = "OwnLogs"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [
      "${aws_cloudwatch_log_group.api.arn}:*",
      "${aws_cloudwatch_log_group.stream.arn}:*",
    ]
  }

  dynamic "statement" {
    # Converse is authorised as InvokeModel, ConverseStream as InvokeModelWithResponseStream.
    for_each = local.bedrock_enabled ? [local.bedrock_model_arns] : []
    content {
      sid       = "BedrockModel"
      actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
      resources = statement.value
    }
  }
}

resource "aws_iam_role_policy" "twin" {
  name   = "digital-twin"
  role   = aws_iam_role.twin.id
  policy = data.aws_iam_policy_document.twin.json
}
