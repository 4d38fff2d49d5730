import type { Clock, StreamAppendOptions, StreamEntry, StreamReadOptions } from '@starter/contracts';
import {
  kvStoreClosedError,
  toBlockMs,
  toFieldList,
  toMaxLength,
  toReadCount,
  toTtlMs,
} from './kv-arguments.js';
import type { MemoryKeyspace, MemoryStreamRecord } from './memory-keyspace.js';
import { compareStreamIds, formatStreamId, nextStreamId, parseStreamId, type StreamId } from './stream-id.js';

/** In-process append-only streams with blocking reads. */
export interface MemoryStreams {
  append(key: string, fields: Record<string, string>, options?: StreamAppendOptions): string;
  read(key: string, options?: StreamReadOptions): Promise<StreamEntry[]>;
  /** Rejects every pending blocking read; used by `close()`. */
  abortAll(): void;
}

interface Waiter {
  wake(): void;
  fail(error: unknown): void;
}

/** Creates the stream part of the memory store on top of its keyspace. */
export function createMemoryStreams(keyspace: MemoryKeyspace, clock: Clock): MemoryStreams {
  const waiters = new Map<string, Set<Waiter>>();

  const readNow = (key: string, after: StreamId | undefined, count: number): StreamEntry[] => {
    const records = keyspace.getOf(key, 'stream')?.records ?? [];
    const start = after === undefined ? 0 : firstIndexAfter(records, after);
    return records.slice(start, start + count).map((record) => ({
      id: record.idText,
      fields: { ...record.fields },
    }));
  };

  const addWaiter = (key: string, waiter: Waiter) => {
    let set = waiters.get(key);
    if (set === undefined) {
      set = new Set();
      waiters.set(key, set);
    }
    set.add(waiter);
  };
  const removeWaiter = (key: string, waiter: Waiter) => {
    const set = waiters.get(key);
    set?.delete(waiter);
    if (set?.size === 0) waiters.delete(key);
  };

  return {
    append(key, fields, options = {}) {
      const flat = toFieldList(fields);
      const maxLength = toMaxLength(options.maxLength);
      const ttlMs = options.ttlMs === undefined ? undefined : toTtlMs(options.ttlMs);
      let entry = keyspace.getOf(key, 'stream');
      if (entry === undefined) {
        entry = { kind: 'stream', records: [], lastId: undefined, expiresAt: null };
        keyspace.put(key, entry);
      }
      const id = nextStreamId(entry.lastId, clock.now());
      const copy: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) copy[flat[i] as string] = flat[i + 1] as string;
      entry.records.push({ id, idText: formatStreamId(id), fields: copy });
      entry.lastId = id;
      if (maxLength !== undefined && entry.records.length > maxLength) {
        entry.records.splice(0, entry.records.length - maxLength);
      }
      if (ttlMs !== undefined) entry.expiresAt = clock.now() + ttlMs;
      for (const waiter of [...(waiters.get(key) ?? [])]) waiter.wake();
      return formatStreamId(id);
    },

    async read(key, options = {}) {
      options.signal?.throwIfAborted();
      const after = options.after === undefined ? undefined : parseStreamId(options.after);
      const count = toReadCount(options.count);
      const blockMs = toBlockMs(options.blockMs);
      const found = readNow(key, after, count);
      if (found.length > 0 || blockMs === 0) return found;

      const signal = options.signal;
      return new Promise<StreamEntry[]>((resolve, reject) => {
        const finish = (result: StreamEntry[] | undefined, error?: unknown) => {
          clearTimeout(timer);
          removeWaiter(key, waiter);
          signal?.removeEventListener('abort', onAbort);
          if (result === undefined) reject(error);
          else resolve(result);
        };
        const waiter: Waiter = {
          wake() {
            const entries = readNow(key, after, count);
            if (entries.length > 0) finish(entries);
          },
          fail: (error) => finish(undefined, error),
        };
        const onAbort = () => finish(undefined, signal?.reason);
        const timer = setTimeout(() => finish([]), blockMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        addWaiter(key, waiter);
      });
    },

    abortAll() {
      const all = [...waiters.values()].flatMap((set) => [...set]);
      for (const waiter of all) waiter.fail(kvStoreClosedError());
      waiters.clear();
    },
  };
}

/** Binary search for the first record newer than `after`. */
function firstIndexAfter(records: MemoryStreamRecord[], after: StreamId): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareStreamIds((records[mid] as MemoryStreamRecord).id, after) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
