/**
 * Grounding: eval scores of the offline twin on the sample persona, and what retrieval
 * saves on a persona padded with 200 pages of unrelated text. Every figure is measured
 * in this run; cost and time are printed as ratios against sending the whole persona.
 * Run: npx tsx bench/grounding.ts
 */
import { fileURLToPath } from 'node:url';
import { FsPersonaSource } from '../src/adapters/filesystem/fs-persona-source.js';
import { countTokens } from '../src/adapters/openai/token-counter.js';
import { selectContext } from '../src/domain/chat/context-selection.js';
import { PersonaIndex } from '../src/domain/grounding/persona-index.js';
import { personaWithAnswers } from '../src/domain/knowledge/answered-persona.js';
import { storedAnswer } from '../src/domain/knowledge/owner-answers.js';
import { renderSystemPrompt } from '../src/domain/persona/system-prompt.js';
import { evaluateAnswers, evaluateRecall, padded } from '../test/eval/run-eval.js';
import { ANSWERABLE } from '../test/eval/sample-persona-questions.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const BUDGET = 4000;

const sample = await new FsPersonaSource({ dir: fileURLToPath(new URL('../persona', import.meta.url)) }).load();
const answers = await evaluateAnswers(sample);
console.log(
  `offline answers, sample persona: expected fact ${pct(answers.factRate)} of ${answers.answerable}; ` +
    `false gaps ${pct(answers.falseGapRate)}; unanswerable marked and recorded ${pct(answers.gapRate)} of ${answers.unanswerable}`,
);
const paddedAnswers = await evaluateAnswers(padded(sample, 200));
console.log(
  `offline answers, +200 pages:       expected fact ${pct(paddedAnswers.factRate)}; false gaps ${pct(paddedAnswers.falseGapRate)}; ` +
    `unanswerable marked ${pct(paddedAnswers.gapRate)}`,
);

const big = padded(sample, 200);
const recall = evaluateRecall(big, BUDGET);
console.log(
  `retrieval recall, +200 pages, budget ${BUDGET}: ${pct(recall.recall)} of ${recall.questions}; outside the identity core ${pct(recall.documentRecall)} of ${recall.documentQuestions}`,
);
console.log(
  `prompt tokens: whole persona ${recall.wholePromptTokens}, retrieved (mean) ${recall.meanPromptTokens}: ${(recall.wholePromptTokens / recall.meanPromptTokens).toFixed(1)}x fewer`,
);

// Time per question: building the retrieved prompt vs rendering (not even counting) the whole one.
const index = new PersonaIndex();
const now = new Date('2026-03-04T05:06:07.000Z');
selectContext(big, index, now, { question: 'warm-up' }, BUDGET, countTokens); // index once, as a running twin does
const rounds = 3;
let t0 = performance.now();
for (let i = 0; i < rounds * ANSWERABLE.length; i++) renderSystemPrompt(big, now);
const wholeMs = (performance.now() - t0) / (rounds * ANSWERABLE.length);
t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const q of ANSWERABLE) selectContext(big, index, now, { question: q.question }, BUDGET, countTokens);
}
const selectMs = (performance.now() - t0) / (rounds * ANSWERABLE.length);
console.log(
  `per question: whole-prompt render ${wholeMs.toFixed(2)} ms (baseline), retrieval + budgeted prompt ${selectMs.toFixed(2)} ms: ${(selectMs / wholeMs).toFixed(2)}x the baseline`,
);
// A copy: indexes are remembered per persona object, and `big` was indexed above.
t0 = performance.now();
new PersonaIndex().for({ ...big, version: `${big.version}+fresh` });
console.log(`indexing the padded persona once per change: ${(performance.now() - t0).toFixed(0)} ms`);

// Owner answers kept in a store (ADR 0401): a change re-indexes only the answers, on a copy of
// the folder's index, instead of the whole persona. Both measured here, median of 5.
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const answerSets = Array.from({ length: 6 }, (_, n) =>
  Array.from({ length: 20 + n }, (_, i) =>
    storedAnswer(`Question number ${i} about hobby ${i}?`, `Answer ${i} of set ${n}.`),
  ),
);
personaWithAnswers(big, answerSets[0] ?? []); // the folder's part, once, as a running twin has it
new PersonaIndex().for(personaWithAnswers(big, answerSets[0] ?? []));
const layered: number[] = [];
const whole: number[] = [];
for (const answers of answerSets.slice(1)) {
  const persona = personaWithAnswers(big, answers);
  t0 = performance.now();
  new PersonaIndex().for(persona);
  layered.push(performance.now() - t0);
  t0 = performance.now();
  new PersonaIndex().for({ ...persona, documents: [...persona.documents], version: `${persona.version}+whole` });
  whole.push(performance.now() - t0);
}
console.log(
  `after an answers change, padded persona: full re-index ${median(whole).toFixed(0)} ms (baseline), answers only ${median(layered).toFixed(0)} ms: ${(median(whole) / median(layered)).toFixed(1)}x faster`,
);
