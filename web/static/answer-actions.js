import { icon } from './icons.js';

const COPIED_MS = 2000;

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without the async clipboard (older browsers, some embeds): the selection way.
    const scratch = document.createElement('textarea');
    scratch.value = text;
    scratch.setAttribute('readonly', '');
    scratch.className = 'visually-hidden';
    document.body.append(scratch);
    scratch.select();
    const done = document.execCommand('copy');
    scratch.remove();
    return done;
  }
}

function iconButton(name, label, className) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `icon-button ${className}`;
  button.setAttribute('aria-label', label);
  button.title = label;
  button.append(icon(name));
  return button;
}

/**
 * Copy, thumbs up and thumbs down under one answer. `rate(rating, comment)` saves a rating
 * (rejects on failure); `announce(text)` speaks through the page's status region.
 * Thumbs-down saves at once and then offers an optional comment.
 */
export function answerActions({ text, rate, announce, initial }) {
  const bar = document.createElement('div');
  bar.className = 'answer-actions';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Answer actions');
  const copy = iconButton('copy', 'Copy answer', 'copy');
  const up = iconButton('thumbUp', 'Good answer', 'thumb');
  const down = iconButton('thumbDown', 'Bad answer', 'thumb');
  const note = document.createElement('span');
  note.className = 'action-note';
  bar.append(copy, up, down, note);

  const show = (rating) => {
    up.setAttribute('aria-pressed', String(rating === 'up'));
    down.setAttribute('aria-pressed', String(rating === 'down'));
  };
  show(initial?.rating ?? null);

  copy.addEventListener('click', async () => {
    const done = await copyText(text());
    copy.replaceChildren(icon(done ? 'check' : 'copy'));
    note.textContent = done ? 'Copied' : 'Could not copy';
    announce(done ? 'Answer copied.' : 'Could not copy the answer.');
    setTimeout(() => {
      copy.replaceChildren(icon('copy'));
      if (note.textContent === 'Copied' || note.textContent === 'Could not copy') note.textContent = '';
    }, COPIED_MS);
  });

  let form = null;
  const save = async (rating, comment) => {
    try {
      await rate(rating, comment);
      show(rating);
      note.textContent = rating === 'up' ? 'Thanks!' : comment ? 'Thanks for telling us.' : '';
      announce(rating === 'up' ? 'Marked as a good answer.' : 'Marked as a bad answer.');
      return true;
    } catch (error) {
      note.textContent = 'Could not save your rating.';
      announce(`Could not save your rating: ${error?.message ?? 'try again'}`);
      return false;
    }
  };

  up.addEventListener('click', () => {
    form?.remove();
    form = null;
    void save('up', null);
  });
  down.addEventListener('click', async () => {
    if (!(await save('down', null)) || form) return;
    form = commentForm({
      onSend: async (comment) => {
        if (await save('down', comment)) {
          form?.remove();
          form = null;
          down.focus();
        }
      },
      onCancel: () => {
        form?.remove();
        form = null;
        down.focus();
      },
    });
    // Under the whole row of time and buttons, at the answer's full width.
    (bar.closest('.message-meta') ?? bar).after(form);
    form.querySelector('textarea').focus();
    form.scrollIntoView({ block: 'nearest' });
  });
  return bar;
}

let forms = 0;

function commentForm({ onSend, onCancel }) {
  forms += 1;
  const form = document.createElement('form');
  form.className = 'feedback-comment';
  const label = document.createElement('label');
  label.htmlFor = `feedback-comment-${forms}`;
  label.textContent = 'What was wrong with this answer? (optional)';
  const box = document.createElement('textarea');
  box.id = label.htmlFor;
  box.rows = 2;
  box.maxLength = 1000;
  const send = document.createElement('button');
  send.type = 'submit';
  send.textContent = 'Send feedback';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'secondary';
  cancel.textContent = 'No thanks';
  const buttons = document.createElement('div');
  buttons.className = 'actions';
  buttons.append(send, cancel);
  form.append(label, box, buttons);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const comment = box.value.trim();
    if (comment) void onSend(comment);
    else onCancel();
  });
  cancel.addEventListener('click', onCancel);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onCancel();
  });
  return form;
}
