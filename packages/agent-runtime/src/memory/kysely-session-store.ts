import type { AgentInputItem } from '@openai/agents';
import { type Kysely, sql, type Transaction } from 'kysely';
import { inTransaction } from '../conversations/in-transaction.js';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import {
  type AgentSession,
  type AgentSessionStore,
  assertSessionScope,
  type SessionScope,
} from './session-store.js';

type Db = Kysely<AgentRuntimeTables> | Transaction<AgentRuntimeTables>;

/**
 * An `AgentSessionStore` on `sdk_agent_sessions` / `sdk_agent_session_messages`. Every query filters by
 * tenant and session id, so one tenant can never read another's items. Writes that touch several rows run
 * in one transaction; the session row is upserted first, which locks it and serialises concurrent writers.
 * Built on a `Transaction`, every write joins it, so a caller can rebuild a session together with other
 * tables and roll all of it back.
 */
export function createKyselySessionStore(db: Kysely<AgentRuntimeTables>): AgentSessionStore {
  return {
    session(scope: SessionScope): AgentSession {
      assertSessionScope(scope);
      const { tenantId, sessionId } = scope;
      const messages = (handle: Db) =>
        handle
          .selectFrom('sdk_agent_session_messages')
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId);

      const lockSession = (trx: Db) =>
        trx
          .insertInto('sdk_agent_sessions')
          .values({ tenant_id: tenantId, session_id: sessionId })
          .onConflict((oc) => oc.columns(['tenant_id', 'session_id']).doUpdateSet({ updated_at: sql`now()` }))
          .execute();

      const append = async (trx: Db, items: readonly AgentInputItem[]): Promise<void> => {
        // Numbered in the INSERT itself: each row's subquery sees the items from before this statement.
        const next = sql<number>`(select coalesce(max(position), -1) + 1 from sdk_agent_session_messages
          where tenant_id = ${tenantId} and session_id = ${sessionId})`;
        await trx
          .insertInto('sdk_agent_session_messages')
          .values(
            items.map((item, index) => ({
              tenant_id: tenantId,
              session_id: sessionId,
              position: sql<number>`${next} + ${index}`,
              item: JSON.stringify(item),
            })),
          )
          .execute();
      };

      return {
        async getSessionId() {
          return sessionId;
        },
        async getItems(limit?: number) {
          if (limit !== undefined && limit <= 0) return [];
          let query = messages(db).select('item').orderBy('position', 'desc');
          if (limit !== undefined) query = query.limit(limit);
          const rows = await query.execute();
          return rows.map((row) => row.item).reverse();
        },
        async addItems(items: AgentInputItem[]) {
          if (items.length === 0) return;
          await inTransaction(db, async (trx) => {
            await lockSession(trx);
            await append(trx, items);
          });
        },
        async popItem() {
          return inTransaction(db, async (trx) => {
            await lockSession(trx);
            const row = await trx
              .deleteFrom('sdk_agent_session_messages')
              .where('id', '=', (eb) =>
                eb
                  .selectFrom('sdk_agent_session_messages')
                  .select('id')
                  .where('tenant_id', '=', tenantId)
                  .where('session_id', '=', sessionId)
                  .orderBy('position', 'desc')
                  .limit(1),
              )
              .returning('item')
              .executeTakeFirst();
            return row?.item;
          });
        },
        async clearSession() {
          // Deleting the session row cascades to its items.
          await db
            .deleteFrom('sdk_agent_sessions')
            .where('tenant_id', '=', tenantId)
            .where('session_id', '=', sessionId)
            .execute();
        },
        async replaceItems(items: AgentInputItem[]) {
          await inTransaction(db, async (trx) => {
            await lockSession(trx);
            await trx
              .deleteFrom('sdk_agent_session_messages')
              .where('tenant_id', '=', tenantId)
              .where('session_id', '=', sessionId)
              .execute();
            if (items.length > 0) await append(trx, items);
          });
        },
      };
    },
  };
}
