/** Cross-region inference profiles are named after a geography: us., eu., apac., ... */
const PROFILE_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca|global)\./;

/**
 * Context windows (prompt and answer together, in tokens) of the Bedrock models the twin
 * knows, from Amazon's Nova model cards. Unknown models are not checked.
 */
const CONTEXT_TOKENS: Readonly<Record<string, number>> = {
  'amazon.nova-micro-v1:0': 128_000,
  'amazon.nova-lite-v1:0': 300_000,
  'amazon.nova-pro-v1:0': 300_000,
};

/**
 * The twin counts tokens with o200k, not Nova's own (unpublished) tokenizer; a quarter
 * spare keeps the estimate on the safe side.
 */
export const TOKENIZER_MARGIN = 1.25;

/** The model behind an id, a geographic profile id or an ARN: "eu.amazon.nova-lite-v1:0" -> "amazon.nova-lite-v1:0". */
export function foundationModelOf(modelId: string): string {
  return (modelId.split('/').at(-1) ?? modelId).replace(PROFILE_PREFIX, '');
}

/** The context window of a model id, inference-profile id or ARN; undefined when unknown. */
export function bedrockContextTokens(modelId: string): number | undefined {
  return CONTEXT_TOKENS[foundationModelOf(modelId)];
}

/** The geographic profile a region would call the model through, e.g. eu.amazon.nova-lite-v1:0 from eu-west-1. */
export function suggestedProfile(modelId: string, region: string): string {
  const geography = region.startsWith('us-gov-')
    ? 'us-gov'
    : region.startsWith('us-')
      ? 'us'
      : region.startsWith('eu-')
        ? 'eu'
        : region.startsWith('ap-')
          ? 'apac'
          : 'us';
  return `${geography}.${foundationModelOf(modelId)}`;
}
