import { type Kysely, type Selectable, sql } from 'kysely';
import type { AgentRuntimeTables, ConversationSummariesTable } from '../migrations/agent-runtime-tables.js';
import {
  type ConversationSummary,
  readableSummary,
  SUMMARY_MAX_AGE_MS,
  type SummaryStore,
  type SummaryStoreOptions,
} from './summary-store.js';

/**
 * A `SummaryStore` on `conversation_summaries`; the version is assigned by the insert itself. Every
 * method is one statement, so a store built on a `Transaction` runs inside it.
 */
export function createKyselySummaryStore(
  db: Kysely<AgentRuntimeTables>,
  options: SummaryStoreOptions = {},
): SummaryStore {
  const now = options.now ?? (() => new Date());
  const maxAgeMs = options.maxAgeMs ?? SUMMARY_MAX_AGE_MS;
  const columns = [
    'id',
    'tenant_id',
    'conversation_id',
    'agent_key',
    'summary_text',
    'summary_tokens',
    'version',
    'created_at',
  ] as const;
  const toSummary = (row: Selectable<ConversationSummariesTable>): ConversationSummary => ({
    tenantId: row.tenant_id,
    conversationId: row.conversation_id,
    agentKey: row.agent_key,
    summaryText: row.summary_text,
    summaryTokens: row.summary_tokens,
    version: row.version,
    createdAt: row.created_at,
  });

  return {
    async save(scope, summary) {
      const row = await db
        .insertInto('conversation_summaries')
        .values({
          tenant_id: scope.tenantId,
          conversation_id: scope.conversationId,
          agent_key: scope.agentKey,
          summary_text: summary.text,
          summary_tokens: summary.tokens ?? null,
          // Read and insert in one statement; a racing save hits the unique (scope, version) constraint
          // instead of duplicating a version.
          version: sql<number>`(select coalesce(max(version), 0) + 1 from conversation_summaries
            where tenant_id = ${scope.tenantId} and conversation_id = ${scope.conversationId}
              and agent_key = ${scope.agentKey})`,
          created_at: now(),
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toSummary(row);
    },
    async latest(scope, latestOptions = {}) {
      const row = await db
        .selectFrom('conversation_summaries')
        .select(columns)
        .where('tenant_id', '=', scope.tenantId)
        .where('conversation_id', '=', scope.conversationId)
        .where('agent_key', '=', scope.agentKey)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return readableSummary(row && toSummary(row), now(), maxAgeMs, latestOptions.maxChars);
    },
    async clear(scope) {
      const result = await db
        .deleteFrom('conversation_summaries')
        .where('tenant_id', '=', scope.tenantId)
        .where('conversation_id', '=', scope.conversationId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
