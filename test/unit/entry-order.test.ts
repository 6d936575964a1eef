import { describe, expect, it } from 'vitest';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { activityMet, asksAboutNow, durationActivity, endedEntry } from '../../src/domain/grounding/asked-activity.js';
import { documentBlocks } from '../../src/domain/grounding/document-blocks.js';
import { dateSpan } from '../../src/domain/grounding/entry-dates.js';
import { entryAnswered } from '../../src/domain/grounding/entry-follow-up.js';
import { datedEntries, entryInOrder } from '../../src/domain/grounding/entry-order.js';
import { factBlocks } from '../../src/domain/grounding/fact-blocks.js';
import { orderQuestion } from '../../src/domain/grounding/order-question.js';
import { questionWords } from '../../src/domain/grounding/question-words.js';
import { resumeBlocks } from '../../src/domain/grounding/resume-blocks.js';
import { testPersona } from '../support/personas.js';

// A résumé written for this test (a chef's), in the LinkedIn export's layout, entries not in date order.
const RESUME = [
  'Marta Quintela',
  'Experience',
  'Sous Chef',
  'Maré, Lisbon - 2015 to 2019',
  'Ran the fish station and the tasting menu.',
  'Head Chef',
  'Salt & Ember, Porto - 2019 to present',
  'Lead a kitchen of twelve.',
  'Line Cook',
  'Casa Velha, Braga - 2012 to 2015',
  'Pastry Cook',
  'Casa Velha, Braga - 2010 to 2012',
  'Education',
  'Diploma in Culinary Arts',
  'Escola de Hotelaria do Norte - 2008 to 2010',
].join('\n');

function entryText(question: string, blocks = resumeBlocks('linkedin.pdf', RESUME)): string | null | undefined {
  const asked = orderQuestion(question);
  if (!asked) return undefined;
  const entry = entryInOrder(asked, datedEntries(blocks));
  if (!entry) return entry;
  return blocks.find((b) => b.id === entry.block)?.units[entry.index] ?? null;
}

