/**
 * A block of persona text: a fact, a paragraph, a list, an answer to a question, an entry
 * of a résumé. Its units (sentences, items) are what retrieval ranks and answers quote.
 */
export interface Block {
  /** `<source>#<n>`, or `facts.json#<key>`. */
  readonly id: string;
  /** The file (or facts.json) it came from. */
  readonly source: string;
  /** Headings it sits under, the question it answers, or a fact's topic: context, never quoted alone. */
  readonly hints: string;
  readonly shape: BlockShape;
  /** In reading order: one sentence, list item or fact each. */
  readonly units: readonly string[];
}

export type BlockShape = 'fact' | 'paragraph' | 'list' | 'answer' | 'entry';

/** The block as prompt text: its context line, then its units (a list keeps its bullets). */
export function blockText(block: Block, withHints = true): string {
  const body = block.shape === 'list' ? block.units.map((unit) => `- ${unit}`).join('\n') : block.units.join(' ');
  return withHints && block.hints && block.shape !== 'fact' ? `${block.hints}\n${body}` : body;
}
