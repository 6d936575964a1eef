import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import type { Block } from '../../src/domain/grounding/blocks.js';
import { datedEntries, entryInOrder } from '../../src/domain/grounding/entry-order.js';
import { orderQuestion } from '../../src/domain/grounding/order-question.js';
import { resumeBlocks } from '../../src/domain/grounding/resume-blocks.js';
import type { testPersona } from './personas.js';

// A résumé written for the order tests (a chef's), in the LinkedIn export's layout, entries not in date order.
export const RESUME = [
  'Marta Quintela',
  'Experience',
  'Sous Chef',
  'Maré, Lisbon - 2015 to 2019',
  'Ran the fish station and the tasting menu.',
  'Head Chef',
  'Salt & Ember, Porto - 2019 to present',
  'Lead a kitchen of twelve.',
  'Line Cook',
  'Casa Velha, Braga - 2012 to 2015',
  'Pastry Cook',
  'Casa Velha, Braga - 2010 to 2012',
  'Education',
  'Diploma in Culinary Arts',
  'Escola de Hotelaria do Norte - 2008 to 2010',
].join('\n');

/** The unit of the entry answering an order question: undefined when no order is asked or none is found, null for "none qualifies". */
export function entryText(
  question: string,
  blocks: readonly Block[] = resumeBlocks('linkedin.pdf', RESUME),
): string | null | undefined {
  const asked = orderQuestion(question);
  if (!asked) return undefined;
  const entry = entryInOrder(asked, datedEntries(blocks));
  if (!entry) return entry;
  return blocks.find((b) => b.id === entry.block)?.units[entry.index] ?? null;
}

// One conversation with the offline twin: each answer is the twin's previous turn for the next question.
export async function conversation(
  persona: ReturnType<typeof testPersona>,
  questions: readonly string[],
): Promise<string[]> {
  const model = new OfflineChatModel();
  const messages: { role: 'user' | 'assistant'; content: string }[] = [];
  const answers: string[] = [];
  for (const content of questions) {
    messages.push({ role: 'user', content });
    const reply = await model.complete({ system: '', persona, messages });
    answers.push(reply.grounded ? reply.text : 'UNKNOWN');
    messages.push({ role: 'assistant', content: reply.text });
  }
  return answers;
}
