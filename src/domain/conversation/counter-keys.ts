/**
 * Usage counters (token budgets, rate-limit windows) that belong to one conversation carry a
 * `session:<id>` segment in their key, e.g. `tokens:session:<id>` or `rate:session:<id>:<window>`:
 * that is how a purge finds them. Returns the id, or undefined for a key of no conversation.
 */
export function sessionOfCounterKey(key: string): string | undefined {
  return /(?:^|:)session:([A-Za-z0-9_-]+)(?::|$)/.exec(key)?.[1];
}
