# Settings of the Lambda functions, the HTTP API and the app's environment.

variable "aws_region" {
  description = "AWS region of every resource in the stack (the app's AWS_REGION)."
  type        = string
  default     = "us-east-1"
}

variable "lambda_package_dir" {
  description = "Folder written by `npx tsx scripts/build-lambda.ts`, zipped and uploaded as the function code."
  type        = string
  default     = "../../dist/lambda"
}

variable "lambda_runtime" {
  description = "Node.js runtime of both functions."
  type        = string
  default     = "nodejs22.x"
  validation {
    condition     = contains(["nodejs22.x", "nodejs24.x"], var.lambda_runtime)
    error_message = "Use nodejs22.x or nodejs24.x."
  }
}

variable "lambda_memory_mb" {
  description = "Memory of each function in MB (CPU grows with it; 1024 keeps cold starts short)."
  type        = number
  default     = 1024
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the API function; API Gateway itself gives up after 30 seconds."
  type        = number
  default     = 30
  validation {
    condition     = var.lambda_timeout_seconds >= 3 && var.lambda_timeout_seconds <= 30
    error_message = "Between 3 and 30 seconds: the HTTP API cannot wait longer."
  }
}

variable "stream_timeout_seconds" {
  description = "Timeout of the streaming function behind the Function URL (long answers stream for a while)."
  type        = number
  default     = 120
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency of each function, a cap on cost and on load on the model; -1 means no reservation."
  type        = number
  default     = -1
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the functions' logs and the API access log."
  type        = number
  default     = 30
}

variable "cors_origins" {
  description = "Origins allowed to call the API from a browser, or [\"*\"] for any (the app's CORS_ORIGINS, normalised and checked at start; the app is the only place CORS is answered)."
  type        = list(string)
  default     = []
}

variable "admin_token" {
  description = "Bearer token for the owner's routes (/sessions, /analytics, the dashboard); at least 24 characters."
  type        = string
  sensitive   = true
  validation {
    condition     = length(var.admin_token) >= 24
    error_message = "admin_token must be at least 24 characters."
  }
}

variable "openai_api_key" {
  description = "OpenAI (or compatible) API key for model_provider = \"openai\"; empty runs the offline model, which quotes the persona. Not needed (and not passed to the functions) with Bedrock."
  type        = string
  sensitive   = true
  default     = ""
}

variable "openai_model" {
  description = "Model name sent to the OpenAI-compatible endpoint (OPENAI_MODEL)."
  type        = string
  default     = "gpt-4o-mini"
}

variable "openai_base_url" {
  description = "OpenAI-compatible endpoint (OPENAI_BASE_URL); empty means api.openai.com."
  type        = string
  default     = ""
}

variable "session_ttl_days" {
  description = "Days a conversation is kept after its last message (TWIN_SESSION_TTL_DAYS); 0 keeps them."
  type        = number
  default     = 90
}

variable "extra_environment" {
  description = "More environment variables for both functions (see the README's configuration table)."
  type        = map(string)
  default     = {}
}
