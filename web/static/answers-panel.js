import { adminSend } from './admin-api.js';

// The owner's answers: what the twin was taught, with Edit and Delete. Everything shown is
// text (a question came from a visitor), never markup.

function button(text, label, className = 'secondary') {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.setAttribute('aria-label', label);
  return element;
}

function field(labelText, control) {
  const label = document.createElement('label');
  label.textContent = labelText;
  label.append(control);
  return label;
}

/**
 * Renders `data.answers` into `list`. `actions` gives the admin token, a reload of the panel,
 * a status line, and what to do when the token is refused.
 */
export function renderAnswers(list, data, actions) {
  list.replaceChildren();
  for (const entry of data.answers ?? []) list.append(answerItem(entry, actions));
  return list.children.length;
}

function answerItem(entry, actions) {
  const item = document.createElement('li');
  item.dataset.id = entry.id;
  const question = document.createElement('p');
  question.className = 'question';
  question.textContent = entry.question;
  const answer = document.createElement('p');
  answer.className = 'answer';
  answer.textContent = entry.answer;
  const tools = document.createElement('div');
  tools.className = 'answer-actions';
  const edit = button('Edit', `Edit the answer to ${entry.question}`);
  const remove = button('Delete', `Delete the answer to ${entry.question}`, 'secondary danger');
  edit.addEventListener('click', () => item.replaceChildren(editForm(entry, item, actions)));
  remove.addEventListener('click', () => void deleteAnswer(entry, remove, actions));
  tools.append(edit, remove);
  item.append(question, answer, tools);
  return item;
}

function editForm(entry, item, actions) {
  const form = document.createElement('form');
  form.className = 'answer-form';
  const question = Object.assign(document.createElement('input'), { value: entry.question, required: true });
  const answer = Object.assign(document.createElement('textarea'), { value: entry.answer, required: true, rows: 4 });
  const error = Object.assign(document.createElement('p'), { className: 'error-text' });
  error.setAttribute('role', 'alert');
  const save = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Save' });
  const cancel = button('Cancel', 'Cancel the edit');
  cancel.addEventListener('click', () => item.replaceWith(answerItem(entry, actions)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      await adminSend('PUT', `/knowledge/answers/${encodeURIComponent(entry.id)}`, actions.token(), {
        question: question.value,
        answer: answer.value,
      });
      actions.status('Saved. The twin uses the new answer from the next message on.');
      await actions.reload();
    } catch (failure) {
      if (failure.status === 401) return actions.signedOut(failure);
      error.textContent = failure.message;
      save.disabled = false;
    }
  });
  const buttons = document.createElement('div');
  buttons.className = 'answer-actions';
  buttons.append(save, cancel);
  form.append(field('Question', question), field('Answer', answer), error, buttons);
  queueMicrotask(() => answer.focus());
  return form;
}

async function deleteAnswer(entry, opener, actions) {
  if (!window.confirm(`Delete the answer to "${entry.question}"? The twin stops using it.`)) return;
  opener.disabled = true;
  try {
    await adminSend('DELETE', `/knowledge/answers/${encodeURIComponent(entry.id)}`, actions.token());
    actions.status('Deleted.');
    await actions.reload();
  } catch (failure) {
    if (failure.status === 401) return actions.signedOut(failure);
    actions.status(`Could not delete: ${failure.message}`);
    opener.disabled = false;
  }
}
