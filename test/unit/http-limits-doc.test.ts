import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTTP_LIMITS } from '../../src/app/http/http-server.js';

const security = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');

describe('docs/security.md states the served HTTP limits the code sets', () => {
  it.each([
    ['headers at most', `${HTTP_LIMITS.maxHeaderSize / 1024} KB`],
    ['headers within', `${HTTP_LIMITS.headersTimeout / 1000} s`],
    ['a whole request within', `${HTTP_LIMITS.requestTimeout / 1000} s`],
    ['checked every', `${HTTP_LIMITS.connectionsCheckingInterval / 1000} s`],
    [
      'cut between',
      `${HTTP_LIMITS.requestTimeout / 1000} and ${(HTTP_LIMITS.requestTimeout + HTTP_LIMITS.connectionsCheckingInterval) / 1000} s`,
    ],
  ])('%s %s', (phrase, value) => {
    expect(security).toContain(`${phrase} ${value}`);
  });
});
