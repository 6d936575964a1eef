import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { messageTopics } from '../../src/domain/analytics/topics.js';
import {
  encodedEmail,
  ipHostEmail,
  lookAlikePhone,
  quotedEmail,
  separatedPhone,
  type WrittenEmail,
  type WrittenPhone,
  wrappedEmail,
} from '../support/pii-evasions.js';

// "Contact details never count" as topics (docs/security.md): whatever form an address or a
// number takes inside a question, no topic holds its local part, a label of its domain, or four
// digits in a row of the number.

const QUESTIONS: readonly [string, string][] = [
  ['Please write to', 'about observability budgets'],
  ['My address is', 'so send the kubernetes slides'],
  ['Could you reach me on', 'regarding platform engineering?'],
  ['Contact:', ''],
];

const topicText = (text: string) => messageTopics(text).join(' | ').toLowerCase();

describe('topics of questions holding contact details in evasive forms', () => {
  test.prop([fc.oneof(encodedEmail, wrappedEmail, quotedEmail, ipHostEmail), fc.constantFrom(...QUESTIONS)])(
    'hold no part of an e-mail address',
    (email: WrittenEmail, [before, after]) => {
      const topics = topicText(`${before} ${email.written} ${after}`);
      expect(topics).not.toContain(email.local);
      for (const label of email.labels) expect(topics).not.toContain(label);
    },
  );

  test.prop([fc.oneof(separatedPhone, lookAlikePhone), fc.constantFrom(...QUESTIONS)])(
    'hold no four digits of a phone number',
    (phone: WrittenPhone, [before, after]) => {
      const digits = topicText(`${before} ${phone.written} ${after}`).replace(/\D/gu, '');
      for (let i = 0; i + 4 <= phone.digits.length; i++) expect(digits).not.toContain(phone.digits.slice(i, i + 4));
    },
  );

  it.each([
    'write john\u2800@example.com about observability',
    'write john%40example.com about observability',
    'write john\\u0040example.com about observability',
    'write john_at_example_dot_com about observability',
    'write john@exa\u2800mple.com about observability',
    'call tel5551234567 about observability',
    'write john&#64;example&#46;com about observability',
  ])('keeps the subject and drops the address of %j', (question) => {
    const topics = messageTopics(question);
    expect(topics.join(' ')).not.toMatch(/john|example|mple|40|u0040|555|4567/u);
    expect(topics).toContain('observability');
  });
});
