import { loadGaps } from './dashboard-gaps.js';
import { act, button, formatDate, panel, panelState, session } from './dashboard-kit.js';
import { openTranscript } from './dashboard-transcript.js';

const $ = (id) => document.getElementById(id);
const ANSWER_PREVIEW_CHARS = 280;
let rating = 'down';
let nextCursor = null;

function paragraph(className, label, text) {
  const p = document.createElement('p');
  p.className = className;
  const strong = document.createElement('strong');
  strong.textContent = `${label}: `;
  p.append(strong, document.createTextNode(text));
  return p;
}

function answerPreview(text) {
  const chars = Array.from(text);
  if (chars.length <= ANSWER_PREVIEW_CHARS) return paragraph('rated-answer', 'Answer', text);
  // Long answers fold: the whole text is one click (or Enter) away.
  const details = document.createElement('details');
  details.className = 'rated-answer';
  const summary = document.createElement('summary');
  summary.textContent = `Answer: ${chars.slice(0, ANSWER_PREVIEW_CHARS).join('')}…`;
  const full = document.createElement('p');
  full.textContent = text;
  details.append(summary, full);
  return details;
}

function entry(item) {
  const li = document.createElement('li');
  li.className = `rated ${item.rating}`;
  const head = document.createElement('p');
  head.className = 'rated-meta';
  const grounded = item.grounded === null ? '' : item.grounded ? ' · grounded' : ' · not grounded';
  head.textContent = `${item.rating === 'down' ? 'Thumbs down' : 'Thumbs up'} · ${formatDate(item.rated_at)}${grounded}`;
  li.append(head, paragraph('rated-question', 'Question', item.question || '(none)'), answerPreview(item.answer));
  if (item.comment) li.append(paragraph('rated-comment', 'Comment', item.comment));
  const actions = document.createElement('div');
  actions.className = 'actions';
  const view = button('View transcript', {
    label: `View the transcript of session ${item.session_id}`,
    onClick: () => void openTranscript(item.session_id, view),
  });
  actions.append(view);
  if (item.gap_candidate) {
    const offer = button('Add to knowledge gaps', {
      label: `Add “${item.question}” to the knowledge gaps`,
      onClick: async () => {
        offer.disabled = true;
        try {
          await act(`/analytics/feedback/${encodeURIComponent(item.session_id)}/${item.message_index}/knowledge-gap`);
          offer.textContent = 'Added to knowledge gaps';
          $('feedback-status').textContent = `“${item.question}” is now an open knowledge gap: answer it below.`;
          await loadGaps();
        } catch (error) {
          if (session.onSignedOut(error)) return;
          offer.disabled = false;
          $('feedback-status').textContent = `Could not add it: ${error.message}`;
        }
      },
    });
    actions.append(offer);
  }
  li.append(actions);
  return li;
}

function render(page, append) {
  const list = $('feedback-list');
  if (!append) list.replaceChildren();
  list.append(...(page.feedback ?? []).map(entry));
  if (!append && list.children.length === 0) {
    panelState('feedback', rating === 'down' ? 'No thumbs-down answers.' : 'No thumbs-up answers yet.', 'empty');
  }
  nextCursor = page.next_cursor ?? null;
  $('more-feedback').hidden = !nextCursor;
}

/** Rated answers, thumbs-down first (the ones worth acting on). */
export function loadFeedback() {
  $('feedback-status').textContent = '';
  return panel('feedback', `/analytics/feedback?rating=${rating}&limit=10`, (page) => render(page, false));
}

export function setUpFeedback() {
  for (const tab of document.querySelectorAll('[data-rating]')) {
    tab.addEventListener('click', () => {
      rating = tab.dataset.rating;
      for (const other of document.querySelectorAll('[data-rating]')) {
        other.setAttribute('aria-pressed', String(other === tab));
      }
      void loadFeedback().catch(session.onSignedOut);
    });
  }
  $('more-feedback').addEventListener('click', () =>
    panel(
      'feedback',
      `/analytics/feedback?rating=${rating}&limit=10&cursor=${encodeURIComponent(nextCursor)}`,
      (page) => render(page, true),
    ).catch(session.onSignedOut),
  );
}
