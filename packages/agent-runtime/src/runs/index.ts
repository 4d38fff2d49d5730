// Public API of runs/: the chat run registry.
export type { ChatRunStatus, StoredPendingApproval } from '../migrations/chat-run-tables.js';
export type {
  ChatRunFinish,
  ChatRunRecord,
  ChatRunScope,
  ChatRunStore,
  NewChatRun,
} from './chat-run-store.js';
export { createKyselyChatRunStore } from './kysely-chat-run-store.js';
