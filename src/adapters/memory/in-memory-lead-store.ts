import {
  type Lead,
  type LeadId,
  type LeadRecorded,
  leadAgain,
  leadWithout,
  newLead,
} from '../../domain/knowledge/leads.js';
import { type SessionTally, tallyWith, tallyWithout } from '../../domain/knowledge/session-tally.js';
import type { LeadStore } from '../../ports/lead-store.js';

/** Leads in a Map: for tests, demos and embedders without storage. */
export class InMemoryLeadStore implements LeadStore {
  private readonly leads = new Map<LeadId, { lead: Lead; sessions: SessionTally }>();

  async record(recorded: LeadRecorded): Promise<{ lead: Lead; created: boolean }> {
    const existing = this.leads.get(recorded.id);
    const lead = existing ? leadAgain(existing.lead, recorded) : newLead(recorded);
    this.leads.set(recorded.id, { lead, sessions: tallyWith(existing?.sessions, recorded.session_id) });
    return { lead, created: !existing };
  }

  async list(): Promise<readonly Lead[]> {
    return [...this.leads.values()].map(({ lead }) => lead);
  }

  async forgetSession(sessionId: string): Promise<number> {
    let changed = 0;
    for (const [id, stored] of this.leads) {
      const { tally, taken } = tallyWithout(stored.sessions, sessionId);
      if (taken === 0) continue;
      const lead = leadWithout(stored.lead, sessionId, taken);
      if (lead) this.leads.set(id, { lead, sessions: tally });
      else this.leads.delete(id);
      changed++;
    }
    return changed;
  }
}
