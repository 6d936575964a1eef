import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { ADMIN_TOKEN, appWith, testConfig } from '../support/http-fixture.js';
import { copySamplePersona } from '../support/sample-persona.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
type Server = Parameters<typeof request>[0];

async function ask(server: Server, message: string, session_id?: string) {
  return (await request(server).post('/chat').send({ message, session_id }).expect(200)).body;
}

async function gaps(server: Server) {
  return (await request(server).get('/analytics/knowledge-gaps').set(admin).expect(200)).body.gaps;
}

describe('the knowledge-gap loop over HTTP (in memory)', () => {
  it('says it does not know, shows the gap to the owner, and uses the answer from the next visitor on', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    const first = await ask(server, 'What is your favourite pizza topping?');
    expect(first.grounded).toBe(false);
    expect(first.response).toContain("don't know");
    await ask(server, 'what is your FAVOURITE pizza topping');

    const [gap] = await gaps(server);
    expect(gap).toEqual({
      id: expect.stringMatching(/^gap-[0-9a-f]{16}$/),
      question: 'What is your favourite pizza topping?',
      times_asked: 2,
      first_asked: '2026-03-04T05:06:07.000Z',
      last_asked: '2026-03-04T05:06:07.000Z',
      status: 'open',
      answer: null,
      public_question: 'What is your favourite pizza topping?',
    });

    const answered = await request(server)
      .post(`/analytics/knowledge-gaps/${gap.id}/answer`)
      .set(admin)
      .send({ answer: 'Anchovies and capers, without apology.' })
      .expect(200);
    expect(answered.body).toMatchObject({ id: gap.id, status: 'answered' });

    const next = await ask(server, 'What is your favourite pizza topping?');
    expect(next).toMatchObject({ grounded: true });
    expect(next.response).toContain('Anchovies and capers');
    expect((await gaps(server))[0]).toMatchObject({ status: 'answered', times_asked: 2 });
  });

  it.each([
    ['How old are you?', 'Old enough to remember dial-up.'],
    ['What is your salary?', "I don't discuss pay here."],
    ['Do you have a dog?', 'No, but I walk my neighbour’s beagle on Sundays.'],
  ])(
    'gives the owner’s answer to %s whatever its wording holds, and only to that question',
    async (question, answer) => {
      const { server } = appWith({ model: new OfflineChatModel() });
      expect((await ask(server, question)).grounded).toBe(false);
      const [gap] = await gaps(server);
      await request(server).post(`/analytics/knowledge-gaps/${gap.id}/answer`).set(admin).send({ answer }).expect(200);
      for (const asked of [question, question.toLowerCase(), question.replace('?', ' ??')]) {
        expect(await ask(server, asked)).toMatchObject({ grounded: true, response: answer });
      }
      expect((await gaps(server))[0]).toMatchObject({ status: 'answered' });
    },
  );

  it('does not give an owner’s answer to a question about something else that shares a word with it', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await ask(server, 'What is your favourite pizza topping?');
    const [gap] = await gaps(server);
    await request(server)
      .post(`/analytics/knowledge-gaps/${gap.id}/answer`)
      .set(admin)
      .send({ answer: 'Margherita, always, with extra basil.' })
      .expect(200);
    for (const other of [
      'What is your favourite film?',
      'What is your favourite dessert?',
      'Favourite colour of socks?',
    ]) {
      const reply = await ask(server, other);
      expect(reply.grounded, other).toBe(false);
      expect(reply.response).not.toContain('Margherita');
    }
  });

  it('keeps greetings and grounded answers out of the gaps', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await ask(server, 'hello');
    await ask(server, 'Where are you based?');
    expect(await gaps(server)).toEqual([]);
  });

  it('dismisses a gap and filters by status', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await ask(server, 'Do you have a dog?');
    await ask(server, 'Are you married?');
    const [gap] = await gaps(server);
    await request(server).post(`/analytics/knowledge-gaps/${gap.id}/dismiss`).set(admin).expect(200);
    const open = await request(server).get('/analytics/knowledge-gaps?status=open').set(admin).expect(200);
    expect(open.body.gaps).toHaveLength(1);
    expect(open.body.gaps[0].id).not.toBe(gap.id);
    expect((await gaps(server)).map((g: { status: string }) => g.status)).toEqual(['open', 'dismissed']);
  });

  it('is for the owner only, and rejects bad ids, answers and bodies with stable codes', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await request(server).get('/analytics/knowledge-gaps').expect(401);
    await request(server).get('/analytics/leads').set('Authorization', 'Bearer wrong').expect(401);
    await request(server)
      .post('/analytics/knowledge-gaps/gap-0123456789abcdef/answer')
      .send({ answer: 'x' })
      .expect(401);
    await ask(server, 'Do you have a dog?');
    const [gap] = await gaps(server);
    const bad = async (url: string, body: unknown, status: number, code: string) => {
      const res = await request(server)
        .post(url)
        .set(admin)
        .send(body as object)
        .expect(status);
      expect(res.body.error.code).toBe(code);
    };
    await bad('/analytics/knowledge-gaps/../../etc/answer', { answer: 'x' }, 404, 'not_found');
    await bad('/analytics/knowledge-gaps/not-a-gap/answer', { answer: 'x' }, 400, 'invalid_input');
    await bad('/analytics/knowledge-gaps/gap-0123456789abcdef/answer', { answer: 'x' }, 404, 'not_found');
    await bad(`/analytics/knowledge-gaps/${gap.id}/answer`, { answer: '   ' }, 400, 'invalid_input');
    await bad(`/analytics/knowledge-gaps/${gap.id}/answer`, { answer: 42 }, 400, 'invalid_input');
    await bad(`/analytics/knowledge-gaps/${gap.id}/answer`, { answer: 'x'.repeat(4001) }, 400, 'invalid_input');
    await bad('/analytics/knowledge-gaps/gap-0123456789abcdef/dismiss', {}, 404, 'not_found');
    const text = await request(server)
      .post(`/analytics/knowledge-gaps/${gap.id}/answer`)
      .set(admin)
      .set('Content-Type', 'text/plain')
      .send('an answer')
      .expect(415);
    expect(text.body.error.code).toBe('unsupported_media_type');
    await request(server).get('/analytics/knowledge-gaps?status=closed').set(admin).expect(400);
  });

  it('records a visitor who writes their email as a lead, once per address', async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    const reply = await ask(server, 'I would love to talk about a project, reach me at Sam.Visitor@example.net please');
    expect(reply.response).toContain('Sam.Visitor@example.net'.toLowerCase());
    await ask(server, 'my address again: sam.visitor@example.net', reply.session_id);
    const leads = (await request(server).get('/analytics/leads').set(admin).expect(200)).body.leads;
    expect(leads).toEqual([
      expect.objectContaining({
        email: 'sam.visitor@example.net',
        session_id: reply.session_id,
        times_recorded: 2,
      }),
    ]);
  });

  it("never records the persona's own address as a lead", async () => {
    const { server } = appWith({ model: new OfflineChatModel() });
    await ask(server, 'Is noor@example.org still your email?');
    expect((await request(server).get('/analytics/leads').set(admin).expect(200)).body.leads).toEqual([]);
  });
});

