/** The `code` of a Node system error ("ENOENT", "ELOOP"...), or undefined for anything else. */
export function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
