import { PersonaInvalid } from '../errors.js';
import type { Persona, PersonaDocument, PersonaFacts, SkippedFile } from './persona.js';

const STRING_KEYS = ['full_name', 'current_role', 'location', 'email', 'linkedin'] as const;

/**
 * Parses facts.json. Throws PersonaInvalid naming `source` (with line and column for
 * syntax errors) when the text is not a JSON object with a usable name. Values are
 * kept exactly as written; when only `full_name` is given, `name` falls back to it.
 */
export function parseFacts(text: string, source = 'facts.json'): PersonaFacts {
  // Editors on Windows like to prepend a BOM, which JSON.parse rejects.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const where = syntaxErrorLocation(json, detail);
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    throw new PersonaInvalid(`${source} is not valid JSON${at}: ${detail}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PersonaInvalid(`${source} must contain a JSON object, not ${describe(parsed)}`);
  }
  const facts = parsed as Record<string, unknown>;
  for (const key of ['name', ...STRING_KEYS]) {
    if (key in facts && typeof facts[key] !== 'string') {
      throw new PersonaInvalid(`${source}: "${key}" must be a string, not ${describe(facts[key])}`);
    }
  }
  const name = nonBlank(facts.name) ?? nonBlank(facts.full_name);
  if (name === undefined) {
    throw new PersonaInvalid(`${source}: "name" (or "full_name") is required and must not be empty`);
  }
  checkSpecialties(facts.specialties, source);
  if ('years_experience' in facts && !['number', 'string'].includes(typeof facts.years_experience)) {
    throw new PersonaInvalid(
      `${source}: "years_experience" must be a number or a string, not ${describe(facts.years_experience)}`,
    );
  }
  if ('education' in facts && !Array.isArray(facts.education)) {
    throw new PersonaInvalid(`${source}: "education" must be an array, not ${describe(facts.education)}`);
  }
  // Spreading only when needed keeps every key (even "__proto__") exactly as parsed.
  return (nonBlank(facts.name) === undefined ? { ...facts, name } : facts) as PersonaFacts;
}

function checkSpecialties(value: unknown, source: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    throw new PersonaInvalid(`${source}: "specialties" must be an array of strings, not ${describe(value)}`);
  }
  const bad = value.findIndex((item) => typeof item !== 'string');
  if (bad >= 0) {
    throw new PersonaInvalid(
      `${source}: "specialties" must be an array of strings, but item ${bad + 1} is ${describe(value[bad])}`,
    );
  }
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** 1-based line and column (in code points) of a JSON syntax error, when it can be found. */
function syntaxErrorLocation(text: string, message: string): { line: number; column: number } | undefined {
  // Node 22+ says "(line 3 column 9)"; Node 20 says "at position 42" or, for an
  // unexpected token, nothing at all, so we then find the offending character ourselves.
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) return locate(text, Number(position[1]));
  if (/end of JSON input/i.test(message)) return locate(text, text.length);
  const offset = firstJsonErrorOffset(text);
  return offset === undefined ? undefined : locate(text, offset);
}

function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return { line: lines.length, column: Array.from(last.replace(/\r$/, '')).length + 1 };
}

/**
 * Offset of the first character a strict JSON reader rejects, or undefined when the
 * text is valid JSON. Only used to place an error, so it validates without building values.
 */
function firstJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const digits = () => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === start) fail();
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return;
      }
      if (code < 0x20) fail();
      if (code === 0x5c) {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(text[++i] ?? '')) fail();
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') container('}', true);
    else if (ch === '[') container(']', false);
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  const container = (close: string, keyed: boolean): void => {
    i++;
    space();
    if (text[i] !== close) items(close, keyed);
    i++;
  };
  const items = (close: string, keyed: boolean): void => {
    for (;;) {
      if (keyed) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
      }
      value();
      space();
      if (text[i] === close) return;
      if (text[i] !== ',') fail();
      i++;
    }
  };
  try {
    value();
    space();
    return i < text.length ? i : undefined;
  } catch (error) {
    // A nesting deep enough to overflow the stack: leave the position out.
    return typeof error === 'number' ? error : undefined;
  }
}

/** A file of the persona folder as text; `source` is its path relative to the folder, with "/". */
export interface PersonaFile {
  readonly source: string;
  readonly text: string;
}

const TEXT_EXTENSIONS = /\.(md|txt|pdf)$/i;

/**
 * Assembles a Persona from parsed facts and the folder's texts. summary.txt and style.txt
 * (at the top level) become `summary` and `style`; style is instructions, so it is not a
 * document. linkedin.pdf is the `linkedin` document; every other .md/.txt/.pdf is knowledge.
 * Texts are NFC-normalised with "\n" line ends and trimmed; empty files are dropped.
 */
export function buildPersona(input: {
  facts: PersonaFacts;
  files: readonly PersonaFile[];
  version: string;
  skipped?: readonly SkippedFile[];
}): Persona {
  const files = input.files
    .filter((file) => TEXT_EXTENSIONS.test(file.source))
    .map((file) => ({ source: file.source, text: normaliseText(file.text) }))
    .filter((file) => file.text !== '')
    .sort((a, b) => compareCodeUnits(a.source, b.source));
  let summary = '';
  let style = '';
  const documents: PersonaDocument[] = [];
  for (const file of files) {
    const kind = kindOf(file.source);
    if (kind === 'style') {
      style = style ? `${style}\n\n${file.text}` : file.text;
      continue;
    }
    if (kind === 'summary') summary = summary ? `${summary}\n\n${file.text}` : file.text;
    documents.push({ source: file.source, kind, text: file.text });
  }
  const skipped = [...(input.skipped ?? [])].sort((a, b) => compareCodeUnits(a.source, b.source));
  return {
    facts: input.facts,
    summary,
    style,
    documents,
    version: input.version,
    ...(skipped.length ? { skipped } : {}),
  };
}

function kindOf(source: string): PersonaDocument['kind'] {
  switch (source.toLowerCase()) {
    case 'summary.txt':
      return 'summary';
    case 'style.txt':
      return 'style';
    case 'linkedin.pdf':
      return 'linkedin';
    default:
      return 'knowledge';
  }
}

/** NFC, "\n" line ends, trimmed: the same text whatever editor or OS wrote it. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** Locale-independent order, so the same folder sorts the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
