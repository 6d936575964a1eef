/**
 * Writes persona/linkedin.pdf, the sample persona's LinkedIn export, so the PDF in the
 * repository can be regenerated and reviewed as text. Run: npx tsx scripts/make-sample-pdf.ts
 */
import { writeFile } from 'node:fs/promises';
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';

type Line = { text: string; style?: 'title' | 'heading' | 'bold' };

const PROFILE: Line[] = [
  { text: 'Oriel Fenwick-Adeyemi', style: 'title' },
  { text: 'Staff Platform Engineer at Lumenfold Robotics' },
  { text: 'Lisbon, Portugal - oriel@example.com - linkedin.example.com/in/oriel-fenwick-adeyemi' },
  { text: 'About', style: 'heading' },
  {
    text: 'Platform engineer who makes distributed systems boring in the best way. Eleven years of building event-driven backends, internal platforms and the observability that keeps them honest.',
  },
  { text: 'Experience', style: 'heading' },
  { text: 'Staff Platform Engineer - Lumenfold Robotics (March 2021 - present), Lisbon', style: 'bold' },
  { text: '- Lead the platform team of 6 engineers that serves about 40 product engineers.' },
  {
    text: '- Moved fleet telemetry for 1,200 warehouse robots from polling to an event stream on Kafka, cutting p95 ingest latency from 9 seconds to 400 milliseconds.',
  },
  { text: '- Introduced service level objectives and cut paging alerts by 60 percent in two quarters.' },
  { text: 'Senior Software Engineer - Quillbridge Payments (January 2017 - February 2021), London', style: 'bold' },
  {
    text: '- Built the idempotent payouts ledger in TypeScript and PostgreSQL, processing about 3 million payouts a month.',
  },
  { text: '- Mentored 5 engineers and ran the internal Node.js guild.' },
  { text: 'Software Engineer - Harrowgate Analytics (September 2014 - December 2016), Manchester', style: 'bold' },
  { text: '- Built data ingestion pipelines in Python and Go for retail footfall analytics.' },
  { text: 'Education', style: 'heading' },
  { text: 'MSc Computer Science - Northmere Institute of Technology (2012 - 2014)', style: 'bold' },
  { text: 'Thesis: Back-pressure in actor systems. Graduated with distinction.' },
  { text: 'BSc Mathematics - University of Calder Vale (2009 - 2012)', style: 'bold' },
  { text: 'Certifications', style: 'heading' },
  { text: 'Certified Kubernetes Administrator (2022)' },
];

const PAGE = { width: 595, height: 842, margin: 56 };
const SIZES = { title: 20, heading: 14, bold: 10.5, body: 10.5 } as const;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

async function main(): Promise<void> {
  const doc = await PDFDocument.create();
  // Fixed metadata keeps the file byte-identical across runs, so the persona version is too.
  const fixed = new Date('2025-01-01T00:00:00Z');
  doc.setTitle('Oriel Fenwick-Adeyemi - LinkedIn profile');
  doc.setAuthor('Oriel Fenwick-Adeyemi');
  doc.setProducer('digital-twin scripts/make-sample-pdf.ts');
  doc.setCreator('digital-twin');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const line of PROFILE) {
    const size = SIZES[line.style ?? 'body'];
    const font = line.style ? bold : regular;
    if (line.style === 'heading') y -= 10;
    for (const part of wrap(line.text, font, size, PAGE.width - 2 * PAGE.margin)) {
      y -= size * 1.45;
      page.drawText(part, { x: PAGE.margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    }
  }
  const out = new URL('../persona/linkedin.pdf', import.meta.url);
  await writeFile(out, await doc.save({ useObjectStreams: false }));
  console.log(`wrote ${out.pathname}`);
}

await main();
