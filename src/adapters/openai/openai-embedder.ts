import OpenAI from 'openai';
import { ModelUnavailable } from '../../domain/errors.js';
import { unitVector } from '../../domain/grounding/vectors.js';
import type { Embedder, EmbedOptions, Vector } from '../../ports/embedder.js';
import type { Logger } from '../../ports/logger.js';
import { translateOpenAiError } from './error-translation.js';

export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';
const DEFAULT_DIMENSION = 1536;
// The API takes up to 2048 inputs a request; smaller batches keep one request's body and latency modest.
const DEFAULT_BATCH_SIZE = 128;

interface CommonOptions {
  /** Default 'text-embedding-3-small'. */
  readonly model?: string;
  /** Vector length; sent as `dimensions` when it differs from the model's 1536. */
  readonly dimension?: number;
  /** Texts per request. Default 128. */
  readonly batchSize?: number;
  readonly baseURL?: string;
  /** Per request. Default 30000. */
  readonly timeoutMs?: number;
  /** SDK retries of connection errors, 429 and 5xx. Default 2. */
  readonly maxRetries?: number;
  readonly fetch?: typeof fetch;
  /**
   * After a failure, how long embed() fails at once instead of calling the API again (ms).
   * Default 60000: a bad key or a hanging endpoint must not cost every visitor's question the
   * whole persona's embedding requests and their timeout; retrieval falls back to words meanwhile.
   */
  readonly cooldownMs?: number;
  /** Told once per failure (not per question while cooling down). */
  readonly logger?: Logger;
}

export type OpenAiEmbedderOptions = CommonOptions &
  (
    | { readonly apiKey: string; readonly client?: undefined }
    /** A prebuilt client wins over apiKey, baseURL, timeoutMs, maxRetries and fetch. */
    | { readonly client: OpenAI; readonly apiKey?: string }
  );

/**
 * Embeddings from the OpenAI embeddings API (or any server that speaks it).
 * Failures surface as `model_unavailable` with fixed, secret-free messages.
 */
export class OpenAiEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  private readonly client: OpenAI;
  private readonly batchSize: number;
  private readonly cooldownMs: number;
  private readonly logger: Logger | undefined;
  private unavailableUntil = Number.NEGATIVE_INFINITY;

  constructor(options: OpenAiEmbedderOptions) {
    this.name = options.model ?? DEFAULT_EMBEDDING_MODEL;
    this.dimension = options.dimension ?? DEFAULT_DIMENSION;
    this.batchSize = Math.max(1, Math.min(2048, options.batchSize ?? DEFAULT_BATCH_SIZE));
    this.cooldownMs = options.cooldownMs ?? 60_000;
    this.logger = options.logger;
    this.client =
      options.client ??
      new OpenAI({
        apiKey: options.apiKey,
        baseURL: options.baseURL,
        timeout: options.timeoutMs ?? 30_000,
        maxRetries: options.maxRetries ?? 2,
        fetch: options.fetch,
      });
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Vector[]> {
    if (Date.now() < this.unavailableUntil) {
      throw new ModelUnavailable('The embedding model is unavailable; retrying shortly');
    }
    try {
      return await this.embedAll(texts, options);
    } catch (error) {
      // Calls made together (the persona's passages and the question) fail together: one line.
      if (!options.signal?.aborted && Date.now() >= this.unavailableUntil) {
        this.unavailableUntil = Date.now() + this.cooldownMs;
        this.logger?.warn(
          { err: error, model: this.name, retry_in_ms: this.cooldownMs },
          'embeddings failed; answering by words alone until the next try',
        );
      }
      throw error;
    }
  }

  private async embedAll(texts: readonly string[], options: EmbedOptions): Promise<Vector[]> {
    const vectors: Vector[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      // The API rejects empty strings; a blank text means no more than a lone space.
      const input = texts.slice(start, start + this.batchSize).map((text) => (text.trim() === '' ? ' ' : text));
      let data: unknown;
      try {
        const response = await this.client.embeddings.create(
          {
            model: this.name,
            input,
            encoding_format: 'float',
            ...(this.dimension !== DEFAULT_DIMENSION ? { dimensions: this.dimension } : {}),
          },
          { signal: options.signal },
        );
        data = response.data;
      } catch (error) {
        throw options.signal?.aborted ? options.signal.reason : translateOpenAiError(error);
      }
      // A server that answers 200 with another shape ({}, an error object, HTML) is unavailable too.
      if (!isEmbeddingList(data)) throw translateOpenAiError(new Error('embeddings response has no data list'));
      const ordered = [...data].sort((a, b) => a.index - b.index);
      if (ordered.length !== input.length || ordered.some((item) => item.embedding.length !== this.dimension)) {
        throw translateOpenAiError(new Error('embeddings response does not match the request'));
      }
      for (const item of ordered) vectors.push(unitVector(item.embedding));
    }
    return vectors;
  }
}

function isEmbeddingList(data: unknown): data is { index: number; embedding: number[] }[] {
  return (
    Array.isArray(data) &&
    data.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        Number.isInteger(item.index) &&
        Array.isArray(item.embedding) &&
        item.embedding.every((value: unknown) => typeof value === 'number' && Number.isFinite(value)),
    )
  );
}
