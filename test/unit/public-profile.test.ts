import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { initialsOf, publicProfile } from '../../src/domain/persona/public-profile.js';
import { suggestedQuestions } from '../../src/domain/persona/suggested-questions.js';
import { testPersona } from '../support/personas.js';

describe('initialsOf', () => {
  it.each([
    ['Oriel Fenwick-Adeyemi', 'OF'],
    ['Noor Haddad', 'NH'],
    ['madonna', 'M'],
    ['  José   María  Aznar ', 'JA'],
    ['(Bob) Smith', 'BS'],
    ['\u0045\u0301mile Zola', '\u0045\u0301Z'],
    ['李 小龍', '李小'],
    ['', '?'],
    ['   ', '?'],
    ['🙂 🙃', '?'],
    ['ﬃon Jones', 'ﬃJ'],
    ['ßara Ölz', 'ßÖ'],
    ['ǆemal Ǳ', 'ǄǱ'],
  ])('%j -> %j', (name, expected) => {
    expect(initialsOf(name)).toBe(expected);
  });

  test.prop([
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      // Letters whose capital is several letters (ß, ligatures, ŉ, ǰ...) and their neighbours.
      fc
        .array(fc.constantFrom('ß', 'ﬀ', 'ﬁ', 'ﬂ', 'ﬃ', 'ﬄ', 'ﬅ', 'ﬆ', 'ŉ', 'ǰ', 'ΐ', 'ΰ', 'և', 'ẖ', 'ﬓ', 'a', ' '), {
          maxLength: 12,
        })
        .map((chars) => chars.join('')),
    ),
  ])('is never empty and at most two graphemes', (name) => {
    const initials = initialsOf(name);
    expect(initials.length).toBeGreaterThan(0);
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(initials)];
    expect(graphemes.length).toBeLessThanOrEqual(2);
  });
});

describe('publicProfile', () => {
  it('shows display fields only: no contact details, documents or other facts', () => {
    const profile = publicProfile(testPersona());
    expect(Object.keys(profile).sort()).toEqual([
      'full_name',
      'greeting',
      'initials',
      'location',
      'name',
      'suggested_questions',
      'title',
    ]);
    expect(JSON.stringify(profile)).not.toContain('noor@example.org');
    expect(JSON.stringify(profile)).not.toContain('theremin');
  });

  it('falls back to the short name and to null fields', () => {
    const persona = testPersona();
    const profile = publicProfile({
      ...persona,
      facts: { name: 'Kai', current_role: '  ', location: 7 as unknown as string },
    });
    expect(profile).toMatchObject({ name: 'Kai', full_name: 'Kai', title: null, location: null, initials: 'K' });
    expect(profile.greeting).toContain("I'm Kai's AI twin");
  });
});

describe('suggestedQuestions', () => {
  it('draws two or three opening questions from the role, specialties and location', () => {
    expect(suggestedQuestions(testPersona())).toEqual([
      'What do you do at Resonant Works?',
      'What do you know about room acoustics?',
      'Where are you based?',
    ]);
    const facts = { name: 'Ada', current_role: 'Lighthouse keeper', specialties: ['TypeScript and Node.js'] };
    expect(suggestedQuestions(testPersona({ facts }))).toEqual([
      'What do you do?',
      'What do you know about TypeScript and Node.js?',
    ]);
  });

  it('skips facts that are long or look like markup, and falls back to generic questions', () => {
    const facts = { name: 'Ada', current_role: `Keeper <img src=x onerror="alert(1)">`, location: 'x'.repeat(200) };
    expect(suggestedQuestions(testPersona({ facts }))).toEqual(['Can you tell me about yourself?', 'What do you do?']);
  });

  test.prop([fc.dictionary(fc.constantFrom('current_role', 'location', 'specialties', 'skills'), fc.anything())])(
    'gives two or three one-line questions for any facts',
    (extra) => {
      const questions = suggestedQuestions(testPersona({ facts: { name: 'Ada', ...extra } }));
      expect(questions.length).toBeGreaterThanOrEqual(2);
      expect(questions.length).toBeLessThanOrEqual(3);
      for (const question of questions) expect(question).toMatch(/^[^\n<>]{5,160}\?$/);
    },
  );
});
