import { ApiError } from './api-error.js';
import { deleteConversation, fetchConversation, fetchPersona, streamChat } from './chat-api.js';
import { renderMarkdown } from './markdown.js';
import { forgetSession, rememberedSession, rememberSession } from './session-memory.js';

const $ = (id) => document.getElementById(id);
const ui = {
  avatar: $('avatar'),
  initials: $('avatar-initials'),
  name: $('twin-name'),
  title: $('twin-title'),
  messages: $('messages'),
  error: $('error'),
  errorText: $('error-text'),
  retry: $('retry'),
  status: $('status'),
  form: $('composer'),
  input: $('message'),
  send: $('send'),
  stop: $('stop'),
  newConversation: $('new-conversation'),
  deleteConversation: $('delete-conversation'),
};

const state = {
  sessionId: rememberedSession(),
  greeting: '',
  streaming: null, // AbortController of the answer being written
  retry: null, // what the Retry button does
};

function announce(text) {
  ui.status.textContent = text;
}

function scrollToEnd() {
  ui.messages.lastElementChild?.scrollIntoView({ block: 'end', behavior: 'smooth' });
}

/** Every text goes in as text; only an assistant's Markdown becomes (escaped) HTML. */
function addMessage(role, text) {
  const item = document.createElement('li');
  item.className = `message ${role}`;
  const who = document.createElement('span');
  who.className = 'visually-hidden';
  who.textContent = role === 'user' ? 'You said: ' : `${ui.name.textContent} said: `;
  const body = document.createElement('div');
  if (role === 'user') {
    body.textContent = text;
  } else {
    body.className = 'markdown';
    body.innerHTML = renderMarkdown(text);
  }
  item.append(who, body);
  ui.messages.append(item);
  scrollToEnd();
  return { item, body };
}

function addNote(item, text) {
  const note = document.createElement('span');
  note.className = 'note';
  note.textContent = text;
  item.append(note);
}

function showGreeting() {
  if (state.greeting) addMessage('assistant', state.greeting).item.classList.add('greeting');
}

function showError(text, retry) {
  ui.errorText.textContent = text;
  state.retry = retry;
  ui.retry.hidden = !retry;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.errorText.textContent = '';
  state.retry = null;
}

function setSession(sessionId) {
  state.sessionId = sessionId;
  if (sessionId) rememberSession(sessionId);
  else forgetSession();
  ui.deleteConversation.disabled = !sessionId;
}

function setStreaming(controller) {
  state.streaming = controller;
  ui.send.hidden = Boolean(controller);
  ui.stop.hidden = !controller;
  ui.newConversation.disabled = Boolean(controller);
  ui.deleteConversation.disabled = Boolean(controller) || !state.sessionId;
}

function growInput() {
  ui.input.style.height = 'auto';
  ui.input.style.height = `${ui.input.scrollHeight + 2}px`;
}

async function send(text, userBubble) {
  clearError();
  const bubble = userBubble ?? addMessage('user', text).item;
  const answer = addMessage('assistant', '');
  answer.item.setAttribute('aria-busy', 'true');
  // Screen readers wait for the whole answer instead of reading every streamed fragment.
  ui.messages.setAttribute('aria-busy', 'true');
  const controller = new AbortController();
  setStreaming(controller);
  let written = '';
  let frame = 0;
  const paint = () => {
    frame = 0;
    answer.body.innerHTML = renderMarkdown(written);
    scrollToEnd();
  };
  try {
    const reply = await streamChat({
      message: text,
      sessionId: state.sessionId,
      signal: controller.signal,
      onSession: (id) => setSession(id),
      onToken: (piece) => {
        written += piece;
        frame ||= requestAnimationFrame(paint);
      },
    });
    cancelAnimationFrame(frame);
    written = reply.response;
    paint();
    announce('Answer complete.');
  } catch (error) {
    cancelAnimationFrame(frame);
    if (error?.name === 'AbortError') {
      paint();
      addNote(answer.item, 'Stopped.');
      announce('Stopped.');
      return;
    }
    answer.item.remove();
    failed(error, text, bubble);
  } finally {
    answer.item.removeAttribute('aria-busy');
    ui.messages.removeAttribute('aria-busy');
    setStreaming(null);
  }
}

function failed(error, text, bubble) {
  const problem = error instanceof ApiError ? error : new ApiError(0, 'network', String(error?.message ?? error));
  if (problem.code === 'conflict') {
    // The conversation was deleted elsewhere: start afresh with the same question.
    setSession(null);
    bubble.remove();
    ui.input.value = text;
    showError('This conversation was deleted. Send your message again to start a new one.', null);
    return;
  }
  if (problem.retryable) {
    showError(problem.message, () => send(text, bubble));
    return;
  }
  // The request itself was refused (too long, invalid): give the text back to edit.
  bubble.remove();
  ui.input.value = text;
  growInput();
  showError(problem.message, null);
  ui.input.focus();
}

function submit() {
  const text = ui.input.value.trim();
  if (!text || state.streaming) return;
  ui.input.value = '';
  growInput();
  void send(text);
}

async function restore() {
  const sessionId = state.sessionId;
  if (!sessionId) {
    showGreeting();
    return;
  }
  try {
    const conversation = await fetchConversation(sessionId);
    ui.messages.replaceChildren();
    showGreeting();
    if (!conversation) {
      setSession(null);
      return;
    }
    for (const message of conversation.messages) addMessage(message.role, message.content);
    announce(`Restored ${conversation.messages.length} earlier messages.`);
  } catch (error) {
    showError(error.message ?? 'Could not load your conversation.', () => {
      clearError();
      void restore();
    });
  }
}

function startNewConversation() {
  if (state.streaming) return;
  setSession(null);
  clearError();
  ui.messages.replaceChildren();
  showGreeting();
  announce('New conversation started.');
  ui.input.focus();
}

async function deleteMine() {
  const sessionId = state.sessionId;
  if (!sessionId || state.streaming) return;
  if (!window.confirm('Delete this conversation for good? It cannot be recovered.')) return;
  try {
    await deleteConversation(sessionId);
    startNewConversation();
    announce('Your conversation was deleted.');
  } catch (error) {
    showError(error.message ?? 'Could not delete the conversation.', () => {
      clearError();
      void deleteMine();
    });
  }
}

function showPersona(persona) {
  document.title = `${persona.name} · AI twin`;
  ui.name.textContent = persona.full_name;
  ui.title.textContent = [persona.title, persona.location].filter(Boolean).join(' · ');
  ui.initials.textContent = persona.initials;
  state.greeting = persona.greeting;
  if (persona.avatar_url) {
    const img = document.createElement('img');
    img.src = persona.avatar_url;
    img.alt = `Picture of ${persona.full_name}`;
    img.addEventListener('error', () => img.remove());
    ui.avatar.append(img);
    ui.initials.hidden = true;
  }
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});
ui.input.addEventListener('keydown', (event) => {
  // Enter sends; Shift+Enter (and Enter while an input method composes) writes a newline.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  }
});
ui.input.addEventListener('input', growInput);
ui.stop.addEventListener('click', () => state.streaming?.abort());
ui.retry.addEventListener('click', () => state.retry?.());
ui.newConversation.addEventListener('click', startNewConversation);
ui.deleteConversation.addEventListener('click', () => void deleteMine());

async function start() {
  ui.deleteConversation.disabled = !state.sessionId;
  try {
    showPersona(await fetchPersona());
  } catch {
    state.greeting = "Hi, I'm an AI twin. Ask me anything.";
  }
  await restore();
  document.body.dataset.ready = 'true';
}

void start();
