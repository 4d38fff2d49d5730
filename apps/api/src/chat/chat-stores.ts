import {
  type AgentRuntimeTables,
  createKyselyChatRunStore,
  createKyselyConversationStore,
  createKyselyLedgerStore,
  createKyselyUsageStore,
  type KyselyLedgerStore,
} from '@starter/agent-runtime';
import type { Kysely } from 'kysely';
import type { AppDependencies } from '../dependencies/index.js';
import type { ChatConversationPort, ChatTransact, ChatUsagePort } from './chat-ports.js';
import type { ChatServiceDeps } from './chat-service.js';

/** The stores of one chat service; the ledger owns a group-commit queue, flushed on close. */
export type ChatStores = Pick<ChatServiceDeps, 'runs' | 'transact'> & {
  readonly conversations: ChatConversationPort;
  readonly usage: ChatUsagePort;
  readonly ledger: KyselyLedgerStore;
};

/** One database transaction with the chat's stores built on it. */
export function createChatTransact(db: Kysely<AgentRuntimeTables>, now: () => Date): ChatTransact {
  return (work) =>
    db.transaction().execute((trx) =>
      work({
        conversations: createKyselyConversationStore(trx, { clock: now }),
        runs: createKyselyChatRunStore(trx),
        usage: createKyselyUsageStore(trx, { clock: now }),
      }),
    );
}

/** Builds the chat stores on the agent runtime's database. */
export function createChatStores(deps: AppDependencies): ChatStores {
  const { db } = deps.agents;
  const now = () => deps.clock.date();
  return {
    runs: createKyselyChatRunStore(db),
    conversations: createKyselyConversationStore(db, { clock: now }),
    usage: createKyselyUsageStore(db, { clock: now }),
    transact: createChatTransact(db, now),
    ledger: createKyselyLedgerStore(db, { storage: deps.storage, clock: deps.clock, logger: deps.logger }),
  };
}