describe('order questions over résumé entries', () => {
  it('reads what order is asked, and about what', () => {
    expect(orderQuestion('Where did you work before Lumenfold?')).toEqual({
      kind: 'before',
      reference: ['lumenfold'],
      common: false,
      topic: 'work',
      topicAsked: true,
    });
    expect(orderQuestion('What did you do after joining the institute?')).toMatchObject({
      kind: 'after',
      reference: ['institute'],
      common: true,
    });
    expect(orderQuestion('What was your very first job after university?')).toEqual({
      kind: 'nth',
      n: 1,
      topic: 'work',
    });
    expect(orderQuestion('What was your previous job?')).toEqual({ kind: 'previous', topic: 'work' });
    expect(orderQuestion('What did you do before your current role?')).toEqual({ kind: 'previous', topic: 'work' });
    expect(orderQuestion('Where did you study before the diploma?')).toMatchObject({
      kind: 'before',
      topic: 'education',
    });
    expect(orderQuestion('What do you cook?')).toBeNull();
    // A bare "before" after a topic of its own asks about that topic, not about order.
    expect(orderQuestion('Have you cooked with seaweed before?')).toBeNull();
    expect(orderQuestion('What did you do before?')).toMatchObject({ kind: 'before', reference: [] });
  });

  it('reads the dates an entry writes, months included, "present" as open-ended', () => {
    expect(dateSpan('Maré, Lisbon - 2015 to 2019')).toEqual({ start: 2015 * 12, end: 2019 * 12 });
    expect(dateSpan('Engineer (March 2021 - present)')).toEqual({
      start: 2021 * 12 + 2,
      end: Number.POSITIVE_INFINITY,
    });
    expect(dateSpan('No dates here')).toBeNull();
  });

  it('answers with the entry next to the named one in date order, never the named one', () => {
    expect(entryText('Where did you work before Salt & Ember?')).toMatch(/^Sous Chef, Maré/u);
    expect(entryText('What did you do after Maré?')).toMatch(/^Head Chef, Salt & Ember/u);
    // Both roles at Casa Velha are the reference: the entry after it is the next place.
    expect(entryText('Where did you go after Casa Velha?')).toMatch(/^Sous Chef, Maré/u);
    expect(entryText('What was your first job?')).toMatch(/^Pastry Cook, Casa Velha/u);
    expect(entryText('What was your previous job?')).toMatch(/^Sous Chef, Maré/u);
    expect(entryText('What did you do before?')).toMatch(/^Sous Chef, Maré/u);
  });

  it('says nothing qualifies (null) before the earliest entry, and leaves unknown references to retrieval', () => {
    expect(entryText('Where did you work before Casa Velha?')).toBeNull();
    expect(entryText('What did you do after Salt & Ember?')).toBeNull();
    expect(entryText('What did you do before moving to Tokyo?')).toBeUndefined();
  });

  it('orders a facts.json list of dated records too, whatever order the file lists them in', () => {
    const blocks = factBlocks({
      name: 'Marta',
      jobs: [
        { title: 'Head Chef', company: 'Salt & Ember', years: '2019 - present' },
        { title: 'Line Cook', company: 'Casa Velha', years: '2012 - 2015' },
        { title: 'Sous Chef', company: 'Maré', years: '2015 - 2019' },
      ],
    });
    const spoken = (question: string) => {
      const asked = orderQuestion(question);
      const entry = asked && entryInOrder(asked, datedEntries(blocks));
      return entry && blocks.find((b) => b.id === entry.block)?.spoken?.[entry.index];
    };
    expect(spoken('Where did you work before Salt & Ember?')).toBe('I worked as Sous Chef at Maré (2015 - 2019).');
    expect(spoken('What was your first job?')).toBe('I worked as Line Cook at Casa Velha (2012 - 2015).');
  });

  it('is what the offline twin answers, "I don\'t know" when nothing qualifies', async () => {
    const persona = testPersona({
      documents: [{ source: 'linkedin.pdf', kind: 'linkedin', text: RESUME }],
      version: 'resume-v1',
    });
    const model = new OfflineChatModel();
    const ask = async (content: string) =>
      model.complete({ system: '', persona, messages: [{ role: 'user', content }] });
    const before = await ask('Where did you work before Salt & Ember?');
    expect(before).toMatchObject({ text: 'Sous Chef, Maré, Lisbon - 2015 to 2019.', grounded: true });
    const none = await ask('Where did you work before Casa Velha?');
    expect(none.grounded).toBe(false);
  });
});

// One conversation with the offline twin: each answer is the twin's previous turn for the next question.
async function conversation(persona: ReturnType<typeof testPersona>, questions: readonly string[]): Promise<string[]> {
  const model = new OfflineChatModel();
  const messages: { role: 'user' | 'assistant'; content: string }[] = [];
  const answers: string[] = [];
  for (const content of questions) {
    messages.push({ role: 'user', content });
    const reply = await model.complete({ system: '', persona, messages });
    answers.push(reply.grounded ? reply.text : 'UNKNOWN');
    messages.push({ role: 'assistant', content: reply.text });
  }
  return answers;
}

