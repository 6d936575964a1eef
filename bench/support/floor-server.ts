// Child process for bench/throughput-floor.ts: the least any Node server can do for one chat that
// calls a hosted model once. A bare node:http server (no framework, no store, no analytics):
//   GET /health  -> a small JSON answer
//   POST /chat   -> reads and parses the JSON body, makes ONE chat completions call to the stand-in
//                   at FLOOR_BASE_URL with the twin's real model request (FLOOR_BODY_FILE: the bytes
//                   the twin sent), parses the answer, and returns a small JSON answer.
// FLOOR_CLIENT picks how the model call is made:
//   node-http       node:http.request with a kept-alive agent, the body sent as captured
//   sdk             the OpenAI SDK with its default fetch (Node's built-in, undici)
//   sdk-node-http   the OpenAI SDK over the twin's nodeHttpFetch (what the twin does)
// With the SDK the captured request is parsed once at start and handed to
// chat.completions.create, which serialises it again on every call, as it would for any caller.
// Prints {"port"} once listening; answers IPC 'cpu' with its CPU time.
import { readFileSync } from 'node:fs';
import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { nodeHttpFetch } from '../../src/adapters/openai/node-http-fetch.js';

const CLIENT = process.env.FLOOR_CLIENT ?? 'node-http';
const BASE_URL = process.env.FLOOR_BASE_URL as string;
const BODY = readFileSync(process.env.FLOOR_BODY_FILE as string);
const HEALTH = JSON.stringify({ status: 'healthy' });

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => resolve(Buffer.concat(parts)));
    incoming.on('error', reject);
  });
}

/** One model call; resolves with the answer's text. */
type ModelCall = () => Promise<string>;

function nodeHttpCall(): ModelCall {
  const agent = new Agent({ keepAlive: true });
  const url = new URL(`${BASE_URL}/chat/completions`);
  return () =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': BODY.length,
            authorization: 'Bearer bench-key',
          },
        },
        (answer) => {
          readBody(answer).then((bytes) => {
            const completion = JSON.parse(bytes.toString('utf8')) as { choices: { message: { content: string } }[] };
            resolve(completion.choices[0]?.message.content ?? '');
          }, reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(BODY);
    });
}

function sdkCall(fetch: typeof globalThis.fetch | undefined): ModelCall {
  const client = new OpenAI({ apiKey: 'bench-key', baseURL: BASE_URL, maxRetries: 0, ...(fetch ? { fetch } : {}) });
  const params = JSON.parse(BODY.toString('utf8')) as ChatCompletionCreateParamsNonStreaming;
  return async () => {
    const completion = await client.chat.completions.create({ ...params, stream: false });
    return completion.choices[0]?.message.content ?? '';
  };
}

const calls: Record<string, () => ModelCall> = {
  'node-http': nodeHttpCall,
  sdk: () => sdkCall(undefined),
  'sdk-node-http': () => sdkCall(nodeHttpFetch),
};
const callModel = calls[CLIENT]?.();
if (!callModel) throw new Error(`FLOOR_CLIENT must be one of ${Object.keys(calls).join(', ')}`);

const server = createServer(async (incoming, outgoing) => {
  try {
    if (incoming.method === 'GET' && incoming.url === '/health') {
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(HEALTH);
      return;
    }
    if (incoming.method === 'POST' && incoming.url === '/chat') {
      const { session_id } = JSON.parse((await readBody(incoming)).toString('utf8')) as { session_id: string };
      const response = await callModel();
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ response, session_id }));
      return;
    }
    outgoing.writeHead(404).end();
  } catch {
    outgoing.writeHead(500).end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.on('SIGTERM', () => process.exit(0));
