import { formatDate, panel, session } from './dashboard-kit.js';

const $ = (id) => document.getElementById(id);

/** Shows one conversation in the transcript dialog; focus returns to `opener` when it closes. */
export async function openTranscript(sessionId, opener) {
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
      const verdict = message.rating ? ` · rated ${message.rating.rating === 'up' ? 'up' : 'down'}` : '';
      meta.textContent = `${message.role === 'user' ? 'Visitor' : 'Twin'} · ${formatDate(message.timestamp)}${verdict}`;
      // Transcripts show exactly what was said, as text: nothing a visitor typed is interpreted.
      item.append(meta, document.createTextNode(message.content));
      if (message.rating?.comment) {
        const comment = document.createElement('span');
        comment.className = 'meta';
        comment.textContent = `Visitor's comment: ${message.rating.comment}`;
        item.append(comment);
      }
      list.append(item);
    }
  }).catch(session.onSignedOut);
}

export function setUpTranscript() {
  $('close-transcript').addEventListener('click', () => $('transcript').close());
  $('transcript').addEventListener('close', () => $('transcript').returnFocus?.focus());
}
