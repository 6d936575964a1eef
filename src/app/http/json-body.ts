import type { IncomingHttpHeaders } from 'node:http';
import inflate from 'inflation';
import type { Context, Middleware, Next } from 'koa';
import getRawBody from 'raw-body';
import secureJson from 'secure-json-parse';
import { DomainError } from '../../domain/errors.js';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body (json-body.ts); `{}` for other Content-Types, undefined for other methods. */
    body?: unknown;
  }
}

/** Largest body accepted, in bytes after decoding (gzip, deflate and br bodies are inflated first). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Largest encoded body read: a body that inflates to at most MAX_BODY_BYTES is no longer than
 * that plus a little (deflate's worst case adds 5 bytes per 64 KB stored block), so more is
 * refused without decoding it (20 MB of empty stored blocks would otherwise all be read).
 */
export const MAX_ENCODED_BODY_BYTES = MAX_BODY_BYTES + 1024;

const PARSED_METHODS = new Set(['POST', 'PUT', 'PATCH']);
// RFC 8259, 8.1: JSON exchanged between systems is UTF-8; a fatal decoder refuses any byte
// sequence that is not (invalid bytes, overlong forms, surrogates) instead of turning it into U+FFFD.
const UTF8 = new TextDecoder('utf-8', { fatal: true });
// Strict JSON bodies are objects or arrays (RFC 8259 whitespace allowed before them).
const OBJECT_OR_ARRAY = /^[ \t\n\r]*[[{]/;

// Node's zlib errors: Z_DATA_ERROR, Z_BUF_ERROR... for gzip and deflate, ERR__ERROR_FORMAT_... for br.
function isDecodingError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (/^Z_/.test(code) || /^ERR_(_ERROR|BROTLI)/.test(code));
}

function statusOf(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

function codingOf(header: string | undefined): string {
  // Content codings are case-insensitive and x-gzip is gzip (RFC 9110, 8.4.1); the decoder knows only lower case.
  const coding = (header ?? 'identity').trim().toLowerCase();
  return coding === 'x-gzip' ? 'gzip' : coding === '' ? 'identity' : coding;
}

/** The declared Content-Length when it is a plain decimal number of bytes; undefined otherwise. */
function declaredLength(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,16}$/.test(header) ? Number(header) : undefined;
}

/**
 * Whether a request's headers announce a body over the limit: more than MAX_BODY_BYTES for an
 * identity body, more than MAX_ENCODED_BODY_BYTES for an encoded one. The one rule for refusing
 * a body before a byte is read, here and before `100 Continue` (http-server.ts).
 */
export function announcesTooLargeBody(headers: IncomingHttpHeaders): boolean {
  const length = declaredLength(headers['content-length']);
  const limit = codingOf(headers['content-encoding']) === 'identity' ? MAX_BODY_BYTES : MAX_ENCODED_BODY_BYTES;
  return length !== undefined && length > limit;
}

export const BODY_TOO_LARGE_MESSAGE = `The request body is larger than ${MAX_BODY_BYTES} bytes`;

/**
 * A piped decoder never hears that the client went away (pipe does not forward it), so the
 * read would wait forever and keep the decoder; end it with the request's own end instead.
 */
function endWithRequest(ctx: Context, decoder: NodeJS.ReadableStream): void {
  ctx.req.once('close', () => {
    if (ctx.req.complete) return;
    const aborted = Object.assign(new Error('request aborted'), { status: 400 });
    (decoder as NodeJS.ReadableStream & { destroy(error: Error): void }).destroy(aborted);
  });
}

/** Stops decoding once the encoded bytes pass MAX_ENCODED_BODY_BYTES (a chunked body announces no length). */
function capEncodedBytes(ctx: Context, decoder: NodeJS.ReadableStream): void {
  let seen = 0;
  ctx.req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= MAX_ENCODED_BODY_BYTES) return;
    const tooLarge = Object.assign(new Error('encoded body too large'), { status: 413 });
    (decoder as NodeJS.ReadableStream & { destroy(error: Error): void }).destroy(tooLarge);
  });
}

