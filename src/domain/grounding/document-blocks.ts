import type { Block } from './blocks.js';
import { dateSpan } from './entry-dates.js';
import { sentencesOf } from './sentences.js';

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/u;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/u;
const QUESTION = /^\s*(?:Q|Question)\s*[:.)-]\s*(.+)$/iu;
const ANSWER = /^\s*(?:A|Answer)\s*[:.)-]\s*(.*)$/iu;

/** A run of text between blank lines (or between a heading and the next one). */
interface RawBlock {
  readonly heading: string;
  readonly lines: readonly string[];
}

/** Markdown emphasis and links read as plain text in an answer. */
export function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/gu, '$1$2')
    .replace(/`([^`]*)`/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
}

function isCapitalsTitle(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toLocaleUpperCase('und') && line.trim().split(/\s+/u).length <= 12;
}

function rawBlocks(text: string, markdown: boolean): RawBlock[] {
  const blocks: RawBlock[] = [];
  const trail: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.some((line) => line.trim() !== '')) blocks.push({ heading: trail.filter(Boolean).join(' / '), lines });
    lines = [];
  };
  for (const line of text.split('\n')) {
    const heading = markdown ? HEADING.exec(line) : null;
    if (heading?.[1] && heading[2]) {
      flush();
      trail.length = heading[1].length - 1;
      trail.push(plainInline(heading[2]));
    } else if (!markdown && lines.length === 0 && isCapitalsTitle(line)) {
      // "NOTES FOR THE WEBSITE" on a line of its own titles what follows in a plain-text file.
      flush();
      trail.length = 0;
      trail.push(line.trim());
    } else if (line.trim() === '') {
      flush();
    } else {
      lines.push(line);
    }
  }
  flush();
  return blocks;
}

// Words an entry's head line holds at most: "Platform Lead - Rakuten, Tokyo (04/2019 - present)".
const MAX_HEAD_WORDS = 16;

/**
 * A résumé entry's head, as a PDF's is read (resume-blocks.ts): a short dated line that is no
 * sentence, with a title and a place apart outside its dates ("Title - Company (2019 - present)",
 * "Title, Company, 2019 - present").
 */
export function isEntryHead(line: string): boolean {
  const text = plainInline(line);
  return (
    text.split(/\s+/u).length <= MAX_HEAD_WORDS &&
    !/[.!?]$/u.test(text) &&
    // A title and a place apart, outside the dates: "Urchin barrens experiment (2021 - present)" is a project.
    /\s[-–—|@]\s\D|,|\sat\s/u.test(text.replace(/\([^)]*\)/gu, '')) &&
    dateSpan(text) !== null
  );
}

/** Splits a raw block into paragraphs, lists, question/answer pairs and résumé entries. */
function shapeBlock(raw: RawBlock): Omit<Block, 'id' | 'source'>[] {
  const shaped: Omit<Block, 'id' | 'source'>[] = [];
  let prose: string[] = [];
  let items: string[] = [];
  let qa: { question: string; answer: string[] } | undefined;
  // A Markdown heading that is an entry's head ("### Lead - Rakuten (2019 - present)") heads the text below it.
  const trail = raw.heading.split(' / ');
  const headed = trail.length > 0 && isEntryHead(trail.at(-1) ?? '');
  let entry: string | undefined = headed ? plainInline(trail.at(-1) ?? '') : undefined;
  const hints = headed ? trail.slice(0, -1).join(' / ') : raw.heading;
  const flushProse = () => {
    const units = sentencesOf(plainInline(prose.join(' ')));
    if (entry !== undefined) shaped.push({ hints, shape: 'entry', units: [entry, ...units] });
    else if (units.length > 0) shaped.push({ hints: raw.heading, shape: 'paragraph', units });
    entry = undefined;
    prose = [];
  };
  const flushItems = () => {
    const units = items.map(plainInline).filter(Boolean);
    if (units.length > 0) shaped.push({ hints: raw.heading, shape: 'list', units });
    items = [];
  };
  const flushQa = () => {
    const answer = plainInline(qa?.answer.join(' ') ?? '');
    if (qa && answer) {
      shaped.push({
        hints: [raw.heading, qa.question].filter(Boolean).join(' / '),
        shape: 'answer',
        units: sentencesOf(answer),
      });
    }
    qa = undefined;
  };
  for (const line of raw.lines) {
    const question = QUESTION.exec(line);
    const answer = ANSWER.exec(line);
    const item = LIST_ITEM.exec(line);
    if (question?.[1]) {
      flushProse();
      flushItems();
      flushQa();
      qa = { question: plainInline(question[1]), answer: [] };
    } else if (qa && answer && qa.answer.length === 0) {
      qa.answer.push(answer[1] ?? '');
    } else if (qa) {
      qa.answer.push(line);
    } else if (item) {
      flushProse();
      items.push(item[1] ?? '');
    } else if (items.length > 0 && /^\s/u.test(line)) {
      // An indented line continues the list item above it.
      items[items.length - 1] = `${items.at(-1)} ${line.trim()}`;
    } else if (isEntryHead(line)) {
      // "Platform Lead - Rakuten (2019 - present)" on a line of its own: an entry, its description below it.
      flushItems();
      flushProse();
      entry = plainInline(line);
    } else {
      flushItems();
      prose.push(line);
    }
  }
  flushProse();
  flushItems();
  flushQa();
  return shaped;
}

/**
 * The blocks of a Markdown or plain-text document: paragraphs (as sentences), lists (as
 * items) and "Q: ... A: ..." pairs (the question becomes the answer's context). In
 * Markdown, headings are never blocks of their own: they are the context of the blocks
 * below them, so a question naming a section finds its text.
 */
export function documentBlocks(source: string, text: string): Block[] {
  const markdown = /\.(md|markdown)$/iu.test(source);
  return rawBlocks(text, markdown)
    .flatMap(shapeBlock)
    .map((block, index) => ({ ...block, id: `${source}#${index + 1}`, source }));
}
