import OpenAI from 'openai';
import { unitVector } from '../../domain/grounding/vectors.js';
import type { Embedder, EmbedOptions, Vector } from '../../ports/embedder.js';
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

  constructor(options: OpenAiEmbedderOptions) {
    this.name = options.model ?? DEFAULT_EMBEDDING_MODEL;
    this.dimension = options.dimension ?? DEFAULT_DIMENSION;
    this.batchSize = Math.max(1, Math.min(2048, options.batchSize ?? DEFAULT_BATCH_SIZE));
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
    const vectors: Vector[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      // The API rejects empty strings; a blank text means no more than a lone space.
      const input = texts.slice(start, start + this.batchSize).map((text) => (text.trim() === '' ? ' ' : text));
      let data: { index: number; embedding: number[] }[];
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
      const ordered = [...data].sort((a, b) => a.index - b.index);
      if (ordered.length !== input.length || ordered.some((item) => item.embedding.length !== this.dimension)) {
        throw translateOpenAiError(new Error('embeddings response does not match the request'));
      }
      for (const item of ordered) vectors.push(unitVector(item.embedding));
    }
    return vectors;
  }
}
