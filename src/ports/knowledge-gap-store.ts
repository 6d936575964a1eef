import type { GapAsked, GapId, GapStatus, KnowledgeGap } from '../domain/knowledge/knowledge-gaps.js';

export interface GapResolution {
  readonly status: Exclude<GapStatus, 'open'>;
  /** Required for 'answered'. */
  readonly answer?: string;
  /** ISO 8601 UTC. */
  readonly at: string;
}

/**
 * Questions the twin could not answer. Implementations: InMemoryKnowledgeGapStore,
 * FsKnowledgeGapStore, DynamoKnowledgeGapStore; all pass test/contract.
 */
export interface KnowledgeGapStore {
  /**
   * Records one asking: creates the gap (created: true) or counts a repeat with
   * the domain's `askedAgain` rule. Concurrent askings are never lost.
   * Throws StoreUnavailable on I/O failure.
   */
  recordAsked(ask: GapAsked): Promise<{ readonly gap: KnowledgeGap; readonly created: boolean }>;
  /** Every gap, in no particular order (callers sort). */
  list(): Promise<readonly KnowledgeGap[]>;
  get(id: GapId): Promise<KnowledgeGap | null>;
  /** Marks the gap answered or dismissed; null when there is no such gap. */
  resolve(id: GapId, resolution: GapResolution): Promise<KnowledgeGap | null>;
  /**
   * Takes back every asking recorded with `ask.session_id === sessionId` (its conversation was
   * purged): gaps only it asked are deleted, others count fewer askings and forget the id.
   * Idempotent. Returns how many gaps changed or went. Throws StoreUnavailable.
   */
  forgetSession(sessionId: string): Promise<number>;
}