describe('dates as résumés write them', () => {
  const month = (year: number, m: number) => year * 12 + m - 1;
  const NOW = Number.POSITIVE_INFINITY;

  it('reads numeric months, year first or month first', () => {
    expect(dateSpan('Nurse - Clinic A (03/2016 - 11/2018)')).toEqual({ start: month(2016, 3), end: month(2018, 11) });
    expect(dateSpan('Nurse - Clinic A, 2016-03 – 2018-11')).toEqual({ start: month(2016, 3), end: month(2018, 11) });
    expect(dateSpan('Nurse - Clinic A (2016.03 - 2018.11)')).toEqual({ start: month(2016, 3), end: month(2018, 11) });
    expect(dateSpan('Pflegerin - Klinik B, 04.2012 - 09.2015')).toEqual({ start: month(2012, 4), end: month(2015, 9) });
    expect(dateSpan('Nurse - Clinic C (2017-04)')).toEqual({ start: month(2017, 4), end: month(2017, 4) });
    // A lone "2006-08" is two years, as "2003-11" with a later date is a month; "2011-15" can only be years.
    expect(dateSpan('Porter - Hotel D (2006-08)')).toEqual({ start: 2006 * 12, end: 2008 * 12 });
    expect(dateSpan('Porter - Hotel D (2003-11 - 2004-02)')).toEqual({ start: month(2003, 11), end: month(2004, 2) });
    expect(dateSpan('Porter - Hotel E (2011-15)')).toEqual({ start: 2011 * 12, end: 2015 * 12 });
  });

  it('reads the words for "until now" in several languages, and "since"', () => {
    for (const now of [
      'till date',
      'to date',
      'Ongoing',
      'now',
      'Current',
      'heute',
      'Actualidad',
      'presente',
      "aujourd'hui",
    ])
      expect(dateSpan(`Nurse - Clinic F (08/2020 - ${now})`)).toEqual({ start: month(2020, 8), end: NOW });
    expect(dateSpan('Nurse - Clinic F, since 2021')).toEqual({ start: 2021 * 12, end: NOW });
    expect(dateSpan('Pflegerin - Klinik G, seit 02/2019')).toEqual({ start: month(2019, 2), end: NOW });
  });

  it('reads month names and abbreviations in German, French, Spanish, Italian and Portuguese', () => {
    expect(dateSpan('Pflegerin - Klinik H (Mai 2014 - Dez. 2016)')).toEqual({
      start: month(2014, 5),
      end: month(2016, 12),
    });
    expect(dateSpan('Infirmière - Clinique I (février 2013 - juillet 2015)')).toEqual({
      start: month(2013, 2),
      end: month(2015, 7),
    });
    expect(dateSpan('Enfermera - Clínica J (abril de 2011 - diciembre de 2012)')).toEqual({
      start: month(2011, 4),
      end: month(2012, 12),
    });
    expect(dateSpan('Infermiera - Clinica K (giu 2010 - ott 2011)')).toEqual({
      start: month(2010, 6),
      end: month(2011, 10),
    });
    expect(dateSpan('Enfermeira - Clínica L (set. 2009 - out. 2010)')).toEqual({
      start: month(2009, 9),
      end: month(2010, 10),
    });
  });

  it('orders two entries of one year by their months', () => {
    const text = [
      'Experience',
      'Nurse - Clinic Porto (11/2021 - till date)',
      'Nurse - Clinic Quinta (02/2021 - 10/2021)',
    ].join('\n');
    expect(entryText('Where did you work before Clinic Porto?', resumeBlocks('cv.pdf', text))).toMatch(
      /Clinic Quinta/u,
    );
    expect(entryText('What was your previous job?', resumeBlocks('cv.pdf', text))).toMatch(/Clinic Quinta/u);
  });
});

