import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { ADMIN_TOKEN, appWith, testConfig } from '../support/http-fixture.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SAMPLE = fileURLToPath(new URL('../../persona', import.meta.url));
type Server = Parameters<typeof request>[0];

async function ask(server: Server, message: string, session_id?: string) {
  return (await request(server).post('/chat').send({ message, session_id }).expect(200)).body;
}

async function answerFirstGap(server: Server, answer: string) {
  const [gap] = (await request(server).get('/analytics/knowledge-gaps?status=open').set(admin).expect(200)).body.gaps;
  await request(server).post(`/analytics/knowledge-gaps/${gap.id}/answer`).set(admin).send({ answer }).expect(200);
}

async function answers(server: Server) {
  return (await request(server).get('/knowledge/answers').set(admin).expect(200)).body.answers;
}

describe('the owner’s answers over HTTP', () => {
  it('lists, edits and deletes answers, and the next visitor gets each change', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await ask(server, 'Do you have a cat?');
    await answerFirstGap(server, 'Yes: a grey cat called Tensor.');
    const [cat] = await answers(server);
    expect(cat).toEqual({
      id: expect.stringMatching(/^ans-[0-9a-f]{16}$/),
      question: 'Do you have a cat?',
      answer: 'Yes: a grey cat called Tensor.',
    });

    const edited = await request(server)
      .put(`/knowledge/answers/${cat.id}`)
      .set(admin)
      .send({ answer: 'Yes: Tensor, who ignores me.' })
      .expect(200);
    expect(edited.body).toEqual({ ...cat, answer: 'Yes: Tensor, who ignores me.' });
    expect((await ask(server, 'Do you have a cat?')).response).toContain('ignores me');

    const moved = await request(server)
      .put(`/knowledge/answers/${cat.id}`)
      .set(admin)
      .send({ question: 'Do you have pets?' })
      .expect(200);
    expect(moved.body.id).not.toBe(cat.id);
    expect(await answers(server)).toEqual([moved.body]);
    expect((await ask(server, 'Do you have any pets?')).response).toContain('Tensor');

    await request(server).delete(`/knowledge/answers/${moved.body.id}`).set(admin).expect(204);
    expect(await answers(server)).toEqual([]);
    const after = await ask(server, 'Do you have any pets?');
    expect(after.grounded).toBe(false);
    expect(after.response).not.toContain('Tensor');
  });

  it('publishes the question masked and as plain text, and a purge of the session keeps the answer', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    // (An e-mail address makes a lead, not a gap; the masking of both is proven in test/property.)
    const visitor = await ask(server, 'Could you call me on +44 20 7946 0958 about your <b>cat</b>?');
    await answerFirstGap(server, 'I have a grey cat called Tensor.');
    const [answer] = await answers(server);
    expect(answer.question).toBe('Could you call me on [phone] about your cat ?');
    expect(JSON.stringify(await answers(server))).not.toMatch(/7946|<b>/);

    await request(server).delete(`/conversation/${visitor.session_id}?purge=true`).expect(204);
    expect(await answers(server)).toEqual([answer]);
    expect((await ask(server, 'Tell me about your cat')).response).toContain('Tensor');
  });

  it('is for the owner only, and rejects bad ids, bodies and clashes with stable codes', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await request(server).get('/knowledge/answers').expect(401);
    await request(server).put('/knowledge/answers/ans-0123456789abcdef').send({ answer: 'x' }).expect(401);
    await request(server).delete('/knowledge/answers/ans-0123456789abcdef').expect(401);
    for (const question of ['Do you have a cat?', 'Do you have a dog?']) {
      await ask(server, question);
      await answerFirstGap(server, `About: ${question}`);
    }
    const [cat, dog] = await answers(server);
    const bad = async (method: 'put' | 'delete', url: string, body: unknown, status: number, code: string) => {
      const res = await request(server)
        [method](url)
        .set(admin)
        .send(body as object)
        .expect(status);
      expect(res.body.error.code).toBe(code);
    };
    await bad('put', '/knowledge/answers/not-an-id', { answer: 'x' }, 400, 'invalid_input');
    await bad('put', '/knowledge/answers/ans-0123456789abcdef', { answer: 'x' }, 404, 'not_found');
    await bad('put', `/knowledge/answers/${cat.id}`, {}, 400, 'invalid_input');
    await bad('put', `/knowledge/answers/${cat.id}`, { answer: '   ' }, 400, 'invalid_input');
    await bad('put', `/knowledge/answers/${cat.id}`, { answer: 'x'.repeat(4001) }, 400, 'invalid_input');
    await bad('put', `/knowledge/answers/${cat.id}`, { question: '<!-- -->' }, 400, 'invalid_input');
    await bad('put', `/knowledge/answers/${cat.id}`, { question: ' \n ' }, 400, 'invalid_input');
    await bad('put', `/knowledge/answers/${cat.id}`, { answer: 'x', id: 'ans-0123456789abcdef' }, 400, 'invalid_input');
    await bad('put', `/knowledge/answers/${cat.id}`, { question: dog.question.toUpperCase() }, 409, 'conflict');
    await bad('delete', '/knowledge/answers/ans-0123456789abcdef', undefined, 404, 'not_found');
    await bad('delete', '/knowledge/answers/..%2F..%2Fetc', undefined, 400, 'invalid_input');
    const text = await request(server)
      .put(`/knowledge/answers/${cat.id}`)
      .set(admin)
      .set('Content-Type', 'text/plain')
      .send('an answer')
      .expect(415);
    expect(text.body.error.code).toBe('unsupported_media_type');
    // Nothing was lost or changed by the refusals.
    expect(await answers(server)).toEqual([cat, dog]);
  });

  it('describes the routes in the OpenAPI document', async () => {
    const { body } = await request(appWith().server).get('/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/knowledge/answers', '/knowledge/answers/{id}']));
    expect(Object.keys(body.paths['/knowledge/answers/{id}'])).toEqual(['put', 'delete']);
    expect(body.components.schemas.OwnerAnswer.required).toEqual(['id', 'question', 'answer']);
  });
});

