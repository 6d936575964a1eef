import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { personaBlocks } from '../../src/domain/grounding/passages.js';
import type { ChatRequest } from '../../src/ports/chat-model.js';
import { testPersona } from '../support/personas.js';

const persona = testPersona();
const model = new OfflineChatModel();

function ask(question: string, history: ChatRequest['messages'] = []): ChatRequest {
  return { system: 'system prompt', persona, messages: [...history, { role: 'user', content: question }] };
}

async function streamed(request: ChatRequest): Promise<{ tokens: string[]; grounded?: boolean }> {
  const tokens: string[] = [];
  let grounded: boolean | undefined;
  for await (const event of model.stream(request)) {
    if (event.type === 'token') tokens.push(event.text);
    else grounded = event.grounded;
  }
  return { tokens, grounded };
}

/** The summary's first paragraph on one line: what an introduction quotes first. */
function summaryOpening(): string {
  return (
    persona.summary
      .trim()
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, ' ') ?? ''
  );
}

describe('OfflineChatModel', () => {
  it.each([
    ['Where are you based?', 'Valparaíso'],
    ['What do you do for work?', 'Principal Acoustician'],
    ['What are your skills?', 'room acoustics'],
    ['Where did you study?', 'PhD Acoustics'],
    ['How many years of experience do you have?', '14 years'],
    ['Tell me about EchoMap', 'flutter echoes'],
    ['Which instruments do you play?', 'theremin'],
  ])('answers %j from the persona', async (question, expected) => {
    const reply = await model.complete(ask(question));
    expect(reply.text).toContain(expected);
    expect(reply.grounded).toBe(true);
  });

  it.each(['What is your favourite pizza topping?', '你最喜欢的电影是什么？', 'Quel est ton film préféré ?'])(
    'says it does not know %j, offers the contact email, and marks it ungrounded',
    async (question) => {
      const reply = await model.complete(ask(question));
      expect(reply.grounded).toBe(false);
      expect(reply.text).toContain("don't know");
      expect(reply.text).toContain('noor@example.org');
    },
  );

  it.each(['thanks!', 'Thank you so much', 'merci'])('answers the courtesy %j without a gap', async (text) => {
    const reply = await model.complete(ask(text));
    expect(reply.text).toMatch(/^You're welcome/);
    expect(reply.grounded).toBe(true);
  });

  it('admits being an AI twin', async () => {
    const reply = await model.complete(ask('Are you a bot or a real human?'));
    expect(reply.text).toMatch(/AI twin of Noor Haddad/);
  });

  it('greets back without inventing anything', async () => {
    const reply = await model.complete(ask('hello!'));
    expect(reply.text).toContain('Noor Haddad');
    expect(reply.grounded).toBe(true);
  });

  it('uses the previous question to resolve a short follow-up', async () => {
    const reply = await model.complete(
      ask('tell me more', [
        { role: 'user', content: 'Tell me about the Aurora Hall retrofit' },
        { role: 'assistant', content: '...' },
      ]),
    );
    expect(reply.text).toContain('reverberation');
  });

  it('does not answer a new, unknown topic with the previous one', async () => {
    const reply = await model.complete(
      ask('What is your favourite colour?', [
        { role: 'user', content: 'Where are you based?' },
        { role: 'assistant', content: "I'm based in Valparaíso, Chile." },
      ]),
    );
    expect(reply.grounded).toBe(false);
  });

  it('streams word by word, and the words join to the complete answer', async () => {
    const request = ask('What are your specialties?');
    const complete = await model.complete(request);
    const { tokens, grounded } = await streamed(request);
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe(complete.text);
    expect(grounded).toBe(true);
  });

  it('reports token usage', async () => {
    const reply = await model.complete(ask('Where are you based?'));
    expect(reply.usage.input_tokens).toBeGreaterThan(0);
    expect(reply.usage.output_tokens).toBe(model.countTokens(reply.text));
  });

  it('stops streaming when the signal aborts', async () => {
    const controller = new AbortController();
    const slow = new OfflineChatModel({ wordDelayMs: 5 });
    const tokens: string[] = [];
    await expect(async () => {
      for await (const event of slow.stream({ ...ask('What are your specialties?'), signal: controller.signal })) {
        if (event.type === 'token') tokens.push(event.text);
        if (tokens.length === 2) controller.abort(new DOMException('stop', 'AbortError'));
      }
    }).rejects.toThrow('stop');
    expect(tokens).toHaveLength(2);
  });

  test.prop([fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 })], { numRuns: 200 })(
    'never invents: every answer is a fixed phrase or made of persona passages (a list keeps its bullets and heading)',
    async (question) => {
      const reply = await model.complete(ask(question));
      const blocks = personaBlocks(persona);
      // A fact is quoted in the person's voice (fact-wording.ts): its spoken units and record lines count as its text.
      const passages = blocks
        .flatMap((b) => [...b.units, ...(b.spoken ?? []).flatMap((s) => s.split('\n')), ...(b.records?.items ?? [])])
        .map((text) => text.replace(/^- /u, ''))
        .sort((a, b) => b.length - a.length);
      const labels = new Set(blocks.flatMap((b) => [`${b.hints.split(' / ').at(-1)}:`, b.records?.lead ?? '']));
      const rest = reply.text
        .split('\n')
        .map((line) => line.replace(/^- /u, ''))
        .filter((line) => !labels.has(line))
        .map((line) => passages.reduce((left, passage) => left.replaceAll(passage.replace(/[.!?]$/u, ''), ''), line))
        .join('')
        .replace(/[\s.]/gu, '');
      const fixedPhrase =
        /^(I'm sorry, I don't know that|Hello! I'm the AI twin|I'm an AI twin|You're welcome|(Hello, and t|T)hanks for asking!)/.test(
          reply.text,
        );
      expect(fixedPhrase || rest === '').toBe(true);
      expect(reply.grounded).toBe(!reply.text.includes("I'm sorry, I don't know"));
    },
  );
});

