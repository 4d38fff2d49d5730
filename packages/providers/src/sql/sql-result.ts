import type { SqlResult } from '@starter/contracts';

const ROW_COUNT_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);
const COMMIT_STATEMENT = /^\s*(commit|end)(\s+(work|transaction))?\s*;?\s*$/i;

/** Why a statement on the database handle (not a lease) was rolled back: it left a transaction open. */
export const OPEN_TRANSACTION_MESSAGE =
  'A statement on the database handle left a transaction open; it was rolled back. Use acquire() for transactions.';

/** The driver-neutral shape both adapters reduce a result to. */
export interface RawResult {
  rows: unknown[];
  command?: string | null | undefined;
  rowCount?: number | null | undefined;
}

/** Builds the port result: `affectedRows` only for commands whose tag counts changed rows. */
export function toSqlResult<Row>(raw: RawResult): SqlResult<Row> {
  const result: SqlResult<Row> = { rows: raw.rows as Row[] };
  if (raw.command && ROW_COUNT_COMMANDS.has(raw.command) && typeof raw.rowCount === 'number') {
    result.affectedRows = raw.rowCount;
  }
  return result;
}

/**
 * Postgres answers COMMIT of a failed transaction with a ROLLBACK tag instead of an error. Both adapters
 * turn that into a thrown `25P02` error so a silently lost transaction can never look committed.
 */
export function assertCommitted(sql: string, command: string | null | undefined): void {
  if (command === 'ROLLBACK' && COMMIT_STATEMENT.test(sql)) {
    throw Object.assign(new Error('The transaction was rolled back because a statement in it failed.'), {
      code: '25P02',
    });
  }
}
