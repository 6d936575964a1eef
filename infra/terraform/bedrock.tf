# Amazon Bedrock for model_provider = "bedrock": the ARNs the functions may invoke, and nothing
# when another provider answers. A foundation model is one ARN in this region; a cross-region
# inference profile is the profile's ARN plus the model in every region it routes to, which
# Bedrock reads from the profile itself (docs/adr/0800-amazon-bedrock-model-provider.md).

data "aws_partition" "current" {}

locals {
  bedrock_enabled = var.model_provider == "bedrock"
  # Geography-prefixed ids (us., eu., apac., ...) and inference-profile ARNs are profiles.
  bedrock_uses_profile = can(regex("^(us|us-gov|eu|apac|jp|au|ca|global)\\.|:(application-)?inference-profile/", var.bedrock_model_id))
  bedrock_foundation_model_arn = (
    startswith(var.bedrock_model_id, "arn:")
    ? var.bedrock_model_id
    : "arn:${data.aws_partition.current.partition}:bedrock:${var.aws_region}::foundation-model/${var.bedrock_model_id}"
  )
  bedrock_model_arns = (
    !local.bedrock_enabled ? [] :
    local.bedrock_uses_profile ? concat(
      [data.aws_bedrock_inference_profile.twin[0].inference_profile_arn],
      data.aws_bedrock_inference_profile.twin[0].models[*].model_arn,
    ) : [local.bedrock_foundation_model_arn]
  )
}

data "aws_bedrock_inference_profile" "twin" {
  count                = local.bedrock_enabled && local.bedrock_uses_profile ? 1 : 0
  inference_profile_id = var.bedrock_model_id
}
