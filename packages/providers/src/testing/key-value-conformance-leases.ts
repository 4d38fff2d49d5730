import { describe, expect, it } from 'vitest';
import {
  eventually,
  type KeyValueConformanceContext,
  SHORT_TTL_MS,
  sleep,
} from './key-value-conformance-support.js';

/** Leases: limits, release, expiry and refresh. */
export function describeLeaseConformance(ctx: KeyValueConformanceContext): void {
  describe('leases', () => {
    it('is a lock with the default limit of 1', async () => {
      const key = ctx.key('lock');
      const lease = await ctx.store.acquireLease(key, { ttlMs: 60_000 });
      expect(lease).not.toBeNull();
      expect(lease?.key).toBe(key);
      expect(await ctx.store.acquireLease(key, { ttlMs: 60_000 })).toBeNull();
      await lease?.release();
      const next = await ctx.store.acquireLease(key, { ttlMs: 60_000 });
      expect(next).not.toBeNull();
      expect(next?.holder).not.toBe(lease?.holder);
    });

    it('respects the limit under concurrent acquires', async () => {
      const key = ctx.key('limit');
      const leases = await Promise.all(
        Array.from({ length: 20 }, () => ctx.store.acquireLease(key, { ttlMs: 60_000, limit: 3 })),
      );
      const held = leases.filter((lease) => lease !== null);
      expect(held).toHaveLength(3);
      expect(new Set(held.map((lease) => lease.holder)).size).toBe(3);
      await held[0]?.release();
      expect(await ctx.store.acquireLease(key, { ttlMs: 60_000, limit: 3 })).not.toBeNull();
      expect(await ctx.store.acquireLease(key, { ttlMs: 60_000, limit: 3 })).toBeNull();
    });

    it('frees the slot of a holder that stopped refreshing', async () => {
      const key = ctx.key('expire');
      const crashed = await ctx.store.acquireLease(key, { ttlMs: SHORT_TTL_MS });
      expect(crashed).not.toBeNull();
      let next = await ctx.store.acquireLease(key, { ttlMs: 60_000 });
      expect(next).toBeNull();
      await eventually(async () => {
        next = await ctx.store.acquireLease(key, { ttlMs: 60_000 });
        return next !== null;
      }, 'the expired slot was freed');
      expect(await crashed?.refresh(60_000)).toBe(false);
      // The lost holder's release must not free the new holder's slot.
      await crashed?.release();
      expect(await ctx.store.acquireLease(key, { ttlMs: 60_000 })).toBeNull();
    });

    it('keeps the slot when refreshed', async () => {
      const key = ctx.key('refresh');
      const lease = await ctx.store.acquireLease(key, { ttlMs: SHORT_TTL_MS });
      expect(await lease?.refresh(60_000)).toBe(true);
      await sleep(SHORT_TTL_MS * 2);
      expect(await ctx.store.acquireLease(key, { ttlMs: 60_000 })).toBeNull();
      expect(await lease?.refresh(60_000)).toBe(true);
    });

    it('makes refresh return false after release, and release safe twice', async () => {
      const key = ctx.key('release');
      const lease = await ctx.store.acquireLease(key, { ttlMs: 60_000 });
      await lease?.release();
      await lease?.release();
      expect(await lease?.refresh(60_000)).toBe(false);
    });

    it('gives the lease key an expiry, so abandoned leases leave nothing behind', async () => {
      const key = ctx.key('cleanup');
      await ctx.store.acquireLease(key, { ttlMs: SHORT_TTL_MS, limit: 2 });
      const ttl = await ctx.store.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      await eventually(async () => (await ctx.store.ttl(key)) === null, 'the lease key expired');
    });

    it('rejects a limit below 1', async () => {
      await expect(ctx.store.acquireLease(ctx.key('bad'), { ttlMs: 1_000, limit: 0 })).rejects.toThrow();
    });
  });
}
