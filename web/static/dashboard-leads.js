import { button, cell, formatDate, labelColumns, numbers, panel, panelState } from './dashboard-kit.js';
import { openTranscript } from './dashboard-transcript.js';

const $ = (id) => document.getElementById(id);

function renderLeads(data) {
  const body = $('leads').tBodies[0];
  body.replaceChildren(
    ...(data.leads ?? []).map((lead) => {
      const row = document.createElement('tr');
      const email = document.createElement('td');
      const link = document.createElement('a');
      link.href = `mailto:${lead.email}`;
      link.textContent = lead.email;
      email.append(link);
      row.append(email);
      cell(row, lead.name ?? '–');
      cell(row, lead.notes ?? '');
      cell(row, formatDate(lead.last_recorded));
      cell(row, numbers.format(lead.times_recorded ?? 1));
      const td = document.createElement('td');
      if (lead.session_id) {
        const view = button('View transcript', {
          label: `View the conversation with ${lead.email}`,
          onClick: () => void openTranscript(lead.session_id, view),
        });
        td.append(view);
      }
      row.append(td);
      return row;
    }),
  );
  labelColumns($('leads'));
  if (body.rows.length === 0) panelState('leads', 'No visitor has asked to be contacted yet.', 'empty');
}

/** Visitors who left their e-mail to be contacted, newest first. */
export function loadLeads() {
  return panel('leads', '/analytics/leads', renderLeads);
}
