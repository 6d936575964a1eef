import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local webhook endpoint that keeps every JSON body it receives. */
export class WebhookReceiver {
  readonly bodies: unknown[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    /** Status to answer with; tests set it to exercise failures. */
    public status = 200,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer(async (req, res) => {
      let raw = '';
      for await (const part of req) raw += part;
      receiver?.received(JSON.parse(raw));
      res.writeHead(receiver?.status ?? 200).end();
    });
    receiver = new WebhookReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Resolves once `count` bodies have arrived. */
  waitFor(count: number): Promise<void> {
    if (this.bodies.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private received(body: unknown): void {
    this.bodies.push(body);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.bodies.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
