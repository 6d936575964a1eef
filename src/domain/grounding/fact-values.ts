/** "favourite_wood" -> "Favourite wood". */
export function humanize(key: string): string {
  const spaced = key
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/[_-]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// Keys whose value names the record ("name", "title"): it leads, the other fields follow it.
const NAMING_KEYS = new Set(['name', 'title', 'degree', 'role', 'position']);

/** Renders any JSON value readably: a record leads with its name, then "key: value" pairs; arrays as lists. */
export function renderValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map((item) => renderValue(item, depth + 1))
      .filter(Boolean)
      .join('; ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, renderValue(v, depth + 1)] as const)
      .filter(([, v]) => v !== '');
    const named = entries.filter(([k]) => NAMING_KEYS.has(k.toLowerCase()));
    const rest = entries.filter(([k]) => !NAMING_KEYS.has(k.toLowerCase()));
    // A record inside a list (an education entry) reads as "MSc, Northmere, 2012-2014".
    const restText =
      depth > 0 && entries.length <= 4
        ? rest.map(([, v]) => v)
        : rest.map(([k, v]) => `${humanize(k).toLowerCase()}: ${v}`);
    return [...named.map(([, v]) => v), ...restText].join(', ');
  }
  return String(value).replace(/\s+/gu, ' ').trim();
}
