import {
  type AgentRuntimeTables,
  type AgentSessionStore,
  createKyselyConversationStore,
  createKyselySessionStore,
  createKyselySummaryStore,
  type KyselyConversationStore,
  type LedgerTransaction,
  type SummaryStore,
} from '@starter/agent-runtime';
import type { Kysely } from 'kysely';
import type { ConversationLedger } from './ledger-store-for.js';

/** The stores one cleanup writes through, all on the same database transaction. */
export interface CleanupStores {
  readonly store: KyselyConversationStore;
  readonly ledger: LedgerTransaction;
  readonly sessions: AgentSessionStore;
  readonly summaries: SummaryStore;
}

/** Runs `work` in one database transaction; resolves with its result once committed. */
export type CleanupTransaction = <T>(work: (stores: CleanupStores) => Promise<T>) => Promise<T>;

/**
 * Messages, run events, ledger rows, SDK sessions and summaries live in one database, so a truncation or
 * a clear is one transaction over all of them: a failing step rolls back every earlier one.
 */
export function createCleanupTransaction(
  db: Kysely<AgentRuntimeTables>,
  ledger: ConversationLedger,
  options: { now: () => Date },
): CleanupTransaction {
  const { now } = options;
  return async (work) => {
    // Before the transaction: the ledger's append queue writes through its own connection, which would
    // wait on the transaction (on a single-session database, forever).
    await ledger.flush();
    return db.transaction().execute((trx) =>
      work({
        store: createKyselyConversationStore(trx, { clock: now }),
        ledger: ledger.withTransaction(trx),
        sessions: createKyselySessionStore(trx),
        summaries: createKyselySummaryStore(trx, { now }),
      }),
    );
  };
}