describe('notifications to a webhook', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('posts a new gap and a new lead as JSON, once each', async () => {
    const { server } = appWith({ model: new OfflineChatModel() }, { TWIN_NOTIFY_WEBHOOK_URL: receiver.url });
    await ask(server, 'Do you have a dog?');
    await ask(server, 'Do you have a dog?');
    await ask(server, 'Contact me: kim@example.com');
    await receiver.waitFor(2);
    expect(receiver.bodies).toEqual([
      expect.objectContaining({
        type: 'knowledge_gap',
        text: expect.stringContaining('Do you have a dog?'),
        gap: expect.objectContaining({ question: 'Do you have a dog?', times_asked: 1 }),
      }),
      expect.objectContaining({ type: 'lead', lead: expect.objectContaining({ email: 'kim@example.com' }) }),
    ]);
  });

  it('masks phone numbers (and e-mails) in gaps (list and webhook) when TWIN_STORE_PII=false, as in the transcript', async () => {
    const question = 'Do you have a dog? Ask my brother on +44 7700 900123';
    const masked = await (async () => {
      const { server } = appWith(
        { model: new OfflineChatModel() },
        { TWIN_STORE_PII: 'false', TWIN_NOTIFY_WEBHOOK_URL: receiver.url },
      );
      expect((await ask(server, question)).grounded).toBe(false);
      return gaps(server);
    })();
    await receiver.waitFor(1);
    const gapNotice = receiver.bodies.find((body) => (body as { type?: string }).type === 'knowledge_gap');
    for (const seen of [JSON.stringify(masked), JSON.stringify(gapNotice)]) {
      expect(seen).toContain('Do you have a dog?');
      expect(seen).not.toMatch(/7700|900123/);
    }
    expect(masked[0].question).toBe('Do you have a dog? Ask my brother on [phone]');
    // The default keeps the visitor's words as written (the owner may want to call back).
    const { server } = appWith({ model: new OfflineChatModel() });
    await ask(server, question);
    expect((await gaps(server))[0].question).toBe(question);
  });

  it('keeps chatting when the webhook fails, and logs it without the URL', async () => {
    receiver.status = 500;
    const { server, adapters } = appWith(
      { model: new OfflineChatModel() },
      { TWIN_NOTIFY_WEBHOOK_URL: `${receiver.url}?token=secret` },
    );
    const reply = await ask(server, 'Do you have a dog?');
    expect(reply.grounded).toBe(false);
    await receiver.waitFor(1);
    await expect.poll(() => adapters.logger.entries.some((e) => e.message === 'webhook refused')).toBe(true);
    expect(JSON.stringify(adapters.logger.entries)).not.toContain('secret');
  });
});

