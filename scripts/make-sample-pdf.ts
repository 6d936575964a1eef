/**
 * Writes persona/linkedin.pdf, the sample persona's LinkedIn export, so the PDF in the
 * repository can be regenerated and reviewed as text. Run: npx tsx scripts/make-sample-pdf.ts
 */
import { writeFile } from 'node:fs/promises';
import { type Line, renderPdf } from './profile-pdf.js';

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

async function main(): Promise<void> {
  const out = new URL('../persona/linkedin.pdf', import.meta.url);
  // Fixed metadata (profile-pdf.ts) keeps the file byte-identical across runs, so the persona version is too.
  await writeFile(out, await renderPdf(PROFILE, 'digital-twin scripts/make-sample-pdf.ts'));
  console.log(`wrote ${out.pathname}`);
}

await main();
