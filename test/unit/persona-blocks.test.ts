import { describe, expect, it } from 'vitest';
import { blockText } from '../../src/domain/grounding/blocks.js';
import { documentBlocks } from '../../src/domain/grounding/document-blocks.js';
import { factBlocks } from '../../src/domain/grounding/fact-blocks.js';
import { personaPassages } from '../../src/domain/grounding/passages.js';
import { resumeBlocks } from '../../src/domain/grounding/resume-blocks.js';
import { sentencesOf } from '../../src/domain/grounding/sentences.js';
import { testPersona } from '../support/personas.js';

describe('persona text as blocks of units', () => {
  it('splits sentences, but not after "Dr." and not leaving a bare "Yes."', () => {
    expect(sentencesOf('I am Dr. Lena Park. I live in Oslo. Yes. We ship abroad.')).toEqual([
      'I am Dr. Lena Park.',
      'I live in Oslo.',
      'Yes. We ship abroad.',
    ]);
  });

  it('gives each fact its key as meaning, records one unit per entry, and keeps custom keys', () => {
    const blocks = factBlocks({
      name: 'Lena',
      instrument: 'cello',
      favourite_wood: 'Odum',
      orchestra: { name: 'Isar Chamber Orchestra', instrument: 'cello', section: 'second desk' },
      education: [
        { degree: 'PhD Physics', institution: 'Rheinfeld', years: '2004-2008' },
        { degree: 'Diplom Physics', institution: 'Neckartal', years: '1998-2004' },
      ],
    });
    const byKey = new Map(blocks.map((b) => [b.id, b]));
    expect(byKey.get('facts.json#instrument')).toMatchObject({ hints: 'instrument', units: ['Instrument: cello.'] });
    expect(byKey.get('facts.json#favourite_wood')?.units).toEqual(['Favourite wood: Odum.']);
    expect(byKey.get('facts.json#orchestra')?.units).toEqual([
      'Orchestra: Isar Chamber Orchestra, instrument: cello, section: second desk.',
    ]);
    expect(byKey.get('facts.json#education')?.units).toEqual([
      'Education: PhD Physics, Rheinfeld, 2004-2008.',
      'Education: Diplom Physics, Neckartal, 1998-2004.',
    ]);
  });

  it('reads Markdown sections, lists and Q/A pairs, with the heading (or question) as context', () => {
    const blocks = documentBlocks(
      'faq.md',
      '# FAQ\n\n## Languages\n- Spanish (native)\n- English\n\n## Diving\nQ: How deep do you dive?\nA: Most dives are\nbetween 5 and 20 metres. My limit is 30 metres.\n\nPlain **bold** text with a [link](https://x.example).',
    );
    expect(blocks.map((b) => [b.shape, b.hints, b.units])).toEqual([
      ['list', 'FAQ / Languages', ['Spanish (native)', 'English']],
      [
        'answer',
        'FAQ / Diving / How deep do you dive?',
        ['Most dives are between 5 and 20 metres.', 'My limit is 30 metres.'],
      ],
      ['paragraph', 'FAQ / Diving', ['Plain bold text with a link.']],
    ]);
    expect(blockText(blocks[0]!)).toBe('FAQ / Languages\n- Spanish (native)\n- English');
  });

  it('treats a line in capitals as the title of a plain-text file, and Q/A pairs there too', () => {
    const blocks = documentBlocks('notes.txt', 'NOTES FOR GUESTS\n\nQ: Do you take cards?\nA: Yes, but not Amex.');
    expect(blocks).toMatchObject([{ shape: 'answer', hints: 'NOTES FOR GUESTS / Do you take cards?' }]);
  });

  it('reads a résumé PDF: headings, entries with their title and dated line, wrapped lines rejoined', () => {
    const text = [
      'Lena Park',
      'Marine ecologist - Oslo, Norway',
      'Experience',
      'Field Technician',
      'Fisheries Office, Bergen - 2012 to 2014',
      'First job after graduating. Counted fish.',
      'Education',
      'PhD Marine Sciences - Ocean University, 2014 to 2018',
      'Thesis: Predator loss.',
      'Memberships',
      'Member of the Society of Marine (Institute of',
      'Oceans)',
    ].join('\n');
    const blocks = resumeBlocks('linkedin.pdf', text);
    expect(blocks.map((b) => [b.shape, b.hints, b.units])).toEqual([
      ['paragraph', 'Lena Park', ['Marine ecologist - Oslo, Norway.']],
      [
        'entry',
        'Experience',
        ['Field Technician, Fisheries Office, Bergen - 2012 to 2014.', 'First job after graduating.', 'Counted fish.'],
      ],
      ['entry', 'Education', ['PhD Marine Sciences - Ocean University, 2014 to 2018.', 'Thesis: Predator loss.']],
      ['paragraph', 'Memberships', ['Member of the Society of Marine (Institute of Oceans).']],
    ]);
    // A description sentence finds its entry's head through its context.
    const passages = personaPassages(testPersona({ documents: [{ source: 'linkedin.pdf', kind: 'linkedin', text }] }));
    expect(passages.find((p) => p.text === 'First job after graduating.')?.hints).toContain('Field Technician');
  });
});
