import { describe, expect, it } from 'vitest';
import { documentBlocks } from '../../src/domain/grounding/document-blocks.js';
import { entryAnswered } from '../../src/domain/grounding/entry-follow-up.js';
import { datedEntries } from '../../src/domain/grounding/entry-order.js';
import { factBlocks } from '../../src/domain/grounding/fact-blocks.js';
import { conversation, RESUME } from '../support/entry-order.js';
import { testPersona } from '../support/personas.js';

describe('follow-ups: "before that" is next to the entry the previous answer named', () => {
  const persona = testPersona({
    documents: [{ source: 'linkedin.pdf', kind: 'linkedin', text: RESUME }],
    version: 'follow-ups',
  });

  it('walks back and forth from the last answer, not from the first question', async () => {
    const answers = await conversation(persona, [
      'Where did you work before Salt & Ember?',
      'And before that?',
      'What about before that?',
      'And after that?',
    ]);
    expect(answers[0]).toMatch(/^Sous Chef, Maré/u);
    expect(answers[1]).toMatch(/^Line Cook, Casa Velha/u);
    expect(answers[2]).toMatch(/^Pastry Cook, Casa Velha/u);
    expect(answers[3]).toMatch(/^Line Cook, Casa Velha/u);
  });

  it('answers "after that" from the entry just answered, and says so when nothing is on that side', async () => {
    const answers = await conversation(persona, [
      'Where did you work before Maré?',
      'And after that?',
      'And after that?',
      'And after that?',
    ]);
    expect(answers).toEqual([
      expect.stringMatching(/^Line Cook, Casa Velha/u),
      expect.stringMatching(/^Sous Chef, Maré/u),
      expect.stringMatching(/^Head Chef, Salt & Ember/u),
      'UNKNOWN',
    ]);
  });

  it('after an "I don\'t know", points back to what the previous question named', async () => {
    const answers = await conversation(persona, ['Where did you work before Casa Velha?', 'And after that?']);
    // Both roles at Casa Velha were the reference: after it is the next place.
    expect(answers).toEqual(['UNKNOWN', expect.stringMatching(/^Sous Chef, Maré/u)]);
  });

  it("finds the entry an answer named, a record said in the person's voice too", () => {
    const blocks = factBlocks({
      name: 'Marta',
      jobs: [
        { title: 'Head Chef', company: 'Salt & Ember', years: '2019 - present' },
        { title: 'Sous Chef', company: 'Maré', years: '2015 - 2019' },
      ],
    });
    const entries = datedEntries(blocks);
    expect(entryAnswered('I worked as Sous Chef at Maré (2015 - 2019).', entries)?.said).toMatch(/Maré/u);
    expect(entryAnswered('My jobs:\n- Head Chef at Salt & Ember (2019 - present)', entries)?.said).toMatch(/Salt/u);
    expect(entryAnswered("I'm sorry, I don't know that.", entries)).toBeUndefined();
  });
});

describe('a résumé written in Markdown or plain text', () => {
  const LIST = [
    '# Ines Carvalho',
    '## Experience',
    '- Head of Data - Tessera Bank (2020 - present)',
    '- Data Engineer - Corvo Labs (2017 - 2020)',
    '- Analyst - Pinhal Insurance (2014 - 2017)',
    '## Education',
    '- MSc Statistics - Minho University (2012 - 2014)',
  ].join('\n');
  const LINES = [
    'EXPERIENCE',
    'Head of Data - Tessera Bank (2020 - present)',
    'Built the risk data platform.',
    '',
    'Data Engineer - Corvo Labs (2017 - 2020)',
    'Moved the warehouse to streaming.',
    '',
    'Analyst - Pinhal Insurance (2014 - 2017)',
  ].join('\n');
  const HEADINGS = [
    '## Experience',
    '### Head of Data - Tessera Bank (2020 - present)',
    'Built the risk data platform.',
    '### Data Engineer - Corvo Labs (2017 - 2020)',
    'Moved the warehouse to streaming.',
  ].join('\n');
  const twin = (source: string, text: string) =>
    testPersona({ documents: [{ source, kind: 'knowledge', text }], version: source });

  it('reads listed entry heads, entry lines and entry headings as entries, and answers order questions from them', async () => {
    const [list] = await conversation(twin('cv.md', LIST), ['Where did you work before Tessera Bank?']);
    expect(list).toBe('Data Engineer - Corvo Labs (2017 - 2020).');
    const lines = await conversation(twin('cv.txt', LINES), ['Where did you work before Tessera?', 'And before that?']);
    expect(lines).toEqual([
      expect.stringMatching(/^Data Engineer - Corvo Labs/u),
      expect.stringMatching(/^Analyst - Pinhal/u),
    ]);
    const [headed] = await conversation(twin('notes.md', HEADINGS), ['Where did you work after Corvo Labs?']);
    expect(headed).toMatch(/^Head of Data - Tessera Bank/u);
  });

  it('keeps a dated sentence a sentence', () => {
    const [block] = documentBlocks('notes.txt', 'In 2019 I moved to Porto - and loved it.');
    expect(block?.shape).toBe('paragraph');
    // A dated heading with no place apart from its dates is a project, not a job.
    const [project] = documentBlocks('projects.md', '## Reef survey (2018 - present)\n\nWe count the reef fish.');
    expect(project).toMatchObject({ shape: 'paragraph', hints: 'Reef survey (2018 - present)' });
  });
});
