import { describe, expect, it } from 'vitest';
import {
  eventually,
  type KeyValueConformanceContext,
  SHORT_TTL_MS,
  sleep,
} from './key-value-conformance-support.js';

const STREAM_ID = /^(\d+)-(\d+)$/;

function idParts(id: string): [number, number] {
  const match = STREAM_ID.exec(id);
  if (!match) throw new Error(`not a stream id: ${id}`);
  return [Number(match[1]), Number(match[2])];
}

function isAfter(a: string, b: string): boolean {
  const [am, as] = idParts(a);
  const [bm, bs] = idParts(b);
  return am > bm || (am === bm && as > bs);
}

/** Streams: ids, reads after an id, trimming, expiry and blocking reads. */
export function describeStreamConformance(ctx: KeyValueConformanceContext): void {
  describe('streams', () => {
    it('hands out strictly increasing <ms>-<seq> ids', async () => {
      const stream = ctx.key('ids');
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push(await ctx.store.appendToStream(stream, { i: String(i) }));
      for (let i = 1; i < ids.length; i++) expect(isAfter(ids[i] as string, ids[i - 1] as string)).toBe(true);
    });

    it('reads from the start, after an id, and up to count', async () => {
      const stream = ctx.key('read');
      expect(await ctx.store.readStream(stream)).toEqual([]);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(await ctx.store.appendToStream(stream, { n: String(i), kind: 'test' }));
      }
      const all = await ctx.store.readStream(stream);
      expect(all).toEqual(ids.map((id, i) => ({ id, fields: { n: String(i), kind: 'test' } })));
      const after = await ctx.store.readStream(stream, { after: ids[1] as string });
      expect(after.map((entry) => entry.id)).toEqual(ids.slice(2));
      const page = await ctx.store.readStream(stream, { after: ids[0] as string, count: 2 });
      expect(page.map((entry) => entry.id)).toEqual(ids.slice(1, 3));
      expect(await ctx.store.readStream(stream, { after: ids[4] as string })).toEqual([]);
    });

    it('reads at most 100 entries by default', async () => {
      const stream = ctx.key('default-count');
      for (let i = 0; i < 110; i++) await ctx.store.appendToStream(stream, { i: String(i) });
      const entries = await ctx.store.readStream(stream);
      expect(entries).toHaveLength(100);
      expect(entries[0]?.fields).toEqual({ i: '0' });
    });

    it('trims to roughly maxLength, keeping the newest entries', async () => {
      const stream = ctx.key('trim');
      let last = '';
      for (let i = 0; i < 300; i++)
        last = await ctx.store.appendToStream(stream, { i: String(i) }, { maxLength: 5 });
      const entries = await ctx.store.readStream(stream, { count: 1_000 });
      // Redis trims whole nodes (MAXLEN ~), so only "at least maxLength, far fewer than appended" holds.
      expect(entries.length).toBeGreaterThanOrEqual(5);
      expect(entries.length).toBeLessThan(300);
      expect(entries.at(-1)?.id).toBe(last);
    });

    it('expires the stream ttlMs after the last append', async () => {
      const stream = ctx.key('ttl');
      await ctx.store.appendToStream(stream, { a: '1' }, { ttlMs: SHORT_TTL_MS });
      expect(await ctx.store.readStream(stream)).toHaveLength(1);
      await eventually(async () => (await ctx.store.readStream(stream)).length === 0, 'the stream expired');
      expect(await ctx.store.ttl(stream)).toBeNull();
    });

    it('wakes a blocking read on append', async () => {
      const stream = ctx.key('block');
      const first = await ctx.store.appendToStream(stream, { n: '0' });
      const pending = ctx.store.readStream(stream, { after: first, blockMs: 10_000 });
      await sleep(50);
      const second = await ctx.store.appendToStream(stream, { n: '1' });
      const entries = await pending;
      expect(entries).toEqual([{ id: second, fields: { n: '1' } }]);
    });

    it('wakes a blocking read on a stream that did not exist yet', async () => {
      const stream = ctx.key('block-new');
      const pending = ctx.store.readStream(stream, { blockMs: 10_000 });
      await sleep(50);
      const id = await ctx.store.appendToStream(stream, { hello: 'world' });
      expect(await pending).toEqual([{ id, fields: { hello: 'world' } }]);
    });

    it('returns at once when entries are already there', async () => {
      const stream = ctx.key('no-wait');
      const id = await ctx.store.appendToStream(stream, { a: '1' });
      expect(await ctx.store.readStream(stream, { blockMs: 10_000 })).toEqual([{ id, fields: { a: '1' } }]);
    });

    it('returns [] when a blocking read times out', async () => {
      const stream = ctx.key('timeout');
      const first = await ctx.store.appendToStream(stream, { n: '0' });
      expect(await ctx.store.readStream(stream, { after: first, blockMs: 100 })).toEqual([]);
    });

    it('rejects a blocking read when its signal aborts', async () => {
      const stream = ctx.key('abort');
      const controller = new AbortController();
      const pending = ctx.store.readStream(stream, { blockMs: 30_000, signal: controller.signal });
      await sleep(50);
      controller.abort(new Error('client went away'));
      await expect(pending).rejects.toThrow('client went away');
      // The store is still usable afterwards.
      const id = await ctx.store.appendToStream(stream, { a: '1' });
      expect(await ctx.store.readStream(stream, { blockMs: 1_000 })).toEqual([{ id, fields: { a: '1' } }]);
    });

    it('rejects at once with an already aborted signal', async () => {
      const controller = new AbortController();
      controller.abort(new Error('already gone'));
      await expect(
        ctx.store.readStream(ctx.key('aborted'), { blockMs: 30_000, signal: controller.signal }),
      ).rejects.toThrow('already gone');
    });

    it('serves several blocking reads at once', async () => {
      const stream = ctx.key('many');
      const readers = Array.from({ length: 6 }, () => ctx.store.readStream(stream, { blockMs: 10_000 }));
      await sleep(50);
      const id = await ctx.store.appendToStream(stream, { x: '1' });
      for (const entries of await Promise.all(readers))
        expect(entries.map((entry) => entry.id)).toEqual([id]);
    });

    it('rejects entries without fields and malformed ids', async () => {
      await expect(ctx.store.appendToStream(ctx.key('empty'), {})).rejects.toThrow();
      await expect(ctx.store.readStream(ctx.key('bad-id'), { after: 'nope' })).rejects.toThrow();
    });
  });
}
