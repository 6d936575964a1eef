/**
 * Sanity checks for the fresh3 evaluation split (and, with an argument, the dev-yesno tuning split).
 * Run: npx tsx test/eval/corpus/fresh3/check.ts            (fresh3)
 *      npx tsx test/eval/corpus/fresh3/check.ts dev-yesno  (test/eval/corpus/dev-yesno)
 * - every expect string appears (case-insensitive) in a persona text file or in that persona's PDF source text;
 * - "pdf" questions: every expect string is in the PDF (source and extracted text) and in NO text file;
 * - "custom-key" questions: at least one expect string is in facts.json;
 * - "heading" questions: at least one expect string is in a Markdown file;
 * - fresh3: per persona, at least one custom-key question whose expect strings are ONLY in facts.json, and
 *   one heading question whose expect strings are ONLY in Markdown files (not in other files nor the PDF);
 * - known kinds (incl. "yes-no" for answerable and unanswerable), persona slug, no duplicate questions;
 * - counts: fresh3 >= 32 answerable and >= 16 unanswerable per persona, each with the kinds the split
 *   promises (yes-no >= 4 answerable and >= 5 unanswerable, pdf, heading, custom-key, short, typo,
 *   >= 2 other-language); every persona has a linkedin.pdf; the file mix (facts.json, summary.txt,
 *   style.txt, a Markdown file). dev-yesno: >= 12 yes-no answerable and >= 12 yes-no unanswerable.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractText, getDocumentProxy } from 'unpdf';
import { PDF_SOURCES } from './make-pdfs.js';

type Answerable = { question: string; expect: string[]; kind: string };
type Unanswerable = { question: string; kind: string };
type Questions = { persona: string; answerable: Answerable[]; unanswerable: Unanswerable[] };

const ANSWERABLE_KINDS = new Set(['paraphrase', 'direct', 'short', 'typo', 'custom-key', 'heading', 'pdf', 'other-language', 'yes-no']);
const UNANSWERABLE_KINDS = new Set(['near-miss', 'off-topic', 'typo', 'other-language', 'yes-no']);
const TEXT_EXT = /\.(json|txt|md)$/i;

const split = process.argv[2] ?? 'fresh3';
if (split !== 'fresh3' && split !== 'dev-yesno') throw new Error(`unknown split ${split} (fresh3 or dev-yesno)`);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = split === 'fresh3' ? here : join(here, '..', split);
const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

/** Minimum count of each kind, per persona. */
const MIN_ANSWERABLE: Record<string, number> =
  split === 'fresh3'
    ? { 'yes-no': 4, pdf: 1, heading: 1, 'custom-key': 1, short: 1, typo: 1, 'other-language': 2 }
    : { 'yes-no': 12 };
const MIN_UNANSWERABLE: Record<string, number> =
  split === 'fresh3' ? { 'yes-no': 5, 'near-miss': 1, 'off-topic': 1, typo: 1, 'other-language': 1 } : { 'yes-no': 12 };
const MIN_TOTAL = split === 'fresh3' ? { answerable: 32, unanswerable: 16 } : { answerable: 20, unanswerable: 16 };

const countKinds = (items: { kind: string }[]) =>
  items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.kind]: (m[i.kind] ?? 0) + 1 }), {});
const show = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');

