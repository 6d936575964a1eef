import { emailsIn } from '../../domain/knowledge/leads.js';
import type { Persona } from '../../domain/persona/persona.js';
import type { ChatTurn, TwinTools } from '../../ports/chat-model.js';

/** A visitor's address, recorded; `question` is what else the message asks (null when nothing). */
export interface ContactNoted {
  readonly text: string;
  readonly question: string | null;
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * A visitor who writes their own email address wants to be contacted: the offline twin
 * records it through the turn's tools and confirms, in the owner's first person. A message
 * that also asks something ("... Where are you based?") keeps its question sentences in
 * `question`, so the caller answers them too. Null when the message holds no address (or there
 * are no tools, or the store refused it), so the normal answer takes over.
 */
export async function noteContact(
  persona: Persona,
  messages: readonly ChatTurn[],
  tools: TwinTools | undefined,
): Promise<ContactNoted | null> {
  const message = messages.at(-1)?.content ?? '';
  const own = typeof persona.facts.email === 'string' ? persona.facts.email.toLowerCase() : undefined;
  // The persona's own address quoted back ("is oriel@... right?") is not the visitor's.
  const [email] = [...emailsIn([message])].filter((address) => address !== own);
  if (!tools || !email) return null;
  const outcome = await tools.recordUserDetails({ email });
  if (!outcome.ok) return null;
  const asked = [...sentences.segment(message)]
    .map((part) => part.segment.trim())
    .filter((sentence) => /[?？]/.test(sentence) && emailsIn([sentence]).size === 0);
  return {
    text: `Thank you, I've noted ${email}; I'll get back to you there.`,
    question: asked.length > 0 ? asked.join(' ') : null,
  };
}
