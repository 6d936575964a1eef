import { Agent, request } from 'node:http';

/**
 * Sequential requests on one kept-alive connection (one client, as a visitor is), timed on
 * this side: a GET's whole response, or a streamed POST's first `token` event.
 */
export class LatencyProbe {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly port: number) {}

  /** Milliseconds until the whole response of GET `path` has arrived. */
  get(path: string): Promise<number> {
    return this.time('GET', path, undefined, (text) => text === null);
  }

  /** Milliseconds from sending the POST until the first `event: token` of the SSE body; the rest is drained. */
  firstToken(path: string, body: string): Promise<number> {
    return this.time('POST', path, body, (text) => text?.includes('event: token') === true);
  }

  close(): void {
    this.agent.destroy();
  }

  // `reached` sees the body so far, then null at its end; the time is taken when it first says true.
  private time(method: string, path: string, body: string | undefined, reached: (text: string | null) => boolean) {
    return new Promise<number>((resolve, reject) => {
      const started = performance.now();
      let at: number | undefined;
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (at === undefined && reached(text)) at = performance.now() - started;
          });
          res.on('end', () => {
            if (at === undefined && reached(null)) at = performance.now() - started;
            if (res.statusCode !== 200 || at === undefined) {
              reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`));
            } else resolve(at);
          });
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  }
}
