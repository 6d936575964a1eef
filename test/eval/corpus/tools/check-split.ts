/**
 * Sanity checks for an evaluation split. Run: npx tsx test/eval/corpus/tools/check-split.ts <split>
 * (fresh2, fresh3, dev-yesno, fresh4, fresh5: the splits in splits.ts, which holds each one's minimums).
 * Per persona:
 * - every expect string appears (case-insensitive) in a persona text file or in its PDF source text;
 * - "pdf" questions: every expect string is in the PDF (source and extracted text) and in NO text file;
 * - "custom-key": some expect string is in facts.json; "heading" (headingInMarkdown): some is in a Markdown file;
 * - with requireOnlyIn: one custom-key question answered ONLY by facts.json and one heading question
 *   ONLY by Markdown (not by other files nor the PDF);
 * - known kinds, persona slug, no duplicate questions, no expect on unanswerables, ASCII PDF text,
 *   linkedin.pdf and PDF source go together; the split's counts, kinds, files, facts.json shapes and
 *   dated résumé entries in the PDF.
 * Exits 1 with one ERROR line per problem.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Line } from '../../../../scripts/profile-pdf.js';
import {
  type Answerable,
  loadPdfSources,
  norm,
  personaSlugs,
  personaTexts,
  readQuestions,
  splitDir,
} from './split-files.js';
import { ANSWERABLE_KINDS, SPLITS, type SplitRules, UNANSWERABLE_KINDS } from './splits.js';

type Persona = { slug: string; files: string[]; texts: Record<string, string>; pdfSource: string; pdfText: string };

function countKinds(items: { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return counts;
}
const show = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');

async function loadPersona(dir: string, slug: string, source: Line[] | undefined, errors: string[]): Promise<Persona> {
  const personaDir = join(dir, slug, 'persona');
  const files = await readdir(personaDir);
  const texts = await personaTexts(personaDir);
  const sourceText = source ? source.map((l) => l.text).join('\n') : '';
  if (/[^\x20-\x7e\n]/.test(sourceText)) errors.push(`${slug}: PDF source is not ASCII`);
  let pdfText = '';
  if (files.includes('linkedin.pdf')) {
    if (!source) errors.push(`${slug}: linkedin.pdf exists but has no PDF_SOURCES entry`);
    const pdf = await getDocumentProxy(new Uint8Array(await readFile(join(personaDir, 'linkedin.pdf'))));
    pdfText = norm((await extractText(pdf, { mergePages: true })).text as string);
  } else if (source) {
    errors.push(`${slug}: PDF_SOURCES entry but no linkedin.pdf (run tools/make-pdfs.ts)`);
  }
  return { slug, files, texts, pdfSource: norm(sourceText), pdfText };
}

function checkFiles(p: Persona, rules: SplitRules, errors: string[]): void {
  for (const f of rules.requiredFiles) {
    const ok = f === '*.md' ? p.files.some((n) => n.endsWith('.md')) : p.files.includes(f);
    if (!ok) errors.push(`${p.slug}: no ${f === '*.md' ? 'Markdown file' : f}`);
  }
  if (!rules.requireFactShapes) return;
  const facts = JSON.parse(p.texts['facts.json'] ?? '{}') as Record<string, unknown>;
  const values = Object.values(facts);
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!values.some((v) => Array.isArray(v) && v.length > 1 && v.every(isObject))) {
    errors.push(`${p.slug}: facts.json has no list of records`);
  }
  if (!values.some(isObject)) errors.push(`${p.slug}: facts.json has no nested object`);
}

function checkAnswerable(p: Persona, a: Answerable, rules: SplitRules, errors: string[]): void {
  const where = `${p.slug}: "${a.question}"`;
  const allText = Object.values(p.texts).join('\n');
  const markdown = Object.keys(p.texts)
    .filter((f) => f.endsWith('.md'))
    .map((f) => p.texts[f])
    .join('\n');
  if (!ANSWERABLE_KINDS.has(a.kind)) errors.push(`${where}: unknown kind ${a.kind}`);
  if (!Array.isArray(a.expect) || a.expect.length === 0) errors.push(`${where}: no expect strings`);
  for (const e of a.expect ?? []) {
    const n = norm(e);
    if (!n.trim()) errors.push(`${where}: empty expect string`);
    if (!allText.includes(n) && !p.pdfSource.includes(n))
      errors.push(`${where}: expect "${e}" not found in persona files`);
    if (a.kind !== 'pdf') continue;
    if (!p.pdfSource.includes(n)) errors.push(`${where}: pdf expect "${e}" not in PDF source`);
    if (!p.pdfText.includes(n)) errors.push(`${where}: pdf expect "${e}" not in extracted PDF text`);
    const leak = Object.keys(p.texts).find((f) => p.texts[f]?.includes(n));
    if (leak) errors.push(`${where}: pdf expect "${e}" also appears in ${leak}`);
  }
  const some = (text: string) => (a.expect ?? []).some((e) => text.includes(norm(e)));
  if (a.kind === 'custom-key' && !some(p.texts['facts.json'] ?? '')) {
    errors.push(`${where}: custom-key question but no expect string is in facts.json`);
  }
  if (rules.headingInMarkdown && a.kind === 'heading' && !some(markdown))
    errors.push(`${where}: heading question but no expect string is in Markdown`);
}

/** True when every expect string is held by some file, only by files `inside` accepts, and not by the PDF. */
function onlyIn(p: Persona, a: Answerable, inside: (f: string) => boolean): boolean {
  return a.expect.every((e) => {
    const n = norm(e);
    const holders = Object.keys(p.texts).filter((f) => p.texts[f]?.includes(n));
    return holders.length > 0 && holders.every(inside) && !p.pdfSource.includes(n);
  });
}

