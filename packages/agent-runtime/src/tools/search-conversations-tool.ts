import { z } from 'zod';
import { defineFunctionTool } from './define-function-tool.js';
import type { ConversationSearchPort } from './tool-ports.js';

const SEARCH_LIMIT = 20;
const SHOWN_HITS = 5;

/** The `search_conversations(query)` function tool over the caller's tenant (§6.1). */
export function createSearchConversationsTool(port: ConversationSearchPort) {
  return defineFunctionTool({
    name: 'search_conversations',
    description:
      "Searches the current user's organisation conversations for a text and returns the number of matches and the top results.",
    parameters: z.object({ query: z.string().describe('Words to look for in past conversations.') }),
    execute: async ({ query }, runContext) => {
      // The scope comes from the verified run context only, so a model cannot search another tenant.
      const tenantId = runContext?.context.tenantId ?? null;
      if (tenantId === null)
        return 'Conversation search is unavailable: there is no tenant context for this run.';
      const { total, hits } = await port.search(
        { tenantId, userId: runContext?.context.userId ?? null },
        query,
        { limit: SEARCH_LIMIT },
      );
      if (total === 0 || hits.length === 0) return `No conversations matched "${query}".`;
      const lines = hits.slice(0, SHOWN_HITS).map((hit) => `${hit.id}: ${hit.preview}`);
      return [`Found ${total} conversation(s) matching "${query}".`, ...lines].join('\n');
    },
  });
}
