import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, eventually, inPage, launchChromium, PHONE, screenshot, watchPage } from '../support/browser.js';
import { ADMIN_TOKEN } from '../support/http-fixture.js';
import { INJECTIONS, startWebTwin, type WebTwin } from '../support/web-twin.js';

async function chat(url: string, message: string, sessionId?: string): Promise<string> {
  const response = await fetch(`${url}/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message, session_id: sessionId ?? null }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { session_id: string }).session_id;
}

describe('the owner dashboard in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let twin: WebTwin;
  let context: BrowserContext;
  let injectionSession: string;

  beforeAll(async () => {
    browser = await launchChromium();
    twin = await startWebTwin();
    // A few chats, one of them trying to inject markup into the owner's transcript viewer.
    const first = await chat(twin.url, 'Where is your lighthouse?');
    await chat(twin.url, 'How bright is the lamp?', first);
    await chat(twin.url, 'Do you like the lighthouse at night?');
    injectionSession = await chat(twin.url, INJECTIONS.message);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await twin?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  async function signIn(viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
    context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${twin.url}/dashboard`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.waitForSelector('body[data-loaded="true"]');
    return page;
  }

  it('asks for the token once, refuses a wrong one and keeps the right one for the tab', async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${twin.url}/dashboard`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await eventually(() => page.locator('#login-error').innerText()).toContain('not accepted');
    expect(await inPage<string | null>(page, "sessionStorage.getItem('twin.admin_token')")).toBeNull();

    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.waitForSelector('body[data-loaded="true"]');
    await page.reload();
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('#login').isHidden()).toBe(true);
  });

  it('shows the figures, charts, topics, sentiment and sessions after a few chats', async () => {
    const page = await signIn();
    const watch = watchPage(page);
    const figures = await page.locator('#figures').innerText();
    expect(figures).toMatch(/Conversations\s+3/);
    expect(figures).toMatch(/Messages\s+8/);
    // 3 of the 4 visitor messages were questions: the rate is a percentage, shown as one.
    expect(figures).toMatch(/Questions\s+75 %/);
    // uPlot drew three charts: activity over time, busiest hours, busiest weekdays.
    expect(await page.locator('.chart .uplot canvas').count()).toBe(3);
    const activity = await page.locator('#timeseries-chart .uplot canvas').boundingBox();
    expect(activity?.width).toBeGreaterThan(300);
    expect(await page.locator('#timeseries-chart .u-legend').innerText()).toContain('Messages');
    expect(await page.locator('#topics').innerText()).toContain('lighthouse');
    expect(await page.locator('#sentiment li').count()).toBe(3);
    expect(await page.locator('#sessions tbody tr').count()).toBe(3);
    // Sessions read as what the visitor asked first, not as bare ids.
    expect(await page.locator('#sessions').innerText()).toContain('Where is your lighthouse?');
    // The scripted model answered every question, so the knowledge-gap panel is live and empty.
    expect(await page.locator('[data-state-for="gaps"]').innerText()).toContain('No unanswered questions');
    await screenshot(page, 'dashboard-desktop');
    expect(watch.errors).toEqual([]);
  });

  it('opens a transcript, showing what a visitor typed as text', async () => {
    const page = await signIn();
    // Found by id, not by position: sessions made in the same millisecond may list in either order.
    await page.getByRole('button', { name: `View the transcript of session ${injectionSession}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible' });
    await eventually(() => dialog.locator('li').count()).toBeGreaterThan(0);
    // The injection attempt must appear literally.
    expect(await dialog.locator('li').first().innerText()).toContain(INJECTIONS.message);
    expect(await dialog.locator('li img, li script').count()).toBe(0);
    expect(await inPage<string | undefined>(page, 'window.__pwned')).toBeUndefined();
    await page.keyboard.press('Escape');
    await eventually(() => dialog.isVisible()).toBe(false);
  });

  it("lists the owner's answers as text, edits one and deletes another", async () => {
    const answersFile = path.join(twin.personaDir, 'answers.md');
    await writeFile(
      answersFile,
      `# Answers\n\n## Do you have a cat?\n\nYes, Tensor.\n\n## ${INJECTIONS.persona} Do you ski?\n\nBadly.\n`,
    );
    const page = await signIn();
    const watch = watchPage(page);
    const items = page.locator('#answers li');
    await eventually(() => items.count()).toBe(2);
    const ski = items.filter({ hasText: 'Do you ski?' });
    expect(await ski.locator('.question').innerText()).toBe(`${INJECTIONS.persona} Do you ski?`);
    expect(await page.locator('#answers img').count()).toBe(0);

    const cat = items.filter({ hasText: 'Do you have a cat?' });
    await cat.getByRole('button', { name: 'Edit the answer to Do you have a cat?' }).click();
    await page.getByLabel('Answer', { exact: true }).fill('Yes: Tensor, a grey cat.\nShe ignores me.');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.locator('#answers-status').innerText()).toContain('Saved');
    await eventually(() => cat.locator('.answer').innerText()).toBe('Yes: Tensor, a grey cat.\nShe ignores me.');
    await screenshot(page, 'dashboard-answers');

    page.once('dialog', (dialog) => void dialog.accept());
    await ski.getByRole('button', { name: /^Delete the answer to/ }).click();
    await eventually(() => items.count()).toBe(1);
    // The server has both changes, in the persona's answers.md (the filesystem store).
    const listed = await fetch(`${twin.url}/knowledge/answers`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(((await listed.json()) as { answers: unknown[] }).answers).toEqual([
      {
        id: expect.stringMatching(/^ans-/),
        question: 'Do you have a cat?',
        answer: 'Yes: Tensor, a grey cat.\nShe ignores me.',
      },
    ]);
    expect(await readFile(answersFile, 'utf8')).not.toContain('Do you ski?');
    expect(await inPage<string | undefined>(page, 'window.__pwned')).toBeUndefined();
    expect(watch.errors).toEqual([]);
  });

  it('fits a 375 px phone screen (wide tables scroll inside their panel)', async () => {
    const page = await signIn(PHONE);
    expect(await page.locator('.chart .uplot canvas').count()).toBe(3);
    const wide = await inPage<string[]>(
      page,
      `[...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-scroll'))
        .map((e) => e.tagName + '#' + e.id + '.' + e.className)`,
    );
    expect(wide).toEqual([]);
    const overflow = await inPage<number>(page, 'document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-phone');
  });
});
