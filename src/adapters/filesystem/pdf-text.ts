/** A PDF's text, or why it gave none: a sentence the owner can act on. */
export type PdfText = { readonly text: string } | { readonly skipped: string };

/**
 * The text of every page of a PDF, pages separated by blank lines. A PDF that yields no
 * text says why instead of throwing: encrypted, damaged (or not a PDF), or without a text
 * layer (scanned pages are images), so the rest of the persona is still served.
 */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  let text: string;
  try {
    // pdf.js is 1.5 MB of code: loaded only when a persona has a PDF, not at every start.
    const { extractText, getDocumentProxy } = await import('unpdf');
    // pdf.js takes ownership of (and detaches) the buffer it is given; the caller's bytes
    // are still needed for the content hash, so it gets a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      const { text: pages } = await extractText(pdf, { mergePages: false });
      text = pages.map((page) => page.trim()).join('\n\n');
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    return { skipped: reasonOf(error) };
  }
  if (text.trim() === '') {
    return {
      skipped: 'has no text layer (scanned or image-only pages?): export it with text, or put the text in a .md file',
    };
  }
  return { text };
}

// pdf.js names its exceptions; the message of an unknown one is kept for the owner.
function reasonOf(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'is encrypted (password-protected): save a copy without a password';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'InvalidPDFException' || name === 'FormatError') return `is damaged or not a PDF (${detail})`;
  return `could not be read as a PDF (${detail})`;
}
