import { renderMarkdown } from './markdown.js';
import { timeElement } from './message-time.js';

// The raw text of each message on screen (an answer's Markdown), for Copy.
const texts = new WeakMap();

/**
 * One message in the conversation list: who said it (for screen readers), the text, and a
 * line with its time (and, for answers, their actions). Every text goes in as text; only an
 * assistant's Markdown becomes (escaped) HTML.
 */
export function messageElement(role, text, { speaker, timestamp = new Date().toISOString() }) {
  const item = document.createElement('li');
  item.className = `message ${role}`;
  const who = document.createElement('span');
  who.className = 'visually-hidden';
  who.textContent = role === 'user' ? 'You said: ' : `${speaker} said: `;
  const body = document.createElement('div');
  body.className = 'message-body';
  const meta = document.createElement('div');
  meta.className = 'message-meta';
  const time = timeElement(timestamp);
  meta.append(time);
  item.append(who, body, meta);
  const entry = { item, body, meta, time };
  setText(entry, text);
  return entry;
}

/** Replaces what the message says (an answer being streamed). */
export function setText(entry, text) {
  if (entry.item.classList.contains('user')) {
    entry.body.textContent = text;
  } else {
    entry.body.classList.add('markdown');
    entry.body.innerHTML = renderMarkdown(text);
  }
  texts.set(entry.item, text);
}

export function textOf(item) {
  return texts.get(item) ?? '';
}

export function addNote(item, text) {
  const note = document.createElement('span');
  note.className = 'note';
  note.textContent = text;
  item.append(note);
}
