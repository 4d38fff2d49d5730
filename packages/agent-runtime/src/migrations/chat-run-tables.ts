import type { ColumnType } from 'kysely';
import type { CreatedAt } from './agent-runtime-tables.js';

/** Lifecycle of a chat run; `interrupted` waits on tool approvals and keeps its serialized state. */
export type ChatRunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** A tool call a paused run waits on, as stored in `pending_approvals`. */
export interface StoredPendingApproval {
  readonly tool_call_id: string;
  readonly tool_name: string;
  readonly arguments: string | null;
  readonly agent_name: string;
}

/** `chat_runs`: the run registry behind resumable chat streams, cancellation and tool approvals (§14). */
export interface ChatRunsTable {
  run_id: string;
  tenant_id: string;
  user_id: string | null;
  conversation_id: string;
  agent_key: string;
  /** The stream currently (or last) carrying the run: a resumed run gets a new one. */
  stream_id: string;
  status: ChatRunStatus;
  /** Position of the user message that started the run (ledger truncation anchor). */
  message_position: number | null;
  request_message: string;
  /** Serialized SDK RunState while the run is interrupted. */
  state: string | null;
  /** JSON text on write: the `pg` driver would send a JS array as a Postgres array literal. */
  pending_approvals: ColumnType<StoredPendingApproval[], string | undefined, string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  finished_at: Date | null;
}

/** Tables of migration 0005_chat_runs (Kysely table types). */
export interface ChatRunTables {
  chat_runs: ChatRunsTable;
}
