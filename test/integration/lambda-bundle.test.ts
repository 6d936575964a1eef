import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUMMY_CREDENTIALS } from '../support/bedrock-stand-in.js';
import { bedrock, FakeBedrockServer } from '../support/fake-bedrock-server.js';
import { FakeOpenAiServer, reply } from '../support/fake-openai-server.js';
import { BUNDLE_DIR, buildBundle, isolatedCopy, ROOT, writeInvokeScript } from '../support/lambda-bundle.js';
import { httpApiEvent } from '../support/lambda-events.js';

const run = promisify(execFile);
let printed = '';
let dir = '';

beforeAll(async () => {
  printed = await buildBundle();
  dir = await isolatedCopy();
}, 150_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('npm run build:lambda', () => {
  it('writes index.mjs with both handlers, the persona and the web pages, and prints the size', () => {
    expect(existsSync(path.join(BUNDLE_DIR, 'index.mjs'))).toBe(true);
    expect(readdirSync(path.join(BUNDLE_DIR, 'persona'))).toContain('facts.json');
    expect(existsSync(path.join(BUNDLE_DIR, 'web/chat.html'))).toBe(true);
    expect(existsSync(path.join(BUNDLE_DIR, 'web/static/vendor/markdown-it.mjs'))).toBe(true);
    const zipped = /([\d.]+) MB zipped/.exec(printed);
    expect(zipped).not.toBeNull();
    expect(Number(zipped?.[1])).toBeLessThan(5);
  });
});

describe('the built bundle, with no node_modules on its path', () => {
  it('answers /health and /chat, counts tokens and serves the page', async () => {
    const script = await writeInvokeScript(dir);
    const events = [
      httpApiEvent('GET', '/health'),
      httpApiEvent('POST', '/chat', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Where are you based?' }),
      }),
      httpApiEvent('GET', '/', { headers: { accept: 'text/html' } }),
      httpApiEvent('GET', '/static/vendor/markdown-it.mjs'),
    ];
    const { stdout } = await run(process.execPath, [script, JSON.stringify(events)], {
      cwd: dir,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        // What the Terraform stack sets, minus AWS: memory store, the shipped persona.
        TWIN_STORE: 'memory',
        TWIN_PERSONA_DIR: path.join(dir, 'persona'),
        TWIN_DATA_DIR: path.join(dir, 'data'),
        TWIN_METRICS: 'none',
        LOG_LEVEL: 'silent',
        AWS_EMF_ENVIRONMENT: 'Local',
      },
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    const [health, chat, page, vendor] = out.results;
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'healthy', version: expect.any(String) });
    expect(chat.statusCode).toBe(200);
    expect(JSON.parse(chat.body).response.length).toBeGreaterThan(0);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    expect(vendor.statusCode).toBe(200);
    // The tokenizer the bundle uses is the one it ships, not one found elsewhere.
    expect(out.tokenizer.startsWith(dir)).toBe(true);
    expect(out.tokens).toBe(2);
  });
});

describe('the built bundle with TWIN_MODEL=bedrock', () => {
  it('keeps the Bedrock SDK out of app.mjs, in a chunk loaded on the first answer', () => {
    const chunks = readdirSync(path.join(BUNDLE_DIR, 'chunks'));
    const withBedrock = chunks.filter((chunk) =>
      readFileSync(path.join(BUNDLE_DIR, 'chunks', chunk), 'utf8').includes('InvokeModelWithBidirectionalStream'),
    );
    expect(withBedrock.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(BUNDLE_DIR, 'app.mjs'), 'utf8')).not.toContain('InvokeModelWithBidirectionalStream');
  });

  it('answers /chat through Bedrock, signed with the role credentials Lambda puts in the environment', async () => {
    const standIn = await FakeBedrockServer.start({ fallback: bedrock.text('Answered by the stand-in.') });
    try {
      const script = await writeInvokeScript(dir);
      const events = [
        httpApiEvent('POST', '/chat', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'Where are you based?' }),
        }),
      ];
      const { stdout } = await run(process.execPath, [script, JSON.stringify(events)], {
        cwd: dir,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          TWIN_STORE: 'memory',
          TWIN_PERSONA_DIR: path.join(dir, 'persona'),
          TWIN_DATA_DIR: path.join(dir, 'data'),
          TWIN_METRICS: 'none',
          LOG_LEVEL: 'silent',
          TWIN_MODEL: 'bedrock',
          BEDROCK_ENDPOINT: standIn.http1Endpoint,
          BEDROCK_MAX_RETRIES: '0',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      });
      const [chat] = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}').results;
      expect(chat.statusCode).toBe(200);
      expect(JSON.parse(chat.body)).toMatchObject({ response: 'Answered by the stand-in.', grounded: true });
      expect(standIn.requests.map((r) => [r.operation, r.modelId])).toEqual([['converse', 'amazon.nova-lite-v1:0']]);
      expect(String(standIn.requests[0]?.headers.authorization)).toContain(
        `Credential=${DUMMY_CREDENTIALS.accessKeyId}/`,
      );
    } finally {
      await standIn.close();
    }
  });
});

