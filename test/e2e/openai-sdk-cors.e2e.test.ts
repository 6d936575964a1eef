import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPage, launchChromium, PAGE_TIMEOUT_MS } from '../support/browser.js';
import type { LiveServer } from '../support/live-server.js';
import { bundleClientSdks, servePages } from '../support/page-server.js';
import { startWebTwin, type WebTwin } from '../support/web-twin.js';

const PAGE = `<!doctype html><meta charset="utf-8"><title>client</title>
<script type="module">import * as sdks from '/sdks.js'; Object.assign(window, sdks); document.body.dataset.ready = 'true';</script>
<body></body>`;

/** Runs in the page: the official SDK, as a site calling the twin from the browser would use it. */
const callTwin = (twinUrl: string) => `(async () => {
  const client = new OpenAI({ baseURL: ${JSON.stringify(`${twinUrl}/v1`)}, apiKey: 'unused', dangerouslyAllowBrowser: true, maxRetries: 0 });
  const messages = [{ role: 'user', content: 'Where are you based?' }];
  try {
    const { data: reply, response } = await client.chat.completions.create({ model: 'twin', messages }).withResponse();
    const sessionId = response.headers.get('x-session-id');
    let streamed = '';
    let finish = null;
    const stream = await client.chat.completions.create({ model: 'twin', messages, stream: true });
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    return { ok: true, content: reply.choices[0].message.content, requestId: reply._request_id, sessionId, streamed, finish };
  } catch (error) {
    return { ok: false, error: error.constructor.name + ': ' + error.message };
  }
})()`;

/** Runs in the page: the Vercel AI SDK's default provider model, `openai('twin')`, which calls /v1/responses. */
const callWithAiSdk = (twinUrl: string) => `(async () => {
  const openai = createOpenAI({ baseURL: ${JSON.stringify(`${twinUrl}/v1`)}, apiKey: 'unused' });
  try {
    const { text } = await generateText({ model: openai('twin'), prompt: 'Where are you based?', maxRetries: 0 });
    let streamed = '';
    const result = streamText({ model: openai('twin'), prompt: 'Where are you based?', maxRetries: 0 });
    for await (const delta of result.textStream) streamed += delta;
    return { ok: true, content: text, streamed };
  } catch (error) {
    return { ok: false, error: error.constructor.name + ': ' + error.message };
  }
})()`;

interface CallResult {
  ok: boolean;
  content?: string;
  requestId?: string | null;
  sessionId?: string | null;
  streamed?: string;
  finish?: string | null;
  error?: string;
}

// Issue 13: the SDK's preflight (x-stainless-* headers) used to be refused.
describe('the official openai SDK in Chromium, cross-origin', { timeout: 60_000 }, () => {
  let browser: Browser;
  let twin: WebTwin;
  let allowedSite: LiveServer;
  let strangerSite: LiveServer;

  beforeAll(async () => {
    const files = {
      '/': { type: 'text/html; charset=utf-8', body: PAGE },
      '/sdks.js': { type: 'text/javascript; charset=utf-8', body: await bundleClientSdks() },
    };
    [allowedSite, strangerSite, browser] = await Promise.all([servePages(files), servePages(files), launchChromium()]);
    // Spelled as copied from a browser bar: upper case and a trailing slash.
    twin = await startWebTwin({ env: { CORS_ORIGINS: `${allowedSite.url.toUpperCase()}/` } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([twin?.close(), allowedSite?.close(), strangerSite?.close()]);
  });

  async function openPage(
    site: LiveServer,
  ): Promise<{ page: Page; console: string[]; sent: Record<string, string>[]; urls: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const console: string[] = [];
    const sent: Record<string, string>[] = [];
    const urls: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    page.on('request', (req) => {
      if (!req.url().startsWith(twin.url)) return;
      sent.push(req.headers());
      urls.push(new URL(req.url()).pathname);
    });
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: PAGE_TIMEOUT_MS });
    return { page, console, sent, urls };
  }

  it('talks to /v1/chat/completions, plain and streamed, from an allowed origin', async () => {
    const { page, sent } = await openPage(allowedSite);
    const result = await inPage<CallResult>(page, callTwin(twin.url));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.content).toContain('Where are you based?');
    expect(result.streamed).toBe(result.content);
    expect(result.finish).toBe('stop');
    // A page reads X-Request-Id and X-Session-Id only when CORS exposes them.
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.sessionId).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    // The calls carried the SDK's own headers, so the preflight had to allow them.
    expect(Object.keys(sent[0] ?? {})).toEqual(
      expect.arrayContaining(['x-stainless-os', 'x-stainless-lang', 'x-stainless-package-version', 'authorization']),
    );
    await page.context().close();
  });

  it("lets the Vercel AI SDK's openai('twin') (the Responses API) answer, plain and streamed, from an allowed origin", async () => {
    const { page, urls } = await openPage(allowedSite);
    const result = await inPage<CallResult>(page, callWithAiSdk(twin.url));
    expect(result.error).toBeUndefined();
    expect(result.content).toContain('Where are you based?');
    expect(result.streamed).toBe(result.content);
    expect(urls).toEqual(['/v1/responses', '/v1/responses']);
    await page.context().close();
  });

  it('is refused by the browser (CORS) from an origin that is not allowed, and nothing reaches the model', async () => {
    const before = twin.model.requests.length;
    const { page, console } = await openPage(strangerSite);
    const result = await inPage<CallResult>(page, callTwin(twin.url));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^APIConnectionError/);
    expect(console.join('\n')).toMatch(/blocked by CORS policy/);
    expect(twin.model.requests.length).toBe(before);
    await page.context().close();
  });
});
