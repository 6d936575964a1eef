import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { documentBlocks, isEntryHead } from '../../src/domain/grounding/document-blocks.js';
import { dateSpan } from '../../src/domain/grounding/entry-dates.js';
import { entriesReferredTo, entryAnswered } from '../../src/domain/grounding/entry-follow-up.js';
import { datedEntries, entryInOrder } from '../../src/domain/grounding/entry-order.js';
import { orderQuestion } from '../../src/domain/grounding/order-question.js';
import { resumeBlocks } from '../../src/domain/grounding/resume-blocks.js';

// Text of every kind: graphemes of any script, lone surrogates made well-formed, and the pieces dates and names are made of.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.toWellFormed()),
  fc.constantFrom(
    ' - ',
    '(',
    ')',
    ', ',
    '2019',
    '06/2019',
    '2019-06',
    '2007-09',
    'März',
    'heute',
    'before',
    'after that',
    '\n',
    'e\u0301\u0301',
  ),
);
const anyText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('order questions over any text', () => {
  test.prop([anyText])('read a span whose start is a finite month not after its end, or none', (text) => {
    const span = dateSpan(text);
    if (span) {
      expect(Number.isFinite(span.start)).toBe(true);
      expect(span.start).toBeLessThanOrEqual(span.end);
    }
  });

  test.prop([anyText, anyText, anyText])(
    'answer any question after any answer with one of the entries, null or undefined, never throwing',
    (resume, question, answer) => {
      const blocks = [...resumeBlocks('cv.pdf', resume), ...documentBlocks('cv.md', resume)];
      const entries = datedEntries(blocks);
      for (const entry of entries) expect(entry.start).toBeLessThanOrEqual(entry.end);
      const asked = orderQuestion(question);
      const earlier = [
        { role: 'user', content: question },
        { role: 'assistant', content: answer },
      ];
      const found = asked && entryInOrder(asked, entries, entriesReferredTo(earlier, entries));
      if (found) expect(entries).toContain(found);
      const named = entryAnswered(answer, entries);
      if (named) expect(entries).toContain(named);
      expect(typeof isEntryHead(resume)).toBe('boolean');
    },
  );
});
