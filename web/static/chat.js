import { answerActions } from './answer-actions.js';
import { ApiError } from './api-error.js';
import { deleteConversation, fetchConversation, fetchPersona, rateAnswer, streamChat } from './chat-api.js';
import { addNote, messageElement, setText, textOf } from './chat-messages.js';
import { keepInView, scrollIntoViewAbove } from './chat-scroll.js';
import { conversationMenu } from './conversation-menu.js';
import { setTime } from './message-time.js';
import { forgetSession, rememberedSession, rememberSession } from './session-memory.js';

const $ = (id) => document.getElementById(id);
const ui = {
  avatar: $('avatar'),
  initials: $('avatar-initials'),
  name: $('twin-name'),
  title: $('twin-title'),
  messages: $('messages'),
  suggestions: $('suggestions'),
  error: $('error'),
  errorText: $('error-text'),
  retry: $('retry'),
  status: $('status'),
  form: $('composer'),
  input: $('message'),
  send: $('send'),
  stop: $('stop'),
  newConversation: $('new-conversation'),
  menuButton: $('conversation-menu-button'),
};

const state = {
  sessionId: rememberedSession(),
  greeting: '',
  suggestions: [],
  streaming: null, // AbortController of the answer being written
  retry: null, // what the Retry button does
};

function announce(text) {
  ui.status.textContent = text;
}

function scrollToEnd() {
  const last = ui.messages.lastElementChild;
  if (last) scrollIntoViewAbove(last);
}

function addMessage(role, text, { timestamp } = {}) {
  const entry = messageElement(role, text, { speaker: ui.name.textContent, timestamp });
  ui.messages.append(entry.item);
  scrollToEnd();
  return entry;
}

/** Copy and thumbs for the stored answer at `index` of the conversation. */
function addActions(entry, index, rating) {
  entry.meta.querySelector('.answer-actions')?.remove();
  const sessionId = state.sessionId;
  entry.meta.append(
    answerActions({
      text: () => textOf(entry.item),
      rate: (value, comment) => rateAnswer(sessionId, index, value, comment),
      announce,
      initial: rating,
    }),
  );
}

function showGreeting() {
  if (!state.greeting) return;
  const { item, meta } = addMessage('assistant', state.greeting);
  item.classList.add('greeting');
  meta.remove();
}

function showSuggestions(show) {
  const list = ui.suggestions.querySelector('ul');
  list.replaceChildren(
    ...state.suggestions.map((question) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary suggestion';
      button.textContent = question;
      button.addEventListener('click', () => {
        if (state.streaming) return;
        void send(question);
        ui.input.focus();
      });
      li.append(button);
      return li;
    }),
  );
  ui.suggestions.hidden = !show || state.suggestions.length === 0;
}

function showError(text, retry) {
  ui.errorText.textContent = text;
  state.retry = retry;
  ui.retry.hidden = !retry;
  ui.error.hidden = false;
  // The message and its Retry must never sit below the fold or behind the message box.
  scrollIntoViewAbove(ui.error);
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
  menu.update();
}

function setStreaming(controller) {
  state.streaming = controller;
  ui.send.hidden = Boolean(controller);
  ui.stop.hidden = !controller;
  ui.newConversation.disabled = Boolean(controller);
  menu.update();
}

function growInput() {
  ui.input.style.height = 'auto';
  ui.input.style.height = `${ui.input.scrollHeight + 2}px`;
}

/** After an answer is stored: its place in the conversation (for rating) and the server's times. */
async function settle(answer, question) {
  try {
    const conversation = await fetchConversation(state.sessionId);
    const messages = conversation?.messages ?? [];
    const index = messages.findLastIndex((m) => m.role === 'assistant');
    if (index === -1) return;
    setTime(answer.time, messages[index].timestamp);
    if (messages[index - 1]?.role === 'user') setTime(question.time, messages[index - 1].timestamp);
    addActions(answer, index, messages[index].rating);
  } catch {
    // Rating needs the stored index; without it the answer simply offers no thumbs.
  }
}

async function send(text, userBubble) {
  clearError();
  showSuggestions(false);
  const question = userBubble ?? addMessage('user', text);
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
    setText(answer, written);
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
    await settle(answer, question);
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
    failed(error, text, question);
  } finally {
    answer.item.removeAttribute('aria-busy');
    ui.messages.removeAttribute('aria-busy');
    setStreaming(null);
    scrollToEnd();
    if (!ui.error.hidden) scrollIntoViewAbove(ui.error);
  }
}

function failed(error, text, question) {
  const problem = error instanceof ApiError ? error : new ApiError(0, 'network', String(error?.message ?? error));
  if (problem.code === 'conflict') {
    // The conversation was deleted elsewhere: start afresh with the same question.
    setSession(null);
    question.item.remove();
    ui.input.value = text;
    showError('This conversation was deleted. Send your message again to start a new one.', null);
    return;
  }
  if (problem.retryable) {
    showError(problem.message, () => send(text, question));
    return;
  }
  // The request itself was refused (too long, invalid): give the text back to edit.
  question.item.remove();
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
    showSuggestions(true);
    return;
  }
  try {
    const conversation = await fetchConversation(sessionId);
    ui.messages.replaceChildren();
    showGreeting();
    if (!conversation) {
      setSession(null);
      showSuggestions(true);
      return;
    }
    conversation.messages.forEach((message, index) => {
      const entry = addMessage(message.role, message.content, { timestamp: message.timestamp });
      if (message.role === 'assistant') addActions(entry, index, message.rating);
    });
    showSuggestions(conversation.messages.length === 0);
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
  showSuggestions(true);
  announce('New conversation started.');
  ui.input.focus();
}

async function deleteMine() {
  const sessionId = state.sessionId;
  if (!sessionId || state.streaming) return;
  if (!window.confirm('Delete this conversation for good? It cannot be recovered.')) {
    ui.menuButton.focus();
    return;
  }
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
  state.suggestions = Array.isArray(persona.suggested_questions) ? persona.suggested_questions.slice(0, 3) : [];
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
keepInView(ui.form, document.querySelector('.twin-header'));
const menu = conversationMenu({
  sessionId: () => state.sessionId,
  busy: () => Boolean(state.streaming),
  onDelete: () => void deleteMine(),
  announce,
});

async function start() {
  try {
    showPersona(await fetchPersona());
  } catch {
    state.greeting = "Hi, I'm an AI twin. Ask me anything.";
  }
  await restore();
  document.body.dataset.ready = 'true';
}

void start();
