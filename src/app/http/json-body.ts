import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware, Next } from 'koa';
import { DomainError } from '../../domain/errors.js';

/** Largest body accepted, after decoding (gzip, deflate and br bodies are inflated first). */
export const MAX_BODY = '64kb';

// Node's zlib errors: Z_DATA_ERROR, Z_BUF_ERROR... for gzip and deflate, ERR__ERROR_FORMAT_... for br.
function isDecodingError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (/^Z_/.test(code) || /^ERR_(_ERROR|BROTLI)/.test(code));
}

function codingOf(header: string): string {
  const coding = header.trim().toLowerCase();
  return coding === 'x-gzip' ? 'gzip' : coding;
}

/**
 * JSON bodies for the routes, with every failure to read one a 4xx in the API's shape: a
 * body whose Content-Encoding does not decode is a 400 (not a 500 and an error log line), an
 * encoding we do not speak a 415, like a body that is not JSON.
 */
export function jsonBody(): Middleware {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: MAX_BODY, encoding: 'utf-8' });
  return async (ctx: Context, next: Next) => {
    // Content codings are case-insensitive and x-gzip is gzip (RFC 9110, 8.4.1); the decoder knows only lower case.
    const given = ctx.req.headers['content-encoding'];
    if (given) ctx.req.headers['content-encoding'] = codingOf(given);
    let parsed = false;
    try {
      await parse(ctx, () => {
        parsed = true;
        return next();
      });
    } catch (error) {
      if (parsed) throw error; // from a route, not from reading the body
      const encoding = ctx.get('Content-Encoding') || 'identity';
      if (isDecodingError(error)) {
        throw new DomainError('invalid_input', `The request body is not valid ${encoding} (Content-Encoding)`);
      }
      if (error instanceof Error && error.message.startsWith('Unsupported Content-Encoding')) {
        throw new DomainError(
          'unsupported_media_type',
          `Content-Encoding ${encoding} is not supported: send identity, gzip, deflate or br`,
        );
      }
      throw error;
    }
  };
}
