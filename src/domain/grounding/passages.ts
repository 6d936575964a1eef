import { ANSWERS_FILE, parseOwnerAnswers } from '../knowledge/owner-answers.js';
import type { Persona, PersonaDocument } from '../persona/persona.js';
import type { Block } from './blocks.js';
import { documentBlocks, plainInline } from './document-blocks.js';
import { factBlocks } from './fact-blocks.js';
import { resumeBlocks } from './resume-blocks.js';
import { sentencesOf } from './sentences.js';

export { factSentence, humanize, renderValue } from './fact-blocks.js';

/**
 * One unit of persona text, small enough to quote in an answer: a sentence, a list item,
 * a fact, the head of a résumé entry. Retrieval ranks these.
 */
export interface Passage {
  /** `<block id>.<n>`. */
  readonly id: string;
  /** The file (or facts.json) it came from. */
  readonly source: string;
  readonly text: string;
  /** Context that finds it without being quoted: headings, the question it answers, a fact's topic and synonyms. */
  readonly hints: string;
  /** What the passage is about, without search synonyms: headings, the question it answers, a fact's key. */
  readonly context: string;
  /** The block it belongs to. */
  readonly block: string;
  /** Its position in the block, from 0. */
  readonly index: number;
}

/** The blocks of one persona document: answers.md by question, PDFs as résumés, Markdown and text by block. */
export function documentBlocksOf(document: PersonaDocument): Block[] {
  if (document.source === ANSWERS_FILE) {
    // The owner's answers: the visitor's question finds the passage, the answer is what is quoted.
    return parseOwnerAnswers(document.text).flatMap((entry, index) => {
      const units = sentencesOf(plainInline(entry.answer));
      return units.length === 0
        ? []
        : [
            {
              id: `${document.source}#${index + 1}`,
              source: document.source,
              hints: entry.question,
              shape: 'answer' as const,
              units,
            },
          ];
    });
  }
  if (/\.pdf$/iu.test(document.source)) return resumeBlocks(document.source, document.text);
  return documentBlocks(document.source, document.text);
}

/** Every block the persona holds: one per fact, then the blocks of each document, in file order. */
export function personaBlocks(persona: Persona): Block[] {
  return [...factBlocks(persona.facts), ...persona.documents.flatMap(documentBlocksOf)];
}

// A sentence opening with "Before that", "There" or "It" is about what the sentence before it names.
const ANAPHORIC =
  /^(?:(?:before|after|since|until|besides) (?:that|then|this)|there|then|that|this|it|they|he|she)\b/iu;

function hintsOf(block: Block, index: number): string {
  if (block.shape === 'entry' && index > 0) return `${block.hints} / ${block.units[0]}`;
  const previous = block.units[index - 1];
  if (block.shape === 'paragraph' && previous && ANAPHORIC.test(block.units[index] ?? '')) {
    return [block.hints, previous].filter(Boolean).join(' / ');
  }
  return block.hints;
}

/** The units of the blocks, each with its block's context (an entry's sentences also with its head). */
export function blockPassages(blocks: readonly Block[]): Passage[] {
  return blocks.flatMap((block) =>
    block.units.map((text, index) => ({
      id: `${block.id}.${index + 1}`,
      source: block.source,
      text,
      hints: hintsOf(block, index),
      context:
        block.shape === 'fact'
          ? block.id.slice(block.id.indexOf('#') + 1).replace(/[_-]+/gu, ' ')
          : block.shape === 'entry' && index > 0
            ? `${block.hints} / ${block.units[0]}`
            : block.hints,
      block: block.id,
      index,
    })),
  );
}

/** Every passage (unit) the persona holds. */
export function personaPassages(persona: Persona): Passage[] {
  return blockPassages(personaBlocks(persona));
}