describe('the knowledge-gap loop on disk', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'twin-loop-'));
    copySamplePersona(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  it('writes the answer to answers.md in the persona folder and answers the next visitor without a restart', async () => {
    const config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: path.join(root, 'data'),
      TWIN_PERSONA_DIR: path.join(root, 'persona'),
    });
    const app = createApp(buildContainer(config, { logger: new RecordingLogger() })).callback();
    const unknown = await ask(app, 'Do you have a cat?');
    expect(unknown.grounded).toBe(false);
    const [gap] = await gaps(app);
    expect(gap.question).toBe('Do you have a cat?');
    await request(app)
      .post(`/analytics/knowledge-gaps/${gap.id}/answer`)
      .set(admin)
      .send({ answer: 'Yes: a grey cat called Tensor.\n\n## Not a heading' })
      .expect(200);

    const answers = await readFile(path.join(root, 'persona', 'answers.md'), 'utf8');
    expect(answers).toContain('## Do you have a cat?');
    expect(answers).toContain('\\## Not a heading');
    const next = await ask(app, 'Do you have a cat?');
    expect(next.grounded).toBe(true);
    expect(next.response).toContain('Tensor');

    // A fresh process (a restart) reads the same gaps and knowledge from disk.
    const restarted = createApp(buildContainer(config, { logger: new RecordingLogger() })).callback();
    expect((await gaps(restarted))[0]).toMatchObject({ id: gap.id, status: 'answered' });
    expect((await ask(restarted, 'do you have a cat')).response).toContain('Tensor');
  });

  it("publishes the visitor's question masked and as plain text, or in the owner's own words", async () => {
    const config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: path.join(root, 'data'),
      TWIN_PERSONA_DIR: path.join(root, 'persona'),
    });
    const app = createApp(buildContainer(config, { logger: new RecordingLogger() })).callback();
    // (An e-mail address would make the visitor a lead instead; publicQuestion masks those too.)
    const raw = 'Do you <img src=x onerror=alert(1)> own a sailboat? Call me on +44 20 7946 0958';
    expect((await ask(app, raw)).grounded).toBe(false);
    expect((await ask(app, 'Do you have a dog?')).grounded).toBe(false);
    const listed = await gaps(app);
    const boat = listed.find((g: { question: string }) => g.question.includes('sailboat'));
    const dog = listed.find((g: { question: string }) => g.question.includes('dog'));
    // The owner sees the visitor's words, and how they would be published.
    expect(boat.question).toContain('+44 20 7946 0958');
    expect(boat.public_question).toBe('Do you own a sailboat? Call me on [phone]');

    await request(app)
      .post(`/analytics/knowledge-gaps/${boat.id}/answer`)
      .set(admin)
      .send({ answer: 'Yes, a small one called Regex.' })
      .expect(200);
    await request(app)
      .post(`/analytics/knowledge-gaps/${dog.id}/answer`)
      .set(admin)
      .send({
        answer: 'No, but I would like a collie.',
        question: 'Do you have <i>any</i> pets? Text 0044 20 7946 0958',
      })
      .expect(200);

    const answers = await readFile(path.join(root, 'persona', 'answers.md'), 'utf8');
    expect(answers).toContain('## Do you own a sailboat? Call me on [phone]\n');
    expect(answers).toContain('## Do you have any pets? Text [phone]\n');
    expect(answers).not.toMatch(/7946|<img|onerror|<i>|Do you have a dog/);
    expect((await ask(app, 'Do you own a sailboat?')).response).toContain('Regex');
  });
});
