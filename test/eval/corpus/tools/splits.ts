/**
 * What each checked split promises, per persona (check-split.ts enforces it). Kinds are the
 * `kind` field of questions.json; a split may use any known kind, the minimums are what it promises.
 */

export const ANSWERABLE_KINDS = new Set([
  'paraphrase',
  'direct',
  'short',
  'typo',
  'custom-key',
  'heading',
  'pdf',
  'other-language',
  'yes-no',
  // A time or order relation between dated entries: "where did you work before X?", "your first job?".
  'relation',
]);
export const UNANSWERABLE_KINDS = new Set(['near-miss', 'off-topic', 'typo', 'other-language', 'yes-no']);

export type SplitRules = {
  /** Exact number of personas, when the split promises one. */
  personas?: number;
  minAnswerable: number;
  minUnanswerable: number;
  minAnswerableKinds: Record<string, number>;
  minUnanswerableKinds: Record<string, number>;
  /** Files every persona folder must hold; `*.md` means at least one Markdown file. */
  requiredFiles: string[];
  /** "heading" questions have an expect string in a Markdown file (fresh2 also used headed .txt files). */
  headingInMarkdown: boolean;
  /** At least one custom-key question answered ONLY by facts.json, one heading question ONLY by Markdown. */
  requireOnlyIn: boolean;
  /** facts.json holds a custom list of records (array of objects) and a nested object. */
  requireFactShapes: boolean;
  /** Résumé-like PDF: at least this many bold entries dated with a year, e.g. "Job - Employer (2001 - 2007)". */
  minDatedPdfEntries?: number;
};

const BASE_FILES = ['facts.json', 'summary.txt', 'style.txt', '*.md', 'linkedin.pdf'];

// fresh4 and fresh5 promise the same: personas written without sight of the answering code.
const FRESH_RULES = {
  personas: 5,
  minAnswerable: 34,
  minUnanswerable: 18,
  minAnswerableKinds: {
    paraphrase: 1,
    direct: 1,
    short: 1,
    typo: 1,
    'custom-key': 1,
    heading: 1,
    pdf: 1,
    'other-language': 2,
    'yes-no': 4,
    relation: 3,
  },
  minUnanswerableKinds: { 'near-miss': 1, 'off-topic': 1, typo: 1, 'other-language': 1, 'yes-no': 5 },
  requiredFiles: BASE_FILES,
  headingInMarkdown: true,
  requireOnlyIn: true,
  requireFactShapes: true,
  minDatedPdfEntries: 3,
};

export const SPLITS: Record<string, SplitRules> = {
  fresh2: {
    minAnswerable: 32,
    minUnanswerable: 14,
    minAnswerableKinds: {},
    minUnanswerableKinds: {},
    requiredFiles: [],
    headingInMarkdown: false,
    requireOnlyIn: false,
    requireFactShapes: false,
  },
  fresh3: {
    personas: 5,
    minAnswerable: 32,
    minUnanswerable: 16,
    minAnswerableKinds: { 'yes-no': 4, pdf: 1, heading: 1, 'custom-key': 1, short: 1, typo: 1, 'other-language': 2 },
    minUnanswerableKinds: { 'yes-no': 5, 'near-miss': 1, 'off-topic': 1, typo: 1, 'other-language': 1 },
    requiredFiles: BASE_FILES,
    headingInMarkdown: true,
    requireOnlyIn: true,
    requireFactShapes: false,
  },
  'dev-yesno': {
    minAnswerable: 20,
    minUnanswerable: 16,
    minAnswerableKinds: { 'yes-no': 12 },
    minUnanswerableKinds: { 'yes-no': 12 },
    requiredFiles: [],
    headingInMarkdown: true,
    requireOnlyIn: false,
    requireFactShapes: false,
  },
  fresh4: FRESH_RULES,
  fresh5: FRESH_RULES,
};
