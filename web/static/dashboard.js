import { adminGet, clearToken, storedToken, storeToken } from './admin-api.js';
import { renderAnswers } from './answers-panel.js';
import { barChart, timeChart } from './charts.js';

const $ = (id) => document.getElementById(id);
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

let token = storedToken();
let nextCursor = null;

function panelState(name, text, kind = '') {
  const element = document.querySelector(`[data-state-for="${name}"]`);
  element.textContent = text;
  element.className = `panel-state ${kind}`.trim();
  // CSS hides a panel's empty table or chart while it has nothing to show.
  element.closest('section, dialog').dataset.state = kind || 'shown';
}

const UNAVAILABLE = 'Not available on this server yet.';

class SignedOut extends Error {}

// Each panel loads on its own: one failing or missing route never blanks the others.
async function panel(name, path, render) {
  panelState(name, 'Loading…');
  try {
    const data = await adminGet(path, token);
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

function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${numbers.format(seconds / 60)} min`;
  return `${numbers.format(seconds / 3600)} h`;
}

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : dates.format(date);
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

function renderFigures(analytics) {
  const figures = [
    ['Conversations', numbers.format(analytics.total_sessions ?? 0)],
    ['Messages', numbers.format(analytics.total_messages ?? 0)],
    ['Messages per conversation', numbers.format(analytics.avg_messages_per_session ?? 0)],
    ['Average duration', formatDuration(analytics.avg_duration_seconds)],
    // question_rate is already a percentage of visitor messages (0-100).
    ['Questions', `${numbers.format(analytics.question_rate ?? 0)} %`],
  ];
  $('figures').replaceChildren(
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

function barList(
  list,
  entries,
  format = (value) => numbers.format(value),
  max = Math.max(1, ...entries.map((e) => e.value)),
) {
  list.replaceChildren(
    ...entries.map(({ label, value }) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'label';
      name.textContent = label;
      const meter = document.createElement('meter');
      meter.min = 0;
      meter.max = max;
      meter.value = value;
      meter.setAttribute('aria-label', `${label}: ${format(value)}`);
      const count = document.createElement('span');
      count.className = 'value';
      count.textContent = format(value);
      item.append(name, meter, count);
      return item;
    }),
  );
}

function renderTopics(analytics) {
  const topics = analytics.top_topics ?? [];
  if (topics.length === 0) panelState('topics', 'No topics yet.');
  barList(
    $('topics'),
    topics.map((t) => ({ label: t.topic, value: t.count })),
  );
}

function renderSentiment(analytics) {
  const s = analytics.sentiment ?? {};
  barList(
    $('sentiment'),
    [
      { label: 'Positive', value: s.positive ?? 0 },
      { label: 'Neutral', value: s.neutral ?? 0 },
      { label: 'Negative', value: s.negative ?? 0 },
    ],
    (share) => `${Math.round(share * 100)} %`,
    1,
  );
}

function renderHours(analytics) {
  const perHour = new Array(24).fill(0);
  for (const { hour, messages } of analytics.most_active_hours ?? []) {
    if (hour >= 0 && hour < 24) perHour[hour] = messages;
  }
  barChart(
    $('hours-chart'),
    perHour.map((_, h) => String(h).padStart(2, '0')),
    perHour,
    'Messages',
  );
}

function weekdayName(weekday) {
  if (typeof weekday === 'number') return WEEKDAYS[weekday] ?? String(weekday);
  return String(weekday);
}

function renderWeekdays(analytics) {
  let days = analytics.most_active_weekdays ?? [];
  if (days.every((d) => Number.isInteger(d.weekday) && d.weekday >= 0 && d.weekday < 7)) {
    // Numbered weekdays: show the whole week, quiet days as zero, in the calendar's order.
    const counts = new Map(days.map((d) => [d.weekday, d.messages]));
    days = WEEKDAYS.map((_, weekday) => ({ weekday, messages: counts.get(weekday) ?? 0 }));
  }
  barChart(
    $('weekdays-chart'),
    days.map((d) => weekdayName(d.weekday).slice(0, 3)),
    days.map((d) => d.messages),
    'Messages',
  );
}

function renderTimeseries(series) {
  const points = series.points ?? [];
  if (points.length === 0) panelState('timeseries', 'No activity in this period.');
  timeChart(
    $('timeseries-chart'),
    points.map((p) => Date.parse(p.start) / 1000),
    [
      { label: 'Messages', values: points.map((p) => p.messages ?? 0) },
      { label: 'Conversations', values: points.map((p) => p.sessions ?? 0) },
      { label: 'Questions', values: points.map((p) => p.questions ?? 0) },
    ],
  );
}

function renderSessions(page, append) {
  const body = $('sessions').tBodies[0];
  if (!append) body.replaceChildren();
  for (const session of page.sessions ?? []) {
    const row = document.createElement('tr');
    cell(row, formatDate(session.last_updated));
    cell(row, formatDate(session.created_at));
    cell(row, numbers.format(session.message_count));
    cell(row, session.session_id, 'session-id');
    const view = document.createElement('button');
    view.type = 'button';
    view.className = 'secondary';
    view.textContent = 'View transcript';
    view.setAttribute('aria-label', `View the transcript of session ${session.session_id}`);
    view.addEventListener('click', () => void openTranscript(session.session_id, view));
    row.append(Object.assign(document.createElement('td'), {}));
    row.lastElementChild.append(view);
    body.append(row);
  }
  if (!append && body.rows.length === 0) panelState('sessions', 'No conversations yet.');
  nextCursor = page.next_cursor ?? null;
  $('more-sessions').hidden = !nextCursor;
}

function renderGaps(data) {
  const body = $('gaps').tBodies[0];
  body.replaceChildren();
  for (const gap of data.gaps ?? []) {
    const row = document.createElement('tr');
    cell(row, gap.question);
    cell(row, numbers.format(gap.times_asked ?? 0));
    cell(row, formatDate(gap.last_asked));
    cell(row, gap.status ?? '');
    body.append(row);
  }
  if (body.rows.length === 0) panelState('gaps', 'No unanswered questions. 🎉');
}

const answerActions = {
  token: () => token,
  reload: () => loadAnswers().catch(onSignedOut),
  status: (text) => {
    $('answers-status').textContent = text;
  },
  signedOut: (error) => onSignedOut(new SignedOut(error.message)),
};

function loadAnswers() {
  return panel('answers', '/knowledge/answers', (data) => {
    if (renderAnswers($('answers'), data, answerActions) === 0) {
      panelState('answers', 'No answers yet: answer a knowledge gap and it shows here.');
    }
  });
}

async function openTranscript(sessionId, opener) {
  const dialog = $('transcript');
  const list = $('transcript-messages');
  list.replaceChildren();
  $('transcript-heading').textContent = `Transcript of ${sessionId}`;
  dialog.returnFocus = opener;
  dialog.showModal();
  await panel('transcript', `/conversation/${encodeURIComponent(sessionId)}`, (conversation) => {
    for (const message of conversation.messages) {
      const item = document.createElement('li');
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = `${message.role === 'user' ? 'Visitor' : 'Twin'} · ${formatDate(message.timestamp)}`;
      // Transcripts show exactly what was said, as text: nothing a visitor typed is interpreted.
      item.append(meta, document.createTextNode(message.content));
      list.append(item);
    }
  }).catch(onSignedOut);
}

function periodQuery() {
  const [days, granularity] = $('period').value.split(':');
  return `days=${days}&granularity=${granularity}`;
}

async function loadTimeseries() {
  await panel('timeseries', `/analytics/timeseries?${periodQuery()}`, renderTimeseries);
}

async function loadAll() {
  const analytics = panel('figures', '/analytics', (a) => {
    renderFigures(a);
    for (const [name, render] of [
      ['topics', renderTopics],
      ['sentiment', renderSentiment],
      ['hours', renderHours],
      ['weekdays', renderWeekdays],
    ]) {
      panelState(name, '');
      render(a);
    }
  }).then((a) => {
    if (a === null)
      for (const name of ['topics', 'sentiment', 'hours', 'weekdays']) panelState(name, UNAVAILABLE, 'unavailable');
  });
  await Promise.all([
    analytics,
    loadTimeseries(),
    panel('sessions', '/sessions?limit=20', (page) => renderSessions(page, false)),
    panel('gaps', '/analytics/knowledge-gaps', renderGaps),
    loadAnswers(),
  ]);
  document.body.dataset.loaded = 'true';
}

function showLogin(message = '') {
  $('board').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('token').focus();
}

function onSignedOut(error) {
  if (!(error instanceof SignedOut)) throw error;
  clearToken();
  token = null;
  $('transcript').close();
  showLogin('The admin token was not accepted. Enter it again.');
}

async function showBoard() {
  $('login').hidden = true;
  $('board').hidden = false;
  document.body.dataset.loaded = 'false';
  await loadAll().catch(onSignedOut);
}

$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const given = $('token').value.trim();
  if (!given) {
    $('login-error').textContent = 'Enter the admin token.';
    return;
  }
  token = given;
  storeToken(given);
  $('token').value = '';
  await showBoard();
});

$('refresh').addEventListener('click', () => void showBoard());
$('sign-out').addEventListener('click', () => {
  clearToken();
  token = null;
  showLogin();
});
$('period').addEventListener('change', () => void loadTimeseries().catch(onSignedOut));
$('more-sessions').addEventListener('click', () =>
  panel('sessions', `/sessions?limit=20&cursor=${encodeURIComponent(nextCursor)}`, (page) =>
    renderSessions(page, true),
  ).catch(onSignedOut),
);
$('close-transcript').addEventListener('click', () => $('transcript').close());
$('transcript').addEventListener('close', () => $('transcript').returnFocus?.focus());

fetch('/persona')
  .then((r) => (r.ok ? r.json() : null))
  .then((persona) => {
    if (persona) $('owner-name').textContent = `· ${persona.full_name}`;
  })
  .catch(() => {});

if (token) void showBoard();
else showLogin();
