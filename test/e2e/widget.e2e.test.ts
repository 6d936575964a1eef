import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, DESKTOP, eventually, inPage, launchChromium, PHONE, watchPage } from '../support/browser.js';
import { type HostSite, startHostSite } from '../support/host-site.js';
import { PERSONA_FACTS, startWebTwin, type WebTwin } from '../support/web-twin.js';

// Follows the README's "Chat widget on your own site": the owner's site (another origin, with a
// strict CSP) carries the one script tag; the twin allows that site in CORS_ORIGINS and
// TWIN_FRAME_ANCESTORS. localhost and 127.0.0.1 are two origins of the same host site.
describe('the chat widget on the owner’s own site, in Chromium', { timeout: 90_000 }, () => {
  let browser: Browser;
  let site: HostSite;
  let twin: WebTwin;
  let allowed: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await startHostSite();
    allowed = site.origin('localhost');
    twin = await startWebTwin({ env: { CORS_ORIGINS: allowed, TWIN_FRAME_ANCESTORS: allowed } });
    site.useTwin(twin.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await twin?.close();
    await site?.close();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  interface Visit {
    readonly page: Page;
    readonly errors: string[];
    /** Paths requested from the twin, in order (the page's and its frames' requests). */
    readonly twinRequests: string[];
  }

  async function newPage(viewport: { width: number; height: number } = DESKTOP): Promise<Visit> {
    context ??= await browser.newContext({ viewport });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    const twinRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(twin.url)) twinRequests.push(new URL(request.url()).pathname);
    });
    return { page, errors, twinRequests };
  }

  async function visit(
    url: string,
    viewport: { width: number; height: number } = DESKTOP,
    launcherName = 'Ask my AI twin',
  ): Promise<Visit> {
    const visited = await newPage(viewport);
    await visited.page.goto(url);
    await launcher(visited.page, launcherName).waitFor();
    return visited;
  }

  /** The viewport as the visitor sees it (the widget is fixed to it, so a full-page shot would misplace it). */
  async function screenshot(page: Page, name: string): Promise<void> {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
  }

  const launcher = (page: Page, name = 'Ask my AI twin') => page.getByRole('button', { name });
  const panel = (page: Page) => page.getByRole('dialog');
  const frame = (page: Page) => page.frameLocator('iframe');
  const messages = (page: Page) => frame(page).locator('#messages > li');

  /** The panel's document, for reading what a visitor cannot see (focus, storage). */
  async function panelDocument(page: Page): Promise<Frame> {
    await frame(page).locator('body[data-ready="true"]').waitFor();
    const found = page.frames().find((candidate) => candidate.url().startsWith(`${twin.url}/widget`));
    if (!found) throw new Error('the widget panel frame is missing');
    return found;
  }

  /** A computed style of an element (a string expression, so the tests need no DOM typings). */
  const styleOf = (locator: Locator, property: string) =>
    locator.evaluate((element, name) => {
      const view = globalThis as unknown as { getComputedStyle(of: unknown): { getPropertyValue(n: string): string } };
      return view.getComputedStyle(element).getPropertyValue(name);
    }, property);

  const inFrame = <T>(panelFrame: Frame, expression: string) => panelFrame.evaluate(expression) as Promise<T>;

  async function ask(page: Page, text: string): Promise<string> {
    const before = await messages(page).count();
    await frame(page).getByLabel('Your message').fill(text);
    await frame(page).getByLabel('Your message').press('Enter');
    const answer = messages(page).nth(before + 1);
    await answer.waitFor();
    await eventually(() => answer.getAttribute('aria-busy')).toBeNull();
    return (await answer.innerText()).trim();
  }

  /** What has focus, seen from the host page: its own elements by id or tag, the widget's by role. */
  const hostFocus = (page: Page) =>
    inPage<string>(
      page,
      `(() => {
        const active = document.activeElement;
        const inner = active?.shadowRoot?.activeElement;
        if (inner) return inner.tagName === 'IFRAME' ? 'widget panel' : 'widget launcher';
        return active?.id || active?.tagName || 'none';
      })()`,
    );

  it('loads nothing until opened, streams an answer, and keeps the conversation across reloads and pages', async () => {
    const { page, errors, twinRequests } = await visit(`${allowed}/`);
    // Beyond the tag itself, nothing is fetched until the launcher is first opened.
    expect(twinRequests).toEqual(['/widget.js']);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');

    await launcher(page).click();
    await panel(page).waitFor({ state: 'visible' });
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    await panelDocument(page);
    expect(twinRequests.slice(0, 3)).toEqual(['/widget.js', '/widget/status', '/widget']);
    // The twin's name, picture and greeting.
    expect(await frame(page).getByRole('heading', { level: 1 }).innerText()).toBe(PERSONA_FACTS.full_name);
    // The picture loads on its own after the panel is ready: wait for it, never assume it.
    await eventually(() =>
      frame(page)
        .locator('#avatar img')
        .evaluate((img) => (img as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await messages(page).first().innerText()).toContain("I'm Ada's AI twin");

    // Markdown, rendered as safely as on the chat page.
    const answer = await ask(page, 'Where do you live?');
    expect(answer).toContain('You asked:');
    const reply = messages(page).nth(2);
    expect(await reply.locator('strong').innerText()).toBe('You asked:');
    expect(await reply.getByRole('link', { name: 'my site' }).getAttribute('rel')).toContain('noopener');
    expect(await reply.locator('a[href^="javascript"]').count()).toBe(0);
    const panelFrame = await panelDocument(page);
    await eventually(() =>
      inFrame<boolean>(panelFrame, 'scrollY + innerHeight >= document.documentElement.scrollHeight - 1'),
    ).toBe(true);
    await screenshot(page, 'widget-desktop');

    // The answer streams in: part of it is on screen while the rest is still being written.
    await frame(page).getByLabel('Your message').fill('Tell me a long story');
    await frame(page).getByLabel('Your message').press('Enter');
    const story = messages(page).nth(4);
    await eventually(async () => ({
      busy: await story.getAttribute('aria-busy'),
      started: (await story.innerText()).includes('Once upon a time'),
    })).toEqual({ busy: 'true', started: true });
    await frame(page).getByRole('button', { name: 'Stop' }).click();
    await eventually(() => story.innerText()).toContain('Stopped.');

    // The session id stays with the host site (first-party storage), under the widget's own key.
    const key = `twin-widget:${twin.url}:session`;
    const sessionId = await inPage<string | null>(page, `localStorage.getItem(${JSON.stringify(key)})`);
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await twin.store.load(sessionId as never))?.messages.map((m) => m.content)).toEqual([
      'Where do you live?',
      expect.stringContaining('You asked:'),
      'Tell me a long story',
    ]);

    // Reload the host page: the conversation is still there when the launcher is opened again.
    await page.reload();
    await launcher(page).click();
    const reloaded = await panelDocument(page);
    await eventually(() => messages(page).count()).toBe(4);
    // The id came in the fragment (never sent to a server) and is gone from the frame's URL; no
    // data-accent, so the panel keeps its own colours.
    expect(reloaded.url()).toBe(`${twin.url}/widget`);
    expect(await messages(page).nth(1).innerText()).toContain('Where do you live?');
    expect(await messages(page).nth(2).locator('strong').innerText()).toBe('You asked:');

    // Another page of the same site continues the same conversation.
    await page.goto(`${allowed}/about`);
    await launcher(page).click();
    await panelDocument(page);
    await eventually(() => messages(page).count()).toBe(4);

    // New conversation forgets the old one, here and on the host site.
    await frame(page).getByRole('button', { name: 'New conversation' }).click();
    expect(await messages(page).count()).toBe(1);
    expect(await inPage<string | null>(page, `localStorage.getItem(${JSON.stringify(key)})`)).toBeNull();
    expect(errors).toEqual([]);
    expect(await inPage<string[]>(page, 'hostApp.violations')).toEqual([]);
  });

  it('never disturbs the host page: same styles, same script state, one global', async () => {
    const measure = `(() => {
      const pick = (selector) => {
        const style = getComputedStyle(document.querySelector(selector));
        return ['font-family', 'font-size', 'font-style', 'color', 'background-color', 'border-top-style',
          'border-top-width', 'padding-top', 'margin-top', 'box-sizing', 'line-height', 'display']
          .map((name) => name + ': ' + style.getPropertyValue(name)).join('; ');
      };
      const selectors = ['html', 'body', 'h1', 'nav a', 'p.lead', 'div.card', '#host-button', 'main p:last-child'];
      return {
        styles: Object.fromEntries(selectors.map((selector) => [selector, pick(selector)])),
        globals: Object.getOwnPropertyNames(window),
        scroll: [scrollX, scrollY],
        title: document.title,
      };
    })()`;
    interface Measured {
      styles: Record<string, string>;
      globals: string[];
      scroll: number[];
      title: string;
    }
    const baseline = await newPage();
    await baseline.page.goto(`${allowed}/plain`);
    await inPage(baseline.page, 'scrollTo(0, 300)');
    const without = await inPage<Measured>(baseline.page, measure);

    const { page, errors } = await visit(`${allowed}/`);
    await inPage(page, 'scrollTo(0, 300)');
    const loaded = await inPage<Measured>(page, measure);
    await launcher(page).click();
    await panelDocument(page);
    const keysBefore = await inPage<number>(page, 'hostApp.keys');
    await ask(page, 'Does the widget touch my page?');
    const used = await inPage<Measured>(page, measure);

    expect(without.scroll).toEqual([0, 300]);
    for (const measured of [loaded, used]) {
      expect(measured.styles).toEqual(without.styles);
      expect(measured.globals.filter((name) => !without.globals.includes(name))).toEqual(['TwinWidget']);
      expect(without.globals.filter((name) => !measured.globals.includes(name))).toEqual([]);
      expect(measured.scroll).toEqual(without.scroll);
      expect(measured.title).toBe(without.title);
    }
    expect(await inPage<string[]>(page, 'Object.keys(window.TwinWidget).sort()')).toEqual(['close', 'open', 'version']);
    // Typing in the panel never reaches the host's own key handlers; the host's button still works.
    expect(await inPage<number>(page, 'hostApp.keys')).toBe(keysBefore);
    await page.locator('#host-button').click();
    expect(await page.locator('#clicks').innerText()).toBe('1');
    expect(await inPage<number>(page, 'hostApp.clicks')).toBe(1);

    // The host's greedy rules (button, div, iframe, svg, :root variables, rem) do not reach the widget.
    const look = await Promise.all(
      ['background-color', 'font-family', 'font-size', 'border-radius'].map((name) => styleOf(launcher(page), name)),
    );
    expect(look.join(' | ')).toMatch(/^rgb\(47, 91, 211\) \| system-ui, .* \| 15px \| 26px$/);
    expect(await styleOf(page.locator('iframe'), 'border-top-width')).toBe('0px');
    const iconSize = await styleOf(launcher(page).locator('svg'), 'width');
    expect(iconSize).toBe('22px');
    expect(errors).toEqual([]);
    expect(await inPage<string[]>(page, 'hostApp.violations')).toEqual([]);
  });

  it('works with the keyboard alone: Tab to the launcher, Enter opens, focus stays in, Escape returns it', async () => {
    const { page, errors } = await visit(`${allowed}/`);
    for (let i = 0; i < 10 && (await hostFocus(page)) !== 'widget launcher'; i++) await page.keyboard.press('Tab');
    expect(await hostFocus(page)).toBe('widget launcher');

    await page.keyboard.press('Enter');
    const panelFrame = await panelDocument(page);
    await eventually(() => inFrame<string>(panelFrame, 'document.activeElement?.id')).toBe('message');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await eventually(() => messages(page).count()).toBe(3);
    await eventually(() => messages(page).nth(2).getAttribute('aria-busy')).toBeNull();

    // Focus is trapped: Tab and Shift+Tab cycle through the panel's controls and never leave it.
    const seen = new Set<string>();
    for (const key of [...Array(14).fill('Tab'), ...Array(6).fill('Shift+Tab')] as string[]) {
      await page.keyboard.press(key);
      expect(await hostFocus(page)).toBe('widget panel');
      const inside = await inFrame<string>(
        panelFrame,
        // Icon buttons (copy, thumbs) are named by aria-label.
        "document.activeElement?.id || document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent",
      );
      expect(inside).not.toBe('');
      seen.add(inside);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['close-widget', 'new-conversation', 'message', 'send']));

    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'hidden' });
    expect(await hostFocus(page)).toBe('widget launcher');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    // Enter opens it again, with the conversation, and the close button closes it.
    await page.keyboard.press('Enter');
    await panel(page).waitFor({ state: 'visible' });
    await eventually(() => inFrame<string>(panelFrame, 'document.activeElement?.id')).toBe('message');
    expect(await messages(page).count()).toBe(3);
    await frame(page).getByRole('button', { name: 'Close chat' }).press('Enter');
    await panel(page).waitFor({ state: 'hidden' });
    expect(await hostFocus(page)).toBe('widget launcher');
    expect(errors).toEqual([]);
  });

  it('fills a 375 px phone screen when open', async () => {
    const { page, errors } = await visit(`${allowed}/`, PHONE);
    await screenshot(page, 'widget-phone-closed');
    await launcher(page).click();
    const panelFrame = await panelDocument(page);
    expect(await panel(page).boundingBox()).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    expect(await launcher(page).isHidden()).toBe(true);
    await ask(page, `A long word on a small screen: ${'x'.repeat(120)}`);
    expect(
      await inFrame<number>(panelFrame, 'document.documentElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(0);
    expect(await frame(page).getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    expect(await frame(page).getByRole('button', { name: 'Close chat' }).isVisible()).toBe(true);
    await screenshot(page, 'widget-phone');
    // Delete my conversation (confirmed inside the panel) forgets it on the twin and on the host site.
    const key = JSON.stringify(`twin-widget:${twin.url}:session`);
    const sessionId = await inPage<string>(page, `localStorage.getItem(${key})`);
    page.once('dialog', (dialog) => void dialog.accept());
    await frame(page).getByRole('button', { name: 'Options' }).click();
    await frame(page).getByRole('menuitem', { name: 'Delete my conversation' }).click();
    await eventually(() => messages(page).count()).toBe(1);
    expect(await twin.store.load(sessionId as never)).toBeNull();
    expect(await inPage<string | null>(page, `localStorage.getItem(${key})`)).toBeNull();
    await frame(page).getByRole('button', { name: 'Close chat' }).click();
    await panel(page).waitFor({ state: 'hidden' });
    expect(await launcher(page).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('follows the tag’s data- options: corner, colour, launcher text, open on load', async () => {
    const { page, errors } = await visit(`${allowed}/options`, DESKTOP, 'Talk to Ada');
    // Open on load, without taking the visitor's focus.
    await panel(page).waitFor({ state: 'visible' });
    const panelFrame = await panelDocument(page);
    expect(await hostFocus(page)).toBe('BODY');
    const box = await launcher(page, 'Talk to Ada').boundingBox();
    expect(box?.x).toBe(20);
    expect(await styleOf(launcher(page, 'Talk to Ada'), 'background-color')).toBe('rgb(10, 125, 56)');
    expect((await panel(page).boundingBox())?.x).toBe(20);
    expect(await inFrame<string>(panelFrame, "getComputedStyle(document.getElementById('send')).backgroundColor")).toBe(
      'rgb(10, 125, 56)',
    );
    await screenshot(page, 'widget-options-desktop');
    expect(errors).toEqual([]);
  });

  it('tells the owner clearly, and opens no panel, on a site the twin does not allow', async () => {
    const { page, errors, twinRequests } = await visit(`${site.origin('127.0.0.1')}/`);
    await launcher(page).click();
    const notice = page.getByRole('alert');
    await notice.waitFor();
    expect(await notice.innerText()).toBe('Chat is not available on this site.');
    const refused = site.origin('127.0.0.1');
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `this site \\(${refused.replaceAll('.', '\\.')}\\) is not allowed .*CORS_ORIGINS and TWIN_FRAME_ANCESTORS.*twin widget snippet --site`,
        ),
      ),
    ]);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await panel(page).count()).toBe(0);
    expect(twinRequests).toEqual(['/widget.js', '/widget/status']);
    await screenshot(page, 'widget-refused');
  });

  it('says so, instead of showing a blank panel, when the site’s CSP forgot frame-src', async () => {
    const { page, errors } = await visit(`${allowed}/no-frame-src`);
    await launcher(page).click();
    const notice = page.getByRole('alert');
    await notice.waitFor();
    expect(await notice.innerText()).toBe('Chat is unavailable right now.');
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringContaining(`blocks the chat panel: add ${twin.url} to its frame-src`)]),
    );
  });
});
