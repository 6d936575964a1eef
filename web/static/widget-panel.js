// The chat page inside the widget's iframe (/widget): chat.js does the chatting; this module
// connects it to the loader on the host page (web/widget.js) through postMessage.
import { keepSessionWith } from './session-memory.js';

const SESSION_ID = /^[A-Za-z0-9_-]{8,128}$/;
const framed = window.parent !== window;
const fragment = new URLSearchParams(location.hash.slice(1));
const hostOrigin = fragment.get('origin') ?? '';
// Session ids are capabilities: they only go to the host origin the loader named, never to '*'.
const target = /^https?:\/\/[^/]+$/.test(hostOrigin) ? hostOrigin : null;

function tell(type, extra = {}) {
  if (framed) window.parent.postMessage({ twinWidget: 1, type, ...extra }, target ?? '*');
}

if (framed && target) {
  const given = fragment.get('session');
  keepSessionWith(given && SESSION_ID.test(given) ? given : null, (sessionId) => tell('session', { sessionId }));
  // The id has been read: keep it out of the frame's URL.
  history.replaceState(null, '', location.pathname + location.search);
}

/** The owner's colour (data-accent), with readable text on it. CSSOM only, which the page's CSP allows. */
function applyAccent(colour) {
  if (!colour || !CSS.supports('color', colour)) return;
  const probe = document.createElement('span');
  probe.style.color = colour;
  document.body.append(probe);
  const rgb = /^rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)/.exec(getComputedStyle(probe).color);
  probe.remove();
  const [r, g, b] = (rgb?.slice(1, 4) ?? ['0', '0', '0']).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const text = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#111111' : '#ffffff';
  const root = document.documentElement.style;
  for (const name of ['--accent', '--user-bubble']) root.setProperty(name, colour);
  for (const name of ['--accent-text', '--user-text']) root.setProperty(name, text);
}
applyAccent(new URLSearchParams(location.search).get('accent'));

/** What Tab may reach, in order: the panel keeps focus inside itself while it is open. */
function tabbable() {
  return [...document.querySelectorAll('a[href], button, textarea, input, select, [tabindex]')].filter(
    (el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0,
  );
}

if (framed) {
  const close = document.getElementById('close-widget');
  close.hidden = false;
  close.addEventListener('click', () => tell('close'));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.isComposing) {
      event.preventDefault();
      tell('close');
      return;
    }
    if (event.key !== 'Tab') return;
    const items = tabbable();
    const first = items[0];
    const last = items.at(-1);
    const current = document.activeElement;
    if (event.shiftKey && (current === first || !items.includes(current))) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && (current === last || !items.includes(current))) {
      event.preventDefault();
      first?.focus();
    }
  });
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.data?.twinWidget !== 1) return;
    if (event.data.type === 'open') document.getElementById('message').focus();
  });
  tell('ready');
}
