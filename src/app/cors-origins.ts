import type { z } from 'zod';

/** `'*'`: any origin may call the API (it uses no cookies); otherwise the exact origins listed. */
export type CorsOrigins = '*' | readonly string[];

const SHOWN_CHARS = 80;

/**
 * One entry of CORS_ORIGINS as the browser will send it in `Origin`: the WHATWG URL parser
 * lowercases the scheme and host, turns an IDN host into punycode and drops a default port
 * (:443 for https, :80 for http), and an origin has no path, query or fragment, so whatever
 * was copied from the address bar after the host is dropped too. Returns a reason when the
 * entry cannot be an origin a browser sends.
 */
export function normaliseOrigin(entry: string): { origin: string } | { problem: string } {
  const shown = entry.length > SHOWN_CHARS ? `${entry.slice(0, SHOWN_CHARS)}...` : entry;
  const example = 'write it as scheme://host[:port], e.g. https://www.example.com';
  if (entry.includes('*')) {
    return { problem: `"${shown}": wildcards inside an origin are not supported; list each origin, or use * alone` };
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { problem: `"${shown}" is not an origin; ${example}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `"${shown}" is not an http or https origin; ${example}` };
  }
  if (url.username || url.password) {
    return { problem: `"${shown}" carries a user name or password, which an origin never has; ${example}` };
  }
  return { origin: url.origin };
}

/**
 * CORS_ORIGINS: comma-separated origins, or `*` alone (or among others: it allows all).
 * Blank entries are ignored, so an empty value allows no cross-origin caller. Every bad entry
 * becomes one issue on the variable, so the start fails with one line naming CORS_ORIGINS.
 */
export function parseCorsOrigins(value: string, ctx: z.RefinementCtx): CorsOrigins {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes('*')) return '*';
  const origins = new Set<string>();
  for (const entry of entries) {
    const result = normaliseOrigin(entry);
    if ('problem' in result) ctx.addIssue({ code: 'custom', message: result.problem });
    else origins.add(result.origin);
  }
  return [...origins];
}
