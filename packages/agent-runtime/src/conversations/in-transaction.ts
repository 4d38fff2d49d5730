import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in a new transaction, or inside the caller's when `db` already is one (Kysely cannot nest
 * them), so a store's multi-row write composes into a larger unit of work that commits or rolls back
 * as a whole.
 */
export function inTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB> | Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
