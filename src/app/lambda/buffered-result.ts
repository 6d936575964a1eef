import type { IncomingMessage } from 'node:http';
import type { HttpResultV2 } from './http-event.js';
import { toLambdaHeaders } from './response-headers.js';

// Bodies API Gateway can carry as text; anything else (images, PDFs) travels base64-encoded.
const TEXTUAL = /^(text\/|application\/(json|javascript|xml|problem\+json|manifest\+json)|image\/svg\+xml)/i;

/** Reads the whole response and shapes it as an API Gateway payload 2.0 result. */
export async function toBufferedResult(response: IncomingMessage): Promise<HttpResultV2> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const { headers, cookies } = toLambdaHeaders(response.headers);
  const textual = TEXTUAL.test(headers['content-type'] ?? '') && !headers['content-encoding'];
  return {
    statusCode: response.statusCode ?? 500,
    headers,
    ...(cookies.length ? { cookies } : {}),
    body: body.toString(textual ? 'utf8' : 'base64'),
    isBase64Encoded: !textual,
  };
}