async function checkPersona(dir: string, slug: string, rules: SplitRules, source: Line[] | undefined) {
  const errors: string[] = [];
  const p = await loadPersona(dir, slug, source, errors);
  checkFiles(p, rules, errors);
  const dated = (source ?? []).filter((l) => l.style === 'bold' && /\(.*\b(19|20)\d\d\b.*\)/.test(l.text)).length;
  if (dated < (rules.minDatedPdfEntries ?? 0))
    errors.push(`${slug}: ${dated} dated PDF entries, want >= ${rules.minDatedPdfEntries}`);
  const q = await readQuestions(dir, slug);
  if (q.persona !== slug) errors.push(`${slug}: persona field is "${q.persona}"`);
  if (q.answerable.length < rules.minAnswerable) errors.push(`${slug}: only ${q.answerable.length} answerable`);
  if (q.unanswerable.length < rules.minUnanswerable) errors.push(`${slug}: only ${q.unanswerable.length} unanswerable`);
  const seen = new Set<string>();
  for (const item of [...q.answerable, ...q.unanswerable]) {
    const key = norm(item.question);
    if (seen.has(key)) errors.push(`${slug}: duplicate question "${item.question}"`);
    seen.add(key);
  }
  for (const a of q.answerable) checkAnswerable(p, a, rules, errors);
  if (rules.requireOnlyIn) {
    if (!q.answerable.some((a) => a.kind === 'custom-key' && onlyIn(p, a, (f) => f === 'facts.json'))) {
      errors.push(`${slug}: no custom-key question whose expect strings are only in facts.json`);
    }
    if (!q.answerable.some((a) => a.kind === 'heading' && onlyIn(p, a, (f) => f.endsWith('.md')))) {
      errors.push(`${slug}: no heading question whose expect strings are only in Markdown files`);
    }
  }
  for (const u of q.unanswerable) {
    if (!UNANSWERABLE_KINDS.has(u.kind)) errors.push(`${slug}: "${u.question}": unknown kind ${u.kind}`);
    if ('expect' in u) errors.push(`${slug}: unanswerable "${u.question}" has expect strings`);
  }
  const ak = countKinds(q.answerable);
  const uk = countKinds(q.unanswerable);
  for (const [k, n] of Object.entries(rules.minAnswerableKinds)) {
    if ((ak[k] ?? 0) < n) errors.push(`${slug}: ${ak[k] ?? 0} answerable of kind ${k}, want >= ${n}`);
  }
  for (const [k, n] of Object.entries(rules.minUnanswerableKinds)) {
    if ((uk[k] ?? 0) < n) errors.push(`${slug}: ${uk[k] ?? 0} unanswerable of kind ${k}, want >= ${n}`);
  }
  const summary = `${slug}: ${q.answerable.length} answerable (${show(ak)}); ${q.unanswerable.length} unanswerable (${show(uk)}); pdf=${p.files.includes('linkedin.pdf')}`;
  return { errors, summary };
}

async function main(): Promise<number> {
  const split = process.argv[2] ?? '';
  const rules = SPLITS[split];
  if (!rules) {
    console.error(`usage: check-split.ts <split>, one of: ${Object.keys(SPLITS).join(', ')}`);
    return 2;
  }
  const dir = await splitDir(split);
  const { PDF_SOURCES } = await loadPdfSources(dir);
  const slugs = await personaSlugs(dir);
  const errors: string[] = [];
  if (rules.personas !== undefined && slugs.length !== rules.personas) {
    errors.push(`expected ${rules.personas} personas, found ${slugs.length}`);
  }
  for (const slug of Object.keys(PDF_SOURCES).filter((s) => !slugs.includes(s))) {
    errors.push(`PDF_SOURCES entry ${slug} has no persona folder`);
  }
  for (const slug of slugs) {
    const result = await checkPersona(dir, slug, rules, PDF_SOURCES[slug]);
    console.log(result.summary);
    errors.push(...result.errors);
  }
  for (const e of errors) console.error(`ERROR ${e}`);
  console.log(errors.length === 0 ? `OK: all ${split} checks passed` : `${errors.length} error(s)`);
  return errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
