import { InvalidInput } from '../../domain/errors.js';
import type { Config } from '../config.js';
import type { CorsOrigins } from '../cors-origins.js';
import { frameAncestorsAllow } from '../http/frame-ancestors.js';

/**
 * The tag's data- options. web/widget.js reads them, README's "Chat widget on your own site"
 * documents them and this command prints them: test/unit/widget-docs.test.ts keeps the three in step.
 */
export const WIDGET_OPTIONS = [
  { name: 'data-position', example: 'bottom-left', meaning: 'corner: bottom-right (default) or bottom-left' },
  { name: 'data-accent', example: '#0a7d38', meaning: 'button and highlight colour, any CSS colour (default #2f5bd3)' },
  { name: 'data-launcher-text', example: 'Ask me anything', meaning: 'the button\'s text (default "Ask my AI twin")' },
  { name: 'data-open', example: 'true', meaning: 'open the chat when the page loads (not on phones; focus stays put)' },
] as const;

export interface SnippetInput {
  /** The owner's site: any URL on it; only its origin matters. */
  readonly site: string;
  /** The twin's public address, as visitors' browsers reach it. */
  readonly twin: string;
  /** Normalised, or '*' for any origin. */
  readonly corsOrigins: CorsOrigins;
  readonly frameAncestors: readonly string[];
}

function httpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInput(`${what} must be an http(s) URL such as https://example.com, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInput(`${what} must be an http(s) URL such as https://example.com, not "${value}"`);
  }
  return url;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The exact tag, the settings to add and the host CSP sources for one site. */
export function widgetSnippet(input: SnippetInput): string {
  const site = httpUrl(input.site, '--site').origin;
  const twinUrl = httpUrl(input.twin, '--twin');
  const base = new URL(twinUrl.pathname.endsWith('/') ? twinUrl.href : `${twinUrl.href}/`);
  const twin = base.origin;
  const loader = new URL('widget.js', base).href;
  const width = Math.max(...WIDGET_OPTIONS.map((option) => `${option.name}="${option.example}"`.length));
  const lines = [
    `The chat widget of the twin at ${base.href.replace(/\/$/, '')} on ${site}`,
    '',
    `1. Paste this tag into the pages of ${site} (anywhere; before </body> is usual):`,
    '',
    `   <script src="${loader}" async></script>`,
    '',
    '   Options, as attributes on the tag:',
    ...WIDGET_OPTIONS.map((option) => `     ${`${option.name}="${option.example}"`.padEnd(width)}  ${option.meaning}`),
    '',
    '2. Settings of the twin (environment or .env), then restart it:',
    '',
  ];
  const cors = input.corsOrigins === '*' || input.corsOrigins.includes(site);
  const frames = frameAncestorsAllow(input.frameAncestors, site, twin);
  lines.push(
    cors ? `   CORS_ORIGINS already allows ${site}` : `   CORS_ORIGINS=${[...input.corsOrigins, site].join(',')}`,
    frames
      ? `   TWIN_FRAME_ANCESTORS already allows ${site}`
      : `   TWIN_FRAME_ANCESTORS=${[...input.frameAncestors, site].join(',')}`,
    '',
    `3. If ${site} sends a Content-Security-Policy, add the twin to it:`,
    '',
    `   script-src ${twin}; connect-src ${twin}; frame-src ${twin}`,
  );
  if (new URL(site).protocol === 'https:' && twinUrl.protocol === 'http:' && !LOOPBACK.has(twinUrl.hostname)) {
    lines.push('', `Warning: an https site cannot load an http twin (mixed content): serve the twin over https.`);
  }
  return `${lines.join('\n')}\n`;
}

/** `twin widget snippet --site <url> [--twin <url>]` */
export function widgetSnippetCommand(config: Config, options: { site: string; twin?: string }): void {
  const text = widgetSnippet({
    site: options.site,
    twin: options.twin ?? `http://localhost:${config.port}`,
    corsOrigins: config.corsOrigins,
    frameAncestors: config.frameAncestors,
  });
  if (!options.twin) {
    process.stderr.write(
      `(no --twin given: using http://localhost:${config.port}; pass the address visitors' browsers reach the twin at)\n`,
    );
  }
  process.stdout.write(text);
}
