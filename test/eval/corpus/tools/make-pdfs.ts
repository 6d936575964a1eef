/**
 * Writes <split>/<slug>/persona/linkedin.pdf for every persona in <split>/pdf-sources.ts (PDF_SOURCES).
 * Run:  npx tsx test/eval/corpus/tools/make-pdfs.ts fresh4
 *       npx tsx test/eval/corpus/tools/make-pdfs.ts fresh3 --verify   (writes nothing; exits 1 if a
 *       committed PDF differs from what its source renders to, byte for byte)
 * The producer recorded in each PDF is the split's PDF_PRODUCER, else this script's path.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPdf } from '../../../../scripts/profile-pdf.js';
import { loadPdfSources, splitDir } from './split-files.js';

async function main(): Promise<number> {
  const [split, flag] = process.argv.slice(2);
  if (!split || (flag !== undefined && flag !== '--verify')) {
    console.error('usage: make-pdfs.ts <split> [--verify]');
    return 2;
  }
  const dir = await splitDir(split);
  const { PDF_SOURCES, PDF_PRODUCER } = await loadPdfSources(dir);
  const producer = PDF_PRODUCER ?? 'digital-twin test/eval/corpus/tools/make-pdfs.ts';
  let differing = 0;
  for (const [slug, lines] of Object.entries(PDF_SOURCES)) {
    const out = join(dir, slug, 'persona', 'linkedin.pdf');
    const bytes = await renderPdf(lines, producer);
    if (flag === '--verify') {
      const committed = await readFile(out).catch(() => Buffer.alloc(0));
      const same = Buffer.compare(committed, Buffer.from(bytes)) === 0;
      if (!same) differing++;
      console.log(`${same ? 'same' : 'DIFFERS'} ${out}`);
    } else {
      await writeFile(out, bytes);
      console.log(`wrote ${out}`);
    }
  }
  return differing === 0 ? 0 : 1;
}

process.exitCode = await main();
