import { emailsIn } from '../../domain/knowledge/leads.js';
import { displayName, type Persona } from '../../domain/persona/persona.js';
import type { ChatTurn, TwinTools } from '../../ports/chat-model.js';
import type { OfflineAnswer } from './compose-answer.js';

/**
 * A visitor who writes their own email address wants to be contacted: the offline twin
 * records it through the turn's tools and confirms. Null when the message holds no
 * address (or there are no tools), so the normal answer takes over.
 */
export async function contactAnswer(
  persona: Persona,
  messages: readonly ChatTurn[],
  tools: TwinTools | undefined,
): Promise<OfflineAnswer | null> {
  const message = messages.at(-1)?.content ?? '';
  const own = typeof persona.facts.email === 'string' ? persona.facts.email.toLowerCase() : undefined;
  // The persona's own address quoted back ("is oriel@... right?") is not the visitor's.
  const [email] = [...emailsIn([message])].filter((address) => address !== own);
  if (!tools || !email) return null;
  const outcome = await tools.recordUserDetails({ email });
  if (!outcome.ok) return null;
  return {
    text: `Thank you, I've noted ${email}. ${displayName(persona)} will get back to you there.`,
    grounded: true,
  };
}
