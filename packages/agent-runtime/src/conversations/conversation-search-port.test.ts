import { describe, expect, it } from 'vitest';
import type { ConversationSearchResult } from './conversation-search-ops.js';
import { createConversationSearchPort } from './conversation-search-port.js';

const hit = (id: string, snippet: string | null, title: string | null): ConversationSearchResult => ({
  id,
  tenantId: 't',
  userId: null,
  agentEntrypoint: 'triage',
  activeAgent: null,
  title,
  titleGeneratedAt: null,
  memory: null,
  memoryInjection: null,
  messageCount: 0,
  lastMessagePreview: 'latest',
  createdAt: new Date(0),
  updatedAt: new Date(0),
  snippet,
});

describe('createConversationSearchPort', () => {
  it('searches the scope tenant only and reports the total with previews', async () => {
    const calls: unknown[] = [];
    const port = createConversationSearchPort({
      search: async (scope, query) => {
        calls.push({ scope, query });
        return {
          items: [hit('a', 'a <b>dog</b>', null), hit('b', null, 'Dogs'), hit('c', null, null)],
          nextCursor: 'x',
        };
      },
      countMatches: async () => 7,
    });
    const result = await port.search({ tenantId: 'tenant-1', userId: 'u' }, '  dogs ', { limit: 3 });
    expect(result).toEqual({
      total: 7,
      hits: [
        { id: 'a', preview: 'a <b>dog</b>' },
        { id: 'b', preview: 'Dogs' },
        { id: 'c', preview: 'latest' },
      ],
    });
    expect(calls).toEqual([{ scope: { tenantId: 'tenant-1' }, query: { q: 'dogs', limit: 3 } }]);
    expect(await port.search({ tenantId: 'tenant-1', userId: null }, '   ', { limit: 3 })).toEqual({
      total: 0,
      hits: [],
    });
  });
});
