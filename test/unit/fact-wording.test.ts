import { describe, expect, it } from 'vitest';
import { factBlocks } from '../../src/domain/grounding/fact-blocks.js';
import { factWording, spokenValue } from '../../src/domain/grounding/fact-wording.js';

describe('facts.json values in the first person, for every value shape', () => {
  it('says a scalar of a custom key as a sentence when the key is a noun phrase', () => {
    expect(spokenValue('instrument', 'cello')).toBe('My instrument is cello.');
    expect(spokenValue('favourite_wood', 'Odum')).toBe('My favourite wood is Odum.');
    expect(spokenValue('favoriteColour', 'Teal')).toBe('My favorite colour is Teal.');
    expect(spokenValue('my_dog', 'Tussa')).toBe('My dog is Tussa.');
  });

  it('keeps the neutral "Key: value" form when no sentence would be grammatical', () => {
    expect(spokenValue('born_in', 'Accra')).toBe('Born in: Accra.');
    expect(spokenValue('plays', 'cello')).toBe('Plays: cello.');
    expect(spokenValue('married', 'since 2015')).toBe('Married: since 2015.');
    expect(spokenValue('has_car', true)).toBe('Has car: yes.');
    expect(spokenValue('likes_jazz', false)).toBe('Likes jazz: no.');
  });

  it('says numbers and a plural key without a false "is"', () => {
    expect(spokenValue('age', 41)).toBe('My age is 41.');
    expect(spokenValue('marathons_run', 12)).toBe('Marathons run: 12.');
    expect(spokenValue('apprentices', 3)).toBe('I have 3 apprentices.');
    expect(spokenValue('children', 2)).toBe('I have 2 children.');
    expect(spokenValue('team_size', 7)).toBe('My team size is 7.');
    expect(spokenValue('favourite_books', 'Dune')).toBe('My favourite books: Dune.');
  });

  it('says a boolean of a state as "I\'m" or "I\'m not"', () => {
    expect(spokenValue('open_to_work', true)).toBe("I'm open to work.");
    expect(spokenValue('open_to_work', false)).toBe("I'm not open to work.");
    expect(spokenValue('is_vegan', true)).toBe("I'm vegan.");
    expect(spokenValue('available_for_talks', false)).toBe("I'm not available for talks.");
  });

  it('keeps the owner\'s own first-person sentence, and says availability as "I\'m ..."', () => {
    expect(spokenValue('motto', 'I fix what I break')).toBe('I fix what I break.');
    expect(spokenValue('availability', 'Open to mentoring; not looking for a full-time role.')).toBe(
      "I'm open to mentoring; not looking for a full-time role.",
    );
    // A long value that is no first-person sentence stays a quote after the key.
    expect(spokenValue('philosophy', 'Ship small things often and keep them boring to run.')).toBe(
      'My philosophy: Ship small things often and keep them boring to run.',
    );
  });

  it('says a short list as a phrase, keeping proper nouns and lower-casing only activities', () => {
    expect(spokenValue('hobbies', ['Bouldering', 'Restoring mechanical typewriters', 'Baking sourdough'])).toBe(
      'My hobbies are bouldering, restoring mechanical typewriters and baking sourdough.',
    );
    expect(spokenValue('languages', ['English (native)', 'Portuguese (fluent)'])).toBe(
      'I speak English (native) and Portuguese (fluent).',
    );
    expect(spokenValue('interests', ['Jazz', 'Byzantine history'])).toBe(
      'My interests are Jazz and Byzantine history.',
    );
    expect(spokenValue('pets', ['Tussa'])).toBe('My pets: Tussa.');
  });

  it('keeps a list whose items hold commas or "and", or a long list, as "- " lines', () => {
    expect(spokenValue('specialties', ['Distributed systems', 'TypeScript and Node.js'])).toBe(
      'My specialties:\n- Distributed systems\n- TypeScript and Node.js',
    );
    const many = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];
    expect(spokenValue('tools', many)).toBe(`My tools:\n${many.map((i) => `- ${i}`).join('\n')}`);
  });

  it('says a list of records as "- " lines under one lead, and one record as a sentence with the right tense', () => {
    const pets = [
      { name: 'Tussa', kind: 'dachshund' },
      { name: 'Brio', kind: 'cat', age: 3 },
    ];
    expect(spokenValue('pets', pets)).toBe('My pets:\n- Tussa (dachshund)\n- Brio (cat; age: 3)');
    expect(spokenValue('education', [{ degree: 'PhD Physics', institution: 'Rheinfeld', years: '2004-2008' }])).toBe(
      'I studied PhD Physics at Rheinfeld (2004-2008).',
    );
    expect(spokenValue('jobs', [{ title: 'Baker', company: 'Crumb & Co', years: '2019 - present' }])).toBe(
      'I work as Baker at Crumb & Co (2019 - present).',
    );
    expect(spokenValue('jobs', [{ title: 'Baker', company: 'Crumb & Co', from: 2012, to: 2016 }])).toBe(
      'I worked as Baker at Crumb & Co (2012 - 2016).',
    );
    // Without dates, neither tense is known to be true.
    expect(spokenValue('jobs', [{ title: 'Baker', company: 'Crumb & Co' }])).toBe('My jobs: Baker at Crumb & Co.');
  });

  it('says a nested object as a record when it names something, else as "- " lines of its fields', () => {
    expect(spokenValue('orchestra', { name: 'Isar Chamber Orchestra', instrument: 'cello' })).toBe(
      'My orchestra: Isar Chamber Orchestra (instrument: cello).',
    );
    expect(spokenValue('social', { github: 'lena-p', mastodon: '@lena@example.social' })).toBe(
      'My social:\n- Github: lena-p\n- Mastodon: @lena@example.social',
    );
  });

  it('gives each record of a fact block its own spoken unit, aligned with the searchable units', () => {
    const [block] = factBlocks({
      name: 'Lena',
      education: [
        { degree: 'PhD Physics', institution: 'Rheinfeld', years: '2004-2008' },
        { degree: 'Diplom Physics', institution: 'Neckartal', years: '1998-2004' },
      ],
    }).filter((b) => b.id === 'facts.json#education');
    expect(block?.units).toEqual([
      'Education: PhD Physics, Rheinfeld, 2004-2008.',
      'Education: Diplom Physics, Neckartal, 1998-2004.',
    ]);
    expect(block?.spoken).toEqual([
      'I studied PhD Physics at Rheinfeld (2004-2008).',
      'I studied Diplom Physics at Neckartal (1998-2004).',
    ]);
    expect(block?.records).toEqual({
      lead: 'My education:',
      items: ['PhD Physics at Rheinfeld (2004-2008)', 'Diplom Physics at Neckartal (1998-2004)'],
    });
    expect(factWording('education', [], true)).toEqual({ units: [], records: { lead: 'My education:', items: [] } });
  });
});
