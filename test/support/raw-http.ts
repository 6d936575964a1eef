import { type ClientRequest, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, expect } from 'vitest';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { createHttpServer, HTTP_LIMITS, type HttpLimits } from '../../src/app/http/http-server.js';
import { testConfig } from './http-fixture.js';
import { fakeAdapters } from './twin-fixture.js';

/** Raw HTTP against the real app behind the real server factory: for tests of what clients can send. */

export interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The real app behind the real server factory, on 127.0.0.1 port 0, with a logger to inspect. */
export async function serve(env: Record<string, string> = {}, limits: HttpLimits = HTTP_LIMITS) {
  const adapters = fakeAdapters();
  const app = createApp(buildContainer(testConfig(env), adapters));
  const server = createHttpServer(app.callback(), limits, adapters.logger, adapters.metrics);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle = {
    port,
    logger: adapters.logger,
    metrics: adapters.metrics,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

export function post(port: number, body: Buffer, headers: Record<string, string>, path = '/chat'): Promise<Raw> {
  return postWith(port, { 'Content-Length': String(body.length), ...headers }, (req) => req.end(body), path);
}

/**
 * A POST whose body the caller sends (`send` gets the open request: write it in pieces, or only
 * flush the headers and send nothing); resolves with the whole answer.
 */
export function postWith(
  port: number,
  headers: Record<string, string>,
  send: (req: ClientRequest) => void,
  path = '/chat',
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    send(req);
  });
}

/** Writes raw bytes on a TCP connection and reads until the server closes it. */
export function rawExchange(port: number, bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(bytes);
  });
}

export function parseRaw(text: string): Raw {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

export function expectErrorShape(res: Raw, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
}
