import type { PersonaFacts } from '../../domain/persona/persona.js';

/** A message that asks the twin to introduce itself; `rest` is what else it asks (null when nothing). */
export interface IntroductionAsked {
  readonly rest: string | null;
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
// Clauses inside a sentence: "Who are you, and what's your email?", "Who are you and what do you do?".
// "and" in the languages of the requests below too (y, e, et, und, и).
const CLAUSE_BREAK = /[,;:，；、]+|\s+(?:and|also|plus|but|&|y|e|et|und|и)\s+/iu;
const LEADING_CONNECTIVE = /^(?:[\s,;:.!?-]|and\b|also\b|plus\b|but\b|then\b|so\b|&)+/iu;
// Above any configured message limit (TWIN_MAX_MESSAGE_CHARS, 4,000 code points by default).
const MAX_MESSAGE = 16_000;

// Chat spellings, read as the words they stand for ("what do u do", "tell me about urself").
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  u: 'you',
  ya: 'you',
  yu: 'you',
  r: 'are',
  ru: 'are you',
  ur: 'your',
  urself: 'yourself',
  yourslef: 'yourself',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  abt: 'about',
  bout: 'about',
  whos: 'who is',
  whats: 'what is',
  intro: 'introduction',
};
// Leading greetings (with "there", "all", or the persona's name as a vocative after them).
const GREETING =
  /^(?:(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|morning|evening|bonjour|bonsoir|salut|coucou|hola|buenos dias|buenas(?: tardes| noches)?|ola|oi|bom dia|boa (?:tarde|noite)|ciao|buongiorno|buonasera|salve|hallo|guten (?:morgen|tag|abend)|moin|servus|你好|您好|嗨|哈喽|こんにちは)(?: there| all| everyone)?(?: |$))+/u;
// Words that change nothing about what is asked, removed wherever they stand.
const FILLER =
  /(?:^| )(?:please|pls|plz|kindly|exactly|again|then|so|well|ok|okay|just|actually|really|first|briefly|quickly|anyway|now|btw|by the way|lol|haha|thanks|thank you|thx|ty|if you don t mind|por favor|s il (?:vous|te) plait|bitte|per favore|exactement|alors|donc|entonces|exactamente|entao)(?= |$)/gu;
const CONNECTIVE = /^(?:and|also|plus|but|&) /u;

// What an introduction request says once greetings, filler and chat spellings are gone, written
// with spaces for reading and matched with every space removed, so a space typed in the wrong
// place ("whoa re you") still reads. The whole clause must match: "who are your clients" does not.
const POLITE = '(?:(?:can|could|would|will) you )?(?:(?:tell|give) (?:me|us) )?';
const INTENTS = [
  'who (?:are|is) (?:you|this)(?: (?:twin|bot|ai|assistant|chatbot))?',
  'who you are',
  'whom? am i (?:talking|speaking|chatting) (?:to|with)',
  'with whom am i (?:talking|speaking|chatting)',
  '(?:tell (?:me|us) )?(?:a (?:little )?bit |a little |more |something )?about (?:yourself|you)',
  '(?:introduce|describe|present) yourself(?: in (?:a few|one|two|three|some) (?:words|sentences|lines))?',
  '(?:a )?(?:quick |short |brief |little )?introduction(?: (?:of|about) yourself)?',
  'what do you do(?: for (?:a living|work))?',
  'what you do(?: for (?:a living|work))?',
  'what is your (?:story|background)',
  // Spanish, Portuguese, French, German, Italian (accents folded), Chinese, Japanese.
  'quien (?:eres(?: tu)?|es usted|sos(?: vos)?)',
  'que haces',
  'a que te dedicas',
  'presentate',
  '(?:cuentame|hablame) (?:algo |un poco )?(?:sobre|de) ti',
  'quem (?:e|es) (?:voce|tu)',
  'quem es',
  'o que (?:voce )?faz',
  'apresente se',
  'apresenta te',
  'fal(?:e|a) (?:um pouco )?(?:sobre|de) (?:voce|si|ti)',
  'qui (?:es tu|etes vous|est ce)',
  'tu es qui',
  'vous etes qui',
  'presentez vous',
  'presente toi',
  'que (?:faites vous|fais tu)',
  'tu fais quoi',
  'wer (?:bist du|sind sie)',
  'was (?:machst du|machen sie)',
  'stell dich vor',
  'stellen sie sich vor',
  'erzahl(?:e)? (?:mir )?(?:etwas |was |ein bisschen )?(?:uber|von) dich',
  'erzahlen sie (?:mir )?(?:etwas )?(?:uber|von) sich',
  'chi (?:sei(?: tu)?|e lei)',
  'cosa fai',
  'che fai',
  'presentati',
  '(?:你|您)(?:是谁|是誰|是什么人|是做什么的|做什么)',
  '(?:请)?(?:介绍一下你自己|介紹一下你自己|(?:自我介绍|自我介紹)(?:一下)?)',
  'あなたは(?:誰|だれ)(?:ですか)?',
  '自己紹介(?:して(?:ください)?)?',
  'кто (?:ты|вы)(?: такой| такая| такие)?',
  'расскажи(?:те)? (?:немного )?о себе',
];
const INTRODUCTION = new RegExp(`^(?:${POLITE}(?:${INTENTS.join('|')}))$`.replaceAll(' ', ''), 'u');

