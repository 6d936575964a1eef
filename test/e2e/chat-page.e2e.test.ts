import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, eventually, inPage, launchChromium, PHONE, screenshot, watchPage } from '../support/browser.js';
import { INJECTIONS, PERSONA_FACTS, startWebTwin, type WebTwin, webScript } from '../support/web-twin.js';

// Follows the README's "In the browser" section step by step.
describe('the chat page in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let twin: WebTwin;
  let context: BrowserContext;
  let flaky = 0;

  beforeAll(async () => {
    browser = await launchChromium();
    twin = await startWebTwin({
      // "flaky" questions fail once, so the page's error state and Retry can be exercised.
      script: (request) => {
        const question = request.messages.at(-1)?.content ?? '';
        if (/flaky/.test(question) && flaky++ === 0) return new Error('the model fell over');
        return webScript(request);
      },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await twin?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  async function open(viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
    context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(twin.url);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  const messages = (page: Page) => page.locator('#messages > li');

  async function ask(page: Page, text: string): Promise<string> {
    const before = await messages(page).count();
    await page.getByLabel('Your message').fill(text);
    await page.getByLabel('Your message').press('Enter');
    const answer = messages(page).nth(before + 1);
    await eventually(() => answer.getAttribute('aria-busy')).toBeNull();
    return (await answer.innerText()).trim();
  }

  it('shows the persona, streams an answer, restores it after a reload and deletes it', async () => {
    const page = await open();
    const watch = watchPage(page);
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(PERSONA_FACTS.full_name);
    expect(await page.locator('#twin-title').innerText()).toContain('Lighthouse keeper');
    // The picture loads on its own after the page is ready: wait for it, never assume it.
    await eventually(() =>
      inPage<number>(page, "document.querySelector('#avatar img')?.naturalWidth ?? 0"),
    ).toBeGreaterThan(0);
    expect(await messages(page).first().innerText()).toContain("I'm Ada's AI twin");

    // Type a question and press Enter: the Stop button shows while the answer streams in.
    await page.getByLabel('Your message').fill('Where do you live?');
    await page.getByLabel('Your message').press('Enter');
    await page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'visible' });
    const answer = messages(page).nth(2);
    await eventually(() => answer.getAttribute('aria-busy')).toBeNull();
    expect(await page.getByRole('button', { name: 'Stop' }).isHidden()).toBe(true);
    expect(await messages(page).nth(1).innerText()).toContain('Where do you live?');
    // Markdown is rendered: bold text and a safe link, while a javascript: link stays text.
    expect(await answer.locator('strong').innerText()).toBe('You asked:');
    const link = answer.getByRole('link', { name: 'my site' });
    expect(await link.getAttribute('href')).toBe('https://example.org');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);

    // Shift+Enter writes a newline instead of sending.
    await page.getByLabel('Your message').fill('line one');
    await page.getByLabel('Your message').press('Shift+Enter');
    await page.getByLabel('Your message').pressSequentially('line two');
    expect(await messages(page).count()).toBe(3);
    await page.getByLabel('Your message').press('Enter');
    await eventually(() => messages(page).count()).toBe(5);
    expect(await messages(page).nth(3).innerText()).toContain('line one\nline two');
    await eventually(() => messages(page).nth(4).getAttribute('aria-busy')).toBeNull();
    await screenshot(page, 'chat-desktop');

    const sessionId = await inPage<string | null>(page, "localStorage.getItem('twin.session_id')");
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await twin.store.load(sessionId as never))?.messages).toHaveLength(4);

    // Reload: the conversation comes back from GET /conversation.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await eventually(() => messages(page).count()).toBe(5);
    expect(await messages(page).nth(1).innerText()).toContain('Where do you live?');
    expect(await messages(page).nth(2).locator('strong').innerText()).toBe('You asked:');

    // Delete my conversation (in the Options menu): confirmed, removed on the server, forgotten by the browser.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('menuitem', { name: 'Delete my conversation' }).click();
    await eventually(() => messages(page).count()).toBe(1);
    expect(await inPage<string | null>(page, "localStorage.getItem('twin.session_id')")).toBeNull();
    expect(await twin.store.load(sessionId as never)).toBeNull();
    const gone = await fetch(`${twin.url}/conversation/${sessionId}`);
    expect(gone.status).toBe(404);
    expect(watch.errors).toEqual([]);
  });

  it('shows HTML and script in a message, an answer and persona facts as text, never running them', async () => {
    const page = await open();
    const watch = watchPage(page);
    const answer = await ask(page, INJECTIONS.message);
    const motto = await ask(page, 'What is your motto?');

    expect(await messages(page).nth(1).locator('.message-body').innerText()).toBe(INJECTIONS.message);
    expect(answer).toContain(INJECTIONS.message);
    expect(motto).toContain(INJECTIONS.fact);
    expect(await page.locator('#twin-title').innerText()).toContain(INJECTIONS.persona);
    // Nothing became an element: no img or script was created from any text.
    expect(await page.locator('main img, main script, header script, #twin-title img').count()).toBe(0);
    expect(await inPage<string | undefined>(page, 'window.__pwned')).toBeUndefined();
    expect(watch.errors).toEqual([]);
  });

  it('stops an answer on request and keeps what was written', async () => {
    const page = await open();
    await page.getByLabel('Your message').fill('Tell me a long story');
    await page.getByLabel('Your message').press('Enter');
    const answer = messages(page).nth(2);
    await eventually(() => answer.innerText()).toContain('Once upon a time');
    await page.getByRole('button', { name: 'Stop' }).click();
    await eventually(() => answer.innerText()).toContain('Stopped.');
    expect(await answer.innerText()).not.toContain('the end.');
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
  });

  it('shows a clear error with Retry when the model fails, and Retry gets the answer', async () => {
    const page = await open();
    await page.getByLabel('Your message').fill('A flaky question');
    await page.getByLabel('Your message').press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain('The language model is unavailable');
    expect(await alert.innerText()).not.toContain('fell over');
    await page.getByRole('button', { name: 'Retry' }).click();
    await eventually(() => messages(page).last().innerText()).toContain('A flaky question');
    await eventually(() => alert.isHidden()).toBe(true);
  });

  it('starts a new conversation on request', async () => {
    const page = await open();
    await ask(page, 'First question');
    const first = await inPage<string | null>(page, "localStorage.getItem('twin.session_id')");
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await messages(page).count()).toBe(1);
    expect(await inPage<string | null>(page, "localStorage.getItem('twin.session_id')")).toBeNull();
    await ask(page, 'Second question');
    const second = await inPage<string | null>(page, "localStorage.getItem('twin.session_id')");
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
  });

  it('fits a 375 px phone screen without sideways scrolling', async () => {
    const page = await open(PHONE);
    await ask(page, `A long word on a small screen: ${'x'.repeat(120)}`);
    const overflow = await inPage<number>(page, 'document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    await screenshot(page, 'chat-phone');
  });

  it('can be used with the keyboard alone', async () => {
    const page = await open();
    const focused = () => inPage<string>(page, 'document.activeElement?.id || document.activeElement?.textContent');
    async function tabTo(target: string): Promise<void> {
      for (let i = 0; i < 12 && (await focused()) !== target; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(target);
    }
    await tabTo('message');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await eventually(() => messages(page).count()).toBe(3);
    expect(await messages(page).nth(1).innerText()).toContain('Typed without a mouse');
    await eventually(() => messages(page).nth(2).getAttribute('aria-busy')).toBeNull();
    page.once('dialog', (dialog) => void dialog.accept());
    await tabTo('conversation-menu-button');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('download-markdown');
    await page.keyboard.press('End');
    expect(await focused()).toBe('delete-conversation');
    await page.keyboard.press('Enter');
    await eventually(() => messages(page).count()).toBe(1);
  });
});
