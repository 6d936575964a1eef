/** The persona file (course layout) that holds the owner's answers to knowledge gaps. */
export const ANSWERS_FILE = 'answers.md';

export const ANSWERS_HEADER =
  '# Answers from the owner\n\nWritten by `twin gaps answer` and the dashboard; edit freely.\n';

/** One answer the owner gave to a question visitors asked. */
export interface OwnerAnswer {
  readonly question: string;
  readonly answer: string;
}

// A line starting with "## " inside an answer would read as the next question.
function escapeHeadings(text: string): string {
  return text.replace(/^(\s*)##/gmu, '$1\\##');
}

/** One answers.md entry: the question as a "## " heading, the answer below it. */
export function renderOwnerAnswer(entry: OwnerAnswer): string {
  const question = entry.question.replace(/\s+/gu, ' ').trim();
  return `\n## ${question}\n\n${escapeHeadings(entry.answer.trim())}\n`;
}

/**
 * Reads answers.md back into entries: every "## " heading is a question and the text
 * under it (up to the next one) its answer. Text before the first heading is ignored.
 */
export function parseOwnerAnswers(text: string): OwnerAnswer[] {
  const entries: OwnerAnswer[] = [];
  let current: { question: string; lines: string[] } | undefined;
  const flush = () => {
    const answer = current?.lines
      .join('\n')
      .replace(/^(\s*)\\##/gmu, '$1##')
      .trim();
    if (current && answer) entries.push({ question: current.question, answer });
  };
  for (const line of text.split('\n')) {
    const heading = /^##\s+(.+?)\s*$/u.exec(line);
    if (heading?.[1]) {
      flush();
      current = { question: heading[1], lines: [] };
    } else {
      current?.lines.push(line);
    }
  }
  flush();
  return entries;
}
