import { displayName, type Persona } from '../../domain/persona/persona.js';
import type { SmallTalk } from './small-talk-intent.js';

// Fixed phrases: the offline twin quotes the persona and connects with these, it states nothing
// about the owner's mood or day ("I'm doing well" would be a claim nobody made).
const INVITATION = 'What would you like to know about my work, my experience or my skills?';

function fullName(persona: Persona): string {
  return persona.facts.full_name || displayName(persona);
}

/** "Hello! I'm the AI twin of ...": the reply to a greeting alone. */
export function greetingReply(persona: Persona): string {
  return `Hello! I'm the AI twin of ${fullName(persona)}. Ask me about my work, my experience or my skills.`;
}

/** The reply to thanks or acknowledgement alone. */
export const COURTESY_REPLY = "You're welcome. Ask me anything else about my work, my experience or my skills.";

/** The reply to a goodbye, alone or after thanks ("Bye", "Take care", "thanks, bye"). */
export const FAREWELL_REPLY =
  'Goodbye, and thanks for stopping by! Come back any time with a question about my work, my experience or my skills.';

/** The reply to a visitor introducing themselves ("Hi, I'm Maria"). */
export const ACQUAINTANCE_REPLY = `Nice to meet you! ${INVITATION}`;

/** The AI-twin disclosure: "What are you?", "Are you a bot?". */
export function disclosure(persona: Persona): string {
  const name = displayName(persona);
  return `I'm an AI twin of ${fullName(persona)}: I answer in ${name}'s voice, only from what ${name} has shared.`;
}

/**
 * The reply to a message's small talk. `alone`: nothing else in the message is answered (no
 * introduction, no question), so the reply invites one. Beside other answers only what asks
 * for a reply of its own stays: what the twin is (the disclosure) and "how are you?" ("Thanks
 * for asking!"); a greeting, thanks, goodbye or the visitor's own introduction beside a question
 * just gets the answer. Null when nothing
 * is to be said.
 */
export function smallTalkAnswer(
  talk: ReadonlySet<SmallTalk | 'greeting'>,
  persona: Persona,
  alone: boolean,
): string | null {
  if (talk.has('identity')) return disclosure(persona);
  if (talk.has('wellbeing')) {
    const met = talk.has('acquaintance') && alone ? 'Nice to meet you, and thanks for asking!' : null;
    const thanks = talk.has('greeting') && alone ? 'Hello, and thanks for asking!' : 'Thanks for asking!';
    return alone ? `${met ?? thanks} ${INVITATION}` : thanks;
  }
  if (!alone) return null;
  if (talk.has('farewell')) return FAREWELL_REPLY;
  if (talk.has('acquaintance')) return ACQUAINTANCE_REPLY;
  if (talk.has('courtesy')) return COURTESY_REPLY;
  return talk.has('greeting') ? greetingReply(persona) : null;
}
