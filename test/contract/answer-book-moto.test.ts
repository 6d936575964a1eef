import { afterAll, beforeAll } from 'vitest';
import { DynamoAnswerBook } from '../../src/adapters/dynamodb/dynamo-answer-book.js';
import { type MotoServer, startGroundingMoto } from '../support/grounding-moto.js';
import { answerBookContract } from './answer-book.contract.js';

let moto: MotoServer;
beforeAll(async () => {
  moto = await startGroundingMoto();
}, 40_000);
afterAll(async () => {
  await moto?.stop();
});

answerBookContract('dynamodb on moto', async () => {
  const local = await moto.table();
  return { book: new DynamoAnswerBook(local), other: new DynamoAnswerBook(local), close: async () => {} };
});
