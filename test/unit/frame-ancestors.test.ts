import { describe, expect, it } from 'vitest';
import { frameAncestorsAllow } from '../../src/app/http/frame-ancestors.js';

const SELF = 'https://twin.example';

describe('frameAncestorsAllow', () => {
  it.each([
    [['https://owner.example'], 'https://owner.example', true],
    [['https://owner.example/'], 'https://owner.example', true],
    [['https://owner.example/blog/'], 'https://owner.example', true],
    [['HTTPS://Owner.Example'], 'https://owner.example', true],
    [['https://owner.example'], 'http://owner.example', false],
    [['http://owner.example'], 'https://owner.example', true], // CSP's upgrade rule
    [['https://owner.example'], 'https://owner.example:8443', false],
    [['https://owner.example:8443'], 'https://owner.example:8443', true],
    [['https://owner.example:*'], 'https://owner.example:8443', true],
    [['http://localhost:8080'], 'http://localhost:8080', true],
    [['http://localhost:8080'], 'http://localhost:8081', false],
    [['https://*.owner.example'], 'https://www.owner.example', true],
    [['https://*.owner.example'], 'https://owner.example', false],
    [['https://*.owner.example'], 'https://evilowner.example', false],
    [['owner.example'], 'https://owner.example', true],
    [['https:'], 'https://anything.example', true],
    [['https:'], 'http://anything.example', false],
    [['*'], 'https://anything.example', true],
    [["'self'"], SELF, true],
    [["'self'"], 'https://owner.example', false],
    [["'none'"], 'https://owner.example', false],
    [[], 'https://owner.example', false],
    [['https://a.example', 'https://owner.example'], 'https://owner.example', true],
    [['https://owner.example'], 'null', false],
    [['*'], 'file:///tmp/page.html', false],
  ])('%j lets %s frame the twin: %s', (sources, origin, expected) => {
    expect(frameAncestorsAllow(sources, origin, SELF)).toBe(expected);
  });
});
