# Which model answers the visitors, and for Amazon Bedrock which model the role may invoke.

variable "model_provider" {
  description = "Who answers: \"openai\" (the OpenAI-compatible API when openai_api_key is set, else the offline model), \"bedrock\" (Amazon Bedrock through the functions' own role: no other account, no API key) or \"offline\" (quotes the persona, no model at all)."
  type        = string
  default     = "openai"
  validation {
    condition     = contains(["openai", "bedrock", "offline"], var.model_provider)
    error_message = "Use openai, bedrock or offline."
  }
}

variable "bedrock_model_id" {
  description = "For model_provider = \"bedrock\": a model id (amazon.nova-lite-v1:0, offered on demand in us-east-1) or a cross-region inference-profile id named after its geography (us.amazon.nova-lite-v1:0, eu.amazon.nova-lite-v1:0, apac.amazon.nova-pro-v1:0) for regions that offer the model only through a profile. The role may invoke exactly this model, or this profile and the models it routes to."
  type        = string
  default     = "amazon.nova-lite-v1:0"
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9.:/_-]*$", var.bedrock_model_id)) && !strcontains(var.bedrock_model_id, "*")
    error_message = "bedrock_model_id is one model or inference profile: an id or an ARN, never a wildcard."
  }
}