async function main(): Promise<number> {
  const errors: string[] = [];
  const slugs = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  if (split === 'fresh3' && slugs.length !== 5) errors.push(`expected 5 personas, found ${slugs.length}`);
  for (const slug of slugs.sort()) {
    const personaDir = join(root, slug, 'persona');
    const files = await readdir(personaDir);
    const texts: Record<string, string> = {};
    for (const f of files.filter((n) => TEXT_EXT.test(n))) {
      const raw = await readFile(join(personaDir, f), 'utf8');
      if (f.endsWith('.json')) JSON.parse(raw); // must be valid JSON
      texts[f] = norm(raw);
    }
    const allText = Object.values(texts).join('\n');
    const facts = texts['facts.json'] ?? '';
    const markdown = Object.keys(texts)
      .filter((f) => f.endsWith('.md'))
      .map((f) => texts[f])
      .join('\n');
    if (split === 'fresh3') {
      for (const f of ['facts.json', 'summary.txt', 'style.txt', 'linkedin.pdf']) {
        if (!files.includes(f)) errors.push(`${slug}: no ${f}`);
      }
      if (!markdown) errors.push(`${slug}: no Markdown file`);
    }
    const source = PDF_SOURCES[slug];
    const pdfSource = source ? norm(source.map((l) => l.text).join('\n')) : '';
    let pdfExtracted = '';
    if (files.includes('linkedin.pdf')) {
      if (!source) errors.push(`${slug}: linkedin.pdf exists but has no PDF_SOURCES entry`);
      const pdf = await getDocumentProxy(new Uint8Array(await readFile(join(personaDir, 'linkedin.pdf'))));
      pdfExtracted = norm((await extractText(pdf, { mergePages: true })).text as string);
    } else if (source) {
      errors.push(`${slug}: PDF_SOURCES entry but no linkedin.pdf (run make-pdfs.ts)`);
    }
    if (source && /[^\x20-\x7e]/.test(source.map((l) => l.text).join(''))) errors.push(`${slug}: PDF source is not ASCII`);

    const q = JSON.parse(await readFile(join(root, slug, 'questions.json'), 'utf8')) as Questions;
    if (q.persona !== slug) errors.push(`${slug}: persona field is "${q.persona}"`);
    if (q.answerable.length < MIN_TOTAL.answerable) errors.push(`${slug}: only ${q.answerable.length} answerable`);
    if (q.unanswerable.length < MIN_TOTAL.unanswerable) errors.push(`${slug}: only ${q.unanswerable.length} unanswerable`);
    const seen = new Set<string>();
    for (const item of [...q.answerable, ...q.unanswerable]) {
      const key = norm(item.question);
      if (seen.has(key)) errors.push(`${slug}: duplicate question "${item.question}"`);
      seen.add(key);
    }
    for (const a of q.answerable) {
      const where = `${slug}: "${a.question}"`;
      if (!ANSWERABLE_KINDS.has(a.kind)) errors.push(`${where}: unknown kind ${a.kind}`);
      if (!Array.isArray(a.expect) || a.expect.length === 0) errors.push(`${where}: no expect strings`);
      for (const e of a.expect) {
        const n = norm(e);
        if (!n.trim()) errors.push(`${where}: empty expect string`);
        if (!allText.includes(n) && !pdfSource.includes(n)) errors.push(`${where}: expect "${e}" not found in persona files`);
        if (a.kind === 'pdf') {
          if (!pdfSource.includes(n)) errors.push(`${where}: pdf expect "${e}" not in PDF source`);
          if (!pdfExtracted.includes(n)) errors.push(`${where}: pdf expect "${e}" not in extracted PDF text`);
          const leak = Object.keys(texts).find((f) => texts[f]?.includes(n));
          if (leak) errors.push(`${where}: pdf expect "${e}" also appears in ${leak}`);
        }
      }
      if (a.kind === 'custom-key' && !a.expect.some((e) => facts.includes(norm(e)))) {
        errors.push(`${where}: custom-key question but no expect string is in facts.json`);
      }
      if (a.kind === 'heading' && !a.expect.some((e) => markdown.includes(norm(e)))) {
        errors.push(`${where}: heading question but no expect string is in a Markdown file`);
      }
    }
    // At least one fact held ONLY in a custom facts.json key, and one ONLY in Markdown (under a heading).
    const onlyIn = (a: Answerable, inside: (f: string) => boolean) =>
      a.expect.every((e) => {
        const n = norm(e);
        const holders = Object.keys(texts).filter((f) => texts[f]?.includes(n));
        return holders.length > 0 && holders.every(inside) && !pdfSource.includes(n);
      });
    if (split === 'fresh3') {
      if (!q.answerable.some((a) => a.kind === 'custom-key' && onlyIn(a, (f) => f === 'facts.json'))) {
        errors.push(`${slug}: no custom-key question whose expect strings are only in facts.json`);
      }
      if (!q.answerable.some((a) => a.kind === 'heading' && onlyIn(a, (f) => f.endsWith('.md')))) {
        errors.push(`${slug}: no heading question whose expect strings are only in Markdown files`);
      }
    }
    for (const u of q.unanswerable) {
      if (!UNANSWERABLE_KINDS.has(u.kind)) errors.push(`${slug}: "${u.question}": unknown kind ${u.kind}`);
      if ('expect' in u) errors.push(`${slug}: unanswerable "${u.question}" has expect strings`);
    }
    const ak = countKinds(q.answerable);
    const uk = countKinds(q.unanswerable);
    for (const [k, n] of Object.entries(MIN_ANSWERABLE)) {
      if ((ak[k] ?? 0) < n) errors.push(`${slug}: ${ak[k] ?? 0} answerable of kind ${k}, want >= ${n}`);
    }
    for (const [k, n] of Object.entries(MIN_UNANSWERABLE)) {
      if ((uk[k] ?? 0) < n) errors.push(`${slug}: ${uk[k] ?? 0} unanswerable of kind ${k}, want >= ${n}`);
    }
    console.log(
      `${slug}: ${q.answerable.length} answerable (${show(ak)}); ${q.unanswerable.length} unanswerable (${show(uk)}); pdf=${files.includes('linkedin.pdf')}`,
    );
  }
  for (const e of errors) console.error(`ERROR ${e}`);
  console.log(errors.length === 0 ? `OK: all ${split} checks passed` : `${errors.length} error(s)`);
  return errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