async function readBytes(ctx: Context, coding: string): Promise<Buffer> {
  const length = declaredLength(ctx.get('Content-Length') || undefined);
  // A body announcing more than the limit is refused before a byte is read (a client announcing
  // a terabyte and sending nothing would otherwise hold the request until the body timeout).
  if (announcesTooLargeBody(ctx.req.headers)) throw new DomainError('payload_too_large', BODY_TOO_LARGE_MESSAGE);
  let stream: NodeJS.ReadableStream;
  try {
    // inflation reads the coding from the header; give it the normalised one.
    ctx.req.headers['content-encoding'] = coding;
    stream = inflate(ctx.req);
  } catch {
    throw new DomainError(
      'unsupported_media_type',
      `Content-Encoding ${coding} is not supported: send identity, gzip, deflate or br`,
    );
  }
  if (stream !== ctx.req) {
    endWithRequest(ctx, stream);
    capEncodedBytes(ctx, stream);
  }
  try {
    // The length check only holds for identity bodies: a compressed body's length is not the decoded one.
    return await getRawBody(stream, {
      limit: MAX_BODY_BYTES,
      length: coding === 'identity' ? length : undefined,
    });
  } catch (error) {
    if (isDecodingError(error)) {
      throw new DomainError('invalid_input', `The request body is not valid ${coding} (Content-Encoding)`);
    }
    if (statusOf(error) === 413) {
      throw new DomainError('payload_too_large', BODY_TOO_LARGE_MESSAGE);
    }
    if (statusOf(error) === 400) {
      throw new DomainError('invalid_input', 'The request body ended before its declared length');
    }
    throw error;
  }
}

function charsetIsUtf8(ctx: Context): boolean {
  const type = ctx.get('Content-Type');
  // Most bodies name no charset (JSON is UTF-8): nothing to read.
  if (!/charset/i.test(type)) return true;
  // Every charset parameter counts: "charset=utf-8; charset=latin1" is not a UTF-8 promise.
  const charsets = [...type.matchAll(/;\s*charset\s*=\s*"?([^";\s]*)"?/gi)];
  return charsets.every((match) => /^utf-?8$/i.test(match[1] ?? ''));
}

/**
 * A JSON body with nothing in it (no bytes, only whitespace or a byte-order mark, chunked with
 * no data): `{}` for the routes that take an optional body, and a 400 "has no body" for those
 * that need one (require-json.ts), like a request without a body at all.
 */
export const EMPTY_BODY: Readonly<Record<string, never>> = Object.freeze({});

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new DomainError('invalid_input', 'The request body is not valid UTF-8');
  }
  if (text.trim() === '') return EMPTY_BODY;
  if (!OBJECT_OR_ARRAY.test(text)) throw new DomainError('invalid_input', 'The request body must be a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError('invalid_input', 'The request body is not valid JSON');
  }
  // Keys such as __proto__ would reach objects the routes spread.
  try {
    secureJson.scan(parsed as object, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new DomainError('invalid_input', 'The request body may not have __proto__ or constructor.prototype keys');
  }
  return parsed;
}

/**
 * JSON bodies for the routes (POST, PUT and PATCH with a JSON Content-Type), in
 * `ctx.request.body`. Every failure to read one is a 4xx in the API's shape:
 * - 400 `invalid_input`: not UTF-8 (RFC 8259, 8.1: invalid, overlong or surrogate byte
 *   sequences are refused, never replaced by U+FFFD), not JSON, not an object or array,
 *   a body that does not decode under its Content-Encoding, a body shorter than announced;
 * - 413 `payload_too_large`: over {@link MAX_BODY_BYTES} after decoding, or an identity body
 *   announcing more (refused before reading);
 * - 415 `unsupported_media_type`: a charset other than UTF-8, a Content-Encoding other than
 *   identity, gzip, deflate or br.
 * Other Content-Types leave the body `{}` for the route to refuse (require-json.ts).
 */
export function jsonBody(): Middleware {
  return async (ctx: Context, next: Next) => {
    if (!PARSED_METHODS.has(ctx.method) || ctx.request.body !== undefined) return next();
    if (!ctx.is('json')) {
      ctx.request.body = {};
      return next();
    }
    if (!charsetIsUtf8(ctx)) {
      throw new DomainError('unsupported_media_type', 'Send the body as application/json in UTF-8');
    }
    ctx.request.body = parseJson(await readBytes(ctx, codingOf(ctx.get('Content-Encoding'))));
    await next();
  };
}
