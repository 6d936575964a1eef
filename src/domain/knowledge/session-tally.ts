/**
 * How many times each conversation contributed to a shared record (a knowledge gap asked,
 * a lead recorded), kept with the record so that purging one conversation takes back
 * exactly its part: a record only that conversation made disappears with it.
 * Stored as [session id, count] pairs, which JSON and DynamoDB lists carry as they are.
 */
export type SessionTally = readonly (readonly [string, number])[];

/**
 * Conversations tracked per record. A question asked in more conversations than this is
 * public knowledge, not one visitor's: further askings only add to its count, and purging
 * one of those conversations leaves the record (it came from many others).
 */
export const MAX_TRACKED_SESSIONS = 1000;

/** The tally with one more contribution from `sessionId`; unchanged for no session. */
export function tallyWith(tally: SessionTally | undefined, sessionId: string | null | undefined): SessionTally {
  const current = tally ?? [];
  if (!sessionId) return current;
  const index = current.findIndex(([id]) => id === sessionId);
  if (index >= 0) return current.map(([id, count], i) => [id, i === index ? count + 1 : count] as const);
  return current.length >= MAX_TRACKED_SESSIONS ? current : [...current, [sessionId, 1] as const];
}

/** The tally without `sessionId`, and how many contributions it had made. */
export function tallyWithout(
  tally: SessionTally | undefined,
  sessionId: string,
): { readonly tally: SessionTally; readonly taken: number } {
  const current = tally ?? [];
  const taken = current.find(([id]) => id === sessionId)?.[1] ?? 0;
  return { tally: taken === 0 ? current : current.filter(([id]) => id !== sessionId), taken };
}

/** A shape check for tallies read back from storage (hand edits gone wrong are dropped). */
export function isSessionTally(value: unknown): value is SessionTally {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) => Array.isArray(entry) && typeof entry[0] === 'string' && Number.isSafeInteger(entry[1]) && entry[1] > 0,
    )
  );
}
