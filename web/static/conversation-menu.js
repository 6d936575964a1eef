import { exportUrl } from './chat-api.js';
import { menuButton } from './menu-button.js';

const $ = (id) => document.getElementById(id);

/**
 * The chat page's Options menu: Download (Markdown), Download (JSON) and Delete my
 * conversation. `sessionId()` and `busy()` say what is possible now; `update()` refreshes the
 * items' disabled state after either changes.
 */
export function conversationMenu({ sessionId, busy, onDelete, announce }) {
  const markdown = $('download-markdown');
  const json = $('download-json');
  const remove = $('delete-conversation');

  // The server answers with Content-Disposition: attachment, so following the link downloads
  // the file and the page stays where it is.
  const download = (format) => {
    const id = sessionId();
    if (!id) return;
    const link = document.createElement('a');
    link.href = exportUrl(id, format);
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
    announce('Your conversation is downloading.');
  };

  markdown.addEventListener('click', () => download('markdown'));
  json.addEventListener('click', () => download('json'));
  remove.addEventListener('click', () => {
    if (remove.getAttribute('aria-disabled') !== 'true') onDelete();
  });
  menuButton($('conversation-menu-button'), $('conversation-menu'));

  const update = () => {
    const id = sessionId();
    markdown.setAttribute('aria-disabled', String(!id));
    json.setAttribute('aria-disabled', String(!id));
    remove.setAttribute('aria-disabled', String(!id || busy()));
  };
  update();
  return { update };
}
