import { type RawBuilder, sql } from 'kysely';
import { CONVERSATION_SEARCH_CONFIG } from '../migrations/0003-conversations.js';
import { decodeUpdatedCursor, encodeUpdatedCursor } from './conversation-cursors.js';
import { afterUpdatedKey, type ConversationDb, updatedKey } from './conversation-queries.js';
import { conversationColumns, tenantOf, toConversation } from './conversation-rows.js';
import type { ConversationRecord, Page, TenantScope } from './conversation-store.js';

/** A search hit: the conversation and a highlighted excerpt of its latest matching message (or title). */
export type ConversationSearchResult = ConversationRecord & { readonly snippet: string | null };

/** What `search` and `countMatches` take. */
export interface ConversationSearchQuery {
  readonly q: string;
  readonly agent?: string | undefined;
}

const config = sql.lit(CONVERSATION_SEARCH_CONFIG);
// `websearch_to_tsquery` never fails on user input (quotes, `-`, `or` are syntax, the rest is ignored).
const tsQuery = (q: string): RawBuilder<string> =>
  sql<string>`websearch_to_tsquery(${config}::regconfig, ${q})`;

/** Full-text search over titles and message contents, newest activity first (keyset on updated_at, id). */
export function createSearchOps(db: ConversationDb) {
  const matching = (scope: TenantScope, query: ConversationSearchQuery) => {
    const q = tsQuery(query.q);
    let select = db
      .selectFrom('agent_conversations')
      .where('agent_conversations.tenant_id', '=', tenantOf(scope))
      .where(
        sql<boolean>`(agent_conversations.search_vector @@ ${q} or exists (
          select 1 from agent_messages m
          where m.conversation_id = agent_conversations.id and m.search_vector @@ ${q}))`,
      );
    if (query.agent !== undefined) select = select.where('agent_entrypoint', '=', query.agent);
    return select;
  };

  return {
    async search(
      scope: TenantScope,
      query: ConversationSearchQuery & { limit: number; cursor?: string | undefined },
    ): Promise<Page<ConversationSearchResult>> {
      const after = query.cursor === undefined ? undefined : decodeUpdatedCursor('search', query.cursor);
      const q = tsQuery(query.q);
      let select = matching(scope, query)
        .select(conversationColumns.map((column) => `agent_conversations.${column}` as const))
        .select(updatedKey)
        .select(
          sql<string | null>`coalesce(
            (select ts_headline(${config}::regconfig, m.content, ${q}, 'MaxWords=24, MinWords=8')
               from agent_messages m
              where m.conversation_id = agent_conversations.id and m.search_vector @@ ${q}
              order by m.position desc limit 1),
            case when agent_conversations.search_vector @@ ${q} then agent_conversations.title end)`.as(
            'snippet',
          ),
        )
        .orderBy('agent_conversations.updated_at', 'desc')
        .orderBy('agent_conversations.id', 'desc')
        .limit(query.limit + 1);
      if (after !== undefined) select = select.where(afterUpdatedKey(after));
      const rows = await select.execute();
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({ ...toConversation(row), snippet: row.snippet })),
        nextCursor:
          rows.length > query.limit && last !== undefined
            ? encodeUpdatedCursor('search', { t: last.updated_key, id: last.id })
            : null,
      };
    },

    /** How many conversations of the tenant match (the search tool reports it). */
    async countMatches(scope: TenantScope, query: ConversationSearchQuery): Promise<number> {
      const row = await matching(scope, query)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}
