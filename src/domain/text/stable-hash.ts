const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * FNV-1a (64 bit) of the text's UTF-8 bytes, as 16 hex digits. Not cryptographic:
 * it turns a normalised key into a short, stable id, so every store (and every
 * process) derives the same id for the same question without a lookup.
 */
export function stableHash(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
