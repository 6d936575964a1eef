import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { fc } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import { expectErrorShape, post, postWith, serve } from '../support/raw-http.js';

// RFC 3629 byte sequences that are not UTF-8, by kind: each must be refused, never stored as U+FFFD.
const notUtf8 = fc.oneof(
  fc.integer({ min: 0x80, max: 0xbf }).map((b) => [b]), // a continuation byte with no lead
  fc.constantFrom([0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0xaf], [0xf0, 0x80, 0x80, 0xaf]), // overlong forms
  fc.integer({ min: 0xa0, max: 0xbf }).map((b) => [0xed, b, 0x80]), // UTF-16 surrogates (U+D800..U+DFFF)
  fc.integer({ min: 0x90, max: 0xbf }).map((b) => [0xf4, b, 0x80, 0x80]), // above U+10FFFF
  fc.integer({ min: 0xf5, max: 0xff }).map((b) => [b]), // bytes that never occur in UTF-8
  fc.integer({ min: 0xc2, max: 0xf4 }).map((b) => [b, 0x41]), // a lead byte cut short by ASCII
  fc.constant([0xff, 0xfe]), // a UTF-16 byte-order mark
);

/** A JSON chat body whose message has the given bytes spliced in at `at` (0..1 of its length). */
function bodyWith(sessionId: string, bytes: readonly number[], at: number): Buffer {
  const [before, after] = ['Hello, what do you', ' do for a living?'];
  const text = `${before}${after}`;
  const cut = Math.floor(at * text.length);
  return Buffer.concat([
    Buffer.from(`{"session_id":"${sessionId}","message":"${text.slice(0, cut)}`),
    Buffer.from(bytes),
    Buffer.from(`${text.slice(cut)}"}`),
  ]);
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const SESSION = 'c0a8e4f2-9b1d-4e6a-8f3c-5d7b2a1e9c40';

describe('request bodies that are not UTF-8', () => {
  it.each(['/chat', '/chat/stream', '/v1/chat/completions'])(
    'are a 400 invalid_input on %s, whatever the invalid sequence and where, and nothing is stored',
    async (path) => {
      const { port } = await serve();
      const samples = fc.sample(fc.tuple(notUtf8, fc.double({ min: 0, max: 1, noNaN: true })), 60);
      for (const [bytes, at] of samples) {
        const body =
          path === '/v1/chat/completions'
            ? Buffer.concat([
                Buffer.from(`{"model":"twin","user":"${SESSION}","messages":[{"role":"user","content":"Hi `),
                Buffer.from(bytes),
                Buffer.from(`"}]}`),
              ])
            : bodyWith(SESSION, bytes, at);
        const res = await post(port, body, JSON_TYPE, path);
        expectErrorShape(res, 400, 'invalid_input');
        expect(res.body).toContain('UTF-8');
      }
      expect(await get(port, `/conversation/${SESSION}`)).toBe(404);
    },
  );

  it('are refused inside a gzip body too', async () => {
    const { port } = await serve();
    for (const bytes of fc.sample(notUtf8, 30)) {
      const res = await post(port, gzipSync(bodyWith(SESSION, bytes, 0.5)), {
        ...JSON_TYPE,
        'Content-Encoding': 'gzip',
      });
      expectErrorShape(res, 400, 'invalid_input');
    }
    expect(await get(port, `/conversation/${SESSION}`)).toBe(404);
  });

  it.each(['latin1', 'ISO-8859-1', 'utf-16', 'windows-1252', '"us-ascii"'])(
    'with charset=%s are a 415: JSON between systems is UTF-8 (RFC 8259, 8.1)',
    async (charset) => {
      const { port } = await serve();
      const res = await post(port, bodyWith(SESSION, [0xe9], 0.3), {
        'Content-Type': `application/json; charset=${charset}`,
      });
      expectErrorShape(res, 415, 'unsupported_media_type');
    },
  );

  it.each(['utf-8', 'UTF-8', 'utf8', '"utf-8"'])(
    'are read when charset=%s and the bytes are UTF-8',
    async (charset) => {
      const { port } = await serve();
      const message = 'Grüße aus Köln, 東京 and 👋🏽: what do you do?';
      const res = await post(port, Buffer.from(JSON.stringify({ session_id: SESSION, message })), {
        'Content-Type': `application/json; charset=${charset}`,
      });
      expect(res.status).toBe(200);
      expect(await get(port, `/conversation/${SESSION}`)).toBe(200);
    },
  );

  it('keep a leading byte-order mark harmless', async () => {
    const { port } = await serve();
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ message: 'Hi' }))]);
    expect((await post(port, body, JSON_TYPE)).status).toBe(200);
  });
});

