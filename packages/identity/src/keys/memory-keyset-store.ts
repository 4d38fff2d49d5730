import type { Keyset } from './keyset-schema.js';
import type { KeysetStore } from './keyset-store.js';
import { parseKeyset } from './parse-keyset.js';

/** An in-memory keyset store for tests and throwaway processes; copies so callers cannot mutate it. */
export function createMemoryKeysetStore(initial: Keyset | null = null): KeysetStore {
  let stored = initial === null ? null : JSON.stringify(parseKeyset(initial, 'memory'));
  return {
    async load() {
      return stored === null ? null : parseKeyset(JSON.parse(stored), 'memory');
    },
    async save(keyset) {
      stored = JSON.stringify(parseKeyset(keyset, 'memory'));
    },
  };
}
