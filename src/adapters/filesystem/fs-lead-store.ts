import { join } from 'node:path';
import { type Lead, type LeadRecorded, leadAgain, newLead } from '../../domain/knowledge/leads.js';
import type { LeadStore } from '../../ports/lead-store.js';
import { JsonRecordsFile } from './json-records-file.js';

export interface FsLeadStoreOptions {
  /** The data directory; leads live in leads.json there. */
  readonly dataDir: string;
}

function isLead(value: unknown): value is Lead {
  if (typeof value !== 'object' || value === null) return false;
  const lead = value as Record<string, unknown>;
  return (
    typeof lead.id === 'string' &&
    typeof lead.email === 'string' &&
    Number.isSafeInteger(lead.times_recorded) &&
    typeof lead.first_recorded === 'string' &&
    typeof lead.last_recorded === 'string'
  );
}

/** Leads in `<dataDir>/leads.json`. Contact details are personal data: the data dir is private. */
export class FsLeadStore implements LeadStore {
  private readonly file: JsonRecordsFile<Lead>;

  constructor(options: FsLeadStoreOptions) {
    this.file = new JsonRecordsFile(join(options.dataDir, 'leads.json'), isLead);
  }

  async record(recorded: LeadRecorded): Promise<{ lead: Lead; created: boolean }> {
    const outcome = await this.file.update(recorded.id, (current) => {
      const lead = current ? leadAgain(current, recorded) : newLead(recorded);
      return { record: lead, result: { lead, created: current === null } };
    });
    return outcome!;
  }

  list(): Promise<readonly Lead[]> {
    return this.file.all();
  }
}
