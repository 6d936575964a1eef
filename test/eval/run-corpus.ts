/**
 * `npm run eval -- --split dev|test [--misses]`: asks every question of a corpus split of the
 * offline twin and prints fact, gap and false-gap rates per persona and per kind of question, then
 * recall@k of the block ranking that feeds hosted models' prompts. `--lexical-only` drops embeddings.
 */
import { parseArgs } from 'node:util';
import { loadSplit } from './corpus.js';
import {
  evaluatePersona,
  evaluateRanking,
  groupBy,
  type QuestionOutcome,
  type Rates,
  type RecallOutcome,
  rates,
  recallAt,
} from './corpus-eval.js';
import { evalModel } from './eval-model.js';

const pct = (share: number | null) => (share === null ? '    -' : `${(share * 100).toFixed(1).padStart(5)}%`);

function row(label: string, r: Rates): string {
  return `${label.padEnd(22)} ${String(r.answerable).padStart(4)} ${pct(r.factRate)} ${pct(r.falseGapRate)}   ${String(r.unanswerable).padStart(4)} ${pct(r.gapRate)}`;
}

function table(title: string, groups: Map<string, QuestionOutcome[]>, all: readonly QuestionOutcome[]): string {
  const header = `${title.padEnd(22)} ${'ans'.padStart(4)} ${'facts'.padStart(6)} ${'falsegap'.padStart(6)} ${'unans'.padStart(5)} ${'gaps'.padStart(6)}`;
  return [header, ...[...groups].map(([key, outcomes]) => row(key, rates(outcomes))), row('ALL', rates(all))].join(
    '\n',
  );
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      split: { type: 'string', default: 'dev' },
      misses: { type: 'boolean', default: false },
      'lexical-only': { type: 'boolean', default: false },
    },
  });
  const split = values.split ?? 'dev';
  const corpus = await loadSplit(split);
  const { model, embedder, describe } = evalModel({ lexicalOnly: values['lexical-only'] });
  const outcomes: QuestionOutcome[] = [];
  const started = performance.now();
  for (const entry of corpus) outcomes.push(...(await evaluatePersona(entry, model)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`split ${split}: ${corpus.length} personas, ${outcomes.length} questions, ${describe}, ${seconds} s\n`);
  console.log(
    table(
      'persona',
      groupBy(outcomes, (o) => o.persona),
      outcomes,
    ),
  );
  console.log('');
  console.log(
    table(
      'kind',
      groupBy(outcomes, (o) => `${o.answerable ? 'A' : 'U'} ${o.kind}`),
      outcomes,
    ),
  );
  const ranking: RecallOutcome[] = [];
  for (const entry of corpus) ranking.push(...(await evaluateRanking(entry, embedder)));
  console.log('\ncontext selection ranking (blocks): recall@k of the block holding the fact');
  console.log(`${'persona'.padEnd(22)}    @1    @3    @5   @10`);
  const recallRow = (label: string, rows: readonly RecallOutcome[]) =>
    `${label.padEnd(22)} ${[1, 3, 5, 10].map((k) => pct(recallAt(rows, k))).join(' ')}`;
  for (const entry of corpus)
    console.log(
      recallRow(
        entry.slug,
        ranking.filter((o) => o.persona === entry.slug),
      ),
    );
  console.log(recallRow('ALL', ranking));
  if (values.misses) {
    console.log('\nmisses:');
    for (const o of outcomes.filter((x) => !x.correct || x.falseGap)) {
      const tag = o.answerable ? (o.falseGap ? 'FALSE-GAP' : 'NO-FACT') : 'ANSWERED';
      console.log(`- [${o.persona} ${o.kind}] ${tag} ${o.question}`);
      if (o.expect) console.log(`    expect: ${o.expect.join(' | ')}`);
      console.log(
        `    got (${o.grounded ? 'grounded' : 'ungrounded'}): ${o.response.replace(/\n/g, ' / ').slice(0, 300)}`,
      );
    }
  }
}

await main();
