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
  /**
   * A fact's units as the person says them (fact-wording.ts), one per unit: answers quote
   * these, retrieval ranks the units ("Hobbies: ...", whose key carries the meaning).
   */
  readonly spoken?: readonly string[];
  /** A list of records (a fact's education entries): how several of them read together, as "- " lines under the lead. */
  readonly records?: { readonly lead: string; readonly items: readonly string[] };
}

export type BlockShape = 'fact' | 'paragraph' | 'list' | 'answer' | 'entry';

/** The block as prompt text: its context line, then its units (a list keeps its bullets). */
export function blockText(block: Block, withHints = true): string {
  const body = block.shape === 'list' ? block.units.map((unit) => `- ${unit}`).join('\n') : block.units.join(' ');
  return withHints && block.hints && block.shape !== 'fact' ? `${block.hints}\n${body}` : body;
}
