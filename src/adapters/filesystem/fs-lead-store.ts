import { join } from 'node:path';
import { type Lead, type LeadRecorded, leadAgain, leadWithout, newLead } from '../../domain/knowledge/leads.js';
import { isSessionTally, type SessionTally, tallyWith, tallyWithout } from '../../domain/knowledge/session-tally.js';
import type { LeadStore } from '../../ports/lead-store.js';
import { JsonRecordsFile } from './json-records-file.js';

export interface FsLeadStoreOptions {
  /** The data directory; leads live in leads.json there. */
  readonly dataDir: string;
}

/** A lead as stored: with the conversations that recorded it, so a purge can take them back. */
type StoredLead = Lead & { readonly sessions?: SessionTally };

function isLead(value: unknown): value is StoredLead {
  if (typeof value !== 'object' || value === null) return false;
  const lead = value as Record<string, unknown>;
  return (
    typeof lead.id === 'string' &&
    typeof lead.email === 'string' &&
    Number.isSafeInteger(lead.times_recorded) &&
    typeof lead.first_recorded === 'string' &&
    typeof lead.last_recorded === 'string' &&
    (lead.sessions === undefined || isSessionTally(lead.sessions))
  );
}

function publicLead({ sessions: _sessions, ...lead }: StoredLead): Lead {
  return lead;
}

/** Leads in `<dataDir>/leads.json`. Contact details are personal data: the data dir is private. */
export class FsLeadStore implements LeadStore {
  private readonly file: JsonRecordsFile<StoredLead>;

  constructor(options: FsLeadStoreOptions) {
    this.file = new JsonRecordsFile(join(options.dataDir, 'leads.json'), isLead);
  }

  async record(recorded: LeadRecorded): Promise<{ lead: Lead; created: boolean }> {
    const outcome = await this.file.update(recorded.id, (current) => {
      const lead = current ? leadAgain(publicLead(current), recorded) : newLead(recorded);
      return {
        record: { ...lead, sessions: tallyWith(current?.sessions, recorded.session_id) },
        result: { lead, created: current === null },
      };
    });
    return outcome!;
  }

  async list(): Promise<readonly Lead[]> {
    return (await this.file.all()).map(publicLead);
  }

  async forgetSession(sessionId: string): Promise<number> {
    const changed = await this.file.transact((records) => {
      const next = new Map(records);
      let count = 0;
      for (const [id, stored] of records) {
        const { tally, taken } = tallyWithout(stored.sessions, sessionId);
        if (taken === 0) continue;
        const lead = leadWithout(publicLead(stored), sessionId, taken);
        if (lead) next.set(id, { ...lead, sessions: tally });
        else next.delete(id);
        count++;
      }
      return count === 0 ? undefined : { next, result: count };
    });
    return changed ?? 0;
  }
}
