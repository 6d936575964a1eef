import { describe, expect, it } from 'vitest';
import { SentenceEncoderEmbedder } from '../../src/adapters/offline/sentence-encoder-embedder.js';
import { OpenAiEmbedder } from '../../src/adapters/openai/openai-embedder.js';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { TOKENS } from '../../src/app/tokens.js';

describe('TWIN_EMBEDDINGS', () => {
  it('auto: the local sentence encoder for the offline twin, OpenAI embeddings with the OpenAI model', () => {
    expect(loadConfig({}).embeddings).toEqual({ kind: 'local', openaiModel: 'text-embedding-3-small' });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x' }).embeddings.kind).toBe('openai');
    // Another OpenAI-compatible server may not serve text-embedding-3-small: stay local.
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).embeddings.kind).toBe(
      'local',
    );
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', TWIN_MODEL: 'offline' }).embeddings.kind).toBe('local');
  });

  it('can be set explicitly, and openai needs a key', () => {
    expect(loadConfig({ TWIN_EMBEDDINGS: 'none' }).embeddings.kind).toBe('none');
    expect(
      loadConfig({
        TWIN_EMBEDDINGS: 'openai',
        OPENAI_API_KEY: 'sk-x',
        OPENAI_EMBEDDING_MODEL: 'text-embedding-3-large',
      }).embeddings,
    ).toEqual({ kind: 'openai', openaiModel: 'text-embedding-3-large' });
    expect(() => loadConfig({ TWIN_EMBEDDINGS: 'openai' })).toThrow(ConfigError);
    expect(() => loadConfig({ TWIN_EMBEDDINGS: 'sometimes' })).toThrow(/TWIN_EMBEDDINGS/);
  });

  it('the container builds the configured embedder without loading any model', () => {
    const local = buildContainer(loadConfig({ TWIN_ADMIN_TOKEN: 'x'.repeat(24) }));
    expect(local.get(TOKENS.Embedder)).toBeInstanceOf(SentenceEncoderEmbedder);
    const hosted = buildContainer(loadConfig({ OPENAI_API_KEY: 'sk-x', TWIN_ADMIN_TOKEN: 'x'.repeat(24) }));
    expect(hosted.get(TOKENS.Embedder)).toBeInstanceOf(OpenAiEmbedder);
    expect(buildContainer(loadConfig({ TWIN_EMBEDDINGS: 'none' })).get(TOKENS.Embedder)).toBeNull();
  });
});
