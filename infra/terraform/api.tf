# The HTTP API: one route per route the app serves (test/unit/lambda-terraform.test.ts
# compares this list with the Koa router), all to the buffered handler.

locals {
  app_routes = [
    "GET /",
    "GET /health",
    "GET /openapi.json",
    "GET /dashboard",
    "GET /static/{file+}",
    "GET /persona",
    "GET /persona/avatar",
    "GET /widget.js",
    "GET /widget",
    "GET /widget/status",
    "POST /chat",
    "POST /chat/stream", # works here too, but arrives whole; the page streams through the Function URL
    "GET /conversation/{session_id}",
    "DELETE /conversation/{session_id}",
    "POST /conversation/{session_id}/feedback",
    "GET /conversation/{session_id}/export",
    "GET /sessions",
    "GET /v1/models",
    "GET /v1/models/{model}",
    "POST /v1/chat/completions",
    "POST /v1/responses",
    "GET /analytics",
    "GET /analytics/timeseries",
    "GET /analytics/conversations/{session_id}",
    "GET /analytics/knowledge-gaps",
    "POST /analytics/knowledge-gaps/{id}/answer",
    "POST /analytics/knowledge-gaps/{id}/dismiss",
    "GET /analytics/leads",
    "GET /analytics/feedback",
    "POST /analytics/feedback/{session_id}/{message_index}/knowledge-gap",
    "GET /analytics/export", # whole in one response here (6 MB at most): use `twin export` for big stores
    "GET /analytics/persona-versions",
    "GET /knowledge/answers",
    "PUT /knowledge/answers/{id}",
    "DELETE /knowledge/answers/{id}",
  ]
  # Preflights reach the app, which answers CORS from CORS_ORIGINS: no cors_configuration here.
  preflight_route = "OPTIONS /{proxy+}"
}

resource "aws_apigatewayv2_api" "twin" {
  name          = var.monitoring_function_name
  protocol_type = "HTTP"
  description   = "Digital twin HTTP API"
}

resource "aws_apigatewayv2_integration" "twin" {
  api_id                 = aws_apigatewayv2_api.twin.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_route" "app" {
  for_each  = toset(concat(local.app_routes, [local.preflight_route]))
  api_id    = aws_apigatewayv2_api.twin.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.twin.id}"
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.monitoring_function_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.twin.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_burst_limit = var.api_throttle_burst
    throttling_rate_limit  = var.api_throttle_rate
  }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIp"
      route     = "$context.routeKey"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
      error     = "$context.integrationErrorMessage"
    })
  }
}

variable "api_throttle_burst" {
  description = "HTTP API burst limit (requests) before API Gateway answers 429, in front of the app's own per-IP limits."
  type        = number
  default     = 100
}

variable "api_throttle_rate" {
  description = "HTTP API steady rate limit (requests per second)."
  type        = number
  default     = 50
}

resource "aws_lambda_permission" "api" {
  statement_id  = "HttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.twin.execution_arn}/*/*"
}
