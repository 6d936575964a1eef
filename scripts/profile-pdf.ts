/**
 * Renders a persona's LinkedIn-like profile (a list of lines) to a one-page A4 PDF with pdf-lib.
 * Used by scripts/make-sample-pdf.ts (the sample persona) and the eval corpus' tools
 * (test/eval/corpus/tools/make-pdfs.ts; check-split.ts extracts the same lines again).
 * Text must be ASCII: the standard Helvetica fonts use WinAnsi encoding.
 */
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';

/** One line of profile text; `title` and `heading` are larger, every styled line is bold. */
export type Line = { text: string; style?: 'title' | 'heading' | 'bold' };

/** A split's pdf-sources.ts exports: PDF text per persona slug, and optionally the producer to record. */
export type PdfSourcesModule = { PDF_SOURCES: Record<string, Line[]>; PDF_PRODUCER?: string };

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

/**
 * The PDF bytes for `lines` (first line is the person's name, used as title and author).
 * `producer` goes into the metadata; with the fixed dates it makes each file byte-identical across runs.
 */
export async function renderPdf(lines: Line[], producer: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fixed = new Date('2025-01-01T00:00:00Z');
  const name = lines[0]?.text ?? 'Profile';
  doc.setTitle(`${name} - LinkedIn profile`);
  doc.setAuthor(name);
  doc.setProducer(producer);
  doc.setCreator('digital-twin');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const line of lines) {
    const size = SIZES[line.style ?? 'body'];
    const font = line.style ? bold : regular;
    if (line.style === 'heading') y -= 10;
    for (const part of wrap(line.text, font, size, PAGE.width - 2 * PAGE.margin)) {
      y -= size * 1.45;
      if (y < PAGE.margin) throw new Error(`PDF text of ${name} does not fit on one page`);
      page.drawText(part, { x: PAGE.margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    }
  }
  return doc.save({ useObjectStreams: false });
}
