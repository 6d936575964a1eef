import { PersonaInvalid } from '../../domain/errors.js';

/**
 * The text of every page of a PDF, pages separated by blank lines. Throws PersonaInvalid
 * naming `source` when the bytes are not a PDF pdf.js can read.
 */
export async function extractPdfText(bytes: Uint8Array, source: string): Promise<string> {
  try {
    // pdf.js is 1.5 MB of code: loaded only when a persona has a PDF, not at every start.
    const { extractText, getDocumentProxy } = await import('unpdf');
    // pdf.js takes ownership of (and detaches) the buffer it is given; the caller's bytes
    // are still needed for the content hash, so it gets a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      const { text } = await extractText(pdf, { mergePages: false });
      return text.map((page) => page.trim()).join('\n\n');
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PersonaInvalid(`${source} could not be read as a PDF: ${reason}`, { cause: error });
  }
}
