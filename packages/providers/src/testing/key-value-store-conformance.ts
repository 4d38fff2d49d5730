import type { KeyValueStore } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { describeLeaseConformance } from './key-value-conformance-leases.js';
import { describePubSubConformance } from './key-value-conformance-pub-sub.js';
import { describeStreamConformance } from './key-value-conformance-streams.js';
import { describeCounterConformance, describeStringConformance } from './key-value-conformance-strings.js';
import {
  collector,
  eventually,
  type KeyValueConformanceContext,
  type KeyValueStoreConformanceOptions,
  useKeyValueConformanceContext,
} from './key-value-conformance-support.js';

export type { KeyValueStoreConformanceOptions } from './key-value-conformance-support.js';

/**
 * The one behaviour contract of `KeyValueStore`, run against every implementation. `factory` gives a
 * fresh store per test (closed afterwards); tests use unique keys, so stores may share a backend.
 */
export function describeKeyValueStoreConformance(
  name: string,
  factory: () => Promise<KeyValueStore> | KeyValueStore,
  options: KeyValueStoreConformanceOptions = {},
): void {
  describe(`KeyValueStore conformance: ${name}`, () => {
    const ctx = useKeyValueConformanceContext(factory, options);
    describeStringConformance(ctx);
    describeCounterConformance(ctx);
    describeLeaseConformance(ctx);
    describePubSubConformance(ctx);
    describeStreamConformance(ctx);
    describePrefixConformance(ctx);
    describeLifecycleConformance(ctx, factory);
  });
}

function describePrefixConformance(ctx: KeyValueConformanceContext): void {
  it('isolates stores with different key prefixes', async () => {
    const tag = ctx.key('prefix');
    const a = await ctx.withPrefix(`${tag}:a:`);
    const b = await ctx.withPrefix(`${tag}:b:`);
    await a.set('shared', 'from-a');
    expect(await b.get('shared')).toBeNull();
    await a.increment('counter');
    expect((await b.increment('counter')).value).toBe(1);
    expect(await a.acquireLease('lock', { ttlMs: 60_000 })).not.toBeNull();
    expect(await b.acquireLease('lock', { ttlMs: 60_000 })).not.toBeNull();
    await a.appendToStream('events', { from: 'a' });
    expect(await b.readStream('events')).toEqual([]);

    const heard = collector();
    await a.subscribe('news', heard.onMessage);
    await b.publish('news', 'from-b');
    await a.publish('news', 'from-a');
    await eventually(() => heard.messages.length > 0, 'the same-prefix message arrived');
    expect(heard.messages).toEqual(['from-a']);
  });
}

function describeLifecycleConformance(
  ctx: KeyValueConformanceContext,
  factory: () => Promise<KeyValueStore> | KeyValueStore,
): void {
  describe('lifecycle', () => {
    it('reports health', async () => {
      const health = await ctx.store.health();
      expect(health).toMatchObject({ ok: true, provider: ctx.store.provider });
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    });

    it('closes idempotently and refuses calls afterwards', async () => {
      const store = await factory();
      await store.set(ctx.key('before-close'), 'v');
      await Promise.all([store.close(), store.close()]);
      await store.close();
      await expect(store.get(ctx.key('after-close'))).rejects.toThrow();
      expect((await store.health()).ok).toBe(false);
    });

    it('fails pending blocking reads on close instead of hanging', async () => {
      const store = await factory();
      const pending = store.readStream(ctx.key('close-read'), { blockMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.close();
      await expect(pending).rejects.toThrow();
    });
  });
}
