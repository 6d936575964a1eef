/**
 * Sanity checks for the fresh2 evaluation split. Run: npx tsx test/eval/corpus/fresh2/check.ts
 * - every expect string appears (case-insensitive) in a persona text file or in that persona's PDF source text;
 * - "pdf" questions: every expect string is in the PDF (source and extracted text) and in NO text file;
 * - "custom-key" questions: at least one expect string is in facts.json;
 * - counts (>= 32 answerable, >= 14 unanswerable), known kinds, persona slug, no duplicate questions.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractText, getDocumentProxy } from 'unpdf';
import { PDF_SOURCES } from './make-pdfs.js';

type Answerable = { question: string; expect: string[]; kind: string };
type Unanswerable = { question: string; kind: string };
type Questions = { persona: string; answerable: Answerable[]; unanswerable: Unanswerable[] };

const ANSWERABLE_KINDS = new Set(['paraphrase', 'direct', 'short', 'typo', 'custom-key', 'heading', 'pdf', 'other-language']);
const UNANSWERABLE_KINDS = new Set(['near-miss', 'off-topic', 'typo', 'other-language']);
const TEXT_EXT = /\.(json|txt|md)$/i;

const root = fileURLToPath(new URL('.', import.meta.url));
const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

async function main(): Promise<number> {
  const errors: string[] = [];
  const slugs = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
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

    const q = JSON.parse(await readFile(join(root, slug, 'questions.json'), 'utf8')) as Questions;
    if (q.persona !== slug) errors.push(`${slug}: persona field is "${q.persona}"`);
    if (q.answerable.length < 32) errors.push(`${slug}: only ${q.answerable.length} answerable`);
    if (q.unanswerable.length < 14) errors.push(`${slug}: only ${q.unanswerable.length} unanswerable`);
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
    }
    for (const u of q.unanswerable) {
      if (!UNANSWERABLE_KINDS.has(u.kind)) errors.push(`${slug}: "${u.question}": unknown kind ${u.kind}`);
    }
    const kinds = (items: { kind: string }[]) =>
      Object.entries(items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.kind]: (m[i.kind] ?? 0) + 1 }), {}))
        .map(([k, n]) => `${k}=${n}`)
        .join(' ');
    console.log(`${slug}: ${q.answerable.length} answerable (${kinds(q.answerable)}); ${q.unanswerable.length} unanswerable (${kinds(q.unanswerable)}); pdf=${files.includes('linkedin.pdf')}`);
  }
  for (const e of errors) console.error(`ERROR ${e}`);
  console.log(errors.length === 0 ? 'OK: all checks passed' : `${errors.length} error(s)`);
  return errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
