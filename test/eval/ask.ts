/**
 * `npx tsx test/eval/ask.ts <persona dir> "question" ...`: asks each question of the offline
 * twin (local embeddings, a private copy of the persona, a new session each) and prints the
 * answer and whether it was grounded. For looking at single answers while tuning on dev.
 */
import { evaluatePersona } from './corpus-eval.js';
import { evalModel } from './eval-model.js';

const [dir, ...questions] = process.argv.slice(2);
if (!dir || questions.length === 0) throw new Error('usage: ask.ts <persona dir> "question" ...');
const { model } = evalModel();
const outcomes = await evaluatePersona(
  {
    slug: 'asked',
    personaDir: dir,
    answerable: questions.map((question) => ({ question, expect: [], kind: 'asked' })),
    unanswerable: [],
  },
  model,
);
for (const o of outcomes)
  console.log(`${o.grounded ? 'GROUNDED' : 'gap     '} ${o.question}\n    ${o.response.replace(/\n/gu, ' / ')}`);
