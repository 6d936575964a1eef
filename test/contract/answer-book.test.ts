import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoAnswerBook } from '../../src/adapters/dynamodb/dynamo-answer-book.js';
import { FsAnswerBook } from '../../src/adapters/filesystem/fs-answer-book.js';
import { InMemoryAnswerBook } from '../../src/adapters/memory/in-memory-answer-book.js';
import { startGroundingDynalite } from '../support/grounding-dynalite.js';
import { answerBookContract } from './answer-book.contract.js';

answerBookContract('memory', async () => {
  const book = new InMemoryAnswerBook();
  return { book, other: book, close: async () => {} };
});

answerBookContract('filesystem (answers.md)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'twin-answers-contract-'));
  return {
    book: new FsAnswerBook({ dir }),
    other: new FsAnswerBook({ dir }),
    close: () => rm(dir, { recursive: true, force: true, maxRetries: 5 }),
  };
});

answerBookContract('dynamodb on dynalite', async () => {
  const local = await startGroundingDynalite();
  return { book: new DynamoAnswerBook(local), other: new DynamoAnswerBook(local), close: () => local.close() };
});
