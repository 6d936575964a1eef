import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { normaliseOrigin } from '../../src/app/cors-origins.js';

const origins = (value: string) => loadConfig({ CORS_ORIGINS: value }).corsOrigins;

describe('CORS_ORIGINS', () => {
  it.each([
    ['https://d1abc.cloudfront.net/', ['https://d1abc.cloudfront.net']],
    ['HTTPS://D1ABC.CloudFront.NET', ['https://d1abc.cloudfront.net']],
    ['https://example.com:443', ['https://example.com']],
    ['https://example.com:443/', ['https://example.com']],
    ['http://example.com:80/', ['http://example.com']],
    ['http://example.com:443', ['http://example.com:443']],
    ['https://example.com:80', ['https://example.com:80']],
    ['https://example.com:8443/', ['https://example.com:8443']],
    ['https://example.com/chat/index.html?utm_source=x#top', ['https://example.com']],
    ['http://localhost:3000/', ['http://localhost:3000']],
    ['http://LOCALHOST:3000', ['http://localhost:3000']],
    ['http://127.0.0.1:5173/', ['http://127.0.0.1:5173']],
    ['http://[::1]:3000/', ['http://[::1]:3000']],
    ['http://[0:0:0:0:0:0:0:1]:3000', ['http://[::1]:3000']],
    ['https://bücher.example', ['https://xn--bcher-kva.example']],
    [' https://a.example , https://b.example/ ', ['https://a.example', 'https://b.example']],
    ['https://a.example,https://A.EXAMPLE/,https://a.example:443', ['https://a.example']],
    ['https://a.example,,', ['https://a.example']],
    ['', []],
    [' , ', []],
  ])('%j allows %j', (value, expected) => {
    expect(origins(value)).toEqual(expected);
  });

  it.each(['*', ' * ', 'https://a.example, *', '*,*'])('%j allows any origin', (value) => {
    expect(origins(value)).toBe('*');
  });

  it('defaults to the course frontend on localhost:3000', () => {
    expect(loadConfig({}).corsOrigins).toEqual(['http://localhost:3000']);
  });

  it.each([
    ['localhost:3000', 'not an http or https origin'],
    ['example.com', 'not an origin'],
    ['www.example.com/', 'not an origin'],
    ['ftp://example.com', 'not an http or https origin'],
    ['file:///home/me/index.html', 'not an http or https origin'],
    ['chrome-extension://abcdefghijklmnop', 'not an http or https origin'],
    ['null', 'not an origin'],
    ['https://', 'not an origin'],
    ['http://exa mple.com', 'not an origin'],
    ['https://*.example.com', 'wildcards'],
    ['https://example.*', 'wildcards'],
    ['https://user:secret@example.com', 'user name or password'],
    ['https://ok.example, nope', 'not an origin'],
  ])('refuses %j in one line naming CORS_ORIGINS (%s)', (value, reason) => {
    let message = '';
    try {
      loadConfig({ CORS_ORIGINS: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: CORS_ORIGINS: /);
    expect(message).toContain(reason);
    expect(message).not.toContain('\n');
  });

  it('names every bad entry, and shortens a huge one', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'a.example, b.example' })).toThrow(/a\.example.*b\.example/);
    const huge = `x${'y'.repeat(10_000)}`;
    expect(() => loadConfig({ CORS_ORIGINS: huge })).toThrow(ConfigError);
    try {
      loadConfig({ CORS_ORIGINS: huge });
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });

  const host = fc.domain();
  const spelling = fc.record({
    upper: fc.boolean(),
    defaultPort: fc.boolean(),
    path: fc.constantFrom('', '/', '/chat', '/a/b/?q=1', '#x'),
    scheme: fc.constantFrom('http', 'https'),
  });

  test.prop([host, spelling])('every spelling of an origin normalises to the one a browser sends', (name, how) => {
    const port = how.defaultPort ? (how.scheme === 'https' ? ':443' : ':80') : '';
    const spelled = `${how.scheme}://${name}${port}${how.path}`;
    const result = normaliseOrigin(how.upper ? spelled.toUpperCase() : spelled);
    const browser = new URL(`${how.scheme}://${name}`).origin;
    expect(result).toEqual({ origin: browser });
    expect(normaliseOrigin(browser)).toEqual({ origin: browser });
  });
});
