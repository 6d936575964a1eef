import { describe, expect, it } from 'vitest';
import { orderQuestion } from '../../src/domain/grounding/order-question.js';
import { resumeBlocks } from '../../src/domain/grounding/resume-blocks.js';
import { entryText } from '../support/entry-order.js';

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
