import { act, button, cell, formatDate, labelColumns, numbers, panel, panelState, session } from './dashboard-kit.js';

const $ = (id) => document.getElementById(id);
const STATUS = { open: 'Open', answered: 'Answered', dismissed: 'Dismissed' };

/** What else should follow a gap answered here (dashboard.js reloads the owner's answers). */
export const gapEvents = { answered: () => {} };

function actionsCell(row, gap) {
  const td = document.createElement('td');
  td.className = 'row-actions';
  if (gap.status === 'open') {
    td.append(
      button('Answer', {
        label: `Answer: ${gap.question}`,
        onClick: (event) => openAnswer(row, gap, event.currentTarget),
      }),
      button('Dismiss', { label: `Dismiss: ${gap.question}`, onClick: () => void dismiss(row, gap) }),
    );
  } else if (gap.answer) {
    td.textContent = gap.answer;
    td.classList.add('answer-text');
  }
  row.append(td);
}

function gapRow(gap) {
  const row = document.createElement('tr');
  row.dataset.gapId = gap.id;
  cell(row, gap.question);
  cell(row, numbers.format(gap.times_asked ?? 0));
  cell(row, formatDate(gap.last_asked));
  cell(row, STATUS[gap.status] ?? gap.status ?? '');
  actionsCell(row, gap);
  return row;
}

function replaceRow(row, gap, message) {
  const next = gapRow(gap);
  row.replaceWith(next);
  labelColumns($('gaps'));
  $('gaps-status').textContent = message;
  return next;
}

async function dismiss(row, gap) {
  try {
    const updated = await act(`/analytics/knowledge-gaps/${encodeURIComponent(gap.id)}/dismiss`);
    replaceRow(row, updated, `Dismissed: ${gap.question}`);
    ($('gaps').tBodies[0].querySelector('.row-actions button') ?? $('gaps-heading')).focus?.();
  } catch (error) {
    if (!session.onSignedOut(error)) $('gaps-status').textContent = `Could not dismiss: ${error.message}`;
  }
}

// The answer is written in place, in a row under the question, so the owner never leaves the list.
function openAnswer(row, gap, opener) {
  if (row.nextElementSibling?.classList.contains('answer-row')) {
    row.nextElementSibling.querySelector('textarea').focus();
    return;
  }
  const formRow = document.createElement('tr');
  formRow.className = 'answer-row';
  const td = document.createElement('td');
  td.colSpan = 5;
  const form = document.createElement('form');
  form.className = 'gap-answer-form';
  const id = `answer-${gap.id}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = `Your answer to “${gap.question}” (in your own words; it joins answers.md)`;
  const box = document.createElement('textarea');
  box.id = id;
  box.rows = 3;
  box.maxLength = 4000;
  box.required = true;
  const error = document.createElement('p');
  error.className = 'error-text';
  error.setAttribute('role', 'alert');
  const buttons = document.createElement('div');
  buttons.className = 'actions';
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = 'Save answer';
  const cancel = button('Cancel', {
    onClick: () => {
      formRow.remove();
      opener.focus();
    },
  });
  buttons.append(save, cancel);
  form.append(label, box, buttons, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = box.value.trim();
    if (!answer) {
      error.textContent = 'Write an answer first.';
      box.focus();
      return;
    }
    save.disabled = true;
    try {
      const updated = await act(`/analytics/knowledge-gaps/${encodeURIComponent(gap.id)}/answer`, { answer });
      formRow.remove();
      const next = replaceRow(
        row,
        updated,
        `Answered: ${gap.question}. The twin uses your answer from the next message on.`,
      );
      next.querySelector('td').setAttribute('tabindex', '-1');
      next.querySelector('td').focus();
      void gapEvents.answered();
    } catch (failure) {
      if (session.onSignedOut(failure)) return;
      error.textContent = `Could not save: ${failure.message}`;
      save.disabled = false;
    }
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancel.click();
  });
  td.append(form);
  formRow.append(td);
  row.after(formRow);
  box.focus();
}

function renderGaps(data) {
  const body = $('gaps').tBodies[0];
  body.replaceChildren(...(data.gaps ?? []).map(gapRow));
  labelColumns($('gaps'));
  if (body.rows.length === 0) panelState('gaps', 'No unanswered questions.', 'empty');
}

/** Knowledge gaps, answered or dismissed in place. */
export function loadGaps() {
  $('gaps-status').textContent = '';
  return panel('gaps', '/analytics/knowledge-gaps', renderGaps);
}
