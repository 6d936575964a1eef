# Two functions from one package: `handler` behind the HTTP API (buffered) and
# `streamHandler` behind a Function URL with response streaming, for POST /chat/stream.
# The HTTP API cannot pass a stream through; the Function URL can (docs/adr/0600).

data "archive_file" "lambda" {
  type        = "zip"
  source_dir  = var.lambda_package_dir
  output_path = "${path.module}/.build/lambda.zip"
}

locals {
  stream_function_name = "${var.monitoring_function_name}-stream"
  lambda_environment = merge({
    NODE_ENV                   = "production"
    TWIN_STORE                 = "dynamodb"
    DYNAMODB_TABLE_NAME        = aws_dynamodb_table.conversations.name
    TWIN_PERSONA_DIR           = "/var/task/persona"
    TWIN_DATA_DIR              = "/tmp/twin-data"
    TWIN_TRUST_PROXY           = "true" # the adapter sets X-Forwarded-For from API Gateway's source IP
    TWIN_METRICS               = "emf"
    TWIN_METRICS_NAMESPACE     = var.metrics_namespace
    TWIN_METRICS_FUNCTION_NAME = var.monitoring_function_name # both functions chart as one twin
    CORS_ORIGINS               = join(",", var.cors_origins)
    TWIN_ADMIN_TOKEN           = var.admin_token
    TWIN_MODEL                 = var.model_provider == "openai" ? "auto" : var.model_provider
    OPENAI_API_KEY             = var.model_provider == "openai" ? var.openai_api_key : "" # no OpenAI secret unless OpenAI answers
    OPENAI_MODEL               = var.openai_model
    OPENAI_BASE_URL            = var.openai_base_url
    BEDROCK_MODEL_ID           = local.bedrock_enabled ? var.bedrock_model_id : ""
    TWIN_SESSION_TTL_DAYS      = var.session_ttl_days > 0 ? tostring(var.session_ttl_days) : ""
  }, var.extra_environment)
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/${var.monitoring_function_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "stream" {
  name              = "/aws/lambda/${local.stream_function_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "api" {
  function_name                  = var.monitoring_function_name
  description                    = "Digital twin: HTTP API (payload 2.0)"
  role                           = aws_iam_role.twin.arn
  runtime                        = var.lambda_runtime
  architectures                  = ["arm64"]
  handler                        = "index.handler"
  filename                       = data.archive_file.lambda.output_path
  source_code_hash               = data.archive_file.lambda.output_base64sha256
  memory_size                    = var.lambda_memory_mb
  timeout                        = var.lambda_timeout_seconds
  reserved_concurrent_executions = var.lambda_reserved_concurrency
  environment {
    variables = local.lambda_environment
  }
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.api.name
  }
  depends_on = [aws_iam_role_policy.twin]
}

resource "aws_lambda_function" "stream" {
  function_name                  = local.stream_function_name
  description                    = "Digital twin: Function URL with response streaming"
  role                           = aws_iam_role.twin.arn
  runtime                        = var.lambda_runtime
  architectures                  = ["arm64"]
  handler                        = "index.streamHandler"
  filename                       = data.archive_file.lambda.output_path
  source_code_hash               = data.archive_file.lambda.output_base64sha256
  memory_size                    = var.lambda_memory_mb
  timeout                        = var.stream_timeout_seconds
  reserved_concurrent_executions = var.lambda_reserved_concurrency
  environment {
    variables = local.lambda_environment
  }
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.stream.name
  }
  depends_on = [aws_iam_role_policy.twin]
}

# No cors block: the app answers CORS (CORS_ORIGINS), the one place it is configured.
resource "aws_lambda_function_url" "stream" {
  function_name      = aws_lambda_function.stream.function_name
  authorization_type = "NONE" # public like the API; owner routes check the admin token in the app
  invoke_mode        = "RESPONSE_STREAM"
}

resource "aws_lambda_permission" "stream_url" {
  statement_id           = "PublicFunctionUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.stream.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}
