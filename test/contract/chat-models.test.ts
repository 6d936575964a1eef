import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { OpenAiChatModel } from '../../src/adapters/openai/openai-chat-model.js';
import { ModelUnavailable } from '../../src/domain/errors.js';
import { standInModel } from '../support/bedrock-stand-in.js';
import { type BedrockHandler, bedrock, FakeBedrockServer } from '../support/fake-bedrock-server.js';
import { type FakeHandler, FakeOpenAiServer, reply } from '../support/fake-openai-server.js';
import { chatModelContract, type ReceivedCall, type UpstreamReply } from './chat-model.contract.js';

/** The OpenAI stand-in's scripts for one upstream reply. */
function openAiReplies(next: UpstreamReply): FakeHandler[] {
  if (next.kind === 'text') return [reply.text(next.text)];
  if (next.kind === 'empty') return [reply.text('')];
  if (next.kind === 'busy') return [reply.error(429, 'Rate limit reached', { 'retry-after': '3' })];
  return [
    reply.toolCalls([{ name: 'record_unknown_question', arguments: { question: next.question } }]),
    reply.text(next.answer),
  ];
}

/** The Bedrock stand-in's scripts for one upstream reply. */
function bedrockReplies(next: UpstreamReply): BedrockHandler[] {
  if (next.kind === 'text') return [bedrock.text(next.text)];
  if (next.kind === 'empty') return [bedrock.text('')];
  if (next.kind === 'busy') return [bedrock.error('ThrottlingException', 'Too many requests, please wait.')];
  return [
    bedrock.toolUse([{ name: 'record_unknown_question', input: { question: next.question } }]),
    bedrock.text(next.answer),
  ];
}

chatModelContract('ScriptedChatModel', { upstream: false, tools: false }, async () => {
  const replies: UpstreamReply[] = [];
  const model = new ScriptedChatModel(() => {
    const next = replies.shift() ?? { kind: 'text', text: 'Scripted reply.' };
    if (next.kind === 'busy') return new ModelUnavailable('busy', { retryAfterSeconds: 3 });
    if (next.kind === 'empty') return '';
    return next.kind === 'text' ? next.text : next.answer;
  });
  return {
    model,
    script: (...next) => replies.push(...next),
    received: () => undefined,
    usesTools: false,
    close: async () => {},
  };
});

chatModelContract('OpenAiChatModel on a local OpenAI-compatible server', { upstream: true, tools: true }, async () => {
  const server = await FakeOpenAiServer.start();
  const model = new OpenAiChatModel({ apiKey: 'test-key', baseURL: server.baseURL, maxRetries: 0, timeoutMs: 5_000 });
  return {
    model,
    script: (...replies) => server.enqueue(...replies.flatMap(openAiReplies)),
    received: () =>
      server.requests.map((request): ReceivedCall => {
        const [system, ...turns] = request.body.messages;
        return {
          system: system?.role === 'system' ? system.content : '',
          turns: turns.map((turn) => ({ role: turn.role, text: turn.content })),
        };
      }),
    usesTools: true,
    close: () => server.close(),
  };
});

chatModelContract(
  'BedrockChatModel on the local Bedrock Runtime stand-in',
  { upstream: true, tools: true },
  async () => {
    const server = await FakeBedrockServer.start();
    const model = standInModel(server);
    return {
      model,
      script: (...replies) => server.enqueue(...replies.flatMap(bedrockReplies)),
      received: () =>
        server.requests.map(
          (request): ReceivedCall => ({
            system: (request.body.system ?? []).map((block) => block.text).join(''),
            turns: (request.body.messages ?? []).flatMap((message) =>
              message.content.flatMap((block) =>
                block.text === undefined ? [] : [{ role: message.role, text: block.text }],
              ),
            ),
          }),
        ),
      usesTools: true,
      close: () => server.close(),
    };
  },
);
