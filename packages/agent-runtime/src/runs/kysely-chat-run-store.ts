import { type Kysely, type Selectable, sql } from 'kysely';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import type { ChatRunsTable, StoredPendingApproval } from '../migrations/chat-run-tables.js';
import type { PendingApproval } from '../runtime/pending-approvals.js';
import type { ChatRunRecord, ChatRunStore } from './chat-run-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function storedApprovals(pending: readonly PendingApproval[]): string {
  const rows: StoredPendingApproval[] = pending.map((call) => ({
    tool_call_id: call.toolCallId,
    tool_name: call.toolName,
    arguments: call.arguments,
    agent_name: call.agentName,
  }));
  return JSON.stringify(rows);
}

function recordOf(row: Selectable<ChatRunsTable>): ChatRunRecord {
  return {
    runId: row.run_id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    conversationId: row.conversation_id,
    agentKey: row.agent_key,
    streamId: row.stream_id,
    status: row.status,
    messagePosition: row.message_position,
    requestMessage: row.request_message,
    state: row.state,
    pendingApprovals: row.pending_approvals.map((call) => ({
      toolCallId: call.tool_call_id,
      toolName: call.tool_name,
      arguments: call.arguments,
      agentName: call.agent_name,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** A {@link ChatRunStore} on `chat_runs` (migration 0005); every query filters by tenant. */
export function createKyselyChatRunStore(db: Kysely<AgentRuntimeTables>): ChatRunStore {
  // A malformed tenant id would make Postgres raise on the uuid cast: it matches no run instead.
  const valid = (tenantId: string) => UUID.test(tenantId);
  return {
    async create(run) {
      const row = await db
        .insertInto('chat_runs')
        .values({
          run_id: run.runId,
          tenant_id: run.tenantId,
          user_id: run.userId,
          conversation_id: run.conversationId,
          agent_key: run.agentKey,
          stream_id: run.streamId,
          status: 'running',
          message_position: run.messagePosition,
          request_message: run.requestMessage,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return recordOf(row);
    },

    async get(scope, runId) {
      if (!valid(scope.tenantId)) return null;
      const row = await db
        .selectFrom('chat_runs')
        .selectAll()
        .where('tenant_id', '=', scope.tenantId)
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return row ? recordOf(row) : null;
    },

    async claimResume(scope, runId, streamId) {
      if (!valid(scope.tenantId)) return null;
      // The old row is read in the same statement (`FOR UPDATE` CTE), so the state handed back is
      // exactly the one this claim cleared.
      const row = await db
        .with('claimed', (qb) =>
          qb
            .selectFrom('chat_runs')
            .selectAll()
            .where('tenant_id', '=', scope.tenantId)
            .where('run_id', '=', runId)
            .where('status', '=', 'interrupted')
            .forUpdate(),
        )
        .updateTable('chat_runs')
        .from('claimed')
        .set({
          status: 'running',
          stream_id: streamId,
          state: null,
          pending_approvals: '[]',
          finished_at: null,
          updated_at: sql`now()`,
        })
        .whereRef('chat_runs.run_id', '=', 'claimed.run_id')
        .returningAll('claimed')
        .executeTakeFirst();
      return row ? recordOf(row as Selectable<ChatRunsTable>) : null;
    },

    async markFinished(scope, runId, finish) {
      if (!valid(scope.tenantId)) return false;
      const interrupted = finish.status === 'interrupted';
      const result = await db
        .updateTable('chat_runs')
        .set({
          status: finish.status,
          ...(finish.agentKey ? { agent_key: finish.agentKey } : {}),
          state: interrupted ? (finish.state ?? null) : null,
          pending_approvals: storedApprovals(interrupted ? (finish.pendingApprovals ?? []) : []),
          finished_at: interrupted ? null : sql<Date>`now()`,
          updated_at: sql`now()`,
        })
        .where('tenant_id', '=', scope.tenantId)
        .where('run_id', '=', runId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
