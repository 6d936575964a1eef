import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { messageIntents } from '../../src/adapters/offline/message-intents.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import type { ChatRequest } from '../../src/ports/chat-model.js';
import { testPersona } from '../support/personas.js';

const persona = testPersona();
const model = new OfflineChatModel();
const GREETING_REPLY = "Hello! I'm the AI twin of Noor Haddad. Ask me about my work, my experience or my skills.";
const WELLBEING_REPLY = /^(?:Hello, and t|T)hanks for asking! What would you like to know about my work/;
const COURTESY_REPLY = "You're welcome. Ask me anything else about my work, my experience or my skills.";
const FAREWELL_REPLY =
  'Goodbye, and thanks for stopping by! Come back any time with a question about my work, my experience or my skills.';
const ACQUAINTANCE_REPLY = 'Nice to meet you! What would you like to know about my work, my experience or my skills?';
const DISCLOSURE = "I'm an AI twin of Noor Haddad: I answer in Noor's voice, only from what Noor has shared.";
// Every fixed small-talk reply opens with one of these.
const SMALL_TALK =
  /^(?:Hello! I'm the AI twin|Hello, and thanks for asking|Thanks for asking|You're welcome|I'm an AI twin|Goodbye, and thanks|Nice to meet you)/;

function ask(question: string): ChatRequest {
  return { system: 'system prompt', persona, messages: [{ role: 'user', content: question }] };
}

describe('OfflineChatModel: small talk', () => {
  it.each([
    'Good morning!',
    'Good evening',
    'Good afternoon!',
    'good day to you all',
    'Morning!',
    'Bom dia',
    'Boa noite!',
    'Guten Tag',
    'Guten Abend',
    'Buenos días',
    'Buenas tardes',
    'Bonsoir',
    'Buongiorno',
    'Buonasera',
    'yo',
    'hey there',
    'Hiya!',
    'Hello hello',
    'Hi Noor!',
    'Good morning, Noor',
    'Goedemorgen',
    'Hej!',
    'Dzień dobry',
    'Merhaba',
    '안녕하세요',
    'مرحباً',
    'नमस्ते',
    'Привет!',
    'おはようございます',
    '早上好',
    'Γεια σας',
    'Καλημέρα!',
    'שלום',
    'Selamat pagi',
    'Xin chào',
    'Ahoj',
    "G'day",
    'Aloha',
    'Shalom',
    'Namaste',
    'Kia ora',
    'Sawubona',
    'Jambo',
    'Hola a todos',
    'Tere',
    'Sveiki',
    'Labas!',
    'Szia',
    'Salaam',
    'Ciao a tutti',
    'Bonjour tout le monde',
    'Hallo zusammen',
    'Olá pessoal',
    "G'day mate",
    'lol',
    'haha',
    'xD',
    ':)',
    ':-D',
    ';)',
    '👋',
    '😊👍',
  ])('the greeting %j gets the greeting reply, grounded', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toBe(GREETING_REPLY);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    'How are you?',
    'hey there, how are you?',
    "How's it going?",
    "what's up?",
    'sup',
    'How are you doing today?',
    'How have you been?',
    'Are you doing well?',
    'how r u',
    '¿Qué tal?',
    '¿Cómo estás?',
    "Wie geht's?",
    'Wie geht es Ihnen?',
    'Ça va ?',
    'Comment allez-vous ?',
    'Tudo bem?',
    'Como vai você?',
    'Come stai?',
    'Hoe gaat het?',
    'Jak się masz?',
    'Nasılsın?',
    'Как дела?',
    'お元気ですか？',
    '你好吗？',
    '잘 지내요?',
    'كيف حالك؟',
    'आप कैसे हैं?',
    'Τι κάνεις;',
    'מה שלומך?',
    'Noor, how are you?',
  ])('%j asks after the twin: a friendly invitation to ask, grounded, no claim about a mood', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toMatch(WELLBEING_REPLY);
    expect(reply.text).not.toMatch(/\b(?:fine|good|well|great)\b/i);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    'Thank you so much, that was helpful',
    'thanks a lot!',
    'Thanks again for your help',
    'Many thanks!',
    'tysm',
    'Much appreciated.',
    'Thanks, Noor!',
    "That's really interesting, thank you",
    'Muchas gracias',
    'Vielen Dank',
    'Danke schön!',
    'Merci beaucoup',
    'Grazie mille',
    'Muito obrigada!',
    'Dank je wel',
    'Dziękuję',
    'Teşekkürler',
    'Спасибо большое',
    'ありがとうございます',
    '谢谢你',
    '감사합니다',
    'شكرا جزيلا',
    'धन्यवाद',
    'Ευχαριστώ!',
    'תודה רבה',
  ])('%j is thanks or a goodbye: the courtesy reply, grounded', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toBe(COURTESY_REPLY);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    'Bye',
    'Goodbye!',
    'Good night',
    'Take care',
    'ok great, thanks, bye',
    'Got it, have a nice day',
    'Thanks, bye!',
    'ok, bye',
    'See you later',
    'Catch you later!',
    'Adiós',
    'Tchau!',
    'Au revoir',
    'Tschüss',
    'Bis bald',
    'Arrivederci',
    'Tot ziens',
    'Do widzenia',
    'До свидания',
    '再见',
    'さようなら',
    '안녕히 가세요',
  ])('%j takes leave: the goodbye reply, grounded', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toBe(FAREWELL_REPLY);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    "Hi, I'm Maria",
    "I'm John from Acme",
    'My name is Kenji',
    "Pleased to meet you, I'm Ana",
    'Hello, this is Maria',
    'Eu sou a Rita',
    'Me llamo Lucía',
    '我叫李明',
    '私は田中です',
    'Меня зовут Иван',
    'Ich bin Klaus',
    'Je suis Claire',
    'Mi chiamo Marco',
    "Hey! I'm Priya Raman",
    "I'm Tomás, a sound engineer at Estudio Sur",
    'Name’s Bob',
    'Call me Ishmael',
    'Ik ben Sanne',
    'Ik heet Daan',
    'Mein Name ist Jörg',
    "Je m'appelle Amélie",
    'Sono Giulia',
    'Mi nombre es Pablo',
    'O meu nome é Inês',
    'Nazywam się Ola',
    'Nice to meet you',
    '田中と申します',
    '저는 민수입니다',
    'Привет, я Оля',
  ])('%j introduces the visitor: a friendly reply, grounded, no gap', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toBe(ACQUAINTANCE_REPLY);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    ["Hi, I'm Maria. Where are you based?", 'Where are you based?'],
    ["I'm John from Acme. Which instruments do you play?", 'Which instruments do you play?'],
    ['Me llamo Lucía, which instruments do you play?', 'which instruments do you play?'],
    ["Hi I'm Sam and I'd like to know where you are based", "I'd like to know where you are based"],
    ['My name is Kenji. What is your favourite pizza topping?', 'What is your favourite pizza topping?'],
    ["Where are you based? I'm Maria by the way.", 'Where are you based?'],
    ["Where are you based? Btw I'm Maria.", 'Where are you based?'],
    ["Which instruments do you play? By the way, I'm Tom.", 'Which instruments do you play?'],
  ])('%j: the introduction beside a question leaves its answer as if asked alone', async (message, question) => {
    const alone = await model.complete(ask(question));
    const beside = await model.complete(ask(message));
    expect(beside.text).toBe(alone.text);
    expect(beside.grounded).toBe(alone.grounded);
  });

  it.each([
    ["I'm looking for a sound engineer, which instruments do you play?", 'which instruments do you play?'],
    ['We are organising a festival, where are you based?', 'where are you based?'],
  ])(
    '%j: what the visitor says of their own situation leaves the question as if asked alone',
    async (message, question) => {
      const alone = await model.complete(ask(question));
      const beside = await model.complete(ask(message));
      expect(beside.text).toBe(alone.text);
    },
  );

  it('a visitor introducing themselves and asking after the twin gets both', async () => {
    const reply = await model.complete(ask("I'm Maria, a data engineer at Acme, how are you?"));
    expect(reply.text).toMatch(/^Nice to meet you, and thanks for asking! What would you like to know/);
  });

  it.each([
    "I'm looking for a platform engineer, are you available?",
    'I am interested in your talks',
    "I'm curious about EchoMap",
    "I'm not sure what EchoMap does",
    'I am Noor?',
    'This is EchoMap, right?',
    'Je suis développeur, tu travailles avec qui ?',
    "I'm a student, where did you study?",
    '...',
    '?',
  ])('%j is no self-introduction: no acquaintance reply', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).not.toMatch(/^Nice to meet you/);
  });

  it.each([
    'What are you?',
    'What exactly are you?',
    'Are you a bot?',
    'Are you a bot or a real human?',
    'r u a bot',
    'Am I talking to a real person?',
    'Is this an AI?',
    'Are you really Noor?',
    'Are you human?',
    '¿Qué eres?',
    'Was bist du?',
    "Qu'est-ce que tu es ?",
    'O que é você?',
    'Che cosa sei?',
  ])('%j asks what the twin is: the AI-twin disclosure', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toBe(DISCLOSURE);
    expect(reply.grounded).toBe(true);
  });

  it.each([
    ['Hi, how are you? Where are you based?', /^Thanks for asking! .*Valparaíso/s],
    ['How are you, and which instruments do you play?', /^Thanks for asking! .*theremin/s],
    ['Thanks! Which instruments do you play?', /^(?!You're welcome).*theremin/s],
    ['Thank you so much, that was helpful. Where did you study?', /^(?!You're welcome).*PhD Acoustics/s],
    ['What are you? Where are you based?', /^I'm an AI twin of Noor Haddad: .*Valparaíso/s],
    ['Good morning! Where are you based?', /^(?!Hello).*Valparaíso/s],
    ['Good evening, which instruments do you play?', /^(?!Hello).*theremin/s],
  ])('%j: the small talk beside a question never hides its answer', async (message, expected) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).toMatch(expected);
    expect(reply.grounded).toBe(true);
  });

  it('"how are you?" beside an introduction request: thanks, then the introduction', async () => {
    const reply = await model.complete(ask('Hi Noor, how are you? Who are you?'));
    expect(reply.text.startsWith(`Thanks for asking! ${persona.summary}`)).toBe(true);
  });

  it('small talk beside a question the persona cannot answer stays ungrounded', async () => {
    const reply = await model.complete(ask('How are you? What is your favourite pizza topping?'));
    expect(reply.text).toMatch(/^Thanks for asking! I'm sorry, I don't know/);
    expect(reply.grounded).toBe(false);
  });

  it.each([
    'How are your projects going?',
    'How is the Aurora Hall retrofit going?',
    "What's up with EchoMap?",
    'What is new in concert hall design?',
    'Are you good at noise modelling?',
    'How are you based in Valparaíso?',
    'Thanks to whom did you get into acoustics?',
    'What are you working on?',
    'What are your skills?',
    'Do you use machine learning?',
    'Is AI useful in acoustics?',
    'Which robot vacuum is quietest?',
    'What is this EchoMap tool?',
    'Who are your clients?',
    'Good morning routines, do you have one?',
    'Great halls: which one is your favourite?',
    'Tell me about your team',
    'What do you do for fun?',
  ])('%j asks about something: no small-talk reply', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text).not.toMatch(SMALL_TALK);
  });

  test.prop(
    [
      fc.constantFrom('Hi!', 'Good morning!', 'Bom dia!', 'Thanks!', 'Thank you so much, that was helpful.', 'Merci.'),
      fc.constantFrom(
        'Where are you based?',
        'Which instruments do you play?',
        'Tell me about EchoMap',
        'What is your favourite pizza topping?',
        'Who are your clients?',
      ),
    ],
    { numRuns: 30 },
  )('a greeting or thanks before a question never changes its answer', async (talk, question) => {
    const alone = await model.complete(ask(question));
    const beside = await model.complete(ask(`${talk} ${question}`));
    expect(beside.text).toBe(alone.text);
    expect(beside.grounded).toBe(alone.grounded);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 300 })(
    'reads any text, lone surrogates and marks included: what it leaves to answer is words of the message',
    (text) => {
      const intents = messageIntents(text, persona.facts);
      if (intents?.rest) expect(text.normalize('NFC')).toContain(intents.rest.split(' ')[0]);
      if (intents) expect(intents.introduction || intents.smallTalk.size > 0 || intents.rest !== null).toBe(true);
    },
  );

  it('a very long message of repeated thanks is read in bounded time and answered', async () => {
    const reply = await model.complete(ask(`${'thanks again '.repeat(2_000)}x`));
    expect(typeof reply.text).toBe('string');
  });
});

describe('OfflineChatModel: introduction requests in more languages', () => {
  it.each([
    'fala-me sobre ti',
    'Fale-me sobre você',
    'Conte-me sobre você',
    'Me conta um pouco sobre você',
    'Parle-moi de toi',
    'Parlez-moi de vous',
    'parlami di te',
    'Raccontami qualcosa di te',
    'Dime algo sobre ti',
    'kim jesteś?',
    'Opowiedz mi o sobie',
    '너는 누구니?',
    '누구세요?',
    'من أنت؟',
    'عرفنا عن نفسك',
    'आप कौन हैं?',
    'अपने बारे में बताइए',
    'Sen kimsin?',
    'Kendini tanıt',
    'wie ben jij?',
    'Vertel eens iets over jezelf',
    'Vem är du?',
    'Hvem er du?',
    'Siapa kamu?',
    'Bạn là ai?',
    'Хто ти?',
    'Представься',
    'Ποιος είσαι;',
    'מי אתה?',
    'מִי אַתָּה?',
    'ποιος εισαι',
  ])('%j gets the introduction from the summary', async (message) => {
    const reply = await model.complete(ask(message));
    expect(reply.text.startsWith(persona.summary)).toBe(true);
    expect(reply.grounded).toBe(true);
  });
});
