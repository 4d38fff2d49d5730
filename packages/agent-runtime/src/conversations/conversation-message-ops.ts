import { randomUUID } from 'node:crypto';
import { AppError } from '@starter/contracts';
import { sql } from 'kysely';
import { decodeMessageCursor, encodeMessageCursor } from './conversation-cursors.js';
import {
  type ConversationDb,
  conversationNotFound,
  isUuid,
  lockConversation,
} from './conversation-queries.js';
import { messageColumns, previewOf, tenantOf, toMessage } from './conversation-rows.js';
import type { ConversationStore } from './conversation-store.js';
import { inTransaction } from './in-transaction.js';

type MessageOps = Pick<ConversationStore, 'appendMessage' | 'messages' | 'truncateFromUserMessage'>;

/** The message half of the Kysely conversation store. */
export function createMessageOps(db: ConversationDb, now: () => Date): MessageOps {
  const messagesOf = (handle: ConversationDb, tenantId: string, conversationId: string) =>
    handle
      .selectFrom('agent_messages')
      .where('tenant_id', '=', tenantOf({ tenantId }))
      .where('conversation_id', '=', conversationId);

  return {
    async appendMessage(scope, conversationId, message) {
      if (!isUuid(conversationId)) throw conversationNotFound();
      const tenantId = tenantOf(scope);
      return inTransaction(db, async (trx) => {
        const createdAt = now();
        // The UPDATE comes first: it locks the conversation row for the rest of the transaction, which
        // makes `max(position) + 1` below safe against a concurrent append (and finds a missing one).
        const updated = await trx
          .updateTable('agent_conversations')
          .set((eb) => ({
            message_count: eb('message_count', '+', 1),
            last_message_preview: previewOf(message.content),
            updated_at: createdAt,
            ...(message.activeAgent === undefined ? {} : { active_agent: message.activeAgent }),
          }))
          .where('tenant_id', '=', tenantId)
          .where('id', '=', conversationId)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) throw conversationNotFound();
        const row = await trx
          .insertInto('agent_messages')
          .values({
            id: randomUUID(),
            tenant_id: tenantId,
            conversation_id: conversationId,
            position: sql<number>`(select coalesce(max(position), 0) + 1 from agent_messages
              where tenant_id = ${tenantId} and conversation_id = ${conversationId})`,
            role: message.role,
            content: message.content,
            attachments: JSON.stringify(message.attachments ?? []),
            metadata: JSON.stringify(message.metadata ?? {}),
            run_id: message.runId ?? null,
            agent: message.agent ?? null,
            created_at: createdAt,
          })
          .returning(messageColumns)
          .executeTakeFirstOrThrow();
        return toMessage(row);
      });
    },

    async messages(scope, conversationId, { limit, cursor, direction }) {
      const after = cursor === undefined ? undefined : decodeMessageCursor(direction, cursor);
      if (!isUuid(conversationId)) return { items: [], nextCursor: null };
      let query = messagesOf(db, scope.tenantId, conversationId)
        .select(messageColumns)
        .orderBy('position', direction)
        .limit(limit + 1);
      if (after !== undefined) query = query.where('position', direction === 'asc' ? '>' : '<', after);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(toMessage);
      const last = items.at(-1);
      const nextCursor =
        rows.length > limit && last !== undefined ? encodeMessageCursor(direction, last.position) : null;
      return { items, nextCursor };
    },

    async truncateFromUserMessage(scope, conversationId, messageId) {
      return inTransaction(db, async (trx) => {
        await lockConversation(trx, scope, conversationId);
        const target = isUuid(messageId)
          ? await messagesOf(trx, scope.tenantId, conversationId)
              .select(['position', 'role'])
              .where('id', '=', messageId)
              .executeTakeFirst()
          : undefined;
        if (target === undefined) throw new AppError('NotFound', 'Message not found.');
        if (target.role !== 'user') {
          throw new AppError('Conflict', 'Only user messages can be deleted.', {
            details: { role: target.role },
          });
        }
        const deleted = await trx
          .deleteFrom('agent_messages')
          .where('tenant_id', '=', tenantOf(scope))
          .where('conversation_id', '=', conversationId)
          .where('position', '>=', target.position)
          .returning('run_id')
          .execute();
        // The run events of the removed turns go with them; the runs of earlier turns stay.
        const runIds = [...new Set(deleted.flatMap((row) => (row.run_id === null ? [] : [row.run_id])))];
        if (runIds.length > 0) {
          await trx
            .deleteFrom('agent_run_events')
            .where('tenant_id', '=', tenantOf(scope))
            .where('conversation_id', '=', conversationId)
            .where('run_id', 'in', runIds)
            .execute();
        }
        const latest = await messagesOf(trx, scope.tenantId, conversationId)
          .select('content')
          .orderBy('position', 'desc')
          .limit(1)
          .executeTakeFirst();
        const remaining = await messagesOf(trx, scope.tenantId, conversationId)
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('agent_conversations')
          .set({
            message_count: remaining.n,
            last_message_preview: latest === undefined ? null : previewOf(latest.content),
            updated_at: now(),
          })
          .where('id', '=', conversationId)
          .execute();
        return target.position;
      });
    },
  };
}
