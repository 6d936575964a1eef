import type { ConversationStore } from '../../ports/conversation-store.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { NotFound } from '../errors.js';
import { displayName } from '../persona/persona.js';
import { type Conversation, parseSessionId, type SessionId } from './conversation.js';
import { conversationMarkdown, type ExportProgress, exportConversation, ndjsonExport } from './export-formats.js';
import { type SessionPreview, sessionPreviews } from './session-preview.js';

export type ExportFormat = 'markdown' | 'json';

/** A file to hand to whoever asked for it. */
export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: string;
}

/** Conversations as documents: a visitor's download, the owner's whole-store export and listing previews. */
export class ConversationExports {
  constructor(private readonly deps: { readonly store: ConversationStore; readonly persona: PersonaSource }) {}

  /** The visitor's own conversation as a file. NotFound when the session is not visible. */
  async exportOne(rawSessionId: unknown, format: ExportFormat): Promise<ExportFile> {
    const conversation = await this.load(parseSessionId(rawSessionId));
    const stem = `conversation-${conversation.session.session_id}`;
    if (format === 'json') {
      return {
        filename: `${stem}.json`,
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify(exportConversation(conversation, 'visitor'), null, 2)}\n`,
      };
    }
    const persona = await this.deps.persona.load();
    return {
      filename: `${stem}.md`,
      contentType: 'text/markdown; charset=utf-8',
      body: conversationMarkdown(conversation, displayName(persona)),
    };
  }

  /** Every visible conversation as NDJSON lines (owner export), one conversation in memory at a time. */
  exportAll(onProgress?: (progress: ExportProgress) => void): AsyncIterable<string> {
    return ndjsonExport(this.deps.store, onProgress);
  }

  previews(ids: readonly SessionId[]): Promise<Map<SessionId, SessionPreview>> {
    return sessionPreviews(this.deps.store, ids);
  }

  private async load(id: SessionId): Promise<Conversation> {
    const conversation = await this.deps.store.load(id);
    if (!conversation) throw new NotFound('No conversation with this session id');
    return conversation;
  }
}
