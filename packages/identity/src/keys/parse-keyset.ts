import { AppError } from '@starter/contracts';
import { type Keyset, KeysetSchema } from './keyset-schema.js';

/** Validates stored keyset JSON; the error never echoes the content, which holds private keys. */
export function parseKeyset(raw: unknown, source: string): Keyset {
  const result = KeysetSchema.safeParse(raw);
  if (!result.success) {
    const paths = result.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new AppError('InternalServerError', 'Signing keyset is invalid.', {
      details: { source, paths },
    });
  }
  return result.data;
}
