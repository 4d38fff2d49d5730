import { describe, expect, it } from 'vitest';
import {
  eventually,
  type KeyValueConformanceContext,
  SHORT_TTL_MS,
} from './key-value-conformance-support.js';

/** Strings: get/set/ifAbsent/ttl/delete/take and expiry. */
export function describeStringConformance(ctx: KeyValueConformanceContext): void {
  describe('strings', () => {
    it('returns null for a missing key and the value after set', async () => {
      const key = ctx.key('s');
      expect(await ctx.store.get(key)).toBeNull();
      expect(await ctx.store.set(key, 'v1')).toBe(true);
      expect(await ctx.store.get(key)).toBe('v1');
      expect(await ctx.store.set(key, 'v2')).toBe(true);
      expect(await ctx.store.get(key)).toBe('v2');
    });

    it('keeps the existing value with ifAbsent', async () => {
      const key = ctx.key('nx');
      expect(await ctx.store.set(key, 'first', { ifAbsent: true })).toBe(true);
      expect(await ctx.store.set(key, 'second', { ifAbsent: true })).toBe(false);
      expect(await ctx.store.get(key)).toBe('first');
    });

    it('lets exactly one of many concurrent ifAbsent sets win', async () => {
      const key = ctx.key('nx-race');
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => ctx.store.set(key, `v${i}`, { ifAbsent: true })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.get(key)).toBe(`v${results.indexOf(true)}`);
    });

    it('reports ttl: null when absent, -1 without expiry, the remaining ms with one', async () => {
      const key = ctx.key('ttl');
      expect(await ctx.store.ttl(key)).toBeNull();
      await ctx.store.set(key, 'v');
      expect(await ctx.store.ttl(key)).toBe(-1);
      await ctx.store.set(key, 'v', { ttlMs: 60_000 });
      const ttl = await ctx.store.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('drops an earlier expiry on a plain set, like Redis SET', async () => {
      const key = ctx.key('reset-ttl');
      await ctx.store.set(key, 'v', { ttlMs: 60_000 });
      await ctx.store.set(key, 'w');
      expect(await ctx.store.ttl(key)).toBe(-1);
    });

    it('expires keys after their ttl, and ifAbsent then succeeds again', async () => {
      const key = ctx.key('expire');
      await ctx.store.set(key, 'v', { ttlMs: SHORT_TTL_MS, ifAbsent: true });
      expect(await ctx.store.get(key)).toBe('v');
      await eventually(async () => (await ctx.store.get(key)) === null, 'the key expired');
      expect(await ctx.store.ttl(key)).toBeNull();
      expect(await ctx.store.set(key, 'again', { ifAbsent: true })).toBe(true);
    });

    it('deletes keys and says whether they existed', async () => {
      const key = ctx.key('del');
      expect(await ctx.store.delete(key)).toBe(false);
      await ctx.store.set(key, 'v');
      expect(await ctx.store.delete(key)).toBe(true);
      expect(await ctx.store.get(key)).toBeNull();
    });

    it('takes a value once', async () => {
      const key = ctx.key('take');
      expect(await ctx.store.take(key)).toBeNull();
      await ctx.store.set(key, 'token');
      const takes = await Promise.all([ctx.store.take(key), ctx.store.take(key), ctx.store.take(key)]);
      expect(takes.filter((value) => value !== null)).toEqual(['token']);
      expect(await ctx.store.get(key)).toBeNull();
    });

    it('rejects a non-positive ttl', async () => {
      await expect(ctx.store.set(ctx.key('bad'), 'v', { ttlMs: 0 })).rejects.toThrow();
    });
  });
}

/** Counters: atomic increments with fixed windows. */
export function describeCounterConformance(ctx: KeyValueConformanceContext): void {
  describe('increment', () => {
    it('starts at `by` and has no expiry without ttlMs', async () => {
      const key = ctx.key('count');
      expect(await ctx.store.increment(key)).toEqual({ value: 1, ttlMs: -1 });
      expect(await ctx.store.increment(key, { by: 5 })).toEqual({ value: 6, ttlMs: -1 });
      expect(await ctx.store.increment(key, { by: -2 })).toEqual({ value: 4, ttlMs: -1 });
      expect(await ctx.store.get(key)).toBe('4');
    });

    it('sets the window expiry on the first hit only, never extending it', async () => {
      const key = ctx.key('window');
      const first = await ctx.store.increment(key, { ttlMs: SHORT_TTL_MS });
      expect(first.value).toBe(1);
      expect(first.ttlMs).toBeGreaterThan(0);
      expect(first.ttlMs).toBeLessThanOrEqual(SHORT_TTL_MS);
      const second = await ctx.store.increment(key, { ttlMs: 60_000 });
      expect(second.value).toBe(2);
      expect(second.ttlMs).toBeGreaterThan(0);
      expect(second.ttlMs).toBeLessThanOrEqual(SHORT_TTL_MS);
      await eventually(async () => (await ctx.store.get(key)) === null, 'the window expired');
      const next = await ctx.store.increment(key, { ttlMs: 60_000 });
      expect(next.value).toBe(1);
      expect(next.ttlMs).toBeGreaterThan(SHORT_TTL_MS);
    });

    it('keeps the expiry of a key set with a ttl', async () => {
      const key = ctx.key('preset');
      await ctx.store.set(key, '10', { ttlMs: 5_000 });
      const result = await ctx.store.increment(key, { ttlMs: 60_000 });
      expect(result.value).toBe(11);
      expect(result.ttlMs).toBeLessThanOrEqual(5_000);
    });

    it('gives a window to a counter that had none', async () => {
      const key = ctx.key('late-window');
      await ctx.store.increment(key);
      const result = await ctx.store.increment(key, { ttlMs: 60_000 });
      expect(result.value).toBe(2);
      expect(result.ttlMs).toBeGreaterThan(0);
    });

    it('is atomic under concurrency', async () => {
      const key = ctx.key('atomic');
      const results = await Promise.all(
        Array.from({ length: 200 }, () => ctx.store.increment(key, { ttlMs: 60_000 })),
      );
      const values = results.map((result) => result.value).sort((a, b) => a - b);
      expect(values).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(await ctx.store.get(key)).toBe('200');
    });

    it('rejects a value that is not an integer and a fractional step', async () => {
      const key = ctx.key('nan');
      await ctx.store.set(key, 'abc');
      await expect(ctx.store.increment(key)).rejects.toThrow(/not an integer/);
      await expect(ctx.store.increment(ctx.key('frac'), { by: 1.5 })).rejects.toThrow();
    });
  });
}
