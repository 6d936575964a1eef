import { join } from 'node:path';
import {
  askedAgain,
  type GapAsked,
  type GapId,
  type KnowledgeGap,
  newGap,
} from '../../domain/knowledge/knowledge-gaps.js';
import type { GapResolution, KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';
import { JsonRecordsFile } from './json-records-file.js';

export interface FsKnowledgeGapStoreOptions {
  /** The data directory; gaps live in knowledge-gaps.json there. */
  readonly dataDir: string;
}

function isGap(value: unknown): value is KnowledgeGap {
  if (typeof value !== 'object' || value === null) return false;
  const gap = value as Record<string, unknown>;
  return (
    typeof gap.id === 'string' &&
    typeof gap.question === 'string' &&
    typeof gap.key === 'string' &&
    Number.isSafeInteger(gap.times_asked) &&
    typeof gap.first_asked === 'string' &&
    typeof gap.last_asked === 'string' &&
    (gap.status === 'open' || gap.status === 'answered' || gap.status === 'dismissed')
  );
}

/** Knowledge gaps in `<dataDir>/knowledge-gaps.json`. */
export class FsKnowledgeGapStore implements KnowledgeGapStore {
  private readonly file: JsonRecordsFile<KnowledgeGap>;

  constructor(options: FsKnowledgeGapStoreOptions) {
    this.file = new JsonRecordsFile(join(options.dataDir, 'knowledge-gaps.json'), isGap);
  }

  async recordAsked(ask: GapAsked): Promise<{ gap: KnowledgeGap; created: boolean }> {
    const outcome = await this.file.update(ask.id, (current) => {
      const gap = current ? askedAgain(current, ask) : newGap(ask);
      return { record: gap, result: { gap, created: current === null } };
    });
    return outcome!;
  }

  list(): Promise<readonly KnowledgeGap[]> {
    return this.file.all();
  }

  get(id: GapId): Promise<KnowledgeGap | null> {
    return this.file.get(id);
  }

  async resolve(id: GapId, resolution: GapResolution): Promise<KnowledgeGap | null> {
    const gap = await this.file.update(id, (current) => {
      if (!current) return undefined;
      const record: KnowledgeGap = {
        ...current,
        status: resolution.status,
        answer: resolution.answer ?? current.answer,
        resolved_at: resolution.at,
      };
      return { record, result: record };
    });
    return gap ?? null;
  }
}
