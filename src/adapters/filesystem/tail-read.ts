import { openSingleLinkForReading } from './single-link-file.js';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) count++;
  return count;
}

/**
 * The complete lines at the end of bytes [0, end) of a file, at least `lines` of them
 * (fewer when the file has fewer). Reads backwards in chunks, so loading the newest
 * messages of a long conversation costs the same at message 10 and at message 10,000.
 */
export async function readLastLines(path: string, end: number, lines: number): Promise<Buffer> {
  // Only a regular file of its own (no link, one link): RefusedFile otherwise.
  const handle = await openSingleLinkForReading(path);
  try {
    const chunks: Buffer[] = [];
    let start = end;
    let newlines = 0;
    // One newline more than wanted: the first chunk boundary usually falls inside a line.
    while (start > 0 && newlines <= lines) {
      const size = Math.min(CHUNK_BYTES, start);
      start -= size;
      const chunk = Buffer.alloc(size);
      await handle.read(chunk, 0, size, start);
      chunks.unshift(chunk);
      newlines += countNewlines(chunk);
    }
    const tail = Buffer.concat(chunks);
    // Drop the partial line the read started in, unless it started at the file's beginning.
    return start === 0 ? tail : tail.subarray(tail.indexOf(NEWLINE) + 1);
  } finally {
    await handle.close();
  }
}
