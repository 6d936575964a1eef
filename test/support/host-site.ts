import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An owner's own website for the chat widget's browser tests: plain pages with a strict
 * Content-Security-Policy, deliberately greedy styles (they would restyle any widget they
 * could reach) and a script of its own whose state the tests read. One server, two origins:
 * http://localhost:<port> and http://127.0.0.1:<port> are different origins to a browser.
 */
export interface HostSite {
  readonly port: number;
  origin(hostname: 'localhost' | '127.0.0.1'): string;
  /** The twin whose /widget.js the pages include (and which their CSP allows). */
  useTwin(url: string): void;
  close(): Promise<void>;
}

/** The tag's data- attributes on each page; null: the page has no widget (the baseline). */
export const HOST_PAGES: Record<string, string | null> = {
  '/': '',
  '/about': '',
  '/plain': null,
  '/options': 'data-position="bottom-left" data-accent="#0a7d38" data-open="true" data-launcher-text="Talk to Ada"',
  '/no-frame-src': '',
};

/** A page whose owner forgot to allow the twin in one CSP directive. */
const CSP_WITHOUT: Record<string, string> = { '/no-frame-src': 'frame-src' };

const HOST_CSS = `
:root { --accent: lime; --twin-accent: red; font-size: 10px; }
* { box-sizing: content-box; }
body { margin: 0; padding: 24px; font: 17px/1.3 Georgia, serif; color: #222; background: #fffbe6; }
div { border: 3px dashed green; padding: 7px; margin: 5px; }
button { background: hotpink; color: black; font-family: serif; font-size: 30px; border-radius: 0; }
iframe { border: 8px solid red; width: 50px; height: 50px; }
svg { width: 300px; height: 300px; }
p { margin: 0 0 12px; }
.lead { font-style: italic; }
`;

// The host's own script: its state must be the same with and without the widget.
const HOST_JS = `
window.hostApp = { clicks: 0, keys: 0, violations: [] };
document.addEventListener('securitypolicyviolation', (e) => hostApp.violations.push(e.violatedDirective + ' ' + e.blockedURI));
document.addEventListener('keydown', () => { hostApp.keys += 1; });
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('host-button').addEventListener('click', () => {
    hostApp.clicks += 1;
    document.getElementById('clicks').textContent = String(hostApp.clicks);
  });
});
`;

function page(tag: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Ada's lighthouse</title>
    <link rel="stylesheet" href="/host.css" />
    <script src="/host.js"></script>
  </head>
  <body>
    <header><h1>Ada's lighthouse</h1><nav><a href="/">Home</a> · <a href="/about">About</a></nav></header>
    <main>
      <p class="lead">The lamp has been lit every night since 1887.</p>
      <div class="card"><p>Tours on Saturdays, weather permitting.</p></div>
      <button type="button" id="host-button">Clicked <output id="clicks">0</output> times</button>
      ${'<p>The keeper writes the log by hand.</p>'.repeat(40)}
    </main>
    ${tag}
  </body>
</html>`;
}

export async function startHostSite(): Promise<HostSite> {
  let twin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const csp = [
      "default-src 'none'",
      `script-src 'self' ${twin}`,
      "style-src 'self'",
      "img-src 'self'",
      `connect-src ${twin}`,
      `frame-src ${twin}`,
      "base-uri 'none'",
      "form-action 'none'",
      "require-trusted-types-for 'script'",
    ]
      .filter((directive) => !directive.startsWith(`${CSP_WITHOUT[url.pathname]} `))
      .join('; ');
    const attributes = HOST_PAGES[url.pathname];
    if (attributes !== undefined) {
      const tag = attributes === null ? '' : `<script src="${twin}/widget.js" async ${attributes}></script>`;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
      res.end(page(tag));
    } else if (url.pathname === '/host.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' }).end(HOST_CSS);
    } else if (url.pathname === '/host.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(HOST_JS);
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: (hostname) => `http://${hostname}:${port}`,
    useTwin(url) {
      twin = url;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
