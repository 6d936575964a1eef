import type { Lead, LeadRecorded } from '../domain/knowledge/leads.js';

/**
 * Visitors who asked to be contacted. One lead per email address (case-insensitive):
 * recording it again merges with the domain's `leadAgain` rule.
 * Implementations: InMemoryLeadStore, FsLeadStore, DynamoLeadStore.
 */
export interface LeadStore {
  /** Throws StoreUnavailable on I/O failure. */
  record(lead: LeadRecorded): Promise<{ readonly lead: Lead; readonly created: boolean }>;
  /** Every lead, in no particular order (callers sort). */
  list(): Promise<readonly Lead[]>;
  /**
   * Takes back every recording made in conversation `sessionId` (it was purged): leads only
   * it recorded are deleted with their contact details, others count fewer recordings and no
   * longer point at it. Idempotent. Returns how many leads changed or went.
   */
  forgetSession(sessionId: string): Promise<number>;
}
