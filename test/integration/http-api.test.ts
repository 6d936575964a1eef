import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { ModelUnavailable } from '../../src/domain/errors.js';
import { ADMIN_TOKEN, appWith } from '../support/http-fixture.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('GET / and /health', () => {
  it('greets API clients with storage and model info', async () => {
    const res = await request(appWith().server).get('/').expect(200);
    expect(res.body).toMatchObject({ storage: 'memory', model: 'scripted' });
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('reports healthy', async () => {
    const res = await request(appWith().server).get('/health').expect(200);
    expect(res.body.status).toBe('healthy');
  });

  it('echoes a plain X-Request-Id and replaces an unsafe one', async () => {
    const { server } = appWith();
    expect((await request(server).get('/health').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe(
      'abc-123',
    );
    const replaced = (await request(server).get('/health').set('X-Request-Id', 'a b {evil}')).headers['x-request-id'];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('POST /chat', () => {
  it('creates a session when none is sent', async () => {
    const res = await request(appWith().server).post('/chat').send({ message: 'Hello' }).expect(200);
    expect(res.body).toEqual({
      response: 'You said: Hello',
      session_id: '5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001',
      grounded: true,
    });
  });

  it('accepts session_id: null like the course frontend sends', async () => {
    const res = await request(appWith().server).post('/chat').send({ message: 'Hello', session_id: null }).expect(200);
    expect(res.body.session_id).toBe('5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001');
  });

  it('remembers the conversation across turns', async () => {
    const { server } = appWith();
    const first = await request(server).post('/chat').send({ message: 'first' }).expect(200);
    await request(server).post('/chat').send({ message: 'second', session_id: first.body.session_id }).expect(200);
    const conversation = await request(server).get(`/conversation/${first.body.session_id}`).expect(200);
    expect(conversation.body.session_id).toBe(first.body.session_id);
    expect(conversation.body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'first'],
      ['assistant', 'You said: first'],
      ['user', 'second'],
      ['assistant', 'You said: second'],
    ]);
    expect(conversation.body.messages[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it.each([
    ['no message', {}],
    ['an empty message', { message: '' }],
    ['a whitespace message', { message: '   ' }],
    ['a number as message', { message: 42 }],
    ['a 4001-character message', { message: 'x'.repeat(4001) }],
    ['a session id that is not a string', { message: 'hi', session_id: 42 }],
  ])('rejects %s with 400 invalid_input', async (_label, body) => {
    const res = await request(appWith().server).post('/chat').send(body).expect(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(typeof res.body.error.message).toBe('string');
  });

  it.each([
    ['a path-traversal session id', '../../etc/passwd'],
    ['an encoded traversal session id', '..%2F..%2F'],
    ['a session id with a slash', 'a/b'],
    ['an empty session id', ''],
    ['a 129-character session id', 'x'.repeat(129)],
    ['an 8-character session id', 'visitor1'],
    ['a 21-character session id', 'a'.repeat(21)],
    ['a 64-character id of one letter', 'a'.repeat(64)],
    ['a zero UUID', '00000000-0000-4000-8000-000000000000'],
    ['22 random base64url characters (not a UUID)', 'Zm9vYmFyLWJhei1xdXV4MQ'],
    ['a UUID v1', '3b241101-e2bb-11ee-8caf-4136c566a962'],
    ['words', 'the-quick-brown-fox-jumps-over-the-lazy-dog'],
  ])('answers %s in a new session with a server-issued id', async (_label, session_id) => {
    const res = await request(appWith().server).post('/chat').send({ message: 'hi', session_id }).expect(200);
    expect(res.body.session_id).toBe('5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001');
    expect(res.body.session_id).not.toBe(session_id);
  });

  it.each([
    ['a UUID v4', '3b241101-e2bb-4255-8caf-4136c566a962'],
    ['an upper-case UUID v4', '9F1C2E7A-5B3D-4C8E-A6F0-1D2B3C4E5F60'],
  ])('continues a client-chosen session named by %s', async (_label, session_id) => {
    const { server } = appWith();
    expect((await request(server).post('/chat').send({ message: 'hi', session_id }).expect(200)).body.session_id).toBe(
      session_id.toLowerCase(),
    );
    await request(server).post('/chat').send({ message: 'again', session_id }).expect(200);
    expect((await request(server).get(`/conversation/${session_id}`).expect(200)).body.messages).toHaveLength(4);
  });

  it('rejects invalid JSON with 400 and no parser internals', async () => {
    const res = await request(appWith().server)
      .post('/chat')
      .set('Content-Type', 'application/json')
      .send('{"message": "hi",')
      .expect(400);
    expect(res.body).toEqual({ error: { code: 'invalid_input', message: 'The request body is not valid JSON' } });
  });

  it('rejects a body over 64 KB with 413', async () => {
    const res = await request(appWith().server)
      .post('/chat')
      .send({ message: 'x'.repeat(70 * 1024) })
      .expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('rejects non-JSON bodies with 415', async () => {
    const res = await request(appWith().server)
      .post('/chat')
      .set('Content-Type', 'text/plain')
      .send('message=hi')
      .expect(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it.each(['/chat', '/chat/stream', '/v1/chat/completions', '/v1/responses'])(
    'answers a POST to %s without a body with 400 saying so, whatever its Content-Type',
    async (path) => {
      const { server } = appWith();
      for (const type of ['application/json', undefined]) {
        const req = request(server).post(path);
        if (type) req.set('Content-Type', type);
        const res = await req.expect(400);
        expect(res.body.error).toEqual({
          code: 'invalid_input',
          message: 'The request has no body: send a JSON object',
        });
      }
      // Nearly empty: whitespace, a byte-order mark, or chunks with no data say the same.
      for (const body of ['   \r\n\t ', '\uFEFF', '\uFEFF  ']) {
        const res = await request(server).post(path).set('Content-Type', 'application/json').send(body).expect(400);
        expect(res.body.error.message).toBe('The request has no body: send a JSON object');
      }
      const chunked = await request(server)
        .post(path)
        .set('Content-Type', 'application/json')
        .set('Transfer-Encoding', 'chunked')
        .send('')
        .expect(400);
      expect(chunked.body.error.message).toBe('The request has no body: send a JSON object');
    },
  );

  it('answers 503 with Retry-After and no internal text when the model is down', async () => {
    const model = new ScriptedChatModel(
      () => new ModelUnavailable('The language model is unavailable', { retryAfterSeconds: 7 }),
    );
    const res = await request(appWith({ model }).server).post('/chat').send({ message: 'hi' }).expect(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body.error.code).toBe('model_unavailable');
  });

  it('never leaks unexpected exception text in a 500', async () => {
    const { server, adapters } = appWith();
    adapters.store.load = async () => {
      throw new Error('EACCES: /var/secret/path password=hunter2');
    };
    const res = await request(server)
      .post('/chat')
      .send({ message: 'hi', session_id: '64ebedec-56cc-47be-a7c6-4a11459ad025' })
      .expect(500);
    expect(JSON.stringify(res.body)).not.toMatch(/EACCES|hunter2|secret/);
    expect(res.body.error.code).toBe('internal');
    expect(adapters.logger.entries.some((entry) => entry.level === 'error')).toBe(true);
  });

  it('409s a message to a deleted conversation', async () => {
    const { server } = appWith();
    const first = await request(server).post('/chat').send({ message: 'hi' }).expect(200);
    await request(server).delete(`/conversation/${first.body.session_id}`).expect(204);
    const res = await request(server)
      .post('/chat')
      .send({ message: 'again', session_id: first.body.session_id })
      .expect(409);
    expect(res.body.error.code).toBe('conflict');
  });
});

describe('conversations', () => {
  it('404s an unknown conversation, a guessable id and a malformed one', async () => {
    const { server, adapters } = appWith();
    expect((await request(server).get('/conversation/unknown-session-id-0000').expect(404)).body.error.code).toBe(
      'not_found',
    );
    await request(server).get('/conversation/..%2F..%2Fetc').expect(404);
    // A short id from before ids had to be unguessable: its conversation is not reachable by guessing.
    await adapters.store.append('visitor1' as never, [
      { id: 'm1' as never, role: 'user', content: 'old', timestamp: '2026-01-01T00:00:00.000Z' },
    ]);
    await request(server).get('/conversation/visitor1').expect(404);
    await request(server).delete('/conversation/visitor1?purge=true').expect(404);
    expect(await adapters.store.load('visitor1' as never)).not.toBeNull();
  });

  it('reads a session id in any case as one conversation (UUIDs compare case-insensitively, RFC 9562)', async () => {
    const { server } = appWith();
    const upper = crypto.randomUUID().toUpperCase();
    const first = await request(server).post('/chat').send({ message: 'hi', session_id: upper }).expect(200);
    expect(first.body.session_id).toBe(upper.toLowerCase());
    const mixed = upper.slice(0, 18) + upper.slice(18).toLowerCase();
    await request(server).post('/chat').send({ message: 'again', session_id: mixed }).expect(200);
    const read = await request(server).get(`/conversation/${upper}`).expect(200);
    expect(read.body.session_id).toBe(upper.toLowerCase());
    expect(read.body.messages.map((m: { content: string }) => m.content)).toEqual(
      expect.arrayContaining(['hi', 'again']),
    );
    expect(read.body.messages).toHaveLength(4);
    await request(server).delete(`/conversation/${mixed}`).expect(204);
    await request(server).get(`/conversation/${upper.toLowerCase()}`).expect(404);
  });

  it('soft-deletes: afterwards the conversation reads as 404', async () => {
    const { server } = appWith();
    const chat = await request(server).post('/chat').send({ message: 'hi' }).expect(200);
    await request(server).delete(`/conversation/${chat.body.session_id}`).expect(204);
    await request(server).get(`/conversation/${chat.body.session_id}`).expect(404);
    await request(server).delete(`/conversation/${chat.body.session_id}`).expect(404);
  });

  it('purges with ?purge=true', async () => {
    const { server, adapters } = appWith();
    const chat = await request(server).post('/chat').send({ message: 'hi' }).expect(200);
    await request(server).delete(`/conversation/${chat.body.session_id}?purge=true`).expect(204);
    expect(await adapters.store.load(chat.body.session_id)).toBeNull();
    await adapters.store.append(chat.body.session_id, [
      { id: 'm1' as never, role: 'user', content: 'new life', timestamp: '2026-01-01T00:00:00.000Z' },
    ]);
    expect((await adapters.store.load(chat.body.session_id))?.messages).toHaveLength(1);
  });
});

describe('GET /sessions', () => {
  it('requires the admin token', async () => {
    const { server } = appWith();
    const res = await request(server).get('/sessions').expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    await request(server).get('/sessions').set('Authorization', 'Bearer wrong').expect(401);
    await request(server).get('/sessions').set('Authorization', ADMIN_TOKEN).expect(401);
  });

  it('lists sessions newest first, paginated with a cursor', async () => {
    const { server, adapters } = appWith();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      adapters.clock.advance(1000);
      ids.push(
        (
          await request(server)
            .post('/chat')
            .send({ message: `m${i}` })
            .expect(200)
        ).body.session_id,
      );
    }
    const first = await request(server).get('/sessions?limit=3').set(admin).expect(200);
    expect(first.body.sessions.map((s: { session_id: string }) => s.session_id)).toEqual(ids.slice(2).reverse());
    expect(first.body.sessions[0]).toEqual({
      session_id: ids[4],
      created_at: expect.any(String),
      last_updated: expect.any(String),
      message_count: 2,
      first_question: 'm4',
      feedback: { up: 0, down: 0 },
    });
    const second = await request(server)
      .get('/sessions')
      .query({ limit: 3, cursor: first.body.next_cursor })
      .set(admin)
      .expect(200);
    expect(second.body.sessions.map((s: { session_id: string }) => s.session_id)).toEqual(ids.slice(0, 2).reverse());
    expect(second.body.next_cursor).toBeNull();
  });

  it('400s a bad limit or cursor', async () => {
    const { server } = appWith();
    await request(server).get('/sessions?limit=0').set(admin).expect(400);
    await request(server).get('/sessions?limit=101').set(admin).expect(400);
    const res = await request(server).get('/sessions?cursor=not-a-cursor').set(admin).expect(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});

describe('CORS', () => {
  it('allows listed origins only', async () => {
    const { server } = appWith({}, { CORS_ORIGINS: 'https://me.example, http://localhost:3000' });
    const allowed = await request(server)
      .options('/chat')
      .set('Origin', 'https://me.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://me.example');
    const denied = await request(server)
      .options('/chat')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(server).get('/health').set('Origin', 'http://localhost:3000').expect(200);
    expect(get.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });
});

describe('unknown routes and OpenAPI', () => {
  it('405s a wrong method in the error shape, with Allow', async () => {
    const res = await request(appWith().server).put('/chat').send({}).expect(405);
    expect(res.body.error.code).toBe('method_not_allowed');
    expect(res.headers.allow).toContain('POST');
  });

  it('404s unknown routes in the error shape', async () => {
    const res = await request(appWith().server).get('/nope').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('serves an OpenAPI 3.1 document whose chat schema comes from the zod schema', async () => {
    const res = await request(appWith().server).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.schemas.ChatRequest.required).toEqual(['message']);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/', '/health', '/chat', '/chat/stream', '/conversation/{session_id}', '/sessions']),
    );
  });
});
