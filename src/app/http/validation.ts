import type { z } from 'zod';
import { InvalidInput } from '../../domain/errors.js';

/** Validates a body or query with zod; the first problem becomes a 400 naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new InvalidInput(`${where}${issue?.message ?? 'invalid request'}`);
}