describe('the last job, the n-th one, the one in a year, a job after a degree', () => {
  // A résumé written for this test: nothing current (the person is between jobs).
  const BREAK = [
    'Experience',
    'Courier - Velo Express (2009 - 2011)',
    'Dispatcher - Velo Express (2011 - 2013)',
    'Planner - Northline Freight (2013 - 2017)',
    'Logistics Lead - Harbour Goods (2017 - 2022)',
    'Education',
    'BA Geography - Tallis College (2005 - 2008)',
    'MSc Transport - Tallis College (2008 - 2009)',
  ].join('\n');
  const ask = (question: string, text = BREAK) => entryText(question, resumeBlocks('cv.pdf', text));

  it('takes the latest entry as the last job when none is current, the one before the current otherwise', () => {
    expect(ask('What was your last job?')).toMatch(/^Logistics Lead - Harbour Goods/u);
    expect(ask('What was your previous job?')).toMatch(/^Logistics Lead - Harbour Goods/u);
    expect(
      ask(
        'What was your last job?',
        `${BREAK.split('\n').slice(0, 5).join('\n')}\nOwner - Kite Cargo (2022 - present)`,
      ),
    ).toMatch(/^Logistics Lead - Harbour Goods/u);
  });

  it('counts entries by date for "second", "3rd" and "first"', () => {
    expect(orderQuestion('What was your second job?')).toEqual({ kind: 'nth', n: 2, topic: 'work' });
    expect(ask('What was your second job?')).toMatch(/^Dispatcher - Velo Express/u);
    expect(ask('What was your 3rd job?')).toMatch(/^Planner - Northline/u);
    expect(ask('What was your first degree?')).toMatch(/^BA Geography/u);
    expect(ask('What was your ninth job?')).toBeNull();
  });

  it('finds the entry covering a year (of two, the one most of that year was spent in) or a month', () => {
    expect(ask('Where did you work in 2015?')).toMatch(/^Planner - Northline/u);
    expect(ask('Where were you working in 2017?')).toMatch(/^Logistics Lead - Harbour Goods/u);
    expect(ask('Where did you work in January 2017?')).toMatch(/^Planner - Northline/u);
    expect(ask('What did you study in 2006?')).toMatch(/^BA Geography/u);
    expect(ask('Where did you work in 1990?')).toBeNull();
    // No work or study word: not an order question ("What did you read in 2015?").
    expect(orderQuestion('What did you read in 2015?')).toBeNull();
  });

  it('answers a work question with a job and a study question with a degree', () => {
    expect(ask('Where did you work after college?')).toMatch(/^Courier - Velo Express/u);
    expect(ask('Where did you work after the MSc?')).toMatch(/^Courier - Velo Express/u);
    expect(ask('What did you study before Velo Express?')).toMatch(/^MSc Transport/u);
    // Without a topic word the reference's own list answers: after a degree, the next degree.
    expect(ask('What did you do after the BA?')).toMatch(/^MSc Transport/u);
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

describe('names that share a start or differ by a letter', () => {
  // Entries written for this test: names inside names, a legal form, one-letter neighbours, numbered names.
  const NAMES = [
    'Ana Ruiz',
    'Experience',
    'Teller - Banco Sol Retail (2003 - 2005)',
    'Welder - Solaris Works GmbH (2005 - 2008)',
    'Analyst - Banco Sol (2008 - 2011)',
    'Engineer - Orbit Cloud Services (2011 - 2015)',
    'Lead - Orbit (2015 - 2019)',
    'Director - Sol (2019 - present)',
    'Education',
    'BSc Economics - Univ Alpha (1999 - 2003)',
  ].join('\n');
  const NEIGHBOURS = [
    'Ana Ruiz',
    'Experience',
    'Intern - Brava (2010 - 2011)',
    'Analyst - Brave (2011 - 2013)',
    'Clerk - Unit417 Ltd (2013 - 2015)',
    'Clerk - Unit482 (2015 - 2018)',
  ].join('\n');
  const ask = (question: string, text = NAMES) => entryText(question, resumeBlocks('cv.pdf', text));

  it('takes a name exactly over longer names holding it, whatever its capitals', () => {
    expect(ask('Where did you work before Sol?')).toMatch(/^Lead - Orbit \(/u);
    expect(ask('where did you work before sol?')).toMatch(/^Lead - Orbit \(/u);
    expect(ask('Where did you work before Banco Sol?')).toMatch(/^Welder - Solaris/u);
    expect(ask('Where did you work before Orbit?')).toMatch(/^Engineer - Orbit Cloud/u);
    expect(ask('What did you do after Banco Sol Retail?')).toMatch(/^Welder - Solaris/u);
    expect(ask('What did you do after solaris works?')).toMatch(/^Analyst - Banco Sol \(/u);
  });

  it('reads a common noun naming several places ("the bank") as the one the person is at, or was at last', () => {
    const banks = [
      'Experience',
      'Teller - Norte Bank (2010 - 2014)',
      'Clerk - Shop (2014 - 2016)',
      'Analyst - Sur Bank (2016 - present)',
    ];
    expect(ask('What did you do before joining the bank?', banks.join('\n'))).toMatch(/^Clerk - Shop/u);
    expect(ask('What did you do before joining the Bank?', banks.join('\n'))).toMatch(/^Clerk - Shop/u);
  });

  it('takes an exact name over a one-letter neighbour, and tells numbered names apart', () => {
    expect(ask('Where did you work before Brave?', NEIGHBOURS)).toMatch(/^Intern - Brava/u);
    expect(ask('Where did you work after Brava?', NEIGHBOURS)).toMatch(/^Analyst - Brave/u);
    expect(ask('Where did you work before Unit482?', NEIGHBOURS)).toMatch(/^Clerk - Unit417/u);
    expect(ask('Where did you work after unit417?', NEIGHBOURS)).toMatch(/^Clerk - Unit482/u);
    // A typo still finds a name nothing else is closer to.
    expect(ask('Where did you work before Unitt482?', NEIGHBOURS)).toMatch(/^Clerk - Unit417/u);
  });
});

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

describe('the asked activity', () => {
  it('finds the activity of a "how long" question, none for "been"', () => {
    expect(durationActivity(questionWords('How long have you lived in Porto?'))).toBe('lived');
    expect(durationActivity(questionWords('How long have you been a chef?'))).toBeNull();
    expect(durationActivity(questionWords('How long have you been doing this?'))).toBeNull();
  });

  it('meets an activity by a form of its verb or an everyday kin, not by a place alone', () => {
    expect(activityMet('lived', 'I moved to Porto in 2016.', undefined)).toBe(true);
    expect(activityMet('lived', 'Head Chef, Salt & Ember, Porto - 2019 to present.', undefined)).toBe(false);
    expect(activityMet('played', 'I have played the cello since 1999.', undefined)).toBe(true);
  });

  it('tells a present-tense question about an activity, and an entry that has ended', () => {
    expect(asksAboutNow(questionWords('What do you build?'))).toBe(true);
    expect(asksAboutNow(questionWords('What do you know about Kafka?'))).toBe(false);
    expect(asksAboutNow(questionWords('What did you build?'))).toBe(false);
    const [ended, current] = [
      { id: 'a', source: 'x.pdf', hints: 'Experience', shape: 'entry' as const, units: ['Cook, A - 2010 to 2012.'] },
      { id: 'b', source: 'x.pdf', hints: 'Experience', shape: 'entry' as const, units: ['Chef, B - 2019 to present.'] },
    ];
    expect(endedEntry(ended, 0)).toBe(true);
    expect(endedEntry(current, 0)).toBe(false);
  });

  it('makes the offline twin say "I don\'t know" to a duration nothing gives, and answer one a passage gives', async () => {
    const model = new OfflineChatModel();
    const ask = async (persona: ReturnType<typeof testPersona>, content: string) =>
      model.complete({ system: '', persona, messages: [{ role: 'user', content }] });
    const resume = testPersona({
      documents: [{ source: 'linkedin.pdf', kind: 'linkedin', text: RESUME }],
      version: 'r2',
    });
    expect((await ask(resume, 'How long have you lived in Porto?')).grounded).toBe(false);
    const moved = testPersona({
      documents: [{ source: 'summary.txt', kind: 'summary', text: 'I have lived in Porto since 2016.' }],
      version: 'r3',
    });
    expect(await ask(moved, 'How long have you lived in Porto?')).toMatchObject({
      text: 'I have lived in Porto since 2016.',
      grounded: true,
    });
  });
});
