import type { Clock } from '@starter/contracts';
import { wrongTypeError } from './kv-arguments.js';
import type { StreamId } from './stream-id.js';

/** One stored stream entry, with its id kept parsed for ordering. */
export interface MemoryStreamRecord {
  id: StreamId;
  idText: string;
  fields: Record<string, string>;
}

/** A value in the in-process keyspace; like Redis, every kind shares one namespace and expiry. */
export type MemoryEntry =
  | { kind: 'string'; value: string; expiresAt: number | null }
  | { kind: 'lease'; holders: Map<string, number>; expiresAt: number | null }
  | { kind: 'stream'; records: MemoryStreamRecord[]; lastId: StreamId | undefined; expiresAt: number | null };

type EntryOf<K extends MemoryEntry['kind']> = Extract<MemoryEntry, { kind: K }>;

/** The in-process keyspace with lazy expiry and a periodic sweep. */
export interface MemoryKeyspace {
  /** The live entry at `key`; expired entries are dropped on the way. */
  get(key: string): MemoryEntry | undefined;
  /** The live entry at `key` if it is of `kind`; throws when the key holds another kind. */
  getOf<K extends MemoryEntry['kind']>(key: string, kind: K): EntryOf<K> | undefined;
  put(key: string, entry: MemoryEntry): void;
  delete(key: string): boolean;
  /** Drops every expired entry, so keys nobody reads again do not pile up. */
  sweep(): void;
  clear(): void;
}

/** Creates an empty keyspace whose expiry follows `clock`. */
export function createMemoryKeyspace(clock: Clock): MemoryKeyspace {
  const entries = new Map<string, MemoryEntry>();
  const isExpired = (entry: MemoryEntry, now: number) => entry.expiresAt !== null && entry.expiresAt <= now;

  const get = (key: string): MemoryEntry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (isExpired(entry, clock.now())) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    get,
    getOf<K extends MemoryEntry['kind']>(key: string, kind: K): EntryOf<K> | undefined {
      const entry = get(key);
      if (entry === undefined) return undefined;
      if (entry.kind !== kind) throw wrongTypeError(key);
      return entry as EntryOf<K>;
    },
    put(key, entry) {
      entries.set(key, entry);
    },
    delete(key) {
      return get(key) !== undefined && entries.delete(key);
    },
    sweep() {
      const now = clock.now();
      for (const [key, entry] of entries) {
        if (isExpired(entry, now)) entries.delete(key);
      }
    },
    clear() {
      entries.clear();
    },
  };
}