describe('OfflineChatModel: a visitor leaves an address', () => {
  class RecordingTools {
    readonly details: unknown[] = [];
    async recordUnknownQuestion() {
      return { ok: true, note: '' };
    }
    async recordUserDetails(details: unknown) {
      this.details.push(details);
      return { ok: true, note: '' };
    }
  }

  it('records it and confirms in the first person', async () => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask('Please reach me at sam@example.net'), tools });
    expect(tools.details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toBe("Thank you, I've noted sam@example.net; I'll get back to you there.");
    expect(reply.grounded).toBe(true);
  });

  it.each([
    ['My email is sam@example.net. Where are you based?', 'Valparaíso'],
    ['Where are you based? You can write to sam@example.net', 'Valparaíso'],
    ['sam@example.net here! Which instruments do you play?', 'theremin'],
  ])('answers the question asked beside it too: %j', async (message, fact) => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask(message), tools });
    expect(tools.details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toMatch(/^Thank you, I've noted sam@example\.net; I'll get back to you there\. /);
    expect(reply.text).toContain(fact);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    ['email me at sam@example.net and tell me where you are based', 'Valparaíso'],
    ['where are you based mail me at sam@example.net thanks', 'Valparaíso'],
    ['<sam@example.net> which instruments do you play?', 'theremin'],
    ['mailto:sam@example.net - which instruments do you play', 'theremin'],
    ['I am sam@example.net. Where are you based', 'Valparaíso'],
  ])("answers a question without a question mark or in the address's sentence: %j", async (message, fact) => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask(message), tools });
    expect(tools.details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toMatch(/^Thank you, I've noted sam@example\.net; I'll get back to you there\. /);
    expect(reply.text).toContain(fact);
  });

  it.each([
    'Please reach me at sam@example.net, thanks!',
    'My email is sam@example.net',
    "Hi, I'm Sam, sam@example.net",
    'sam@example.net here. Thank you',
  ])('%j asks nothing else: only the note', async (message) => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask(message), tools });
    expect(reply.text).toBe("Thank you, I've noted sam@example.net; I'll get back to you there.");
  });

  it.each([
    'https://eve@site.test/profile',
    'My colleague carol@z.test would like to talk to you',
    'Her address is carol@z.test',
    'You could ask my boss, boss@z.test',
    'Do not contact me at oscar@o.test',
    "Please don't email oscar@o.test",
    'Is noor@example.org your address?',
    "I don't have an email like sam@example.net, sorry",
    'I don’t use sam@example.net any more',
    'My old address sam@example.net is dead',
    'sam@example.net bounces, so ignore it',
    'That is not my address: sam@example.net',
    'Add me to your mailing list: sam@example.net',
    'Reply to no-reply@example.net',
    'Mein Kollege ist unter carol@z.test erreichbar',
    'Mon collègue carol@z.test voudrait vous parler',
    'Mi jefa, carol@z.test, quiere hablar contigo',
    'O email dela é carol@z.test',
    'Il mio collega carol@z.test vorrebbe parlarti',
    'I no longer use former@mailbox.test',
    'this is not my email: notmine@mailbox.test',
    'Spammers use fake@spam.test, watch out',
    'What do you think of test@example.org as a test address?',
    'You can contact our mailing list at devs@lists.corp.test',
    'Send it to noreply@corp.test',
    'Die E-Mail meines Kollegen ist klaus@firma.test',
    'Die Adresse meiner Chefin: petra@firma.test',
    'Contacta a minha mulher: ines@mail.test',
    'Mail mijn collega: jan@bedrijf.test',
    'Het adres van mijn baas is baas@bedrijf.test',
    'Почта моего коллеги: ivan@pochta.test',
    'Напишите моему начальнику на boss@pochta.test',
    '我同事的邮箱是 li@youxiang.test',
    '这是我老板的邮箱： wang@youxiang.test',
    '同僚のメールは tanaka@mail.test です',
    '上司のアドレス: sato@mail.test',
    '제 동료 이메일은 kim@mail.test 입니다',
    'Meu antigo email era velho@mail.test, já não uso',
    'Meine alte Adresse alt@mail.test funktioniert nicht mehr',
    'Mi correo antiguo viejo@mail.test ya no funciona',
    'Não me contactes em nao@mail.test',
    'No me escribas a nunca@mail.test',
    'Bitte schreib mir nicht an nein@mail.test',
    'The organiser (maria@confs.test) asked me to forward this',
    'Forwarding this on behalf of ana@confs.test',
    'Here it is: bob1@acme.test. That is my boss’s address.',
    'carol@z.test. That one is my colleague’s.',
    'Should I write to talks@conf.test to invite you?',
    'I found oriel.f@site.test on your site, is that you?',
    'Saw noor.h@elsewhere.test in a paper, is it yours?',
    'Write to the list dev@lists.apache.test',
    'The Kafka users list is users@kafka.apache.test',
    'Here is an example address, test@test.test',
    'Example: user@example.com',
    'Use something like e.g. someone@domain.test',
    '这不是我的邮箱：d6@ex.test',
    'd7@ex.test は私のメールではありません',
    "Ce n'est pas mon adresse : d8@ex.test",
    'Das ist nicht meine Adresse: d9@ex.test',
    'No es mi correo: d10@ex.test',
    'Addresses like d10@ex.test or d11@ex.test are examples',
    "Email me? Actually no, don't. b29@ex.test is a friend's.",
    'f5@ex.test是我同事的邮箱',
  ])('%j is nobody offering their own address: nothing recorded', async (message) => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask(message), tools });
    expect(tools.details).toEqual([]);
    expect(reply.text).not.toMatch(/noted/);
  });

  it.each([
    ['My old address old@x.test is dead. Reach me at new@x.test instead.', 'new@x.test'],
    ['My work email is sam@work.test', 'sam@work.test'],
    ['Ich bin unter sam@example.net erreichbar', 'sam@example.net'],
    ['Mon adresse : sam@example.net', 'sam@example.net'],
    ['Escríbeme a sam@example.net', 'sam@example.net'],
    ['My email is NOT wrong@mailbox.test, it is right@mailbox.test', 'right@mailbox.test'],
    ["I used to be at past@oldjob.test but now I'm at now@newjob.test", 'now@newjob.test'],
    ["My boss's email is boss@corp.test; mine is me.worker@corp.test", 'me.worker@corp.test'],
    ['Can you email me at sam@example.net?', 'sam@example.net'],
    ['Please email me at sam@example.net; my colleague bob@z.test may join', 'sam@example.net'],
    ['sam@example.net is my address, carol@z.test is her address', 'sam@example.net'],
    ['bob6@acme.test is my colleague, I am alice6@acme.test', 'alice6@acme.test'],
    ['bob7@acme.test (that is my boss), mine is alice7@acme.test', 'alice7@acme.test'],
    ['My old address old@x.com is dead; use new@x.com instead.', 'new@x.com'],
    ["Not bob@acme.test (that's my boss) but me@acme.test.", 'me@acme.test'],
    ['Mijn e-mail is ik@post.test, waar woon je?', 'ik@post.test'],
    ['Моя почта g5@pochta.test, свяжитесь со мной.', 'g5@pochta.test'],
    ['我的邮箱是 g6@youxiang.test，请联系我。', 'g6@youxiang.test'],
    ['私のメールは g7@mail.test です。連絡ください。', 'g7@mail.test'],
    ['Could you write to me at sam@example.net?', 'sam@example.net'],
    ['I am sam@example.net, where are you based?', 'sam@example.net'],
    ['Here it is: sam@example.net. That is my personal address.', 'sam@example.net'],
    ['sam@example.net, do you know Kafka?', 'sam@example.net'],
  ])('%j offers the visitor’s own address: %s is recorded', async (message, email) => {
    const tools = new RecordingTools();
    await model.complete({ ...ask(message), tools });
    expect(tools.details).toEqual([{ email }]);
  });

  it.each([
    ['Моя почта g5@pochta.test, свяжитесь со мной.', 'g5@pochta.test'],
    ['我的邮箱是 g6@youxiang.test，请联系我。', 'g6@youxiang.test'],
    ['私のメールは g7@mail.test です。連絡ください。', 'g7@mail.test'],
    ['Mi correo es ana@correo.test, gracias.', 'ana@correo.test'],
    ['Meine E-Mail ist jo@post.test', 'jo@post.test'],
    ['My old address old@x.test is dead; use new@x.test instead.', 'new@x.test'],
    ["Not bob@acme.test (that's my boss) but me@acme.test.", 'me@acme.test'],
    ["my email is c11@ex.test — it's my personal one", 'c11@ex.test'],
    ['sam@mail.test ist meine Adresse', 'sam@mail.test'],
    ['我的邮箱是c1@ex.test谢谢', 'c1@ex.test'],
    ['이메일은 c3@ex.test입니다', 'c3@ex.test'],
  ])('%j asks nothing beside the address: only the note, no gap', async (message, email) => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask(message), tools });
    expect(tools.details).toEqual([{ email }]);
    expect(reply.text).toMatch(/^Thank you, I've noted /);
    expect(reply.text).not.toMatch(/don't know/);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    ["Can I give you my colleague's email?", 'bob3@acme.test', []],
    ['I could pass on her address if you like', 'carol@z.test', []],
    ['My colleague recommended you, can I leave my email?', 'sam@example.net', [{ email: 'sam@example.net' }]],
    ['Can I give you my email?', 'sam@example.net', [{ email: 'sam@example.net' }]],
  ])('after %j, the address alone %j records %j', async (first, second, recorded) => {
    const tools = new RecordingTools();
    await model.complete({
      system: 'system prompt',
      persona,
      messages: [
        { role: 'user', content: first },
        { role: 'assistant', content: 'Sure.' },
        { role: 'user', content: second },
      ],
      tools,
    });
    expect(tools.details).toEqual(recorded);
  });

  it('a sentence without an address that speaks of addresses is still answered', async () => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask('I am sam@example.net. Which email address is yours'), tools });
    expect(tools.details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toContain('noor@example.org');
  });

  it('of two addresses records the first offered and says which', async () => {
    const tools = new RecordingTools();
    const reply = await model.complete({ ...ask('Reach me at sam@example.net or sam.work@example.net'), tools });
    expect(tools.details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toBe(
      "Thank you, I've noted sam@example.net (only that one, not sam.work@example.net); I'll get back to you there.",
    );
  });

  it("records the visitor's address beside a colleague's, and names the one noted", async () => {
    const tools = new RecordingTools();
    const reply = await model.complete({
      ...ask('My colleague carol@z.test sends her regards. Reach me at sam@example.net'),
      tools,
    });
    expect(tools.details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toMatch(/^Thank you, I've noted sam@example\.net \(only that one, not carol@z\.test\)/);
  });

  it('a question the persona cannot answer beside it is ungrounded, the address still noted', async () => {
    const tools = new RecordingTools();
    const reply = await model.complete({
      ...ask('I am sam@example.net. What is your favourite pizza topping?'),
      tools,
    });
    expect(tools.details).toHaveLength(1);
    expect(reply.text).toMatch(/^Thank you, I've noted/);
    expect(reply.grounded).toBe(false);
  });
});

describe('OfflineChatModel: a visitor asks who the twin is', () => {
  it.each([
    'Who are you?',
    'who r u',
    'whoa re you',
    'So, who are you exactly?',
    'Who are you, exactly?',
    'Who are you again?',
    'Who are you and what do you do?',
    'Good morning! Who are you?',
    'Good morning! What do you do?',
    'Hi! Tell me about yourself.',
    'tell me about yourself pls',
    'Tell me about urself',
    'Can you tell me a bit about yourself?',
    'Introduce yourself',
    'Can you introduce yourself please?',
    'Give me a quick intro',
    'What do you do?',
    'what do u do',
    'so what do you do for a living?',
    "What's your story?",
    "Who's Noor?",
    'Tell me about Noor Haddad',
    'Hi Noor, could you tell me who you are',
    'Noor, who are you?',
    '¿Quién eres?',
    'Quem és tu?',
    'Quem é você?',
    'Qui êtes-vous ?',
    'Présentez-vous',
    'Wer bist du?',
    'Chi sei?',
    '你是谁？',
    '自我介绍一下',
    'Describe yourself in a few sentences',
    'Erzähl mir etwas über dich',
    'Cuéntame sobre ti',
    'Fale sobre você',
    'あなたは誰ですか？',
    'Кто ты?',
    "Who's this twin?",
    'Whom am I chatting with?',
  ])('%j gets the first sentences of the summary, grounded', async (question) => {
    const reply = await model.complete(ask(question));
    const opening = summaryOpening();
    expect(opening.length).toBeGreaterThan(20);
    expect(opening.startsWith(reply.text.slice(0, 20))).toBe(true);
    expect(reply.grounded).toBe(true);
  });

  it('without a summary, introduces itself from facts.json', async () => {
    const bare = { ...persona, summary: '' };
    const reply = await new OfflineChatModel().complete({ ...ask('Who are you?'), persona: bare });
    expect(reply.text).toContain(persona.facts.full_name ?? persona.facts.name);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    'Who are your clients?',
    'What do you do on weekends?',
    'What do you do for fun?',
    'What do you do with Kafka?',
    'What do you do when an incident happens?',
    'What did you do at Lumenfold?',
    'Tell me about your dog',
    'Tell me about your team',
    'Tell me about your projects',
    'Tell me about Kafka',
    'How are you?',
    'How do you do?',
    'What are you?',
    'Who is your manager?',
    'Who are you working with?',
    'Who are your heroes?',
    'Good morning!',
  ])('%j is a question about something, not an introduction', async (question) => {
    const reply = await model.complete(ask(question));
    const opening = summaryOpening();
    expect(reply.text.startsWith(opening.slice(0, 40))).toBe(false);
  });
});

describe('OfflineChatModel: an introduction asked beside another question', () => {
  const opening = summaryOpening();

  it.each([
    ['Hello there, tell me about yourself. Also where are you based?', 'Valparaíso'],
    ['Hey, what do you do? And how many years of experience do you have?', '14 years'],
    ["Tell me about yourself, and what's your email?", 'noor@example.org'],
    ['Who are you and where are you based?', 'Valparaíso'],
    ['¿Quién eres y dónde vives?', 'Valparaíso'],
    ['Quem é você e onde mora?', 'Valparaíso'],
  ])('%j gets the introduction, then the answer', async (message, fact) => {
    const reply = await model.complete(ask(message));
    expect(reply.text.startsWith(opening.slice(0, 40))).toBe(true);
    expect(reply.text.slice(40)).toContain(fact);
    expect(reply.grounded).toBe(true);
  });

  it('an address, an introduction request and a question get the note, the introduction and the answer', async () => {
    const details: unknown[] = [];
    const tools = {
      recordUnknownQuestion: async () => ({ ok: true, note: '' }),
      recordUserDetails: async (detail: unknown) => {
        details.push(detail);
        return { ok: true, note: '' };
      },
    };
    const reply = await model.complete({
      ...ask('I am sam@example.net. Who are you? Where are you based?'),
      tools,
    });
    expect(details).toEqual([{ email: 'sam@example.net' }]);
    expect(reply.text).toMatch(/^Thank you, I've noted sam@example\.net; I'll get back to you there\. /);
    expect(reply.text).toContain(opening.slice(0, 40));
    expect(reply.text).toContain('Valparaíso');
  });
});
