// Public API of conversations/: the store port, its Kysely implementation and the search tool port.
export * from './conversation-memory-patch.js';
export type { ConversationSearchQuery, ConversationSearchResult } from './conversation-search-ops.js';
export * from './conversation-search-port.js';
export * from './conversation-session-items.js';
export type * from './conversation-store.js';
export * from './conversation-title.js';
export * from './kysely-conversation-store.js';
