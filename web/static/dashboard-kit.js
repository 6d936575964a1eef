// What every dashboard panel module shares: the admin token, panel states, formatting.
import { adminGet, adminSend } from './admin-api.js';

export const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The signed-in owner: dashboard.js sets the token and `onSignedOut(error)`, which signs out
 * and answers true for a SignedOut error, false for any other.
 */
export const session = { token: null, onSignedOut: (_error) => false };

export class SignedOut extends Error {}

export const UNAVAILABLE = 'Not available on this server yet.';

export function panelState(name, text, kind = '') {
  const element = document.querySelector(`[data-state-for="${name}"]`);
  element.textContent = text;
  element.className = `panel-state ${kind}`.trim();
  // CSS hides a panel's empty table or chart while it has nothing to show.
  element.closest('section, dialog').dataset.state = kind || 'shown';
}

/** Loads `path` into a panel: loading, unavailable (404) and failed states are shown in it. */
export async function panel(name, path, render) {
  panelState(name, 'Loading…');
  try {
    const data = await adminGet(path, session.token);
    if (data === null) {
      panelState(name, UNAVAILABLE, 'unavailable');
      return null;
    }
    panelState(name, '');
    render(data);
    return data;
  } catch (error) {
    if (error.status === 401) throw new SignedOut(error.message);
    panelState(name, `Could not load: ${error.message}`, 'failed');
    return null;
  }
}

/** An owner action (answer, dismiss...): rejects with SignedOut on 401, with the API error otherwise. */
export async function act(path, body) {
  try {
    return await adminSend('POST', path, session.token, body);
  } catch (error) {
    if (error.status === 401) throw new SignedOut(error.message);
    throw error;
  }
}

export function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : dates.format(date);
}

export function formatMs(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${numbers.format(ms / 1000)} s`;
}

export function formatShare(share) {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`;
}

export function formatUsd(usd) {
  if (!Number.isFinite(usd)) return '–';
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: usd !== 0 && usd < 0.1 ? 4 : 2,
  }).format(usd);
}

export function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

export function button(text, { className = 'secondary', label, onClick } = {}) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  if (label) element.setAttribute('aria-label', label);
  if (onClick) element.addEventListener('click', onClick);
  return element;
}

/** A definition list of figures: [[label, value], ...]. */
export function figureList(list, figures) {
  list.replaceChildren(
    ...figures.map(([label, value]) => {
      const wrap = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = label;
      dd.textContent = value;
      wrap.append(dt, dd);
      return wrap;
    }),
  );
}

/** "3 up · 1 down", the feedback a session or an answer got. */
export function thumbs(feedback) {
  const up = feedback?.up ?? 0;
  const down = feedback?.down ?? 0;
  return up + down === 0 ? '–' : `${up} up · ${down} down`;
}

/**
 * Gives each cell its column's heading as data-label, which phones show beside the value
 * when the table stacks into cards (dashboard.css). Columns without a visible heading
 * (actions) get none.
 */
export function labelColumns(table) {
  const headings = [...table.tHead.rows[0].cells].map((th) =>
    th.querySelector('.visually-hidden') ? '' : th.textContent.trim(),
  );
  for (const row of table.tBodies[0].rows) {
    if (row.cells.length !== headings.length) continue;
    [...row.cells].forEach((td, i) => {
      if (headings[i]) td.dataset.label = headings[i];
    });
  }
}