describe('the built bundle, cold, with a hosted model (ADR 1200)', () => {
  // Without a usable code cache, index.mjs imports app.mjs, whose every byte is parsed at start.
  it('keeps the AWS SDK, the OpenAI SDK and prom-client out of app.mjs, in chunks loaded when used', () => {
    const index = readFileSync(path.join(BUNDLE_DIR, 'app.mjs'), 'utf8');
    const chunks = readdirSync(path.join(BUNDLE_DIR, 'chunks')).map((chunk) =>
      readFileSync(path.join(BUNDLE_DIR, 'chunks', chunk), 'utf8'),
    );
    for (const marker of [
      'BatchWriteItemCommand',
      'PutMetricDataCommand',
      'stainless-node-retry-',
      'collectDefaultMetrics',
    ]) {
      expect(index).not.toContain(marker);
      expect(chunks.some((chunk) => chunk.includes(marker))).toBe(true);
    }
  });

  it.each([
    ['from its code cache', 'cache'],
    ['from app.mjs', 'modules'],
  ])(
    'answers its first /chat %s from the compiled persona: without pdf.js and without the tokenizer',
    async (_, state) => {
      const model = await FakeOpenAiServer.start({ fallback: reply.text('Answered by the stand-in.') });
      const bare = await isolatedCopy();
      try {
        if (state === 'modules') await rm(path.join(bare, 'app.cjs.cache.json'));
        // Both removed from the package: the answer must not need them.
        for (const chunk of readdirSync(path.join(bare, 'chunks'))) {
          if (chunk.startsWith('pdfjs-')) await rm(path.join(bare, 'chunks', chunk));
        }
        await rm(path.join(bare, 'node_modules'), { recursive: true, force: true, maxRetries: 5 });
        const script = path.join(bare, 'first-chat.mjs');
        await writeFile(
          script,
          `const { handler, codeCache } = await import('./index.mjs');
const result = await handler(JSON.parse(process.argv[2]));
console.log(JSON.stringify({ ...result, state: codeCache.state }));
process.exit(0);`,
        );
        const event = httpApiEvent('POST', '/chat', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'How big is your team?' }),
        });
        const { stdout } = await run(process.execPath, [script, JSON.stringify(event)], {
          cwd: bare,
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            TWIN_STORE: 'memory',
            TWIN_PERSONA_DIR: path.join(bare, 'persona'),
            TWIN_DATA_DIR: path.join(bare, 'data'),
            TWIN_METRICS: 'none',
            LOG_LEVEL: 'silent',
            TWIN_MODEL: 'openai',
            OPENAI_API_KEY: 'sk-test',
            OPENAI_BASE_URL: model.baseURL,
            OPENAI_MAX_RETRIES: '0',
          },
        });
        const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
        expect(result.statusCode).toBe(200);
        expect(result.state).toBe(state);
        expect(JSON.parse(result.body).response).toBe('Answered by the stand-in.');
        // The PDF's text (from persona/.compiled) is in the prompt the model was sent.
        expect(model.requests[0]?.body.messages[0]?.content).toContain('about 40 product engineers');
      } finally {
        await model.close();
        await rm(bare, { recursive: true, force: true, maxRetries: 5 });
      }
    },
    60_000,
  );
});

describe('TWIN_STORE=memory npx tsx scripts/invoke-lambda.ts (docs/deploy.md)', () => {
  it('invokes the built package for GET /health and POST /chat', async () => {
    const env = { ...process.env, TWIN_STORE: 'memory', TWIN_METRICS: 'none', LOG_LEVEL: 'silent' };
    const health = await run('npx', ['tsx', 'scripts/invoke-lambda.ts', 'GET', '/health'], { cwd: ROOT, env });
    expect(JSON.parse(health.stdout).statusCode).toBe(200);
    const chat = await run(
      'npx',
      ['tsx', 'scripts/invoke-lambda.ts', 'POST', '/chat', '{"message":"Where are you based?"}'],
      { cwd: ROOT, env },
    );
    const result = JSON.parse(chat.stdout);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).session_id).toBeDefined();
  }, 60_000);
});
