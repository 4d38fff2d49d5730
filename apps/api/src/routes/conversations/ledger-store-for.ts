import { createKyselyLedgerStore, type KyselyLedgerStore } from '@starter/agent-runtime';
import type { AppDependencies } from '../../dependencies/index.js';

/**
 * The part of the ledger these routes use: replay, plus truncation and deletion inside a caller's
 * transaction (never appends).
 */
export type ConversationLedger = Pick<KyselyLedgerStore, 'conversationFrames' | 'flush' | 'withTransaction'>;

/**
 * The conversation ledger on the app's database and storage. These routes only read, truncate and
 * delete, so the store's group-commit queue stays empty and needs no flush at shutdown. When the app
 * grows a shared `deps.agents.ledger` (the chat routes append to one), use that instead.
 */
export function ledgerStoreFor(deps: AppDependencies): ConversationLedger {
  return createKyselyLedgerStore(deps.agents.db, {
    storage: deps.storage,
    clock: deps.clock,
    logger: deps.logger,
  });
}
