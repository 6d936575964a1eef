import { describe, expect, it } from 'vitest';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { activityMet, asksAboutNow, durationActivity, endedEntry } from '../../src/domain/grounding/asked-activity.js';
import { dateSpan } from '../../src/domain/grounding/entry-dates.js';
import { datedEntries, entryInOrder } from '../../src/domain/grounding/entry-order.js';
import { factBlocks } from '../../src/domain/grounding/fact-blocks.js';
import { orderQuestion } from '../../src/domain/grounding/order-question.js';
import { questionWords } from '../../src/domain/grounding/question-words.js';
import { resumeBlocks } from '../../src/domain/grounding/resume-blocks.js';
import { entryText, RESUME } from '../support/entry-order.js';
import { testPersona } from '../support/personas.js';

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
