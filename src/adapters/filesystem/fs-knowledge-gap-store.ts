import { join } from 'node:path';
import {
  askedAgain,
  type GapAsked,
  type GapId,
  gapWithout,
  type KnowledgeGap,
  newGap,
} from '../../domain/knowledge/knowledge-gaps.js';
import { isSessionTally, type SessionTally, tallyWith, tallyWithout } from '../../domain/knowledge/session-tally.js';
import type { GapResolution, KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';
import { JsonRecordsFile } from './json-records-file.js';

export interface FsKnowledgeGapStoreOptions {
  /** The data directory; gaps live in knowledge-gaps.json there. */
  readonly dataDir: string;
}

/** A gap as stored: with the conversations that asked it, so a purge can take its askings back. */
type StoredGap = KnowledgeGap & { readonly sessions?: SessionTally };

function isGap(value: unknown): value is StoredGap {
  if (typeof value !== 'object' || value === null) return false;
  const gap = value as Record<string, unknown>;
  return (
    typeof gap.id === 'string' &&
    typeof gap.question === 'string' &&
    typeof gap.key === 'string' &&
    Number.isSafeInteger(gap.times_asked) &&
    typeof gap.first_asked === 'string' &&
    typeof gap.last_asked === 'string' &&
    (gap.status === 'open' || gap.status === 'answered' || gap.status === 'dismissed') &&
    (gap.sessions === undefined || isSessionTally(gap.sessions))
  );
}

function publicGap({ sessions: _sessions, ...gap }: StoredGap): KnowledgeGap {
  return gap;
}

/**
 * Knowledge gaps in `<dataDir>/knowledge-gaps.json`. The server and `twin gaps` commands
 * may change it at the same time: every change re-reads the file under a lock file.
 */
export class FsKnowledgeGapStore implements KnowledgeGapStore {
  private readonly file: JsonRecordsFile<StoredGap>;

  constructor(options: FsKnowledgeGapStoreOptions) {
    this.file = new JsonRecordsFile(join(options.dataDir, 'knowledge-gaps.json'), isGap);
  }

  async recordAsked(ask: GapAsked): Promise<{ gap: KnowledgeGap; created: boolean }> {
    const outcome = await this.file.update(ask.id, (current) => {
      const gap = current ? askedAgain(publicGap(current), ask) : newGap(ask);
      return {
        record: { ...gap, sessions: tallyWith(current?.sessions, ask.session_id) },
        result: { gap, created: current === null },
      };
    });
    return outcome!;
  }

  async list(): Promise<readonly KnowledgeGap[]> {
    return (await this.file.all()).map(publicGap);
  }

  async get(id: GapId): Promise<KnowledgeGap | null> {
    const gap = await this.file.get(id);
    return gap && publicGap(gap);
  }

  async resolve(id: GapId, resolution: GapResolution): Promise<KnowledgeGap | null> {
    const gap = await this.file.update(id, (current) => {
      if (!current) return undefined;
      const record: StoredGap = {
        ...current,
        status: resolution.status,
        answer: resolution.answer ?? current.answer,
        resolved_at: resolution.at,
      };
      return { record, result: publicGap(record) };
    });
    return gap ?? null;
  }

  async forgetSession(sessionId: string): Promise<number> {
    const changed = await this.file.transact((records) => {
      const next = new Map(records);
      let count = 0;
      for (const [id, stored] of records) {
        const { tally, taken } = tallyWithout(stored.sessions, sessionId);
        if (taken === 0) continue;
        const gap = gapWithout(publicGap(stored), taken);
        if (gap) next.set(id, { ...gap, sessions: tally });
        else next.delete(id);
        count++;
      }
      return count === 0 ? undefined : { next, result: count };
    });
    return changed ?? 0;
  }
}
