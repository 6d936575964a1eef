import { Transform, type TransformCallback } from 'node:stream';
import type * as Zlib from 'node:zlib';

type ZlibModule = typeof Zlib;
type Coding = 'gzip' | 'deflate' | 'br';

// zlib is loaded with the first compressed answer only: a local model rarely sends one.
let zlibModule: Promise<ZlibModule> | undefined;
const zlib = (): Promise<ZlibModule> => {
  zlibModule ??= import('node:zlib');
  return zlibModule;
};

// fetch's bound on stacked codings (a CVE fix shared with curl and urllib3).
const MAX_CODINGS = 5;
/** A decoded JSON answer larger than this is an error: 1 MB of gzip can inflate to 1 GB. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * The codings to undo for a `Content-Encoding` value, in decoding order (the last applied
 * first), as fetch reads it: gzip, x-gzip, deflate and br; a value naming any other coding is
 * left as it is (an empty list), as fetch leaves it.
 * @throws TypeError for more than 5 codings.
 */
export function contentCodings(contentEncoding: string | undefined): Coding[] {
  if (!contentEncoding) return [];
  const named = contentEncoding.toLowerCase().split(',');
  if (named.length > MAX_CODINGS) throw new TypeError(`too many content-encodings in response: ${named.length}`);
  const codings: Coding[] = [];
  for (const name of named.reverse().map((each) => each.trim())) {
    if (name === 'gzip' || name === 'x-gzip') codings.push('gzip');
    else if (name === 'deflate' || name === 'br') codings.push(name);
    else if (name !== 'identity') return [];
  }
  return codings;
}

/**
 * Streaming decoders for an event stream: each chunk is decoded as it arrives (sync flush), so a
 * compressed token is read before the stream ends. Like fetch (and curl), a body cut short of its
 * compressed end is accepted; a corrupt one makes the stream fail.
 */
export async function decodingStreams(codings: readonly Coding[]): Promise<Transform[]> {
  const z = await zlib();
  const flush = { flush: z.constants.Z_SYNC_FLUSH, finishFlush: z.constants.Z_SYNC_FLUSH };
  return codings.map((coding) => {
    if (coding === 'gzip') return z.createGunzip(flush);
    if (coding === 'br') {
      const operation = z.constants.BROTLI_OPERATION_FLUSH;
      return z.createBrotliDecompress({ flush: operation, finishFlush: operation });
    }
    return new Inflate(z, flush);
  });
}

/**
 * A whole body decoded (a JSON answer), at most MAX_DECODED_BYTES.
 * @throws the zlib error for a corrupt body, a RangeError for a larger one.
 */
export async function decodeBytes(bytes: Buffer, codings: readonly Coding[]): Promise<Buffer> {
  const z = await zlib();
  const options = {
    flush: z.constants.Z_SYNC_FLUSH,
    finishFlush: z.constants.Z_SYNC_FLUSH,
    maxOutputLength: MAX_DECODED_BYTES,
  };
  let decoded = bytes;
  for (const coding of codings) {
    const input = decoded;
    decoded = await new Promise<Buffer>((resolve, reject) => {
      const done = (error: Error | null, output: Buffer) => (error ? reject(error) : resolve(output));
      if (coding === 'gzip') z.gunzip(input, options, done);
      else if (coding === 'br') {
        const operation = z.constants.BROTLI_OPERATION_FLUSH;
        z.brotliDecompress(
          input,
          { flush: operation, finishFlush: operation, maxOutputLength: MAX_DECODED_BYTES },
          done,
        );
      } else if (isZlibWrapped(input)) z.inflate(input, options, done);
      else z.inflateRaw(input, options, done);
    });
  }
  return decoded;
}

// "deflate" means zlib-wrapped deflate, but some servers send it raw; fetch tells them apart by
// the first byte (compression method 8 in its low nibble).
function isZlibWrapped(bytes: Buffer): boolean {
  return ((bytes[0] ?? 0x08) & 0x0f) === 0x08;
}

/** "deflate" as a stream: zlib-wrapped or raw, chosen on the first byte. */
class Inflate extends Transform {
  private inner: Transform | undefined;

  constructor(
    private readonly z: ZlibModule,
    private readonly options: Zlib.ZlibOptions,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) {
        callback();
        return;
      }
      const inner = isZlibWrapped(chunk) ? this.z.createInflate(this.options) : this.z.createInflateRaw(this.options);
      inner.on('data', (part: Buffer) => this.push(part));
      inner.on('error', (error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      callback();
      return;
    }
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}
