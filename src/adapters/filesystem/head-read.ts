import { openSingleLinkForReading } from './single-link-file.js';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The first `lines` complete lines of bytes [0, end) of a file (fewer when it has fewer).
 * Reads forwards in chunks, so the opening of a long conversation costs the same as a short one's.
 */
export async function readFirstLines(path: string, end: number, lines: number): Promise<Buffer> {
  if (lines <= 0 || end <= 0) return Buffer.alloc(0);
  // Only a regular file of its own (no link, one link): RefusedFile otherwise.
  const handle = await openSingleLinkForReading(path);
  try {
    const chunks: Buffer[] = [];
    let read = 0;
    let newlines = 0;
    let cut = -1;
    while (read < end && cut === -1) {
      const size = Math.min(CHUNK_BYTES, end - read);
      const chunk = Buffer.alloc(size);
      const { bytesRead } = await handle.read(chunk, 0, size, read);
      if (bytesRead === 0) break;
      for (let i = chunk.indexOf(NEWLINE); i !== -1 && i < bytesRead; i = chunk.indexOf(NEWLINE, i + 1)) {
        newlines++;
        if (newlines === lines) {
          cut = read + i + 1;
          break;
        }
      }
      chunks.push(chunk.subarray(0, bytesRead));
      read += bytesRead;
    }
    const head = Buffer.concat(chunks);
    return cut === -1 ? head : head.subarray(0, cut);
  } finally {
    await handle.close();
  }
}
