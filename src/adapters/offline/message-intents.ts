import type { PersonaFacts } from '../../domain/persona/persona.js';
import { clausesOf, LEADING_CONNECTIVE, namesOf, type ReadClause, readClause, sentences } from './clause-reading.js';
import { asksIntroduction } from './introduction-intent.js';
import { continuesIntroduction, introducesVisitor } from './self-introduction.js';
import { type SmallTalk, smallTalkOf } from './small-talk-intent.js';

/** What a clause does: greets and nothing more, asks for the introduction, small talk, or asks something else. */
type ClauseKind = 'greeting' | 'introduction' | SmallTalk | 'question' | 'context' | 'empty';

/** What a message asks of the twin besides its questions. */
export interface MessageIntents {
  /** Some clause asks the twin to introduce itself. */
  readonly introduction: boolean;
  /** The small talk in it: a greeting, asking after the twin, thanks or goodbye, asking what the twin is. */
  readonly smallTalk: ReadonlySet<SmallTalk | 'greeting'>;
  /** What else it asks, for the normal answer (null when nothing); the visitor's own context beside a question left out. */
  readonly rest: string | null;
}

// Above any configured message limit (TWIN_MAX_MESSAGE_CHARS, 4,000 code points by default).
const MAX_MESSAGE = 16_000;

// Laughter and emoji or emoticons alone ("lol", ":)", "👋") greet back rather than ask.
const LAUGHTER =
  /^(?:(?:lol|lo+l|haha+|(?:ha)+|hehe+|hihi+|lmao|rofl|xd+|jaja+|kkk+|mdr|www+|ㅋㅋ+|хаха+|哈哈+|笑) ?)+$/u;
const EMOTICON =
  /^(?:\s|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|[:;=8xX]['^-]?[()[\]DPpOo3*|/\\]+|<3|\^_?\^|[.!])+$/u;

// What the visitor says of their own situation before asking ("I'm looking for a platform
// engineer, are you available?"): beside a question in the same sentence it is context, and the
// question is answered; alone it is still answered as a question.
const VISITOR_CONTEXT =
  /^(?:i m|i am|we re|we are) (?:looking for|hiring|searching for|recruiting|organi[sz]ing|planning|building|working on|putting together|a |an )/u;

function kindOf({ clause, spoken, read, greeted, unnamed }: ReadClause, previous: ClauseKind | undefined): ClauseKind {
  if (read !== '' && asksIntroduction(read)) return 'introduction';
  const talk = smallTalkOf([spoken, read, unnamed]);
  if (talk !== null) return talk;
  if (introducesVisitor(spoken, clause)) return 'acquaintance';
  if (previous === 'acquaintance' && continuesIntroduction(spoken, clause)) return 'acquaintance';
  if (LAUGHTER.test(spoken) || (spoken === '' && /[^\s.!]/u.test(clause) && EMOTICON.test(clause))) return 'greeting';
  if (read !== '') return 'question';
  return greeted ? 'greeting' : 'empty';
}

/**
 * Reads a message clause by clause (sentences by Intl.Segmenter, then commas, "and", "also",
 * "plus", "but"): which clauses ask for the introduction (introduction-intent.ts), which are
 * small talk (greetings, "how are you?", thanks and goodbyes, "what are you?": greetings.ts,
 * small-talk-intent.ts), which introduce the visitor ("I'm Maria": self-introduction.ts),
 * and what is left to answer. A sentence with neither is kept whole,
 * commas and all. Null when the message has none of these, so it is answered as it stands.
 */
export function messageIntents(message: string, facts: PersonaFacts): MessageIntents | null {
  if (message.length > MAX_MESSAGE) return null;
  // Emoticons hold the clause breaks (":)", ":-D"): read before the message is split.
  if (/[^\s.!]/u.test(message) && EMOTICON.test(message))
    return { introduction: false, smallTalk: new Set(['greeting']), rest: null };
  const names = namesOf(facts);
  let introduction = false;
  const smallTalk = new Set<SmallTalk | 'greeting'>();
  const rest: string[] = [];
  let contextual = false;
  for (const { segment } of sentences.segment(message.normalize('NFC'))) {
    const clauses = clausesOf(segment).map((clause) => readClause(clause, names));
    const kinds: ClauseKind[] = [];
    for (const clause of clauses) kinds.push(kindOf(clause, kinds.at(-1)));
    const context = clauses.map(
      ({ spoken, clause }, index) =>
        kinds[index] === 'question' && !clause.includes('?') && VISITOR_CONTEXT.test(spoken),
    );
    // Context only beside a question that is not context itself.
    if (kinds.some((kind, index) => kind === 'question' && !context[index]))
      context.forEach((isContext, index) => {
        if (isContext) kinds[index] = 'context';
      });
    contextual ||= kinds.includes('context');
    if (kinds.every((kind) => kind === 'question' || kind === 'empty')) {
      if (kinds.includes('question')) rest.push(segment.trim().replace(LEADING_CONNECTIVE, ''));
      continue;
    }
    clauses.forEach(({ clause, greeted }, index) => {
      const kind = kinds[index];
      if (greeted || kind === 'greeting') smallTalk.add('greeting');
      if (kind === 'introduction') introduction = true;
      else if (kind === 'question') rest.push(clause.replace(LEADING_CONNECTIVE, ''));
      else if (kind !== 'empty' && kind !== 'context' && kind !== undefined) smallTalk.add(kind);
    });
  }
  if (!introduction && smallTalk.size === 0 && !contextual) return null;
  return { introduction, smallTalk, rest: rest.length > 0 ? rest.join(' ') : null };
}
