import type { ConversationSearchHit, ConversationSearchPort } from './tool-ports.js';

/** A searchable conversation for the in-memory port. */
export interface InMemoryConversation {
  readonly id: string;
  readonly tenantId: string;
  /** When set, only this user finds the conversation. */
  readonly userId?: string | null | undefined;
  readonly text: string;
  /** Defaults to the first 120 characters of `text`. */
  readonly preview?: string | undefined;
}

const PREVIEW_CHARS = 120;

/** A `ConversationSearchPort` over a fixed list: case-insensitive substring match, tenant-scoped. */
export function createInMemoryConversationSearch(
  entries: readonly InMemoryConversation[],
): ConversationSearchPort {
  return {
    search: async (scope, query, { limit }) => {
      const needle = query.trim().toLowerCase();
      const matches = entries.filter(
        (entry) =>
          entry.tenantId === scope.tenantId &&
          (entry.userId == null || entry.userId === scope.userId) &&
          needle !== '' &&
          entry.text.toLowerCase().includes(needle),
      );
      const hits: ConversationSearchHit[] = matches.slice(0, limit).map((entry) => ({
        id: entry.id,
        preview: entry.preview ?? entry.text.slice(0, PREVIEW_CHARS),
      }));
      return { total: matches.length, hits };
    },
  };
}
