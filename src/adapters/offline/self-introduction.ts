import { eng } from 'stopword';

// A visitor introducing themselves: "I'm Maria", "My name is Kenji", "Me llamo Lucía", "我叫李明".
// It asks nothing, so it is small talk (a fixed "Nice to meet you!"), never a knowledge gap.
// Matched on the clause as clause-reading.ts reads it (lower case, accents folded, "I'm" as
// "i m"), whole clause only. In scripts with capitals the name must be written with one in the
// visitor's own text ("I'm Maria", not "I'm looking for ...", "I am interested in ...").

const LEAD_IN = [
  // English
  'i m',
  'i am',
  'im',
  'my name is',
  'my names is',
  'name is',
  'the name is',
  'call me',
  'this is',
  // Spanish, Portuguese, French, German, Italian, Dutch
  'me llamo',
  'mi nombre es',
  'yo soy',
  'soy',
  'eu sou(?: a| o)?',
  'sou(?: a| o)',
  'o meu nome e',
  'meu nome e',
  'chamo me',
  'me chamo',
  'je suis',
  'je m appelle',
  'moi c est',
  'mon nom est',
  'c est',
  'ich bin',
  'ich heisse',
  'ich hei(?:ss|ß)e',
  'mein name ist',
  'hier ist',
  'mi chiamo',
  'il mio nome e',
  'io sono',
  'sono',
  'ik ben',
  'ik heet',
  'mijn naam is',
  // Polish, Turkish, Indonesian; Russian, Ukrainian, Greek
  'nazywam sie',
  'jestem',
  'benim adim',
  'ben',
  'nama saya',
  'saya',
  'меня зовут',
  'мене звати',
  'я',
  'με λενε',
  'ειμαι',
  'λεγομαι',
].join('|');
// One to three name words, then "from Acme", "here", "de Lisboa".
const NAME_WORDS = '((?:\\p{L}[\\p{L}\\p{M}]*)(?: \\p{L}[\\p{L}\\p{M}]*){0,2}?)';
const TAIL = '(?: (?:from|at|with|of|de|da|do|del|aus|von|di|van|из|с) \\S+(?: \\S+){0,2}| here| speaking)?';
const LATIN_INTRO = new RegExp(`^(?:${LEAD_IN}) ${NAME_WORDS}${TAIL}$`, 'u');
// Scripts without capitals: the name is short and the phrase around it fixed.
const CJK_INTRO = [
  /^(?:我叫|我的名字是|我的名字叫|我是)\p{Script=Han}{2,4}$/u,
  /^(?:私は|わたしは|僕は|ぼくは)?[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー]{1,8}(?:と申します|といいます|と言います)$/u,
  /^(?:私は|わたしは|僕は|ぼくは)[\p{Script=Han}\p{Script=Katakana}ー]{1,8}です$/u,
  /^(?:저는 ?|제 이름은 ?)\p{Script=Hangul}{2,4}(?:입니다|이에요|예요|이라고 합니다|라고 합니다)$/u,
  /^(?:اسمي|انا) \p{Script=Arabic}{2,12}$/u,
  /^(?:मेरा नाम) [\p{Script=Devanagari}\p{M}]{2,12} (?:है)$/u,
];
// Pleasantries that go with an introduction.
const MEETING =
  /^(?:(?:(?:it is|it s) )?(?:(?:very |so )?(?:nice|pleased|glad|happy|great|good|a pleasure)) (?:to meet you|meeting you)|pleasure to meet you|nice to e ?meet you|encantad[oa]|mucho gusto|prazer(?: em conhece lo)?|muito prazer|enchante(?:e)?|ravi(?:e)? de vous rencontrer|freut mich|piacere|aangenaam|приятно познакомиться|很高兴认识你|初めまして|はじめまして|よろしくお願いします|반갑습니다)$/u;
// The visitor's words after their name that say who they are: "a data engineer at Acme".
const ABOUT_ME =
  /^(?:a|an|from|at|working|i work|i m a|i am a|i m an|i am an|i m from|i am from|currently|based in|living in|um|uma|un|une|ein|eine|uno|una|lavoro|sono un[oa]?|trabajo|soy de|trabalho|sou de|je travaille|je viens|ich arbeite|ich komme|ik werk|ik kom|работаю|я работаю|я из)(?= |$)/u;
// Words that are not names though written with a capital at a clause's start ("I'm Not sure").
const NOT_NAMES = new Set([
  ...eng,
  ...['sorry', 'fine', 'good', 'great', 'ok', 'okay', 'here', 'back', 'curious', 'interested', 'looking', 'new'],
  ...['wondering', 'trying', 'working', 'hiring', 'happy', 'glad', 'sure', 'confused', 'lost', 'bored', 'done'],
  ...['not', 'so', 'very', 'really', 'just', 'also', 'still', 'already', 'afraid', 'excited', 'impressed', 'thinking'],
]);

// "By the way, I'm Maria", "I'm Maria btw", "It's Maria again": asides around an introduction.
const ASIDE_BEFORE = /^(?:(?:by the way|btw|anyway|oh|and|also|ps|fyi)\s+)+/u;
const ASIDE_AFTER = /(?:\s+(?:by the way|btw|again|here|btw then))+$/u;

function withoutAsides(spoken: string): string {
  return spoken.replace(ASIDE_BEFORE, '').replace(ASIDE_AFTER, '');
}

/** The clause's words as the visitor cased them (accents folded like clause-reading.ts). */
function casedWords(clause: string): string[] {
  const folded = clause
    .normalize('NFKD')
    .replace(/(\p{Script=Latin}|\p{Script=Greek})\p{M}+/gu, '$1')
    .normalize('NFC');
  return folded.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];
}

/**
 * Whether a clause introduces the visitor: `spoken` as clause-reading.ts reads it (greetings
 * gone), `clause` as the visitor wrote it (for the capital of the name).
 */
export function introducesVisitor(spoken: string, clause: string): boolean {
  if (spoken.length > 80 || clause.includes('?') || clause.includes('？')) return false;
  if (MEETING.test(spoken) || CJK_INTRO.some((pattern) => pattern.test(spoken))) return true;
  const name = LATIN_INTRO.exec(withoutAsides(spoken))?.[1];
  if (name === undefined) return false;
  const first = name.split(' ')[0] ?? '';
  if (NOT_NAMES.has(first)) return false;
  // The name as written: a capital in scripts that have them.
  return casedWords(clause).some((word) => word.toLowerCase() === first && /^\p{Lu}/u.test(word));
}

/** Whether a clause right after a self-introduction goes on about the visitor ("a data engineer at Acme"). */
export function continuesIntroduction(spoken: string, clause: string): boolean {
  return spoken.length <= 80 && !clause.includes('?') && ABOUT_ME.test(spoken);
}
