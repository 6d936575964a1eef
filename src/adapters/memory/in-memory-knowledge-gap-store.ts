import {
  askedAgain,
  type GapAsked,
  type GapId,
  type KnowledgeGap,
  newGap,
} from '../../domain/knowledge/knowledge-gaps.js';
import type { GapResolution, KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';

/** Knowledge gaps in a Map: for tests, demos and embedders without storage. */
export class InMemoryKnowledgeGapStore implements KnowledgeGapStore {
  private readonly gaps = new Map<GapId, KnowledgeGap>();

  async recordAsked(ask: GapAsked): Promise<{ gap: KnowledgeGap; created: boolean }> {
    const existing = this.gaps.get(ask.id);
    const gap = existing ? askedAgain(existing, ask) : newGap(ask);
    this.gaps.set(ask.id, gap);
    return { gap, created: !existing };
  }

  async list(): Promise<readonly KnowledgeGap[]> {
    return [...this.gaps.values()];
  }

  async get(id: GapId): Promise<KnowledgeGap | null> {
    return this.gaps.get(id) ?? null;
  }

  async resolve(id: GapId, resolution: GapResolution): Promise<KnowledgeGap | null> {
    const existing = this.gaps.get(id);
    if (!existing) return null;
    const gap: KnowledgeGap = {
      ...existing,
      status: resolution.status,
      answer: resolution.answer ?? existing.answer,
      resolved_at: resolution.at,
    };
    this.gaps.set(id, gap);
    return gap;
  }
}
