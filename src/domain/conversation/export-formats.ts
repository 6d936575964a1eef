import type { ConversationStore } from '../../ports/conversation-store.js';
import type { AnswerRecord, Conversation, MessageRating, Metadata, Role } from './conversation.js';

/** One message in an export; `index` is its position in GET /conversation/:session_id. */
export interface ExportedMessage {
  readonly index: number;
  readonly role: Role;
  readonly content: string;
  /** ISO 8601 UTC. */
  readonly timestamp: string;
  /** The visitor's rating of this answer, when there is one. */
  readonly rating?: Omit<MessageRating, 'seq'>;
  /** How the answer was produced (owner exports only). */
  readonly answer?: AnswerRecord;
}

export interface ExportedConversation {
  readonly session_id: string;
  readonly created_at: string;
  readonly last_updated: string;
  readonly message_count: number;
  /** Owner exports only. */
  readonly metadata?: Metadata;
  readonly messages: readonly ExportedMessage[];
}

/**
 * A conversation as a JSON document. `audience: 'visitor'` is what the visitor may download
 * (what was said, when, and their ratings); 'owner' adds answer records and metadata.
 */
export function exportConversation(conversation: Conversation, audience: 'visitor' | 'owner'): ExportedConversation {
  const ratings = new Map((conversation.ratings ?? []).map((r) => [r.seq, r]));
  const { session } = conversation;
  return {
    session_id: session.session_id,
    created_at: session.created_at,
    last_updated: session.last_updated,
    message_count: session.message_count,
    ...(audience === 'owner' ? { metadata: session.metadata } : {}),
    messages: conversation.messages.map((message, index) => {
      const rating = ratings.get(message.seq);
      return {
        index,
        role: message.role,
        content: message.content,
        timestamp: message.timestamp,
        ...(rating ? { rating: { rating: rating.rating, comment: rating.comment, rated_at: rating.rated_at } } : {}),
        ...(audience === 'owner' && message.answer ? { answer: message.answer } : {}),
      };
    }),
  };
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The conversation as a Markdown document for people: a heading, then each message under
 * who said it and when. Message text is kept as written.
 */
export function conversationMarkdown(conversation: Conversation, ownerName: string): string {
  const exported = exportConversation(conversation, 'visitor');
  const twin = `${ownerName}'s AI twin`;
  const lines = [
    `# Conversation with ${twin}`,
    '',
    `Session \`${exported.session_id}\` · started ${when(exported.created_at)} · ${exported.messages.length} messages`,
  ];
  for (const message of exported.messages) {
    const verdict = message.rating ? ` · rated ${message.rating.rating === 'up' ? '👍' : '👎'}` : '';
    lines.push(
      '',
      '---',
      '',
      `**${message.role === 'user' ? 'You' : twin}** · ${when(message.timestamp)}${verdict}`,
      '',
    );
    lines.push(message.content);
    if (message.rating?.comment) lines.push('', `> Your comment: ${message.rating.comment.replace(/\n/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Progress of a whole-store export. */
export interface ExportProgress {
  readonly conversations: number;
  readonly messages: number;
}

/**
 * Every visible conversation, one at a time: streamed by stores that can
 * (`conversations()`), otherwise paged through listSessions 100 at a time, so memory
 * holds one page of summaries and one conversation, never the whole store.
 */
export async function* everyConversation(store: ConversationStore): AsyncIterable<Conversation> {
  if (store.conversations) {
    yield* store.conversations();
    return;
  }
  let cursor: string | undefined;
  do {
    const page = await store.listSessions(cursor === undefined ? { limit: 100 } : { limit: 100, cursor });
    for (const summary of page.items) {
      const conversation = await store.load(summary.session_id);
      if (conversation) yield conversation;
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}

/** NDJSON lines (one owner export per conversation), reporting progress after each. */
export async function* ndjsonExport(
  store: ConversationStore,
  onProgress?: (progress: ExportProgress) => void,
): AsyncIterable<string> {
  let conversations = 0;
  let messages = 0;
  for await (const conversation of everyConversation(store)) {
    yield `${JSON.stringify(exportConversation(conversation, 'owner'))}\n`;
    conversations += 1;
    messages += conversation.messages.length;
    onProgress?.({ conversations, messages });
  }
}
