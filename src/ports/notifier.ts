import type { KnowledgeGap } from '../domain/knowledge/knowledge-gaps.js';
import type { Lead } from '../domain/knowledge/leads.js';

export type Notification =
  | { readonly type: 'knowledge_gap'; readonly gap: KnowledgeGap }
  | { readonly type: 'lead'; readonly lead: Lead };

/** Tells the owner something happened. Must never throw: failures are the adapter's to log. */
export interface Notifier {
  notify(notification: Notification): Promise<void>;
}
