output "api_url" {
  description = "The HTTP API: JSON endpoints and the chat page (answers arrive whole)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "stream_url" {
  description = "The Function URL with response streaming: open it for the chat page with live tokens, or POST /chat/stream to it."
  value       = aws_lambda_function_url.stream.function_url
}

output "table_name" {
  description = "The DynamoDB table holding conversations, analytics, gaps and leads."
  value       = aws_dynamodb_table.conversations.name
}

output "function_names" {
  description = "The API and streaming functions (for logs and `aws lambda` commands)."
  value       = [aws_lambda_function.api.function_name, aws_lambda_function.stream.function_name]
}
