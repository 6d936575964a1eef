# The dashboard body lives in infra/cloudwatch/dashboard.json, the single source also used by
# `twin dashboard deploy`; only its four placeholders are filled in here.
data "aws_region" "current" {}

locals {
  monitoring_log_group = var.monitoring_log_group_name != "" ? var.monitoring_log_group_name : "/aws/lambda/${var.monitoring_function_name}"
  # The Service dimension the code puts on every metric (src/app/metrics-sinks.ts).
  metrics_dimensions = {
    Service      = "digital-twin"
    FunctionName = var.monitoring_function_name
  }
  alarm_actions = var.alarm_sns_topic_arn != "" ? [var.alarm_sns_topic_arn] : []
}

resource "aws_cloudwatch_dashboard" "twin" {
  dashboard_name = var.dashboard_name
  dashboard_body = templatefile("${path.module}/../cloudwatch/dashboard.json", {
    function_name = var.monitoring_function_name
    region        = data.aws_region.current.name
    namespace     = var.metrics_namespace
    log_group     = local.monitoring_log_group
  })
}

output "dashboard_url" {
  description = "The dashboard in the CloudWatch console."
  value       = "https://${data.aws_region.current.name}.console.aws.amazon.com/cloudwatch/home?region=${data.aws_region.current.name}#dashboards:name=${aws_cloudwatch_dashboard.twin.dashboard_name}"
}
