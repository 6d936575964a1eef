import {
  askedAgain,
  type GapAsked,
  type GapId,
  gapWithout,
  type KnowledgeGap,
  newGap,
} from '../../domain/knowledge/knowledge-gaps.js';
import { type SessionTally, tallyWith, tallyWithout } from '../../domain/knowledge/session-tally.js';
import type { GapResolution, KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';

/** Knowledge gaps in a Map: for tests, demos and embedders without storage. */
export class InMemoryKnowledgeGapStore implements KnowledgeGapStore {
  private readonly gaps = new Map<GapId, { gap: KnowledgeGap; sessions: SessionTally }>();

  async recordAsked(ask: GapAsked): Promise<{ gap: KnowledgeGap; created: boolean }> {
    const existing = this.gaps.get(ask.id);
    const gap = existing ? askedAgain(existing.gap, ask) : newGap(ask);
    this.gaps.set(ask.id, { gap, sessions: tallyWith(existing?.sessions, ask.session_id) });
    return { gap, created: !existing };
  }

  async list(): Promise<readonly KnowledgeGap[]> {
    return [...this.gaps.values()].map(({ gap }) => gap);
  }

  async get(id: GapId): Promise<KnowledgeGap | null> {
    return this.gaps.get(id)?.gap ?? null;
  }

  async resolve(id: GapId, resolution: GapResolution): Promise<KnowledgeGap | null> {
    const existing = this.gaps.get(id);
    if (!existing) return null;
    const gap: KnowledgeGap = {
      ...existing.gap,
      status: resolution.status,
      answer: resolution.answer ?? existing.gap.answer,
      resolved_at: resolution.at,
    };
    this.gaps.set(id, { ...existing, gap });
    return gap;
  }

  async forgetSession(sessionId: string): Promise<number> {
    let changed = 0;
    for (const [id, stored] of this.gaps) {
      const { tally, taken } = tallyWithout(stored.sessions, sessionId);
      if (taken === 0) continue;
      const gap = gapWithout(stored.gap, taken);
      if (gap) this.gaps.set(id, { gap, sessions: tally });
      else this.gaps.delete(id);
      changed++;
    }
    return changed;
  }
}
