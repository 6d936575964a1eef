variable "monitoring_function_name" {
  description = "Name of the twin's Lambda function: the FunctionName dimension of every chart and alarm."
  type        = string
  default     = "digital-twin"
}

variable "monitoring_log_group_name" {
  description = "CloudWatch Logs group searched by the recent-errors widget; empty means /aws/lambda/<function name>."
  type        = string
  default     = ""
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the twin's own metrics (TWIN_METRICS_NAMESPACE)."
  type        = string
  default     = "DigitalTwin"
}

variable "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  type        = string
  default     = "DigitalTwinDashboard"
}

variable "alarm_sns_topic_arn" {
  description = "SNS topic notified when an alarm fires or recovers; empty sends no notification."
  type        = string
  default     = ""
}

variable "alarm_error_rate_percent" {
  description = "Alarm when more than this percentage of HTTP requests end in a 5xx, over 5 minutes."
  type        = number
  default     = 5
}

variable "alarm_error_rate_min_requests" {
  description = "Requests needed in 5 minutes before the error-rate alarm judges, so one failure at night does not page."
  type        = number
  default     = 10
}

variable "alarm_p99_latency_ms" {
  description = "Alarm when the p99 HTTP request latency stays above this many milliseconds for 15 minutes."
  type        = number
  default     = 10000
}

variable "alarm_model_unavailable_count" {
  description = "Alarm when more than this many model calls fail with model_unavailable in 5 minutes."
  type        = number
  default     = 5
}

variable "alarm_daily_cost_usd" {
  description = "Alarm when the estimated model cost of one day exceeds this many US dollars."
  type        = number
  default     = 10
}
