import { sql } from 'kysely';
import { decodeRunEventCursor, encodeRunEventCursor } from './conversation-cursors.js';
import { type ConversationDb, isUuid, lockConversation } from './conversation-queries.js';
import { tenantOf, toRunEvent } from './conversation-rows.js';
import type { ConversationStore } from './conversation-store.js';
import { inTransaction } from './in-transaction.js';

type RunEventOps = Pick<ConversationStore, 'appendRunEvents' | 'runEvents'>;

/** The run-event log half of the Kysely conversation store (`agent_run_events`). */
export function createRunEventOps(db: ConversationDb, now: () => Date): RunEventOps {
  return {
    async appendRunEvents(scope, conversationId, events) {
      if (events.length === 0) return;
      await inTransaction(db, async (trx) => {
        // The conversation lock serialises sequence numbers per conversation.
        await lockConversation(trx, scope, conversationId);
        // Numbered in the INSERT itself: each row's subquery sees the events from before this statement.
        const next = sql<number>`(select coalesce(max(sequence_no), 0) + 1 from agent_run_events
          where conversation_id = ${conversationId})`;
        const createdAt = now();
        await trx
          .insertInto('agent_run_events')
          .values(
            events.map((event, index) => ({
              tenant_id: tenantOf(scope),
              conversation_id: conversationId,
              run_id: event.runId,
              sequence_no: sql<number>`${next} + ${index}`,
              item_type: event.itemType,
              name: event.name ?? null,
              role: event.role ?? null,
              agent: event.agent ?? null,
              tool_call_id: event.toolCallId ?? null,
              tool_name: event.toolName ?? null,
              model: event.model ?? null,
              content: event.content ?? null,
              arguments: event.arguments ?? null,
              output: event.output ?? null,
              attachments: JSON.stringify(event.attachments ?? []),
              workflow_run_id: event.workflowRunId ?? null,
              response_id: event.responseId ?? null,
              created_at: createdAt,
            })),
          )
          .execute();
      });
    },

    async runEvents(scope, conversationId, { limit, cursor, workflowRunId }) {
      const after = cursor === undefined ? undefined : decodeRunEventCursor(cursor);
      if (!isUuid(conversationId)) return { items: [], nextCursor: null };
      let query = db
        .selectFrom('agent_run_events')
        .selectAll()
        .where('tenant_id', '=', tenantOf(scope))
        .where('conversation_id', '=', conversationId)
        .orderBy('id', 'asc')
        .limit(limit + 1);
      if (workflowRunId !== undefined) query = query.where('workflow_run_id', '=', workflowRunId);
      if (after !== undefined) query = query.where('id', '>', after);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(toRunEvent);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last !== undefined ? encodeRunEventCursor(last.id) : null,
      };
    },
  };
}
