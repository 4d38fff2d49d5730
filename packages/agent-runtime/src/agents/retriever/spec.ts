import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `retriever` (spec §3.2). */
export const spec = defineAgent({
  key: 'retriever',
  displayName: 'Knowledge Retriever',
  description: "Answers from the organisation's knowledge base, falling back to the web.",
  modelKey: 'data',
  capabilities: ['retrieval', 'knowledge_base'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['file_search', 'web_search'],
  vectorStoreBinding: 'tenant_default',
  fileSearchOptions: {
    maxNumResults: 8,
    includeSearchResults: true,
    rankingOptions: { scoreThreshold: 0.4 },
  },
  memoryStrategy: { mode: 'trim', maxUserTurns: 8, tokenBudget: 32_000 },
});
