import { describe, expect, it } from 'vitest';
import type { TermSimilarity } from '../../src/domain/grounding/answer-signals.js';
import { askedObject } from '../../src/domain/grounding/asked-object.js';
import { namesMemberOf } from '../../src/domain/grounding/everyday-kinds.js';
import { namePresent, objectMet } from '../../src/domain/grounding/object-match.js';
import { analyzeQuestion } from '../../src/domain/grounding/question-analysis.js';
import { writtenNames } from '../../src/domain/grounding/written-names.js';

describe('askedObject: the thing a yes/no question asks about', () => {
  it.each([
    ['Do you own a unicycle?', ['unicycle']],
    ['Are you married?', ['married']],
    ['Do you have any formal sake training?', ['formal', 'sake', 'training']],
    ['Have you ever been to Japan?', ['japan']],
    ['Do you own a zebracorn called number 3?', ['zebracorn']],
    ['Do you climb?', ['climb']],
    ['Nice site. Do you have kids?', ['kid']],
  ])('%s -> %j', (question, terms) => {
    expect(askedObject(question)?.terms).toEqual(terms);
  });

  it('reads every term after the verb as the predicate, and marks the names', () => {
    const object = askedObject('Could you represent my company before the European patent court?');
    expect(object?.terms).toEqual(['company']);
    expect(object?.predicate).toEqual(['company', 'european', 'patent', 'court']);
    expect(object?.names).toEqual([]);
    expect(askedObject('Do you know British Sign Language?')?.names).toEqual(['british', 'sign', 'language']);
  });

  it('reads nothing when the question is not a yes/no question with a pronoun subject', () => {
    expect(askedObject('What is your dog called?')).toBeNull();
    expect(askedObject('Does your uncle still work as a carpenter?')).toBeNull();
    expect(askedObject('')).toBeNull();
    expect(analyzeQuestion('Where are you based?').object).toBeNull();
  });

  it('keeps only meaning-bearing terms in the analysis ("full time" shapes the question)', () => {
    expect(analyzeQuestion('Are you full time at the hospital?').object).toBeNull();
    expect(analyzeQuestion('Do you have a dog?').object).toEqual({ terms: ['dog'], predicate: ['dog'], names: [] });
  });
});

describe('writtenNames', () => {
  it('takes capitalised words that do not open a sentence, never "I" or a title', () => {
    expect(writtenNames('Have you ever been to Japan? I wonder. Did Mr Smith teach you PhD work?')).toEqual([
      'japan',
      'smith',
      'phd',
    ]);
  });

  it('reads no names in German questions, where every noun is capitalised', () => {
    expect(analyzeQuestion('Wo haben Sie vor Ihrer Zeit in der Kanzlei gearbeitet?').names).toEqual([]);
    expect(analyzeQuestion('What is the capital of Australia?').names).toEqual(['australia']);
  });
});

describe('objectMet: the chosen passage speaks of the asked-for thing', () => {
  const similarity = (head: string, cosine: number): TermSimilarity => ({
    mean: cosine,
    weakest: cosine,
    byTerm: new Map([[head, cosine]]),
    commonByTerm: new Map([[head, cosine]]),
  });
  const dog = analyzeQuestion('Do you have a dog?').object;

  it('is met by the word, by a word close in meaning, or by a member of the kind asked for', () => {
    expect(objectMet(dog, 'We walk our dog along the river.', undefined, 0.75)).toBe(true);
    expect(objectMet(dog, 'We walk our beagle along the river.', similarity('dog', 0.8), 0.75)).toBe(true);
    const pets = analyzeQuestion('Do you have any pets?').object;
    expect(objectMet(pets, 'I live with a very opinionated cat.', similarity('pet', 0.58), 0.75)).toBe(true);
  });

  it('is not met by an unrelated sentence, a neighbour below the threshold, or a typo of a short word', () => {
    expect(objectMet(dog, 'You can reach me at oriel@example.com.', similarity('dog', 0.44), 0.75)).toBe(false);
    expect(objectMet(dog, 'Cat: Smilla, a grey forest cat.', similarity('dog', 0.66), 0.75)).toBe(false);
    const mead = analyzeQuestion('Do you make mead?').object;
    expect(objectMet(mead, 'That means no synthetic treatments.', undefined, 0.75)).toBe(false);
  });

  it('needs every written name, never a neighbour of it', () => {
    const japanese = analyzeQuestion('Do you speak Japanese?').object;
    expect(objectMet(japanese, 'Languages: English; Portuguese.', similarity('japanese', 0.9), 0.75)).toBe(false);
    const zulu = analyzeQuestion('Do you speak Zulu?').object;
    expect(objectMet(zulu, 'I grew up speaking isiZulu with my grandmother.', undefined, 0.75)).toBe(true);
    expect(namePresent('afrikaan', 'South African Sign Language')).toBe(false);
  });

  it('is always met when no object was read', () => {
    expect(objectMet(null, 'anything', undefined, 0.75)).toBe(true);
  });
});

describe('namesMemberOf', () => {
  it('goes from a kind to its members only', () => {
    expect(namesMemberOf('kid', ['two', 'boy'])).toBe(true);
    expect(namesMemberOf('dog', ['cat'])).toBe(false);
    expect(namesMemberOf('violin', ['cello'])).toBe(false);
  });
});