describe('a Content-Length over the limit', () => {
  // Past 2^53 Node's own parser refuses the header: a 400, in our error shape too.
  it.each([
    ['1000000000000', 413, 'payload_too_large'],
    ['65537', 413, 'payload_too_large'],
    ['99999999999999999999', 400, 'invalid_input'],
  ])('of %s is a %i before any body byte is sent', async (length, status, code) => {
    const { port } = await serve();
    // Headers only: the body never comes, so only an answer given before reading it can arrive.
    const res = await postWith(port, { ...JSON_TYPE, 'Content-Length': length }, (req) => req.flushHeaders());
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code } });
  });
});

describe('a compressed body whose client goes away mid-body', () => {
  it.each(['gzip', 'deflate', 'br'])(
    '%s: the read ends with the request instead of waiting forever',
    async (coding) => {
      const { port, logger } = await serve();
      const compressed = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync }[coding] as (
        b: Buffer,
      ) => Buffer;
      const whole = compressed(Buffer.from(JSON.stringify({ message: 'x'.repeat(5000) })));
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: ${coding}\r\nContent-Length: ${whole.length}\r\n\r\n`,
      );
      socket.write(whole.subarray(0, Math.floor(whole.length / 2)));
      // Half the body is in flight; the client leaves before sending the rest.
      await new Promise<void>((resolve) => socket.write('', () => resolve()));
      socket.destroy();
      await vi.waitFor(() => expect(logger.entries.some((entry) => entry.message === 'request rejected')).toBe(true), {
        timeout: 5000,
        interval: 20,
      });
    },
  );
});

describe('encoded bodies past the limit', () => {
  it.each(['gzip', 'br', 'deflate'])(
    'a %s body announcing more than the limit is a 413 before any byte is read',
    async (coding) => {
      const { port } = await serve();
      const socket = connect(port, '127.0.0.1');
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.setEncoding('latin1');
        socket.on('data', (chunk) => {
          text += chunk;
          if (text.includes('\r\n\r\n') && text.includes('}')) resolve(text);
        });
      });
      socket.write(
        `POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: ${coding}\r\nContent-Length: 99999999999\r\n\r\n`,
      );
      const text = await answer;
      socket.destroy();
      expect(text).toMatch(/^HTTP\/1\.1 413/);
      expect(text).toContain('payload_too_large');
    },
  );

  it('stops reading a chunked deflate body of empty stored blocks once past the encoded limit', async () => {
    const { port } = await serve();
    // An empty stored block (BFINAL 0): 00 00 00 ff ff, 5 bytes that inflate to nothing.
    const empty = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);
    const padding = Buffer.concat(Array.from({ length: 40_000 }, () => empty));
    const tail = deflateRawSync(Buffer.from(JSON.stringify({ message: 'hi' })));
    const body = Buffer.concat([Buffer.from([0x78, 0x9c]), padding, tail]);
    // Chunked, so no Content-Length announces the size: only counting the bytes read stops it.
    const res = await postWith(port, { ...JSON_TYPE, 'Content-Encoding': 'deflate' }, (req) => {
      for (let at = 0; at < body.length; at += 8192) req.write(body.subarray(at, at + 8192));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
  });
});

describe('Expect: 100-continue', () => {
  it.each([
    ['identity', '70000', 413],
    ['gzip', '99999999', 413],
    ['identity', '16', 100],
  ])('with a %s body of %s bytes answers %i first', async (coding, length, status) => {
    const { port } = await serve();
    const socket = connect(port, '127.0.0.1');
    const first = new Promise<string>((resolve) => {
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\r\n')) resolve(text);
      });
    });
    socket.write(
      `POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: ${coding}\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\n\r\n`,
    );
    const text = await first;
    socket.destroy();
    expect(text.slice(0, 12)).toBe(`HTTP/1.1 ${status}`);
  });
});

describe('bodies refused before they are read', () => {
  it('close the connection, so the unread rest is neither a second request nor a second answer', async () => {
    const { port } = await serve();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      'POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 60000\r\n\r\nnot gzip',
    );
    await closed;
    expect(received.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 400']);
  });

  it.each(['application/json; charset=utf-8; charset=latin1', 'application/json; charset=latin1; charset=utf-8'])(
    'with two charsets (%s) are a 415',
    async (type) => {
      const { port } = await serve();
      expectErrorShape(
        await post(port, Buffer.from('{"message":"hi"}'), { 'Content-Type': type }),
        415,
        'unsupported_media_type',
      );
    },
  );

  it('with a __proto__ key say so', async () => {
    const { port } = await serve();
    const res = await post(port, Buffer.from('{"message":"hi","__proto__":{"x":1}}'), JSON_TYPE);
    expectErrorShape(res, 400, 'invalid_input');
    expect(JSON.parse(res.body).error.message).toContain('__proto__');
  });
});
