import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { analyzeQuestion, MAX_QUESTION_WORDS, questionWords } from '../../src/domain/grounding/question-analysis.js';

describe('analyzeQuestion', () => {
  it.each([
    ["What's your dog called?", 'name'],
    ['What is the name of your dog?', 'name'],
    ['Who taught you?', 'person'],
    ['Whereabouts do you live?', 'place'],
    ['When did you open?', 'date'],
    ['What time do you open?', 'time'],
    ['How long have you been a nurse?', 'duration'],
    ['How many years have you been making furniture?', 'duration'],
    ['How old is your cat?', 'age'],
    ['How much does a table cost?', 'money'],
    ['How many people work for you?', 'number'],
    ['Do you have a dog?', 'yesno'],
    ['What are your hobbies?', 'open'],
    ['How do you spend the winters when you are off duty?', 'open'],
    ['Do you have a dog? What is its name?', 'name'],
    ['¿Cuántos años tienes?', 'age'],
    ['Wie heißt Ihre Frau?', 'name'],
    // "Who is <a name>?" asks what the persona says of it (a pet, a library, a colleague).
    ['Who is Brunel?', 'open'],
    ["Who's Brunel?", 'open'],
    ['Who was Ada Park?', 'open'],
    ['Who is your manager?', 'person'],
    ['Who taught Brunel?', 'person'],
    ['Who is at Lumenfold with you?', 'person'],
    ['who is brunel', 'person'],
  ])('%j asks for %s', (question, type) => {
    expect(analyzeQuestion(question).type).toBe(type);
  });

  it('knows whose name is asked: the dog, not the persona', () => {
    expect(analyzeQuestion("What is your dog's name?").owner).toBe('dog');
    expect(analyzeQuestion('What is the name of your wooden boat?').owner).toBe('boat');
    expect(analyzeQuestion('What is your sourdough starter called?').owner).toBe('starter');
    expect(analyzeQuestion("What's Chef Ishida's first name?").owner).toBe('ishida');
    expect(analyzeQuestion('What is your name?').owner).toBeNull();
    expect(analyzeQuestion("What's your full name?").owner).toBeNull();
  });

  it('finds the asked-for thing: the head before "of", past kinds and superlatives', () => {
    expect(analyzeQuestion('What breed of dog is Tussa?').focus).toEqual(['breed']);
    expect(analyzeQuestion('Which football team do you support?').focus).toEqual(['football', 'team']);
    expect(analyzeQuestion('What kind of work do you do?').focus).toEqual(['work']);
    expect(analyzeQuestion("What's the deepest you'll go on a dive?").focus).toEqual([]);
    expect(analyzeQuestion('What does Camila do for a living?').focus).toContain('work');
  });

  it('marks past-time, preference and opinion questions', () => {
    expect(analyzeQuestion('What was your first job?').past).toBe(true);
    expect(analyzeQuestion('Where did you work before Lumenfold?').past).toBe(true);
    expect(analyzeQuestion('Where do you work?').past).toBe(false);
    expect(analyzeQuestion('Which wood is your favourite?').preference).toBe(true);
    expect(analyzeQuestion('Do you think software should be patentable?').opinion).toBe(true);
  });

  it('reads chat spellings and a misspelt question word', () => {
    expect(questionWords('wher did u do ur phd')).toEqual(['where', 'did', 'you', 'do', 'your', 'phd']);
    expect(questionWords('were did you get your phd')[0]).toBe('where');
    expect(analyzeQuestion('hw many dives r logged').type).toBe('number');
    expect(analyzeQuestion("What's your wife's name?").terms).toEqual(['wife']);
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 3000 })], { numRuns: 200 })(
    'any text: bounded words, a type, never a throw',
    (text) => {
      const analysis = analyzeQuestion(text);
      expect(analysis.words.length).toBeLessThanOrEqual(MAX_QUESTION_WORDS);
      expect(analysis.terms.length).toBeLessThanOrEqual(MAX_QUESTION_WORDS);
      expect(typeof analysis.type).toBe('string');
    },
  );
});
