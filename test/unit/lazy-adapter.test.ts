import { describe, expect, it } from 'vitest';
import { DynamoAnalyticsStore } from '../../src/adapters/dynamodb/dynamo-analytics-store.js';
import { DynamoAnswerBook } from '../../src/adapters/dynamodb/dynamo-answer-book.js';
import { DynamoConversationStore } from '../../src/adapters/dynamodb/dynamo-conversation-store.js';
import { DynamoKnowledgeGapStore } from '../../src/adapters/dynamodb/dynamo-knowledge-gap-store.js';
import { DynamoLeadStore } from '../../src/adapters/dynamodb/dynamo-lead-store.js';
import { DynamoUsageCounters } from '../../src/adapters/dynamodb/dynamo-usage-counters.js';
import { DYNAMO_METHODS } from '../../src/app/dynamo-adapters.js';
import { lazyAdapter } from '../../src/app/lazy-adapter.js';

// Every method a port may have, required or optional: a stand-in must have exactly those the class has.
const PORT_METHODS = {
  store: [
    'append',
    'load',
    'listSessions',
    'softDelete',
    'purge',
    'stats',
    'close',
    'conversations',
    'rate',
    'ratedAnswers',
    'removeFeedback',
  ],
  analytics: ['add', 'buckets', 'topics', 'qualityDays', 'replace', 'compact', 'flush'],
  answers: ['put', 'list', 'get', 'update', 'delete', 'version'],
  gaps: ['recordAsked', 'list', 'get', 'resolve', 'forgetSession'],
  leads: ['record', 'list', 'forgetSession'],
  counters: ['add', 'seed', 'get', 'forgetSession'],
};

const CLASSES = {
  store: DynamoConversationStore,
  analytics: DynamoAnalyticsStore,
  answers: DynamoAnswerBook,
  gaps: DynamoKnowledgeGapStore,
  leads: DynamoLeadStore,
  counters: DynamoUsageCounters,
};

describe('lazy DynamoDB adapters', () => {
  it.each(Object.keys(CLASSES) as (keyof typeof CLASSES)[])(
    'the %s stand-in has exactly the port methods its class implements',
    (kind) => {
      const prototype = CLASSES[kind].prototype as unknown as Record<string, unknown>;
      const implemented = PORT_METHODS[kind].filter((name) => typeof prototype[name] === 'function');
      expect([...DYNAMO_METHODS[kind]].sort()).toEqual(implemented.sort());
    },
  );
});

describe('lazyAdapter', () => {
  class Target {
    calls: unknown[][] = [];
    async greet(name: string): Promise<string> {
      this.calls.push([name]);
      return `hello ${name}`;
    }
    async *items(count: number): AsyncIterable<number> {
      for (let i = 0; i < count; i++) yield i;
    }
  }

  it('imports on the first call, once, and forwards calls and async iterables', async () => {
    let loads = 0;
    const target = new Target();
    const stand = lazyAdapter<Target>(
      async () => {
        loads += 1;
        return target;
      },
      ['greet'],
      ['items'],
    );
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([stand.greet('a'), stand.greet('b')]);
    expect([a, b]).toEqual(['hello a', 'hello b']);
    const seen: number[] = [];
    for await (const n of stand.items(3)) seen.push(n);
    expect(seen).toEqual([0, 1, 2]);
    expect(loads).toBe(1);
    expect(target.calls).toEqual([['a'], ['b']]);
    expect('calls' in stand).toBe(false);
  });

  it('tries the import again after a failure', async () => {
    let attempts = 0;
    const stand = lazyAdapter<Target>(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('not yet');
      return new Target();
    }, ['greet']);
    await expect(stand.greet('x')).rejects.toThrow('not yet');
    await expect(stand.greet('x')).resolves.toBe('hello x');
  });
});