/** Lower case, accents folded, apostrophes and punctuation as spaces, chat spellings read. */
function words(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, ' is')
    .replace(/['’]re\b/gu, ' are')
    .normalize('NFKD')
    // Accents off Latin letters only: kana's voicing marks (です) and Cyrillic й are letters.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => CHAT_SPELLINGS[word] ?? word).join(' ');
}

/** The persona's names as word sequences, longest first: "who's Oriel?" asks who the twin is. */
function namesOf(facts: PersonaFacts): string[] {
  const names = [facts.full_name, facts.name].filter((name): name is string => typeof name === 'string');
  return names
    .map(words)
    .filter((name) => name !== '')
    .sort((a, b) => b.length - a.length);
}

/** A clause's words with greetings, a vocative name, filler and the persona's name (as "you") read. */
function core(clause: string, names: readonly string[]): string {
  let text = words(clause);
  // "Hi Oriel, hello": a few rounds, so a message of only greetings costs linear time.
  for (let before = '', round = 0; before !== text && round < 3; round++) {
    before = text;
    text = text.replace(GREETING, '').replace(CONNECTIVE, '').trim();
    for (const name of names) if (text === name || text.startsWith(`${name} `)) text = text.slice(name.length).trim();
  }
  for (const name of names) text = ` ${text} `.replaceAll(` ${name} `, ' you ').trim();
  return text.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
}

function clausesOf(sentence: string): string[] {
  return sentence
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
}

/**
 * Whether the message asks the twin to introduce itself: some sentence or clause of it (split
 * by Intl.Segmenter, then at commas and "and", "also", "plus", "but") is, once greetings,
 * filler ("please", "exactly", "again"...), chat spellings ("u", "ur", "urself", "r") and the
 * persona's own name (read as "you") are accounted for, a request for an introduction in
 * English, Spanish, Portuguese, French, German, Italian, Chinese or Japanese. The other clauses
 * with words left are `rest`, for the normal answer. Null when no clause asks for it.
 */
export function introductionAsked(message: string, facts: PersonaFacts): IntroductionAsked | null {
  if (message.length > MAX_MESSAGE) return null;
  const names = namesOf(facts);
  let asked = false;
  const rest: string[] = [];
  for (const { segment } of sentences.segment(message.normalize('NFC'))) {
    const clauses = clausesOf(segment).map((clause) => ({ clause, read: core(clause, names) }));
    const intro = clauses.map(({ read }) => INTRODUCTION.test(read.replaceAll(' ', '')));
    if (!intro.includes(true)) {
      // A sentence that does not ask for the introduction is kept whole, commas and all.
      if (clauses.some(({ read }) => read !== '')) rest.push(segment.trim().replace(LEADING_CONNECTIVE, ''));
      continue;
    }
    asked = true;
    clauses.forEach(({ clause, read }, index) => {
      if (!intro[index] && read !== '') rest.push(clause.replace(LEADING_CONNECTIVE, ''));
    });
  }
  return asked ? { rest: rest.length > 0 ? rest.join(' ') : null } : null;
}
