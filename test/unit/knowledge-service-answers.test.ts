import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnswerBook } from '../../src/adapters/memory/in-memory-answer-book.js';
import { InMemoryKnowledgeGapStore } from '../../src/adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../../src/adapters/memory/in-memory-lead-store.js';
import { NoopNotifier } from '../../src/adapters/memory/notifiers.js';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import type { DomainError } from '../../src/domain/errors.js';
import { KnowledgeService } from '../../src/domain/knowledge/knowledge-service.js';
import { containsPii } from '../../src/domain/text/pii.js';
import { testPersona } from '../support/personas.js';

function knowledge() {
  const answers = new InMemoryAnswerBook();
  const service = new KnowledgeService({
    gaps: new InMemoryKnowledgeGapStore(),
    leads: new InMemoryLeadStore(),
    answers,
    notifier: new NoopNotifier(),
    persona: new StaticPersonaSource(testPersona()),
    clock: new FixedClock(),
    logger: silentLogger,
  });
  return { service, answers };
}

describe('KnowledgeService and the owner’s answers', () => {
  it('publishes a long question full of contact details within the 500-character limit, masked', async () => {
    const { service, answers } = knowledge();
    // Each six-character address becomes the seven-character "[email]": the masked text grows.
    const addresses = Array.from({ length: 80 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}@b.io`);
    const question = `Can you reach ${addresses.join(' ')} about cats?`;
    const gap = await service.recordGap(question);
    await service.answerGap(gap.id, 'Yes.');
    const [stored] = await answers.list();
    expect(Array.from(stored?.question ?? '').length).toBeLessThanOrEqual(500);
    expect(containsPii(stored?.question ?? '')).toBe(false);
    expect(stored?.question.startsWith('Can you reach [email] [email]')).toBe(true);
  });

  it('imports all entries or none, naming the entry that is refused', async () => {
    const { service, answers } = knowledge();
    const entries = [
      { question: 'Do you have a cat?', answer: 'Yes.' },
      { question: 'Do you ski?', answer: 'x'.repeat(4001) },
    ];
    await expect(service.importAnswers(entries)).rejects.toThrow(/"Do you ski\?": answer must be at most 4000/);
    expect(await answers.list()).toEqual([]);
  });

  it('refuses an edit that changes nothing, and an id that is not one', async () => {
    const { service } = knowledge();
    const [entry] = await service.importAnswers([{ question: 'Do you have a cat?', answer: 'Yes.' }]);
    const refused = await service.editAnswer(entry?.id, {}).catch((error: unknown) => error);
    expect((refused as DomainError).code).toBe('invalid_input');
    await expect(service.deleteAnswer('gap-0123456789abcdef')).rejects.toThrow('answer id');
  });

  it('an edited answer shows in the gaps it closed; other gaps keep theirs', async () => {
    const { service } = knowledge();
    const dog = await service.recordGap('Do you have a dog?');
    const cat = await service.recordGap('Do you have a cat?');
    await service.answerGap(dog.id, 'Yes, a collie called Turing.');
    await service.answerGap(cat.id, 'Yes, a collie called Turing.');
    const [answer] = (await service.listAnswers()).filter((a) => a.question === 'Do you have a dog?');
    await service.editAnswer(answer?.id, { answer: 'Yes, two collies now.' });
    const gaps = await service.listGaps();
    expect(gaps.find((g) => g.id === dog.id)?.answer).toBe('Yes, two collies now.');
    expect(gaps.find((g) => g.id === cat.id)?.answer).toBe('Yes, a collie called Turing.');
  });
});
