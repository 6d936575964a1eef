/**
 * Whether a CSP `frame-ancestors` source list (TWIN_FRAME_ANCESTORS) lets a page on `origin`
 * frame this app. Browsers enforce the header; this answers the widget's question beforehand,
 * so a site that is not listed gets an explanation instead of a blank frame.
 * `self` is this app's own origin, for the `'self'` keyword.
 */
export function frameAncestorsAllow(sources: readonly string[], origin: string, self: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return sources.some((source) => matches(source.trim().toLowerCase(), url, self));
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|\*\.[^/:]+|[^/:*]+)(?::(\d+|\*))?(?:\/.*)?$/;

function schemeAllows(scheme: string, url: URL): boolean {
  // CSP lets an http source match its https upgrade.
  return url.protocol === `${scheme}:` || (scheme === 'http' && url.protocol === 'https:');
}

function matches(source: string, url: URL, self: string): boolean {
  if (source === "'self'") return url.origin === originOf(self);
  if (source.startsWith("'")) return false; // 'none', nonces and hashes allow no ancestor
  if (source === '*') return true;
  if (/^[a-z][a-z0-9+.-]*:$/.test(source)) return schemeAllows(source.slice(0, -1), url);
  const parts = HOST_SOURCE.exec(source);
  if (!parts) return false;
  const [, scheme, host = '', port] = parts;
  if (scheme && !schemeAllows(scheme, url)) return false;
  const hostname = url.hostname;
  if (host !== '*') {
    const hostMatches = host.startsWith('*.') ? hostname.endsWith(host.slice(1)) : hostname === host;
    if (!hostMatches) return false;
  }
  if (port === '*') return true;
  const actual = url.port || DEFAULT_PORT[url.protocol];
  if (port) return actual === port;
  // No port: the scheme's default port (an http source also matches 443 after the upgrade).
  return actual === DEFAULT_PORT[url.protocol];
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
