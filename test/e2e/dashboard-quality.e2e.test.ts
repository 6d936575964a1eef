import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnalyticsStore } from '../../src/adapters/memory/in-memory-analytics-store.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import {
  ARTIFACTS_DIR,
  DESKTOP,
  eventually,
  inPage,
  launchChromium,
  PHONE,
  screenshot,
  watchPage,
} from '../support/browser.js';
import { ADMIN_TOKEN } from '../support/http-fixture.js';
import { answerRecord, storeTurn } from '../support/rated-conversations.js';
import { startWebTwin, type WebTwin, webScript } from '../support/web-twin.js';

async function post(url: string, body: object): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

const RATED = '70bf7608-38fb-4147-ab6f-4e322fd89733' as SessionId;
const OLDER = 'db3106ee-bffe-486a-a693-fcf7a45ff8f4' as SessionId;

describe('the owner dashboard acts on quality, feedback, gaps and leads, in Chromium', { timeout: 90_000 }, () => {
  let browser: Browser;
  let twin: WebTwin;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    const analytics = new InMemoryAnalyticsStore();
    twin = await startWebTwin({
      overrides: { analytics },
      // The twin records gaps and leads through its tools, as a model with function calling does.
      script: async (request) => {
        const question = request.messages.at(-1)?.content ?? '';
        if (/dog|sail|kite/i.test(question)) {
          await request.tools?.recordUnknownQuestion(question);
          return "I don't know that one.";
        }
        const email = /[\w.]+@[\w.]+/.exec(question)?.[0];
        if (email) {
          await request.tools?.recordUserDetails({ email, name: 'Grace Hopper', notes: 'Wants a talk' });
          return 'Thanks, I will pass it on.';
        }
        return webScript(request);
      },
    });
    for (const question of [
      'Do you have a dog?',
      'Can you sail?',
      'Do you fly kites?',
      'Please contact me: grace@example.org',
    ]) {
      expect((await post(`${twin.url}/chat`, { message: question })).status).toBe(200);
    }
    // Answers as the chat turn records them (latency, tokens, cost, persona version), in the last days.
    const clock = new FixedClock(new Date(Date.now() - 2 * 86_400_000));
    await storeTurn(
      twin.store,
      analytics,
      clock,
      OLDER,
      'What was the old lamp like?',
      'Oil, then gas.',
      answerRecord({ persona_version: 'a1b2c3d4e5f60001', latency_ms: 2400 }),
    );
    clock.set(new Date(Date.now() - 60_000));
    await storeTurn(
      twin.store,
      analytics,
      clock,
      RATED,
      'How tall is the lighthouse?',
      'Forty-two metres.',
      answerRecord({
        persona_version: 'ffee000011112222',
        latency_ms: 900,
        time_to_first_token_ms: 180,
        cost_usd: 0.0021,
      }),
    );
    await storeTurn(
      twin.store,
      analytics,
      clock,
      RATED,
      'Who built it?',
      'Engineers in 1868.',
      answerRecord({ persona_version: 'ffee000011112222', latency_ms: 1300, cost_usd: 0.0019 }),
    );
    const rate = (session: string, body: object) => post(`${twin.url}/conversation/${session}/feedback`, body);
    expect(
      (await rate(RATED, { message_index: 1, rating: 'down', comment: 'It is 48 metres, check again' })).status,
    ).toBe(204);
    expect((await rate(RATED, { message_index: 3, rating: 'up' })).status).toBe(204);
    expect((await rate(OLDER, { message_index: 1, rating: 'down' })).status).toBe(204);
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

  it('shows response time, usage and cost, satisfaction and persona versions side by side', async () => {
    const page = await signIn();
    const watch = watchPage(page);
    const latency = await page.locator('#latency').innerText();
    expect(latency).toMatch(/Whole answer\s+\d/);
    expect(latency).toMatch(/First token \(streamed\)\s+1\d\d ms/);
    // The four chats answered through the turn pipeline count too: 4 + 3 answers.
    const cost = await page.locator('#cost-figures').innerText();
    expect(cost).toMatch(/Answers\s+7/);
    expect(cost).toMatch(/Cost\s+\$0\.00\d\d/);
    expect(await page.locator('#satisfaction-figures').innerText()).toMatch(
      /Thumbs up\s+1\s+Thumbs down\s+2\s+Satisfaction\s+33 %/,
    );

    // Versions side by side: a column each (the persona folder's own version answered the chats).
    const versions = page.locator('#versions');
    const heads = await versions.locator('thead th').allInnerTexts();
    expect(heads[0]).toBe('Persona version');
    expect(heads).toHaveLength(4);
    const column = (version: string) => heads.findIndex((h) => h.startsWith(version));
    const row = async (label: string) =>
      versions.locator('tbody tr', { hasText: label }).locator('th, td').allInnerTexts();
    const answers = await row('Answers');
    const satisfaction = await row('Satisfaction');
    expect(answers[column('ffee000011112222')]).toBe('2');
    expect(satisfaction[column('ffee000011112222')]).toBe('50 %');
    expect(answers[column('a1b2c3d4e5f60001')]).toBe('1');
    expect(satisfaction[column('a1b2c3d4e5f60001')]).toBe('0 %');
    expect(heads[column('a1b2c3d4e5f60001')]).not.toContain('(latest)');
    await screenshot(page, 'dashboard-quality-desktop');
    expect(watch.errors).toEqual([]);
  });

  it('labels the activity axis by day for days, by hour for hours', async () => {
    const page = await signIn();
    const labels = () => page.locator('#timeseries-chart').getAttribute('data-x-labels');
    const week = (await labels())?.split('|') ?? [];
    expect(week.length).toBeGreaterThanOrEqual(4);
    // Day labels name days ("Mon 24"), never times of day.
    for (const label of week) expect(label).not.toMatch(/\d:\d\d|am|pm/i);
    await page.getByLabel('Period').selectOption('1:hour');
    await page.waitForSelector('body[data-loaded="true"]');
    await eventually(async () => (await labels())?.split('|').every((l) => /\d:\d\d/.test(l))).toBe(true);
  });

  it('lists thumbs-down answers first, shows thumbs-up on request, and turns one into a knowledge gap', async () => {
    const page = await signIn();
    const list = page.locator('#feedback-list > li');
    await eventually(() => list.count()).toBe(2);
    // Newest rating first: the older session's answer was rated last.
    expect(await list.first().innerText()).toContain('What was the old lamp like?');
    const first = list.filter({ hasText: 'How tall is the lighthouse?' });
    expect(await first.innerText()).toContain('Question: How tall is the lighthouse?');
    expect(await first.innerText()).toContain('Answer: Forty-two metres.');
    expect(await first.innerText()).toContain('Comment: It is 48 metres, check again');

    await first.getByRole('button', { name: /Add “How tall is the lighthouse\?” to the knowledge gaps/ }).click();
    await eventually(() => first.getByRole('button', { name: /knowledge gaps/ }).innerText()).toBe(
      'Added to knowledge gaps',
    );
    await eventually(() => page.locator('#gaps').innerText()).toContain('How tall is the lighthouse?');

    await page.getByRole('button', { name: 'Thumbs up', exact: true }).click();
    await eventually(() => page.locator('#feedback-list').innerText()).toContain('Who built it?');
    expect(await list.count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Thumbs up', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('answers a knowledge gap in place (it joins answers.md) and dismisses another', async () => {
    const page = await signIn();
    const row = page.locator('#gaps tbody tr', { hasText: 'Do you have a dog?' });
    await row.getByRole('button', { name: 'Answer: Do you have a dog?' }).click();
    const box = page.getByLabel(/Your answer to “Do you have a dog\?”/);
    await box.fill('Yes, a collie called Turing.');
    await screenshot(page, 'dashboard-gap-answer-desktop', { fullPage: false });
    await page.getByRole('button', { name: 'Save answer' }).click();
    await eventually(() => page.locator('#gaps tbody tr', { hasText: 'Do you have a dog?' }).innerText()).toContain(
      'Answered',
    );
    expect(await page.locator('#gaps-status').innerText()).toContain('Answered: Do you have a dog?');
    const answers = await readFile(path.join(twin.personaDir, 'answers.md'), 'utf8');
    expect(answers).toContain('Yes, a collie called Turing.');

    await page
      .locator('#gaps tbody tr', { hasText: 'Can you sail?' })
      .getByRole('button', { name: 'Dismiss: Can you sail?' })
      .click();
    await eventually(() => page.locator('#gaps tbody tr', { hasText: 'Can you sail?' }).innerText()).toContain(
      'Dismissed',
    );
  });

  it('shows leads and recent sessions with their first question and feedback', async () => {
    const page = await signIn();
    const lead = page.locator('#leads tbody tr', { hasText: 'grace@example.org' });
    expect(await lead.innerText()).toMatch(/grace@example\.org\s+Grace Hopper\s+Wants a talk/);
    expect(await lead.getByRole('link', { name: 'grace@example.org' }).getAttribute('href')).toBe(
      'mailto:grace@example.org',
    );
    await lead.getByRole('button', { name: 'View the conversation with grace@example.org' }).click();
    await eventually(() => page.getByRole('dialog').locator('li').count()).toBe(2);
    expect(await page.getByRole('dialog').innerText()).toContain('Please contact me: grace@example.org');
    await page.keyboard.press('Escape');

    const session = page.locator('#sessions tbody tr', { hasText: 'How tall is the lighthouse?' });
    expect(await session.innerText()).toMatch(/How tall is the lighthouse\?\s+4\s+1 up · 1 down/);
  });

  it('works with the keyboard alone: answering a gap, switching feedback, the period', async () => {
    const page = await signIn();
    const focused = () =>
      inPage<string>(
        page,
        "document.activeElement?.getAttribute('aria-label') || document.activeElement?.id || document.activeElement?.textContent",
      );
    async function tabTo(target: string): Promise<void> {
      for (let i = 0; i < 80 && (await focused()) !== target; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(target);
    }
    await tabTo('Thumbs up');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('#feedback-list').innerText()).toContain('Who built it?');
    await tabTo('Answer: Do you fly kites?');
    await page.keyboard.press('Enter');
    expect(await inPage<string>(page, 'document.activeElement.tagName')).toBe('TEXTAREA');
    await page.keyboard.type('Only on windy beach days.');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Save answer');
    await page.keyboard.press('Enter');
    const row = page.locator('#gaps tbody tr', { hasText: 'Do you fly kites?' });
    await eventually(() => row.innerText()).toContain('Answered');
    // Focus lands on the answered row, not back at the top of the page.
    expect(await inPage<string>(page, 'document.activeElement.textContent')).toBe('Do you fly kites?');
  });

  it('fits a 375 px phone screen with every new panel', async () => {
    const page = await signIn(PHONE);
    const wide = await inPage<string[]>(
      page,
      `[...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-scroll'))
        .map((e) => e.tagName + '#' + e.id + '.' + e.className)`,
    );
    expect(wide).toEqual([]);
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(
      0,
    );
    await screenshot(page, 'dashboard-quality-phone');
    // The long page, panel by panel, to look at on a phone's scale.
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    for (const id of ['quality', 'feedback', 'gaps', 'versions', 'sessions', 'leads']) {
      await page
        .locator(`section[aria-labelledby="${id}-heading"]`)
        .screenshot({ path: path.join(ARTIFACTS_DIR, `dashboard-phone-${id}.png`) });
    }
  });
});
