import type { ConversationSearchPort } from '../tools/tool-ports.js';
import type { KyselyConversationStore } from './kysely-conversation-store.js';

/**
 * The `search_conversations` tool's port on the conversation store: full-text search over the caller's
 * tenant (never a tenant the model names). A query with no searchable words matches nothing.
 */
export function createConversationSearchPort(
  store: Pick<KyselyConversationStore, 'search' | 'countMatches'>,
): ConversationSearchPort {
  return {
    async search(scope, query, { limit }) {
      const q = query.trim();
      if (q === '') return { total: 0, hits: [] };
      const tenant = { tenantId: scope.tenantId };
      const [page, total] = await Promise.all([
        store.search(tenant, { q, limit }),
        store.countMatches(tenant, { q }),
      ]);
      const hits = page.items.map((item) => ({
        id: item.id,
        preview: item.snippet ?? item.title ?? item.lastMessagePreview ?? '',
      }));
      return { total, hits };
    },
  };
}
