import { type Lead, type LeadId, type LeadRecorded, leadAgain, newLead } from '../../domain/knowledge/leads.js';
import type { LeadStore } from '../../ports/lead-store.js';

/** Leads in a Map: for tests, demos and embedders without storage. */
export class InMemoryLeadStore implements LeadStore {
  private readonly leads = new Map<LeadId, Lead>();

  async record(recorded: LeadRecorded): Promise<{ lead: Lead; created: boolean }> {
    const existing = this.leads.get(recorded.id);
    const lead = existing ? leadAgain(existing, recorded) : newLead(recorded);
    this.leads.set(recorded.id, lead);
    return { lead, created: !existing };
  }

  async list(): Promise<readonly Lead[]> {
    return [...this.leads.values()];
  }
}
