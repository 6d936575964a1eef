import { formatMs, formatShare, formatUsd, numbers, panel, panelState } from './dashboard-kit.js';

const $ = (id) => document.getElementById(id);
const SHOWN = 4;

const ROWS = [
  ['In use', (v) => (v.first_day === v.last_day ? (v.first_day ?? '–') : `${v.first_day} – ${v.last_day}`)],
  ['Answers', (v) => numbers.format(v.answers)],
  ['Grounded', (v) => formatShare(v.grounded_rate)],
  ['Satisfaction', (v) => formatShare(v.feedback.satisfaction_rate)],
  ['Thumbs up / down', (v) => `${v.feedback.up} / ${v.feedback.down}`],
  ['Average answer time', (v) => formatMs(v.avg_latency_ms)],
  ['Cost', (v) => formatUsd(v.cost_usd)],
];

/** The newest persona versions side by side: one column each, one row per figure. */
function renderVersions(data) {
  const versions = (data.versions ?? []).slice(0, SHOWN);
  const table = $('versions');
  const head = document.createElement('tr');
  const corner = document.createElement('th');
  corner.scope = 'col';
  corner.textContent = 'Persona version';
  head.append(corner);
  versions.forEach((version, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = i === 0 ? `${version.persona_version} (latest)` : version.persona_version;
    head.append(th);
  });
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(
    ...ROWS.map(([label, value]) => {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      row.append(th);
      for (const version of versions) {
        const td = document.createElement('td');
        td.textContent = value(version);
        row.append(td);
      }
      return row;
    }),
  );
  if (versions.length === 0)
    panelState('versions', 'No answers with a recorded persona version in this period.', 'empty');
}

export function loadVersions(days) {
  return panel('versions', `/analytics/persona-versions?days=${days}`, renderVersions);
}
