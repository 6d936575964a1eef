import { clearToken, storedToken, storeToken } from './admin-api.js';
import { renderAnswers } from './answers-panel.js';
import { barChart, timeChart } from './charts.js';
import { loadFeedback, setUpFeedback } from './dashboard-feedback.js';
import { gapEvents, loadGaps } from './dashboard-gaps.js';
import {
  button,
  cell,
  figureList,
  formatDate,
  labelColumns,
  numbers,
  panel,
  panelState,
  SignedOut,
  session,
  thumbs,
  UNAVAILABLE,
} from './dashboard-kit.js';
import { loadLeads } from './dashboard-leads.js';
import { renderQuality } from './dashboard-quality.js';
import { openTranscript, setUpTranscript } from './dashboard-transcript.js';
import { loadVersions } from './dashboard-versions.js';

const $ = (id) => document.getElementById(id);
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

session.token = storedToken();
let nextCursor = null;

function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${numbers.format(seconds / 60)} min`;
  return `${numbers.format(seconds / 3600)} h`;
}

function renderFigures(analytics) {
  figureList($('figures'), [
    ['Conversations', numbers.format(analytics.total_sessions ?? 0)],
    ['Messages', numbers.format(analytics.total_messages ?? 0)],
    ['Messages per conversation', numbers.format(analytics.avg_messages_per_session ?? 0)],
    ['Average duration', formatDuration(analytics.avg_duration_seconds)],
    // question_rate is already a percentage of visitor messages (0-100).
    ['Questions', `${numbers.format(analytics.question_rate ?? 0)} %`],
  ]);
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
  if (topics.length === 0) panelState('topics', 'No topics yet.', 'empty');
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
  } else if (days.every((d) => WEEKDAYS.includes(d.weekday))) {
    // Named weekdays come busiest first; a chart reads them in the week's order, Monday first.
    const order = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
    days = [...days].sort((a, b) => order.indexOf(a.weekday) - order.indexOf(b.weekday));
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
    { granularity: series.granularity ?? period().granularity },
  );
}

function renderSessions(page, append) {
  const body = $('sessions').tBodies[0];
  if (!append) body.replaceChildren();
  for (const item of page.sessions ?? []) {
    const row = document.createElement('tr');
    cell(row, formatDate(item.last_updated));
    const first = cell(row, item.first_question ?? '–', 'first-question');
    first.title = `Session ${item.session_id}, started ${formatDate(item.created_at)}`;
    cell(row, numbers.format(item.message_count));
    cell(row, thumbs(item.feedback));
    const view = button('View transcript', {
      label: `View the transcript of session ${item.session_id}`,
      onClick: () => void openTranscript(item.session_id, view),
    });
    const td = document.createElement('td');
    td.append(view);
    row.append(td);
    body.append(row);
  }
  labelColumns($('sessions'));
  if (!append && body.rows.length === 0) panelState('sessions', 'No conversations yet.', 'empty');
  nextCursor = page.next_cursor ?? null;
  $('more-sessions').hidden = !nextCursor;
}

const answerActions = {
  token: () => session.token,
  reload: () => loadAnswers().catch(signedOutOrThrow),
  status: (text) => {
    $('answers-status').textContent = text;
  },
  signedOut: (error) => session.onSignedOut(new SignedOut(error.message)),
};

function loadAnswers() {
  return panel('answers', '/knowledge/answers', (data) => {
    if (renderAnswers($('answers'), data, answerActions) === 0) {
      panelState('answers', 'No answers yet: answer a knowledge gap and it shows here.');
    }
  });
}

// A gap answered in place becomes one of the owner's answers.
gapEvents.answered = () => loadAnswers().catch(signedOutOrThrow);

function period() {
  const [days, granularity] = $('period').value.split(':');
  return { days: Number(days), granularity };
}

const ANALYTICS_PANELS = ['topics', 'sentiment', 'hours', 'weekdays', 'latency', 'cost', 'satisfaction'];

// One GET /analytics over the chosen period feeds the figures, topics, sentiment, hours, weekdays and quality.
function loadAnalytics() {
  return panel('figures', `/analytics?days=${period().days}`, (a) => {
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
    renderQuality(a);
  }).then((a) => {
    if (a === null) for (const name of ANALYTICS_PANELS) panelState(name, UNAVAILABLE, 'unavailable');
  });
}

function loadTimeseries() {
  const { days, granularity } = period();
  return panel('timeseries', `/analytics/timeseries?days=${days}&granularity=${granularity}`, renderTimeseries);
}

async function loadAll() {
  await Promise.all([
    loadAnalytics(),
    loadTimeseries(),
    loadFeedback(),
    loadGaps(),
    loadVersions(period().days),
    panel('sessions', '/sessions?limit=20', (page) => renderSessions(page, false)),
    loadAnswers(),
    loadLeads(),
  ]);
  document.body.dataset.loaded = 'true';
}

function showLogin(message = '') {
  $('board').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('token').focus();
}

session.onSignedOut = (error) => {
  if (!(error instanceof SignedOut)) return false;
  clearToken();
  session.token = null;
  $('transcript').close();
  showLogin('The admin token was not accepted. Enter it again.');
  return true;
};

function signedOutOrThrow(error) {
  if (!session.onSignedOut(error)) throw error;
}

async function showBoard() {
  $('login').hidden = true;
  $('board').hidden = false;
  document.body.dataset.loaded = 'false';
  await loadAll().catch(signedOutOrThrow);
}

$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const given = $('token').value.trim();
  if (!given) {
    $('login-error').textContent = 'Enter the admin token.';
    return;
  }
  session.token = given;
  storeToken(given);
  $('token').value = '';
  await showBoard();
});

$('refresh').addEventListener('click', () => void showBoard());
$('sign-out').addEventListener('click', () => {
  clearToken();
  session.token = null;
  showLogin();
});
$('period').addEventListener('change', async () => {
  document.body.dataset.loaded = 'false';
  await Promise.all([loadAnalytics(), loadTimeseries(), loadVersions(period().days)]).catch(signedOutOrThrow);
  document.body.dataset.loaded = 'true';
});
$('more-sessions').addEventListener('click', () =>
  panel('sessions', `/sessions?limit=20&cursor=${encodeURIComponent(nextCursor)}`, (page) =>
    renderSessions(page, true),
  ).catch(signedOutOrThrow),
);
setUpTranscript();
setUpFeedback();

fetch('/persona')
  .then((r) => (r.ok ? r.json() : null))
  .then((persona) => {
    if (persona) $('owner-name').textContent = `· ${persona.full_name}`;
  })
  .catch(() => {});

if (session.token) void showBoard();
else showLogin();
