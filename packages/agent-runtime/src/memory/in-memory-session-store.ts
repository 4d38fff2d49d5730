import type { AgentInputItem } from '@openai/agents';
import { cloneItems, lastItems } from './session-items.js';
import {
  type AgentSession,
  type AgentSessionStore,
  assertSessionScope,
  type SessionScope,
} from './session-store.js';

/** An in-process `AgentSessionStore` (tests, database-less runs); sessions of one store share its map. */
export function createInMemorySessionStore(): AgentSessionStore {
  const histories = new Map<string, AgentInputItem[]>();
  return {
    session(scope: SessionScope): AgentSession {
      assertSessionScope(scope);
      // NUL cannot occur in either part, so keys of different scopes never collide.
      const key = `${scope.tenantId}\u0000${scope.sessionId}`;
      const read = (): AgentInputItem[] => histories.get(key) ?? [];
      return {
        async getSessionId() {
          return scope.sessionId;
        },
        async getItems(limit?: number) {
          return lastItems(read(), limit);
        },
        async addItems(items: AgentInputItem[]) {
          if (items.length === 0) return;
          histories.set(key, [...read(), ...cloneItems(items)]);
        },
        async popItem() {
          const items = read();
          const last = items.at(-1);
          if (last === undefined) return undefined;
          histories.set(key, items.slice(0, -1));
          return last;
        },
        async clearSession() {
          histories.delete(key);
        },
        async replaceItems(items: AgentInputItem[]) {
          histories.set(key, cloneItems(items));
        },
      };
    },
  };
}
