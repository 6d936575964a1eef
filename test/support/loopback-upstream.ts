import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Persona } from '../../src/domain/persona/persona.js';
import type { ChatRequest } from '../../src/ports/chat-model.js';

/** What a loopback upstream saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type UpstreamHandler = (request: SeenRequest, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 (port 0) for transport tests: records every request (body read
 * in full) and hands it to `handle`, which writes whatever bytes and headers the test needs.
 */
export class LoopbackUpstream {
  readonly seen: SeenRequest[] = [];

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly origin: string,
  ) {}

  static async start(handle: UpstreamHandler): Promise<LoopbackUpstream> {
    let upstream: LoopbackUpstream | undefined;
    const server = createServer(async (req, res) => {
      const parts: Buffer[] = [];
      for await (const part of req) parts.push(part as Buffer);
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(parts).toString('utf8'),
      };
      upstream?.seen.push(request);
      try {
        await handle(request, res, req);
      } catch {
        res.destroy();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    upstream = new LoopbackUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return upstream;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const persona: Persona = { facts: { name: 'Ada' }, summary: '', style: '', documents: [], version: 'v1' };

/** The smallest turn an OpenAiChatModel can be asked. */
export function oneQuestion(question = 'What do you do?'): ChatRequest {
  return { system: 'You are Ada.', messages: [{ role: 'user', content: question }], persona };
}
