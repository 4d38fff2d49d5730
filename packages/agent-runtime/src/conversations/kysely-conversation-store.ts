import { AppError } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { decodeUpdatedCursor, encodeUpdatedCursor } from './conversation-cursors.js';
import { applyMemoryPatch, memoryJson } from './conversation-memory-patch.js';
import { createMessageOps } from './conversation-message-ops.js';
import {
  afterUpdatedKey,
  conversationNotFound,
  findConversation,
  isUuid,
  lockConversation,
  updatedKey,
} from './conversation-queries.js';
import { conversationColumns, tenantOf, toConversation } from './conversation-rows.js';
import { createRunEventOps } from './conversation-run-event-ops.js';
import { type ConversationSearchQuery, createSearchOps } from './conversation-search-ops.js';
import type { ConversationStore, TenantScope } from './conversation-store.js';
import { inTransaction } from './in-transaction.js';

/** Options of {@link createKyselyConversationStore}. */
export interface KyselyConversationStoreOptions {
  /** Timestamps of new rows; the system clock by default. */
  readonly clock?: (() => Date) | undefined;
}

/** The Kysely store, plus the match count the `search_conversations` tool reports. */
export interface KyselyConversationStore extends ConversationStore {
  countMatches(scope: TenantScope, query: ConversationSearchQuery): Promise<number>;
}

/** Longest stored title; longer ones (a chatty title model) are clipped. */
export const MAX_TITLE_CHARS = 200;

/**
 * A `ConversationStore` on `agent_conversations` / `agent_messages` / `agent_run_events`. Every query
 * filters by the scope's tenant; writes touching several rows run in one transaction that first locks
 * the conversation row. Built on a `Transaction`, the store joins it instead (nothing commits until the
 * caller does). `updated_at` is the last message activity (titles and memory do not bump it).
 */
export function createKyselyConversationStore(
  db: Kysely<AgentRuntimeTables>,
  options: KyselyConversationStoreOptions = {},
): KyselyConversationStore {
  const now = options.clock ?? (() => new Date());
  const search = createSearchOps(db);

  const updateOne = async (
    scope: TenantScope,
    id: string,
    values: { title?: string; title_generated_at?: Date | null; active_agent?: string },
  ): Promise<void> => {
    if (!isUuid(id)) throw conversationNotFound();
    const result = await db
      .updateTable('agent_conversations')
      .set(values)
      .where('tenant_id', '=', tenantOf(scope))
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw conversationNotFound();
  };

  return {
    ...createMessageOps(db, now),
    ...createRunEventOps(db, now),
    search: (scope, query) => search.search(scope, query),
    countMatches: (scope, query) => search.countMatches(scope, query),

    async ensure(scope, input) {
      if (!isUuid(input.id)) throw new AppError('BadRequest', 'Conversation ids are UUIDs.');
      const createdAt = now();
      const inserted = await db
        .insertInto('agent_conversations')
        .values({
          id: input.id,
          tenant_id: tenantOf(scope),
          user_id: input.userId,
          agent_entrypoint: input.agentKey,
          active_agent: input.agentKey,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning(conversationColumns)
        .executeTakeFirst();
      if (inserted !== undefined) return { conversation: toConversation(inserted), created: true };
      // The id exists: it is this tenant's conversation, or another tenant's, which stays invisible.
      const existing = await findConversation(db, scope, input.id);
      if (existing === null) throw conversationNotFound();
      return { conversation: existing, created: false };
    },

    get: (scope, id) => findConversation(db, scope, id),

    async list(scope, { limit, cursor, agent }) {
      const after = cursor === undefined ? undefined : decodeUpdatedCursor('conversations', cursor);
      let query = db
        .selectFrom('agent_conversations')
        .select(conversationColumns)
        .select(updatedKey)
        .where('tenant_id', '=', tenantOf(scope))
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (agent !== undefined) query = query.where('agent_entrypoint', '=', agent);
      if (after !== undefined) query = query.where(afterUpdatedKey(after));
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toConversation),
        nextCursor:
          rows.length > limit && last !== undefined
            ? encodeUpdatedCursor('conversations', { t: last.updated_key, id: last.id })
            : null,
      };
    },

    setActiveAgent: (scope, id, agentKey) => updateOne(scope, id, { active_agent: agentKey }),

    setTitle: (scope, id, title, generated) =>
      updateOne(scope, id, {
        title: title.trim().slice(0, MAX_TITLE_CHARS),
        title_generated_at: generated ? now() : null,
      }),

    async updateMemory(scope, id, patch) {
      return inTransaction(db, async (trx) => {
        const current = await lockConversation(trx, scope, id);
        const memory =
          patch.memory === undefined ? current.memory : applyMemoryPatch(current.memory, patch.memory);
        const row = await trx
          .updateTable('agent_conversations')
          .set({
            memory: memoryJson(memory),
            ...(patch.memoryInjection === undefined ? {} : { memory_injection: patch.memoryInjection }),
          })
          .where('id', '=', id)
          .returning(conversationColumns)
          .executeTakeFirstOrThrow();
        return toConversation(row);
      });
    },

    async delete(scope, id) {
      if (!isUuid(id)) return false;
      // Messages and run events go with the row (on delete cascade), in the same statement.
      const result = await db
        .deleteFrom('agent_conversations')
        .where('tenant_id', '=', tenantOf(scope))
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async agentStats(scope, agentKey) {
      const row = await db
        .selectFrom('agent_conversations')
        .select([sql<number>`count(*)::int`.as('total'), sql<Date | null>`max(updated_at)`.as('last')])
        .where('tenant_id', '=', tenantOf(scope))
        .where((eb) => eb.or([eb('agent_entrypoint', '=', agentKey), eb('active_agent', '=', agentKey)]))
        .executeTakeFirstOrThrow();
      return { totalConversations: row.total, lastUsedAt: row.last };
    },
  };
}
