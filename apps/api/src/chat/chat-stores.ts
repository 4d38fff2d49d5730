import {
  createKyselyChatRunStore,
  createKyselyConversationStore,
  createKyselyLedgerStore,
  createKyselyUsageStore,
  type KyselyLedgerStore,
} from '@starter/agent-runtime';
import type { AppDependencies } from '../dependencies/index.js';
import type { ChatServiceDeps } from './chat-service.js';

/** The stores of one chat service; the ledger owns a group-commit queue, flushed on close. */
export type ChatStores = Pick<ChatServiceDeps, 'runs' | 'conversations' | 'usage'> & {
  readonly ledger: KyselyLedgerStore;
};

/** Builds the chat stores on the agent runtime's database. */
export function createChatStores(deps: AppDependencies): ChatStores {
  const { db } = deps.agents;
  const now = () => deps.clock.date();
  return {
    runs: createKyselyChatRunStore(db),
    conversations: createKyselyConversationStore(db, { clock: now }),
    usage: createKyselyUsageStore(db, { clock: now }),
    ledger: createKyselyLedgerStore(db, { storage: deps.storage, clock: deps.clock, logger: deps.logger }),
  };
}
