import { contentWords } from '../text/text.js';
import type { Assessed } from './answer-signals.js';
import type { Block } from './blocks.js';
import type { QuestionAnalysis } from './question-analysis.js';
import type { Candidate } from './semantic-ranking.js';

/** A list this short (items, characters per item) is quoted whole: it reads as one answer. */
const WHOLE_LIST_ITEMS = 6;
const WHOLE_LIST_ITEM_CHARS = 90;
/** An owner's or FAQ answer this short is quoted whole. */
const WHOLE_ANSWER_CHARS = 320;
/** Sentences quoted when the visitor asks for more ("tell me about ..."). */
const EXPANSIVE_SENTENCES = 3;

/** A sentence ending in exactly one full stop (or its own ! ? …), whatever it ended with before. */
export function finished(sentence: string): string {
  const trimmed = sentence.trim().replace(/\s+/gu, ' ');
  if (trimmed === '') return '';
  if (/[.!?…]["”’)]?$/u.test(trimmed)) return trimmed.replace(/\.{2,}$/u, '.');
  return `${trimmed.replace(/[,;:\s-]+$/u, '')}.`;
}

/** Sentences joined into a paragraph with clean punctuation: no ".." and no doubled spaces. */
export function paragraph(sentences: readonly string[]): string {
  return sentences
    .map(finished)
    .filter(Boolean)
    .join(' ')
    .replace(/\.\s*\./gu, '.');
}

function listAnswer(block: Block, items: readonly string[]): string {
  const label = block.hints.split(' / ').at(-1)?.trim();
  const lines = items.map((item) => `- ${item.trim()}`);
  return label ? `${finishedLabel(label)}\n${lines.join('\n')}` : lines.join('\n');
}

function finishedLabel(label: string): string {
  return /[:?]$/u.test(label) ? label : `${label}:`;
}

function composeOne(
  judged: Assessed,
  block: Block,
  analysis: QuestionAnalysis,
  candidates: readonly Candidate[],
): string {
  const { passage } = judged.candidate;
  const unit = block.units[passage.index] ?? passage.text;
  switch (block.shape) {
    case 'list': {
      const short =
        block.units.length <= WHOLE_LIST_ITEMS && block.units.every((u) => u.length <= WHOLE_LIST_ITEM_CHARS);
      if (short || analysis.expansive) return listAnswer(block, block.units.slice(0, WHOLE_LIST_ITEMS * 2));
      // Items of this list that also ranked near the top answer too ("which languages": two of ten).
      const near = new Set(
        candidates
          .slice(0, 5)
          .filter((c) => c.passage.block === block.id)
          .map((c) => c.passage.index),
      );
      const items = block.units.filter((_, i) => i === passage.index || near.has(i));
      return items.length === 1 ? finished(unit) : listAnswer(block, items);
    }
    case 'entry':
      return passage.index === 0 || analysis.expansive
        ? paragraph(block.units.slice(0, analysis.expansive ? EXPANSIVE_SENTENCES + 1 : 1))
        : paragraph([block.units[0] ?? '', unit]);
    case 'answer': {
      const whole = block.units.join(' ');
      if (whole.length <= WHOLE_ANSWER_CHARS) return paragraph(block.units);
      return paragraph(block.units.slice(passage.index, passage.index + 2));
    }
    case 'paragraph':
      return analysis.expansive
        ? paragraph(block.units.slice(passage.index, passage.index + EXPANSIVE_SENTENCES))
        : paragraph([unit]);
    case 'fact':
      return spokenUnit(block, passage.index) ?? finished(unit);
  }
}

/** A fact's unit in the person's voice (fact-wording.ts), when the block has one for each unit. */
function spokenUnit(block: Block, index: number): string | undefined {
  return block.spoken?.length === block.units.length ? block.spoken[index] : undefined;
}

/** Several records of one fact block read as one answer: the lead once, then a line per record. */
function recordsTogether(block: Block, indices: readonly number[]): string | undefined {
  const { records } = block;
  if (!records || records.items.length !== block.units.length) return undefined;
  const items = [...new Set(indices)].sort((a, b) => a - b).map((i) => records.items[i]);
  return items.length > 1 ? `${records.lead}\n${items.map((item) => `- ${item}`).join('\n')}` : undefined;
}

/** One unit quoted on its own (an entry found by its order: entry-order.ts): an entry's head, a fact in the person's voice. */
export function quoteUnit(block: Block, index: number, expansive: boolean): string {
  if (block.shape === 'entry') return paragraph(block.units.slice(0, expansive ? EXPANSIVE_SENTENCES + 1 : 1));
  if (block.shape === 'fact') return spokenUnit(block, index) ?? finished(block.units[index] ?? '');
  return finished(block.units[index] ?? '');
}

// Share of the second answer's content words already in the first from which it says nothing new.
const RESTATED_SHARE = 0.7;

/** The second answer says what the first says in nearly the same words (a summary and a fact of the same thing). */
function restates(first: string, second: string): boolean {
  const said = new Set(contentWords(first));
  const more = contentWords(second);
  return more.length > 0 && more.filter((w) => said.has(w)).length / more.length >= RESTATED_SHARE;
}

/** Two answers as one: the second is dropped when the first already says it; lists stay on their own lines. */
function joinAnswers(first: string, second: string): string {
  if (second === '' || first.includes(second)) return first;
  if (second.includes(first)) return second;
  if (restates(first, second)) return first;
  if (restates(second, first)) return second;
  return first.includes('\n') || second.includes('\n') ? `${first}\n\n${second}` : `${first} ${second}`;
}

/**
 * The answer to quote for a supported passage: the one or two sentences that answer, never a
 * dump of stitched passages. A short list is quoted whole and stays a list; an entry of a
 * résumé keeps its head ("Field Technician, ... - 2012 to 2014") so the description has its
 * subject; a short answer to a listed question is quoted whole; "tell me about" gets a few
 * sentences of the paragraph. When a second passage is nearly as likely to hold the answer,
 * it follows the first: the one or two most relevant sentences.
 */
export function composeAnswer(
  judged: Assessed,
  block: Block,
  analysis: QuestionAnalysis,
  candidates: readonly Candidate[],
  /** A second passage nearly as likely to answer (docs/adr/0402): quoted after the first. */
  runnerUp?: { readonly judged: Assessed; readonly block: Block },
): string {
  const together =
    runnerUp?.block.id === block.id
      ? recordsTogether(block, [judged.candidate.passage.index, runnerUp.judged.candidate.passage.index])
      : undefined;
  if (together) return together;
  const first = composeOne(judged, block, analysis, candidates);
  return runnerUp ? joinAnswers(first, composeOne(runnerUp.judged, runnerUp.block, analysis, candidates)) : first;
}
