import type { Block } from './blocks.js';
import { sentencesOf } from './sentences.js';

// A span of years or dates, as résumés write them: "2012 to 2016", "2019 - present", "since 2012", "Mar 2020 – Present".
const DATE_SPAN =
  /\b(?:(?:19|20)\d{2}\s*(?:-|–|—|to|until|bis|a|à)\s*(?:(?:19|20)\d{2}|present|now|today|heute|presente|actualidad)|since\s+(?:19|20)\d{2}|(?:19|20)\d{2})\b/iu;
const SENTENCE_END = /[.!?;:]$/u;

interface Line {
  readonly text: string;
  readonly dated: boolean;
}

// Section names of résumés and LinkedIn exports (English, German, Spanish, French, Portuguese,
// Italian): a short line holding one of them is a heading, even when a dated line follows it.
const SECTION_WORDS = new Set(
  (
    'about summary experience education skills languages certifications certificates licenses licences honors honours ' +
    'awards publications projects volunteering volunteer memberships organizations organisations courses interests ' +
    'patents contact recommendations employment qualifications training ' +
    'berufserfahrung ausbildung kenntnisse sprachen auszeichnungen experiencia educación formación aptitudes idiomas ' +
    'premios expérience formation compétences langues experiência educação competências esperienza istruzione competenze lingue'
  ).split(' '),
);

function isHeading(text: string): boolean {
  const words = text.toLocaleLowerCase('und').split(/[\s&,/-]+/u);
  return words.length <= 5 && !SENTENCE_END.test(text) && !/\d/u.test(text) && words.some((w) => SECTION_WORDS.has(w));
}

/** A short line in title case with no date and no sentence punctuation: a heading-like line. */
function titleLike(text: string): boolean {
  return text.split(/\s+/u).length <= 6 && /^\p{Lu}/u.test(text) && !SENTENCE_END.test(text) && !/[,@/]|\d/u.test(text);
}

function unbalanced(text: string): boolean {
  return (text.match(/\(/gu)?.length ?? 0) > (text.match(/\)/gu)?.length ?? 0);
}

/** Lines of a page with wrapped lines rejoined: lower-case starts, open parentheses, dangling commas or connectives. */
function joinedLines(text: string): Line[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    // A bullet inside a PDF is a sentence of its own; its marker is dropped.
    const line = raw
      .replace(/\s+/gu, ' ')
      .trim()
      .replace(/^[-–•*▪◦]\s+/u, '');
    if (line === '') continue;
    const last = lines.at(-1);
    const continues =
      last !== undefined &&
      (/^[\p{Ll}(]/u.test(line) || unbalanced(last) || /[,\-–(]$|\b(?:and|or|of|the|in|for|with|to)$/iu.test(last));
    if (continues) lines[lines.length - 1] = `${last} ${line}`;
    else lines.push(line);
  }
  // A dated line is an entry's "Org, City - 2012 to 2016" line; a sentence mentioning a year is description.
  return lines.map((line) => ({ text: line, dated: DATE_SPAN.test(line) && !/[.!?]$/u.test(line) }));
}

/**
 * The blocks of a PDF's text, shaped for a résumé (a LinkedIn export) without depending
 * on one: a heading line ("Experience", "Honours and awards") labels what follows; an
 * entry is a title line, the dated line after it ("Org, City - 2012 to 2016") and its
 * description, quoted together because "First job after graduating." alone names no job.
 * Undated text under a heading, or before any, is read as sentences.
 */
export function resumeBlocks(source: string, text: string): Block[] {
  const lines = joinedLines(text);
  const blocks: Omit<Block, 'id' | 'source'>[] = [];
  let heading = '';
  let prose: string[] = [];
  let entry: string[] | undefined;
  const flush = () => {
    if (entry && entry.length > 0) {
      // The head ("Field Technician, Regional Fisheries Monitoring Office, ...") then the description's sentences.
      const [head = '', ...description] = entry;
      blocks.push({ hints: heading, shape: 'entry', units: [head, ...sentencesOf(description.join(' '))] });
    }
    entry = undefined;
    const units = sentencesOf(prose.join(' '));
    if (units.length > 0) blocks.push({ hints: heading, shape: 'paragraph', units });
    prose = [];
  };
  let title: string | undefined;
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (!line.dated && isHeading(line.text)) {
      flush();
      heading = line.text;
    } else if (line.dated) {
      flush();
      // "Field Technician" then "Regional Fisheries Monitoring Office, Coquimbo - 2012 to 2014".
      entry = [title ? `${title}, ${withStop(line.text)}` : withStop(line.text)];
      title = undefined;
    } else if (next?.dated && !SENTENCE_END.test(line.text) && line.text.split(/\s+/u).length <= 12) {
      flush();
      title = line.text;
    } else if (entry) {
      entry.push(withStop(line.text));
    } else if (titleLike(line.text) && blocks.length === 0 && prose.length === 0) {
      // The first line of a résumé is the person's name: context for the headline below it.
      heading = line.text;
    } else {
      prose.push(withStop(line.text));
    }
  });
  flush();
  return blocks.map((block, index) => ({ ...block, id: `${source}#${index + 1}`, source }));
}

function withStop(text: string): string {
  return /[.!?]$/u.test(text) ? text : `${text}.`;
}
