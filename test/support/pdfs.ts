import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/** A PDF with one line of text per page. */
export async function textPdf(lines: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) doc.addPage([400, 200]).drawText(line, { x: 20, y: 100, size: 12, font });
  return doc.save();
}

/** What a scanner makes: pages that are pictures, with no text layer. */
export async function imageOnlyPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    doc.addPage([400, 200]).drawRectangle({ x: 20, y: 20, width: 300, height: 150, color: rgb(0.1, 0.2 * i, 0.5) });
  }
  return doc.save();
}

/**
 * A PDF protected by a user password (the Standard security handler): pdf.js cannot open it
 * without the password. Written by hand, as pdf-lib does not encrypt.
 */
export function encryptedPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'A1'.repeat(32)}> /U <${'B2'.repeat(32)}> /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const id = '0123456789ABCDEF0123456789ABCDEF';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id}> <${id}>] >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A real PDF cut short, as an interrupted download leaves it. */
export async function truncatedPdf(): Promise<Uint8Array> {
  return (await textPdf(['This text never arrives'])).slice(0, 300);
}
