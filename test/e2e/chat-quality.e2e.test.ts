import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, inPage, launchChromium, PHONE, screenshot, watchPage } from '../support/browser.js';
import { startWebTwin, type WebTwin, webScript } from '../support/web-twin.js';

// The issue's own measurements were taken at 1280x800.
const LAPTOP = { width: 1280, height: 800 } as const;

describe('the chat page: ratings, copy, times, suggestions, scrolling and the menu, in Chromium', {
  timeout: 90_000,
}, () => {
  let browser: Browser;
  let twin: WebTwin;
  let context: BrowserContext;
  let failNext = false;

  beforeAll(async () => {
    browser = await launchChromium();
    twin = await startWebTwin({
      script: (request) => {
        const question = request.messages.at(-1)?.content ?? '';
        if (/fail/.test(question) && failNext) {
          failNext = false;
          return new Error('the model fell over');
        }
        if (/tall/.test(question))
          return `Here is a long answer.\n\n${Array.from({ length: 14 }, (_, i) => `${i + 1}. Line ${i + 1} of it`).join('\n')}\n\nThe very last line.`;
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

  async function open(viewport: { width: number; height: number } = LAPTOP): Promise<Page> {
    context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(twin.url);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  const messages = (page: Page) => page.locator('#messages > li');
  const sessionOf = (page: Page) => inPage<string | null>(page, "localStorage.getItem('twin.session_id')");

  async function ask(page: Page, text: string): Promise<void> {
    const before = await messages(page).count();
    await page.getByLabel('Your message').fill(text);
    await page.getByLabel('Your message').press('Enter');
    const answer = messages(page).nth(before + 1);
    await eventually(() => answer.getAttribute('aria-busy')).toBeNull();
    // Rating needs the answer's place in the stored conversation: its buttons come once it is known.
    await answer.getByRole('button', { name: 'Good answer' }).waitFor();
  }

  /** How far below the message box's top edge an element's bottom is (> 0: hidden behind it or off-screen). */
  const hiddenBelow = (page: Page, selector: string) =>
    inPage<number>(
      page,
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
        const box = document.querySelector('#composer').getBoundingClientRect();
        return Math.round(e.bottom - Math.min(box.top, window.innerHeight)); })()`,
    );

  it('offers suggested first questions from the persona, and asks one when clicked', async () => {
    const page = await open();
    const suggestions = page.locator('#suggestions button');
    expect(await suggestions.allInnerTexts()).toEqual(['Where are you based?', 'Can you tell me about yourself?']);
    await suggestions.first().click();
    await eventually(() => messages(page).count()).toBe(3);
    expect(await messages(page).nth(1).innerText()).toContain('Where are you based?');
    expect(await page.locator('#suggestions').isHidden()).toBe(true);
    // A new conversation offers them again.
    await eventually(() => messages(page).nth(2).getAttribute('aria-busy')).toBeNull();
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await page.locator('#suggestions').isVisible()).toBe(true);
  });

  it('rates answers with thumbs (a comment on thumbs-down), keeps the rating after a reload, and copies an answer', async () => {
    const page = await open();
    const watch = watchPage(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ask(page, 'Where do you live?');
    await ask(page, 'And the lamp?');
    const first = messages(page).nth(2);
    const second = messages(page).nth(4);

    await first.getByRole('button', { name: 'Good answer' }).click();
    await eventually(() => first.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await second.getByRole('button', { name: 'Bad answer' }).click();
    const comment = page.getByLabel('What was wrong with this answer? (optional)');
    await comment.waitFor();
    expect(await inPage<string>(page, 'document.activeElement.tagName')).toBe('TEXTAREA');
    await comment.fill('It never mentions the lamp. Write to me at ada@example.org');
    await screenshot(page, 'chat-feedback-desktop', { fullPage: false });
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await eventually(() => comment.count()).toBe(0);

    const sessionId = await sessionOf(page);
    await eventually(async () => (await twin.store.load(sessionId as never))?.ratings).toEqual([
      { seq: 2, rating: 'up', comment: null, rated_at: expect.any(String) },
      {
        seq: 4,
        rating: 'down',
        comment: 'It never mentions the lamp. Write to me at [email]',
        rated_at: expect.any(String),
      },
    ]);

    // Copy puts the answer's own text (its Markdown) on the clipboard.
    await first.getByRole('button', { name: 'Copy answer' }).click();
    await eventually(() => first.locator('.action-note').innerText()).toBe('Copied');
    const copied = await inPage<string>(page, 'navigator.clipboard.readText()');
    expect(copied).toContain('**You asked:** Where do you live?');

    // Each message says when it was written.
    const times = await page
      .locator('#messages time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(times).toHaveLength(4);
    for (const time of times) expect(Date.now() - Date.parse(time)).toBeLessThan(120_000);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await eventually(() => messages(page).count()).toBe(5);
    expect(await messages(page).nth(2).getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await messages(page).nth(4).getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.locator('#suggestions').isHidden()).toBe(true);
    expect(watch.errors).toEqual([]);
  });

  it('keeps the newest answer and an error with its Retry in view, above the message box', async () => {
    const page = await open();
    for (const question of ['First question', 'Second question', 'A tall answer please', 'A tall one again']) {
      await ask(page, question);
      // Smooth scrolling settles: nothing of the newest answer is left behind the message box.
      await eventually(() => hiddenBelow(page, '#messages > li:last-child')).toBeLessThanOrEqual(0);
    }
    failNext = true;
    await page.getByLabel('Your message').fill('This will fail');
    await page.getByLabel('Your message').press('Enter');
    await page.getByRole('alert').waitFor({ state: 'visible' });
    await eventually(() => hiddenBelow(page, '#error')).toBeLessThanOrEqual(0);
    const retry = await page.getByRole('button', { name: 'Retry' }).boundingBox();
    expect(retry?.y).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'chat-error-desktop', { fullPage: false });
    await page.getByRole('button', { name: 'Retry' }).click();
    await eventually(() => page.getByRole('alert').isHidden()).toBe(true);
    await eventually(() => hiddenBelow(page, '#messages > li:last-child')).toBeLessThanOrEqual(0);
  });

  it('puts Download and Delete in a menu that fits a 375 px phone, and downloads the conversation', async () => {
    const page = await open(PHONE);
    await ask(page, 'Where do you live?');
    const menuButton = page.getByRole('button', { name: 'Options' });
    const newConversation = page.getByRole('button', { name: 'New conversation' });
    // One row of header buttons, nothing past the screen's edge.
    expect((await menuButton.boundingBox())?.y).toBe((await newConversation.boundingBox())?.y);
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(
      0,
    );

    await menuButton.click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const box = await menu.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'chat-menu-phone', { fullPage: false });

    const sessionId = await sessionOf(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Download (Markdown)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`conversation-${sessionId}.md`);
    const markdown = await readFile((await download.path()) as string, 'utf8');
    expect(markdown).toContain('Where do you live?');
    expect(await menu.isHidden()).toBe(true);

    await menuButton.click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Download (JSON)' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await json.path()) as string, 'utf8'));
    expect(exported.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
  });

  it('disables Download and Delete until there is a conversation', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Options' }).click();
    for (const name of ['Download (Markdown)', 'Download (JSON)', 'Delete my conversation']) {
      expect(await page.getByRole('menuitem', { name }).getAttribute('aria-disabled')).toBe('true');
    }
    // A disabled item does nothing, and the menu stays open to say why not.
    page.once('dialog', () => {
      throw new Error('a disabled Delete must not ask for confirmation');
    });
    await page.getByRole('menuitem', { name: 'Delete my conversation' }).click({ force: true });
    expect(await page.getByRole('menu').isVisible()).toBe(true);
  });

  it('works with the keyboard alone: suggestions, thumbs and comment, copy, the menu', async () => {
    const page = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const focused = () =>
      inPage<string>(
        page,
        "document.activeElement?.id || document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent",
      );
    async function tabTo(target: string, key = 'Tab'): Promise<void> {
      for (let i = 0; i < 25 && (await focused()) !== target; i++) await page.keyboard.press(key);
      expect(await focused()).toBe(target);
    }
    await tabTo('Can you tell me about yourself?');
    await page.keyboard.press('Enter');
    await eventually(() => messages(page).count()).toBe(3);
    const answer = messages(page).nth(2);
    await answer.getByRole('button', { name: 'Bad answer' }).waitFor();

    await tabTo('Bad answer');
    await page.keyboard.press('Enter');
    await page.getByLabel('What was wrong with this answer? (optional)').waitFor();
    await page.keyboard.type('Too vague');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Send feedback');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByLabel('What was wrong with this answer? (optional)').count()).toBe(0);
    expect(await focused()).toBe('Bad answer');
    const sessionId = await sessionOf(page);
    await eventually(async () => (await twin.store.load(sessionId as never))?.ratings?.[0]?.comment).toBe('Too vague');

    // Escape leaves the comment box without sending one; the thumbs-down itself is kept.
    await page.keyboard.press('Enter');
    await page.getByLabel('What was wrong with this answer? (optional)').waitFor();
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('Bad answer');
    await tabTo('Good answer', 'Shift+Tab');
    await page.keyboard.press('Space');
    await eventually(() => answer.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    // The menu: arrows move, Escape closes it and returns to its button.
    await tabTo('conversation-menu-button', 'Shift+Tab');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('download-markdown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('download-json');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('delete-conversation');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('download-markdown');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('conversation-menu-button');
    expect(await page.getByRole('menu').isHidden()).toBe(true);
  });
});
