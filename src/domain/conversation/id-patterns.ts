// Measures of how patterned a lower-case UUID is, for the session-id check (conversation.ts:
// isUnguessableSessionId). They run on every chat (the request schema, the per-session limit),
// so they count in scratch tables instead of building sets and arrays: a UUID is 36 ASCII
// characters, 32 of them hex digits.

const seen = new Uint8Array(256);
const stepCounts = new Uint8Array(16);
const digits = new Uint8Array(32);

/** Reads the 32 hex digits of a lower-case UUID (dashes skipped) into `digits`. */
function readDigits(id: string): void {
  let n = 0;
  for (let i = 0; i < id.length && n < digits.length; i++) {
    const code = id.charCodeAt(i);
    if (code !== 0x2d) digits[n++] = code <= 0x39 ? code - 0x30 : code - 0x57;
  }
}

/** Marks `key` (0..255) in `seen`; true the first time since `seen` was cleared. */
function firstSight(key: number): boolean {
  if (seen[key] === 1) return false;
  seen[key] = 1;
  return true;
}

/** Distinct characters of `id`. */
export function distinctCharacters(id: string): number {
  seen.fill(0);
  let count = 0;
  for (let i = 0; i < id.length; i++) if (firstSight(id.charCodeAt(i) & 0xff)) count++;
  return count;
}

/** Distinct steps (code point differences) between neighbouring characters, dashes included. */
export function distinctSteps(id: string): number {
  seen.fill(0);
  let count = 0;
  // In a UUID ([0-9a-f-]) neighbours differ by -57..57.
  for (let i = 1; i < id.length; i++) if (firstSight((id.charCodeAt(i) - id.charCodeAt(i - 1) + 128) & 0xff)) count++;
  return count;
}

/** Distinct pairs of neighbouring hex digits, dashes skipped (two hex digits make one byte). */
export function distinctHexPairs(id: string): number {
  readDigits(id);
  seen.fill(0);
  let count = 0;
  for (let i = 1; i < digits.length; i++) {
    if (firstSight((digits[i - 1] as number) * 16 + (digits[i] as number))) count++;
  }
  return count;
}

/**
 * The largest share of hex digit pairs k apart (k = 1 to 4, dashes skipped) that differ by one
 * and the same amount (mod 16): counting in steps, also interleaved.
 */
export function commonestStepShare(id: string): number {
  readDigits(id);
  let share = 0;
  for (let distance = 1; distance <= 4; distance++) {
    stepCounts.fill(0);
    let most = 0;
    for (let i = distance; i < digits.length; i++) {
      const step = ((digits[i] as number) - (digits[i - distance] as number) + 16) % 16;
      const count = (stepCounts[step] as number) + 1;
      stepCounts[step] = count;
      if (count > most) most = count;
    }
    share = Math.max(share, most / (digits.length - distance));
  }
  return share;
}
