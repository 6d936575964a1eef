import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twinServer } from '../../examples/embed-in-node-http.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const server = twinServer(`${root}persona`);
let url = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function ask(body: unknown) {
  const response = await fetch(`${url}/ask`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the library embedded in node:http (README example)', () => {
  it('answers and remembers the session', async () => {
    const first = await ask({ message: 'Hello!' });
    expect(first.status).toBe(200);
    expect(first.body.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof first.body.response).toBe('string');
    const second = await ask({ message: 'Where are you based?', session_id: first.body.session_id });
    expect(second.body.session_id).toBe(first.body.session_id);
    expect(second.body.grounded).toBe(true);
  });

  it('turns bad input into a 400', async () => {
    expect((await ask({ message: '' })).status).toBe(400);
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}examples/embed-in-node-http.ts`, 'utf8')
      .replace(/^import.*\n/gm, '')
      .trim();
    expect(readme).toContain(example);
  });
});
