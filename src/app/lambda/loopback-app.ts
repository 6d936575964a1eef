import { Agent, createServer, type IncomingMessage, type RequestListener, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrors } from '../http/http-server.js';
import type { ForwardedRequest } from './http-event.js';

/**
 * The Koa app on a loopback port inside the execution environment, so every Lambda request
 * goes through Node's own HTTP parser and writer (streaming included) instead of a fake
 * socket that depends on ServerResponse internals. See docs/adr/0600.
 */
export class LoopbackApp {
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  /** Listens on 127.0.0.1 on a free port; nothing outside the environment can reach it. */
  static async start(listener: RequestListener): Promise<LoopbackApp> {
    const server = createServer(listener);
    // Requests come from API Gateway, but whatever Node's parser refuses still gets the error shape.
    answerClientErrors(server);
    // The Lambda environment may be frozen between requests: idle sockets must not time out mid-freeze.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Only invocations keep a Lambda process busy; the port alone must not hold a local process open.
    server.unref();
    return new LoopbackApp(server, (server.address() as AddressInfo).port);
  }

  /** Sends the request; resolves with the response as soon as its head arrives (the body streams). */
  send(forwarded: ForwardedRequest, signal?: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: forwarded.method,
          path: forwarded.path,
          headers: forwarded.headers,
          agent: this.agent,
          signal,
        },
        resolve,
      );
      outgoing.once('error', reject);
      outgoing.end(forwarded.body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
