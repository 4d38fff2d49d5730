import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '@starter/contracts';

/** A database under test, optionally with a `drop()` that deletes it (see `createTestDatabase`). */
export type ConformanceDatabase = SqlDatabase & { drop?(): Promise<void> };

/** Returns the database the enclosing suite opened in `beforeAll`. */
export type DatabaseGetter = () => ConformanceDatabase;

/** A fresh lowercase identifier, so tests sharing one database never collide (also across runs). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Captures the rejection of `promise` (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: unknown };
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}
