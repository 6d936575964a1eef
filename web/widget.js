/*! digital-twin chat widget: one launcher button; the chat is this twin's /widget page in an iframe (docs/adr/0900). */
(() => {
  const NAME = 'TwinWidget';
  if (window[NAME]) {
    console.warn('Twin widget: already on this page; the second tag was ignored.');
    return;
  }
  const script = document.currentScript ?? document.querySelector('script[src*="/widget.js"]');
  if (!script?.src) return;
  const base = new URL('.', script.src);
  const twin = base.origin;
  const TAG = `Twin widget (${twin}):`;

  // Every option is read through `read`, and README's "Chat widget on your own site" lists the
  // same names: test/unit/widget-docs.test.ts compares the two, so they cannot drift apart.
  const read = (name) => script.getAttribute(`data-${name}`);
  const choice = (name, allowed, fallback) => {
    const value = read(name);
    if (value === null || allowed.includes(value)) return value ?? fallback;
    console.warn(`${TAG} data-${name}="${value}" is not one of ${allowed.join(', ')}; using ${fallback}.`);
    return fallback;
  };
  const position = choice('position', ['bottom-right', 'bottom-left'], 'bottom-right');
  // Only an owner's colour goes to the panel, which otherwise keeps its own (and its dark theme's).
  let ownAccent = read('accent');
  if (ownAccent !== null && !CSS.supports('color', ownAccent)) {
    console.warn(`${TAG} data-accent="${ownAccent}" is not a CSS colour; using the default.`);
    ownAccent = null;
  }
  const accent = ownAccent ?? '#2f5bd3';
  const openOnLoad = choice('open', ['true', 'false', ''], 'false') !== 'false';
  const launcherText = read('launcher-text')?.trim() || 'Ask my AI twin';

  // The session id lives in this site's storage: browsers often refuse storage to third-party
  // frames, and the visitor's conversation must follow them across the site's pages.
  const KEY = `twin-widget:${twin}:session`;
  const SESSION_ID = /^[A-Za-z0-9_-]{8,128}$/;
  let sessionInPage = null;
  const session = {
    get() {
      try {
        return localStorage.getItem(KEY);
      } catch {
        return sessionInPage;
      }
    },
    set(id) {
      sessionInPage = id;
      try {
        if (id) localStorage.setItem(KEY, id);
        else localStorage.removeItem(KEY);
      } catch {
        // Storage refused: the conversation lasts for this page.
      }
    },
  };

  const CSS_TEXT = `
:host { all: initial !important; }
[hidden] { display: none !important; }
.launcher, .panel, .notice { position: fixed; z-index: 2147483000; bottom: 20px; right: 20px; }
.left .launcher, .left .panel, .left .notice { right: auto; left: 20px; }
.launcher { display: inline-flex; align-items: center; gap: 8px; box-sizing: border-box; min-height: 52px;
  max-width: calc(100vw - 40px); margin: 0; padding: 0 20px 0 16px; border: 0; border-radius: 26px;
  background: var(--twin-accent); color: var(--twin-on-accent); cursor: pointer;
  font: 600 15px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.25); }
.launcher:focus-visible { outline: 3px solid #f0a202; outline-offset: 3px; }
.launcher svg { flex: none; width: 22px; height: 22px; fill: currentColor; }
.launcher span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.panel { bottom: 84px; width: min(400px, calc(100vw - 40px)); height: min(640px, calc(100vh - 104px));
  border-radius: 16px; overflow: hidden; background: #fff; box-shadow: 0 12px 48px rgba(0, 0, 0, 0.3); }
.panel iframe { display: block; width: 100%; height: 100%; margin: 0; padding: 0; border: 0; }
.notice { bottom: 84px; box-sizing: border-box; max-width: min(300px, calc(100vw - 40px)); margin: 0;
  padding: 10px 14px; border-radius: 10px; background: #1b1f24; color: #fff;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
@media (max-width: 480px) {
  .panel, .left .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .open .launcher { display: none; }
}
@media (prefers-reduced-motion: no-preference) { .launcher { transition: transform 0.15s; } .launcher:hover { transform: scale(1.04); } }`;

  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS_TEXT);
  root.adoptedStyleSheets = [sheet];
  const shell = document.createElement('div');
  shell.className = position === 'bottom-left' ? 'left' : 'right';
  shell.style.setProperty('--twin-accent', accent);

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-haspopup', 'dialog');
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  const bubble = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  bubble.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  icon.append(bubble);
  const label = document.createElement('span');
  label.textContent = launcherText;
  launcher.className = 'launcher';
  launcher.append(icon, label);

  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.id = 'twin-widget-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'true');
  panel.setAttribute('aria-label', launcherText);
  launcher.setAttribute('aria-controls', panel.id);

  const notice = document.createElement('p');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  notice.hidden = true;
  shell.append(launcher, panel, notice);
  root.append(shell);

  let frame = null;
  let ready = null;
  let markReady = () => {};
  let allowed = null;
  let isOpen = false;
  let opening = null;

  /** Dark text on a light accent, white on a dark one (WCAG relative luminance). */
  function textOn(colour) {
    const rgb = /^rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)/.exec(colour);
    if (!rgb) return '#fff';
    const [r, g, b] = rgb.slice(1, 4).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#111' : '#fff';
  }

  /** Asks the twin whether this site may show it, once; explains a refusal to the site's owner. */
  function mayOpen() {
    allowed ??= fetch(new URL('widget/status', base), { credentials: 'omit' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((status) => {
        if (status.allowed) return true;
        const settings = status.missing?.length
          ? status.missing.join(' and ')
          : 'CORS_ORIGINS and TWIN_FRAME_ANCESTORS';
        console.error(
          `${TAG} this site (${location.origin}) is not allowed to show the chat, so no panel was opened. ` +
            `The twin's owner must add ${location.origin} to ${settings} on the twin and restart it; ` +
            `"twin widget snippet --site ${location.origin}" prints the exact settings.`,
        );
        return 'not-allowed';
      })
      .catch((error) => {
        allowed = null; // the twin may be back next time
        console.error(
          `${TAG} could not reach the twin (${error.message}). If this site sends a Content-Security-Policy, ` +
            `it must allow ${twin} in script-src, connect-src and frame-src.`,
        );
        return 'unreachable';
      });
    return allowed;
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function buildFrame() {
    frame = document.createElement('iframe');
    frame.title = launcherText;
    const url = new URL('widget', base);
    if (ownAccent) url.searchParams.set('accent', ownAccent);
    const hash = new URLSearchParams({ origin: location.origin });
    const id = session.get();
    if (id && SESSION_ID.test(id)) hash.set('session', id);
    url.hash = hash.toString();
    ready = new Promise((resolve) => {
      markReady = resolve;
    });
    frame.src = url.href;
    panel.append(frame);
  }

  function open({ focus = true } = {}) {
    opening ??= (async () => {
      const verdict = await mayOpen();
      if (verdict !== true) {
        showNotice(
          verdict === 'not-allowed' ? 'Chat is not available on this site.' : 'Chat is unavailable right now.',
        );
        return;
      }
      notice.hidden = true;
      if (!frame) buildFrame();
      panel.hidden = false;
      isOpen = true;
      shell.classList.add('open');
      launcher.setAttribute('aria-expanded', 'true');
      if (focus) {
        if (!(await ready)) return;
        frame.focus();
        frame.contentWindow.postMessage({ twinWidget: 1, type: 'open' }, twin);
      }
    })().finally(() => {
      opening = null;
    });
    return opening;
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    shell.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  // A host CSP without the twin in frame-src blocks the panel: say so rather than show a blank frame.
  document.addEventListener('securitypolicyviolation', (event) => {
    if (!frame || !event.blockedURI.startsWith(twin) || !/^(frame|child|default)-src/.test(event.violatedDirective)) {
      return;
    }
    console.error(`${TAG} this site's Content-Security-Policy blocks the chat panel: add ${twin} to its frame-src.`);
    frame.remove();
    frame = null;
    markReady(false);
    close();
    showNotice('Chat is unavailable right now.');
  });
  launcher.addEventListener('click', () => (isOpen ? close() : void open()));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen) close();
  });
  window.addEventListener('message', (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== twin) return;
    const data = event.data;
    if (data?.twinWidget !== 1) return;
    if (data.type === 'ready') markReady(true);
    else if (data.type === 'close') close();
    else if (data.type === 'session' && (data.sessionId === null || SESSION_ID.test(data.sessionId))) {
      session.set(data.sessionId);
    }
  });

  window[NAME] = Object.freeze({ version: 1, open: () => open(), close });

  function mount() {
    document.body.append(host);
    shell.style.setProperty('--twin-on-accent', textOn(getComputedStyle(launcher).backgroundColor));
    // Opening on load would cover a phone's whole screen, and never takes the visitor's focus.
    if (openOnLoad && !matchMedia('(max-width: 480px)').matches) void open({ focus: false });
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
