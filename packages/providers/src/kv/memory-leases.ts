import { randomUUID } from 'node:crypto';
import type { Clock, Lease, LeaseOptions } from '@starter/contracts';
import { toLeaseLimit, toTtlMs } from './kv-arguments.js';
import type { MemoryKeyspace } from './memory-keyspace.js';

/** In-process leases: a counting semaphore whose slots expire unless refreshed. */
export interface MemoryLeases {
  acquire(fullKey: string, key: string, options: LeaseOptions): Lease | null;
}

type LeaseEntry = { kind: 'lease'; holders: Map<string, number>; expiresAt: number | null };

/** Creates leases stored in the keyspace, mirroring the Redis sorted-set layout (holder → expiry). */
export function createMemoryLeases(
  keyspace: MemoryKeyspace,
  clock: Clock,
  ensureOpen: () => void,
): MemoryLeases {
  /** Live holders of `fullKey`, with expired slots dropped (ZREMRANGEBYSCORE in Redis). */
  const liveEntry = (fullKey: string): LeaseEntry | undefined => {
    const entry = keyspace.getOf(fullKey, 'lease');
    if (entry === undefined) return undefined;
    const now = clock.now();
    for (const [holder, expiresAt] of entry.holders) {
      if (expiresAt <= now) entry.holders.delete(holder);
    }
    if (entry.holders.size === 0) {
      keyspace.delete(fullKey);
      return undefined;
    }
    return entry;
  };
  const updateExpiry = (entry: LeaseEntry) => {
    entry.expiresAt = Math.max(...entry.holders.values());
  };

  return {
    acquire(fullKey, key, options) {
      const ttlMs = toTtlMs(options.ttlMs);
      const limit = toLeaseLimit(options.limit);
      let entry = liveEntry(fullKey);
      if (entry !== undefined && entry.holders.size >= limit) return null;
      if (entry === undefined) {
        entry = { kind: 'lease', holders: new Map(), expiresAt: null };
        keyspace.put(fullKey, entry);
      }
      const holder = randomUUID();
      entry.holders.set(holder, clock.now() + ttlMs);
      updateExpiry(entry);
      return {
        key,
        holder,
        async refresh(nextTtlMs) {
          ensureOpen();
          const ttl = toTtlMs(nextTtlMs);
          const current = liveEntry(fullKey);
          if (current === undefined || !current.holders.has(holder)) return false;
          current.holders.set(holder, clock.now() + ttl);
          updateExpiry(current);
          return true;
        },
        async release() {
          ensureOpen();
          const current = liveEntry(fullKey);
          if (current === undefined) return;
          current.holders.delete(holder);
          if (current.holders.size === 0) keyspace.delete(fullKey);
          else updateExpiry(current);
        },
      };
    },
  };
}
