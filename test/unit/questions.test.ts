import { describe, expect, it } from 'vitest';
import { isQuestion } from '../../src/domain/grounding/questions.js';

describe('isQuestion', () => {
  it.each([
    'Where are you based?',
    'where do you work',
    '你在哪里工作？',
    'أين تعمل؟',
    '¿Dónde vives?',
    'Wie alt bist du',
    'Can you tell me about your projects',
    'Τι κάνεις\u037e',
  ])('detects %j', (text) => {
    expect(isQuestion(text)).toBe(true);
  });

  it.each([
    'I love your work.',
    'First this; then that.',
    'Thanks!',
    'Tell me about your projects',
    'hello',
    '',
    'This is what I wanted',
  ])('does not flag %j', (text) => {
    expect(isQuestion(text)).toBe(false);
  });
});
