/**
 * A cheap, order-independent key for a point's own dimensions (those not in `base`), for
 * grouping points on the hot path without JSON.stringify or intermediate arrays. Empty values
 * are skipped, as sinks drop them.
 */
export function dimensionKey(
  dimensions: Readonly<Record<string, string>> | undefined,
  base: Readonly<Record<string, string>>,
): string {
  if (!dimensions) return '';
  const keys = Object.keys(dimensions);
  if (keys.length > 1) keys.sort();
  let key = '';
  for (const name of keys) {
    const value = dimensions[name];
    if (typeof value !== 'string' || value === '' || Object.hasOwn(base, name)) continue;
    key += `${name}\u0001${value}\u0002`;
  }
  return key;
}
