import { describe, expect, it } from 'vitest';
import { PersonaInvalid } from '../../src/domain/errors.js';
import { buildPersona, parseFacts } from '../../src/domain/persona/persona-parsing.js';

function parseError(text: string, source?: string): PersonaInvalid {
  try {
    parseFacts(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(PersonaInvalid);
    return error as PersonaInvalid;
  }
  throw new Error(`expected parseFacts to reject ${JSON.stringify(text)}`);
}

describe('parseFacts syntax errors', () => {
  it.each([
    // Node 20 gives no position for an unexpected token; the parser finds it.
    ['an unexpected token', '{\n  "name": "Ada",\n  "role": x\n}', 3, 11],
    ['a missing comma', '{\n  "name": "Ada"\n  "role": "x"\n}', 3, 3],
    ['a trailing comma', '{\n  "name": "Ada",\n}', 3, 1],
    ['single quotes', '{\n  "name": "Ada",\n  \'role\': 1\n}', 3, 3],
    ['a truncated file', '{\n  "name": "Ada",\n  "role": "pla', 3, 15],
    ['CRLF line ends', '{\r\n  "name": "Ada",\r\n  "role": x\r\n}', 3, 11],
    ['astral characters before the error', '{\n  "name": "𝔄𝔡𝔞", "x": tru\n}', 2, 26],
  ])('reports the line and column of %s', (_, text, line, column) => {
    const error = parseError(text);
    expect(error.message).toContain('facts.json');
    expect(error.message).toContain(`line ${line}, column ${column}`);
    expect(error.code).toBe('persona_invalid');
  });

  it('names the source it was given', () => {
    expect(parseError('{', 'team/facts.json').message).toMatch(
      /^team\/facts\.json is not valid JSON at line 1, column 2/,
    );
  });

  it('accepts a byte order mark', () => {
    expect(parseFacts('\uFEFF{"name": "Ada"}').name).toBe('Ada');
  });
});

describe('parseFacts shape', () => {
  it.each([
    ['an array', '[]', /must contain a JSON object, not an array/],
    ['null', 'null', /must contain a JSON object, not null/],
    ['a number', '42', /must contain a JSON object, not a number/],
    ['a missing name', '{"location": "Oslo"}', /"name" \(or "full_name"\) is required/],
    ['a blank name', '{"name": "  "}', /"name" \(or "full_name"\) is required/],
    ['a numeric name', '{"name": 7}', /"name" must be a string, not a number/],
    ['a numeric email', '{"name": "Ada", "email": 7}', /"email" must be a string/],
    [
      'specialties as a string',
      '{"name": "Ada", "specialties": "Go"}',
      /"specialties" must be an array of strings, not a string/,
    ],
    ['a non-string specialty', '{"name": "Ada", "specialties": ["Go", 3]}', /"specialties".*item 2 is a number/],
    ['education as an object', '{"name": "Ada", "education": {}}', /"education" must be an array/],
    [
      'years_experience as a list',
      '{"name": "Ada", "years_experience": [1]}',
      /"years_experience" must be a number or a string/,
    ],
  ])('rejects %s, naming facts.json and the field', (_, text, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(/^facts\.json/);
    expect(error.message).toMatch(message);
  });

  it('falls back to full_name when name is missing or blank', () => {
    expect(parseFacts('{"full_name": "Ada Lovelace"}').name).toBe('Ada Lovelace');
    expect(parseFacts('{"name": "", "full_name": "Ada Lovelace"}')).toEqual({
      name: 'Ada Lovelace',
      full_name: 'Ada Lovelace',
    });
  });

  it('keeps unknown keys and values as written', () => {
    const facts = parseFacts('{"name": " Ada ", "hobbies": ["chess"], "meta": {"x": null}}');
    expect(facts).toEqual({ name: ' Ada ', hobbies: ['chess'], meta: { x: null } });
  });
});

describe('buildPersona', () => {
  const facts = { name: 'Ada' };
  const persona = buildPersona({
    facts,
    version: 'v1',
    files: [
      { source: 'talks/2024.md', text: 'Talk at **JSConf**' },
      { source: 'style.txt', text: '  Dry humour.\r\n' },
      { source: 'linkedin.pdf', text: 'Experience\r\nAnalytical Engines Ltd' },
      { source: 'summary.txt', text: '\uFEFFI am Ada.\r\nI like engines.\n' },
      { source: 'notes/summary.txt', text: 'nested summary' },
      { source: 'about.txt', text: 'Cafe\u0301' },
      { source: 'empty.md', text: ' \n\t ' },
      { source: 'photo.png', text: 'not text' },
      { source: 'Z.md', text: 'capital first' },
    ],
  });

  it('classifies summary, style, linkedin and knowledge', () => {
    expect(persona.summary).toBe('I am Ada.\nI like engines.');
    expect(persona.style).toBe('Dry humour.');
    expect(persona.documents.map((d) => [d.source, d.kind])).toEqual([
      ['Z.md', 'knowledge'],
      ['about.txt', 'knowledge'],
      ['linkedin.pdf', 'linkedin'],
      ['notes/summary.txt', 'knowledge'],
      ['summary.txt', 'summary'],
      ['talks/2024.md', 'knowledge'],
    ]);
  });

  it('keeps style out of the documents: it is instructions, not knowledge', () => {
    expect(persona.documents.some((d) => d.text.includes('Dry humour'))).toBe(false);
  });

  it('normalises text to NFC with \\n line ends, trimmed', () => {
    expect(persona.documents.find((d) => d.source === 'about.txt')?.text).toBe('Café');
    expect(persona.documents.find((d) => d.source === 'linkedin.pdf')?.text).toBe('Experience\nAnalytical Engines Ltd');
  });

  it('drops empty and non-text files and passes facts and version through', () => {
    expect(persona.documents.map((d) => d.source)).not.toContain('empty.md');
    expect(persona.documents.map((d) => d.source)).not.toContain('photo.png');
    expect(persona.facts).toBe(facts);
    expect(persona.version).toBe('v1');
  });

  it('gives summary and style as "" when absent', () => {
    const bare = buildPersona({ facts, files: [], version: 'v0' });
    expect(bare).toEqual({ facts, summary: '', style: '', documents: [], version: 'v0' });
  });

  it('does not depend on the order files arrive in', () => {
    const files = [
      { source: 'b.md', text: 'B' },
      { source: 'a.md', text: 'A' },
      { source: 'summary.txt', text: 'S' },
    ];
    const forward = buildPersona({ facts, files, version: 'v' });
    const backward = buildPersona({ facts, files: [...files].reverse(), version: 'v' });
    expect(backward).toEqual(forward);
  });
});
