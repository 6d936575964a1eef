# Alarms on the twin's own metrics. Missing data is "not breaching": no traffic is not an outage.

resource "aws_cloudwatch_metric_alarm" "error_rate" {
  alarm_name          = "${var.monitoring_function_name}-error-rate"
  alarm_description   = "More than ${var.alarm_error_rate_percent}% of HTTP requests answered with a 5xx over 5 minutes."
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = var.alarm_error_rate_percent
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "error_rate"
    expression  = "IF(requests >= ${var.alarm_error_rate_min_requests}, 100 * FILL(server_errors, 0) / requests, 0)"
    label       = "5xx responses (%)"
    return_data = true
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "Requests"
      dimensions  = local.metrics_dimensions
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "server_errors"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "ServerErrors"
      dimensions  = local.metrics_dimensions
      period      = 300
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "p99_latency" {
  alarm_name          = "${var.monitoring_function_name}-p99-latency"
  alarm_description   = "p99 HTTP request latency above ${var.alarm_p99_latency_ms} ms for 15 minutes."
  namespace           = var.metrics_namespace
  metric_name         = "RequestLatency"
  dimensions          = local.metrics_dimensions
  extended_statistic  = "p99"
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_p99_latency_ms
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "model_unavailable" {
  alarm_name          = "${var.monitoring_function_name}-model-unavailable"
  alarm_description   = "More than ${var.alarm_model_unavailable_count} model calls failed with model_unavailable in 5 minutes."
  namespace           = var.metrics_namespace
  metric_name         = "ModelErrors"
  dimensions          = merge(local.metrics_dimensions, { Code = "model_unavailable" })
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_model_unavailable_count
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "daily_cost" {
  alarm_name          = "${var.monitoring_function_name}-daily-cost"
  alarm_description   = "Estimated model cost of the last day above ${var.alarm_daily_cost_usd} USD."
  namespace           = var.metrics_namespace
  metric_name         = "EstimatedCost"
  dimensions          = local.metrics_dimensions
  statistic           = "Sum"
  period              = 86400
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_daily_cost_usd
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
