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
    expect(spokenValue('weekends', 'I restore old sailboats')).toBe('I restore old sailboats.');
    // A saying keeps its key: it is the words, not a statement ("What is your motto?").
    expect(spokenValue('motto', 'I fix what I break')).toBe('My motto is I fix what I break.');
    expect(spokenValue('availability', 'Open to mentoring; not looking for a full-time role.')).toBe(
      "I'm open to mentoring; not looking for a full-time role.",
    );
    // A long value that is no first-person sentence stays a quote after the key.
    expect(spokenValue('philosophy', 'Ship small things often and keep them boring to run.')).toBe(
      'My philosophy: Ship small things often and keep them boring to run.',
    );
  });

  it('never says a false or ungrammatical sentence for the values testers tried', () => {
    // Counts of one, none or less, and scores, are said neutrally.
    expect(spokenValue('children', 1)).toBe('Children: 1.');
    expect(spokenValue('cats', 0)).toBe('Cats: 0.');
    expect(spokenValue('siblings', -1)).toBe('Siblings: -1.');
    expect(spokenValue('IELTS', 8.5)).toBe('IELTS: 8.5.');
    expect(spokenValue('SATs', 1500)).toBe('SATs: 1500.');
    expect(spokenValue('physics', 95)).toBe('My physics is 95.');
    // Booleans of things one is not ("open source", "manager", "remote ok", "single parent").
    expect(spokenValue('open_source', true)).toBe('Open source: yes.');
    expect(spokenValue('is_manager', true)).toBe('Is manager: yes.');
    expect(spokenValue('is-manager', false)).toBe('Is manager: no.');
    expect(spokenValue('remote_ok', true)).toBe('Remote ok: yes.');
    expect(spokenValue('single_parent', true)).toBe('Single parent: yes.');
    // Yes/no strings are booleans; an answer that starts with one keeps its key.
    expect(spokenValue('vegan', 'Yes')).toBe("I'm vegan.");
    expect(spokenValue('smoker', 'No')).toBe('Smoker: no.');
    expect(spokenValue('dog', 'Yes, a Rhodesian Ridgeback called Sipho')).toBe(
      'Dog: Yes, a Rhodesian Ridgeback called Sipho.',
    );
    // Availability that is no state of the person.
    expect(spokenValue('availability', 'Not before March 2027')).toBe('My availability is Not before March 2027.');
    expect(spokenValue('availability', 'Currently none')).toBe('My availability is Currently none.');
    expect(spokenValue('availability', 'Not looking for new clients')).toBe("I'm not looking for new clients.");
    // Titles that start like a first-person sentence keep their key.
    expect(spokenValue('favourite_show', 'My Little Pony')).toBe('My favourite show is My Little Pony.');
    expect(spokenValue('commute', 'I-95 corridor')).toBe('My commute is I-95 corridor.');
    expect(spokenValue('quote', "I'd rather be wrong than boring.")).toBe(
      "My quote is I'd rather be wrong than boring.",
    );
    // Acronyms keep their capitals.
    expect(spokenValue('NHS_band', 'Band 6')).toBe('My NHS band is Band 6.');
    expect(spokenValue('GPA', 3.9)).toBe('GPA: 3.9.');
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

  it.each([
    [
      'Staff Platform Engineer at Lumenfold Robotics',
      'I currently work as Staff Platform Engineer at Lumenfold Robotics.',
    ],
    ['Head chef - Noma', 'I currently work as Head chef - Noma.'],
    ['Retired', 'My current role: Retired.'],
    ['Looking for my next role', 'My current role: Looking for my next role.'],
    ['Self-employed', 'My current role: Self-employed.'],
    ['On a career break', 'My current role: On a career break.'],
    ['Geologist', 'My current role: Geologist.'],
  ])('current_role %j is said as %j', (role, said) => {
    const [block] = factBlocks({ name: 'Lena', current_role: role }).filter((b) => b.id === 'facts.json#current_role');
    expect(block?.spoken).toEqual([said]);
  });

  it.each([
    [1, 'I have 1 year of experience.'],
    [0, 'Years of experience: 0.'],
    [14, 'I have 14 years of experience.'],
  ])('years_experience %j is said as %j', (years, said) => {
    const [block] = factBlocks({ name: 'Lena', years_experience: years }).filter(
      (b) => b.id === 'facts.json#years_experience',
    );
    expect(block?.spoken).toEqual([said]);
  });

  it('reads course keys written in other languages with their meaning', () => {
    expect(spokenValue('idiomas', ['Español (nativo)', 'Euskera'])).toBe('I speak Español (nativo) and Euskera.');
    expect(spokenValue('Sprachen', ['Deutsch', 'Englisch'])).toBe('I speak Deutsch and Englisch.');
    const [block] = factBlocks({ name: 'Ane', hobbys: ['surfing'] }).filter((b) => b.id === 'facts.json#hobbys');
    expect(block?.hints).toContain('free time');
  });
});
