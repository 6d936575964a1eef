/**
 * The local embedder's cost: loading the model (cold, in a fresh process), embedding a
 * persona's passages once per persona version, and the time per question of the offline twin
 * with embeddings against the same twin with lexical retrieval only (the baseline, same run).
 * Run: npx tsx bench/embeddings.bench.ts
 */
import { FsPersonaSource } from '../src/adapters/filesystem/fs-persona-source.js';
import { OfflineChatModel } from '../src/adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from '../src/adapters/offline/sentence-encoder-embedder.js';
import { PersonaIndex } from '../src/domain/grounding/persona-index.js';
import type { ChatRequest } from '../src/ports/chat-model.js';
import { loadSplit } from '../test/eval/corpus.js';

const started = performance.now();
const embedder = new SentenceEncoderEmbedder();
await embedder.warmUp();
const loadMs = performance.now() - started;

const corpus = await loadSplit('dev');
const lexical = new OfflineChatModel();
const hybrid = new OfflineChatModel({ embedder });
let indexMs = 0;
let passages = 0;
let lexicalMs = 0;
let hybridMs = 0;
let questions = 0;
// A persona's first questions also embed single words of their best candidates (each word once
// per persona version, ADR 0403): the first question of each persona is reported on its own.
let firstMs = 0;
let firstLexicalMs = 0;
for (const entry of corpus) {
  const persona = await new FsPersonaSource({ dir: entry.personaDir }).load();
  const t0 = performance.now();
  const index = new PersonaIndex();
  passages += index.for(persona).passages.length;
  await index.vectorsFor(persona, embedder);
  indexMs += performance.now() - t0;
  const ask = (question: string): ChatRequest => ({
    system: '',
    persona,
    messages: [{ role: 'user', content: question }],
  });
  await hybrid.complete(ask('warm-up')); // the model's own index of this persona, as a running twin has it
  await lexical.complete(ask('warm-up'));
  let first = true;
  for (const { question } of [...entry.answerable, ...entry.unanswerable]) {
    let t = performance.now();
    await lexical.complete(ask(question));
    const lexicalTook = performance.now() - t;
    t = performance.now();
    await hybrid.complete(ask(question));
    const hybridTook = performance.now() - t;
    if (first) {
      firstMs += hybridTook;
      firstLexicalMs += lexicalTook;
      first = false;
      continue;
    }
    lexicalMs += lexicalTook;
    hybridMs += hybridTook;
    questions++;
  }
}
console.log(`model load (cold, this process): ${loadMs.toFixed(0)} ms`);
console.log(
  `persona passages embedded once per version: ${passages} passages in ${indexMs.toFixed(0)} ms (${(indexMs / passages).toFixed(1)} ms each)`,
);
console.log(
  `first question of each of ${corpus.length} personas: lexical ${(firstLexicalMs / corpus.length).toFixed(1)} ms, ` +
    `with embeddings ${(firstMs / corpus.length).toFixed(1)} ms`,
);
console.log(
  `per later question over ${questions} questions: lexical ${(lexicalMs / questions).toFixed(1)} ms (baseline), ` +
    `with embeddings ${(hybridMs / questions).toFixed(1)} ms: ${(hybridMs / lexicalMs).toFixed(1)}x the baseline`,
);
