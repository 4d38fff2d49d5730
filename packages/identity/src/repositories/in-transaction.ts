import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one, so a repository's
 * multi-row write composes into a larger unit of work (e.g. registration) without nested transactions.
 */
export function inTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB> | Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