describe('the owner’s answers on disk (answers.md)', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'twin-answers-http-'));
    await cp(SAMPLE, path.join(root, 'persona'), { recursive: true });
    // Whatever the repository's own persona folder holds, these tests start without answers.
    await rm(path.join(root, 'persona', 'answers.md'), { force: true });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  it('edits and deletes the sections of answers.md, keeping what the owner wrote by hand', async () => {
    const config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: path.join(root, 'data'),
      TWIN_PERSONA_DIR: path.join(root, 'persona'),
    });
    const app = createApp(buildContainer(config, { logger: new RecordingLogger() })).callback();
    for (const question of ['Do you have a cat?', 'Do you ski?']) {
      await ask(app, question);
      await answerFirstGap(app, `Answer to: ${question}`);
    }
    const file = path.join(root, 'persona', 'answers.md');
    const handWritten = (await readFile(file, 'utf8')).replace(
      '# Answers from the owner',
      '# My answers\n\nKept by hand.',
    );
    await import('node:fs/promises').then((fs) => fs.writeFile(file, handWritten));
    const [cat, ski] = await answers(app);

    await request(app).put(`/knowledge/answers/${cat.id}`).set(admin).send({ answer: 'Yes, Tensor.' }).expect(200);
    await request(app).delete(`/knowledge/answers/${ski.id}`).set(admin).expect(204);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('# My answers\n\nKept by hand.')).toBe(true);
    expect(text).toContain('## Do you have a cat?\n\nYes, Tensor.\n');
    expect(text).not.toContain('Do you ski?');
    expect((await ask(app, 'Do you have a cat?')).response).toContain('Tensor');
    expect((await ask(app, 'Do you ski?')).grounded).toBe(false);
  });
});
