import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BedrockChatModel, DEFAULT_BEDROCK_MODEL_ID } from '../../src/adapters/bedrock/bedrock-chat-model.js';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { DEFAULT_MODEL_PRICES, estimateCost } from '../../src/domain/monitoring/model-prices.js';
import type { ChatModel } from '../../src/ports/chat-model.js';
import { testConfig } from '../support/http-fixture.js';
import { fakeAdapters } from '../support/twin-fixture.js';

describe('Bedrock configuration', () => {
  it('serves TWIN_MODEL=bedrock with no OpenAI key, Nova Lite and the AWS region by default', () => {
    const config = loadConfig({ TWIN_MODEL: 'bedrock' });
    expect(config.model).toBe('bedrock');
    expect(config.bedrock).toEqual({
      modelId: undefined,
      region: 'us-east-1',
      endpoint: undefined,
      timeoutMs: 30_000,
      maxRetries: 2,
      maxTokens: 1024,
      temperature: undefined,
    });
    expect(loadConfig({ TWIN_MODEL: 'bedrock', AWS_REGION: 'eu-west-1' }).bedrock.region).toBe('eu-west-1');
    expect(loadConfig({ AWS_REGION: 'eu-south-2', BEDROCK_REGION: 'eu-west-3' }).bedrock.region).toBe('eu-west-3');
  });

  it('picks Bedrock under auto when BEDROCK_MODEL_ID is set and no OpenAI key is', () => {
    expect(loadConfig({ BEDROCK_MODEL_ID: 'eu.amazon.nova-lite-v1:0' }).model).toBe('bedrock');
    expect(loadConfig({ BEDROCK_MODEL_ID: 'eu.amazon.nova-lite-v1:0', OPENAI_API_KEY: 'sk-x' }).model).toBe('openai');
    expect(loadConfig({ BEDROCK_MODEL_ID: '  ' }).model).toBe('offline');
    expect(loadConfig({}).model).toBe('offline');
  });

  it.each([
    [{ BEDROCK_ENDPOINT: 'not a url' }, 'BEDROCK_ENDPOINT'],
    [{ BEDROCK_ENDPOINT: 'ftp://127.0.0.1:21' }, 'BEDROCK_ENDPOINT'],
    [{ BEDROCK_TEMPERATURE: '1.5' }, 'BEDROCK_TEMPERATURE'],
    [{ BEDROCK_MAX_TOKENS: '0' }, 'BEDROCK_MAX_TOKENS'],
    [{ BEDROCK_MAX_RETRIES: '-1' }, 'BEDROCK_MAX_RETRIES'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig({ TWIN_MODEL: 'bedrock', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ TWIN_MODEL: 'bedrock', ...env })).toThrow(
      new RegExp(`^Invalid configuration: .*${name}`),
    );
  });

  it('wires a BedrockChatModel that needs nothing from the network until it answers', () => {
    const { model: _scripted, ...adapters } = fakeAdapters();
    const container = buildContainer(testConfig({ TWIN_MODEL: 'bedrock' }), adapters);
    const model = container.get<ChatModel>(TOKENS.Model);
    expect(model).toBeInstanceOf(BedrockChatModel);
    expect(model.name).toBe(DEFAULT_BEDROCK_MODEL_ID);
    expect(model.countTokens('Where are you based?')).toBeGreaterThan(0);
  });
});

describe('Amazon Nova prices', () => {
  const usage = { input_tokens: 1_000_000, output_tokens: 1_000_000 };

  it.each([
    ['amazon.nova-micro-v1:0', 0.035 + 0.14],
    ['amazon.nova-lite-v1:0', 0.06 + 0.24],
    ['amazon.nova-pro-v1:0', 0.8 + 3.2],
    ['us.amazon.nova-lite-v1:0', 0.06 + 0.24],
    ['eu.amazon.nova-pro-v1:0', 0.8 + 3.2],
    ['arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-micro-v1:0', 0.035 + 0.14],
  ])('prices %s per million tokens', (model, dollars) => {
    expect(estimateCost(DEFAULT_MODEL_PRICES, model, usage)).toBeCloseTo(dollars, 10);
  });

  it('still prices nothing it does not know', () => {
    expect(estimateCost(DEFAULT_MODEL_PRICES, 'us.anthropic.claude-sonnet-4-v1:0', usage)).toBeUndefined();
  });
});

describe('the Bedrock SDK is loaded lazily', () => {
  const dir = 'src/adapters/bedrock';
  const sources = readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')] as const);

  it('is imported by its adapter as types only, and as code by a dynamic import on first use', () => {
    let typeImports = 0;
    for (const [file, source] of sources) {
      const statics = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'@(?:aws-sdk|smithy)\/[^']+';/gms)];
      for (const statement of statics) expect(statement[1], `${file}: ${statement[0]}`).toBe('type ');
      typeImports += statics.length;
    }
    expect(typeImports).toBeGreaterThanOrEqual(4);
    const client = sources.find(([file]) => file === 'bedrock-client.ts')?.[1] ?? '';
    expect(client).toContain("import('@aws-sdk/client-bedrock-runtime')");
    expect(client).toContain("import('@smithy/node-http-handler')");
  });

  it('is not imported as code anywhere else in src', () => {
    const offenders: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (
          !file.startsWith(dir) &&
          /^import (?!type ).*'@aws-sdk\/client-bedrock-runtime'/m.test(readFileSync(file, 'utf8'))
        ) {
          offenders.push(file);
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });
});

describe('the Bedrock context window, checked at start', () => {
  it('refuses windows that would not fit the model’s context, naming TWIN_HISTORY_TOKENS', () => {
    const tooLong = {
      TWIN_MODEL: 'bedrock',
      BEDROCK_MODEL_ID: 'us.amazon.nova-micro-v1:0',
      TWIN_HISTORY_TOKENS: '100000',
    };
    expect(() => loadConfig(tooLong)).toThrow(
      /TWIN_HISTORY_TOKENS: .*us\.amazon\.nova-micro-v1:0's 128000-token context/,
    );
    expect(() => loadConfig({ ...tooLong, TWIN_MODEL: 'auto' })).toThrow(ConfigError);
    // The same window fits Nova Lite's 300K, and OpenAI is not Bedrock's to check.
    expect(loadConfig({ ...tooLong, BEDROCK_MODEL_ID: 'amazon.nova-lite-v1:0' }).historyTokens).toBe(100_000);
    expect(loadConfig({ ...tooLong, TWIN_MODEL: 'offline' }).historyTokens).toBe(100_000);
  });

  it('leaves models it has no figures for to the operator', () => {
    expect(
      loadConfig({
        TWIN_MODEL: 'bedrock',
        BEDROCK_MODEL_ID: 'meta.llama3-8b-instruct-v1:0',
        TWIN_HISTORY_TOKENS: '900000',
      }).historyTokens,
    ).toBe(900_000);
  });
});
