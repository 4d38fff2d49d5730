import { describe, expect, it } from 'vitest';
import { collector, eventually, type KeyValueConformanceContext } from './key-value-conformance-support.js';

/** Pub/sub: fan-out, unsubscribe, channel isolation and cross-replica delivery. */
export function describePubSubConformance(ctx: KeyValueConformanceContext): void {
  describe('pub/sub', () => {
    it('delivers to every subscriber, asynchronously', async () => {
      const channel = ctx.key('fan-out');
      const a = collector();
      const b = collector();
      await ctx.store.subscribe(channel, a.onMessage);
      await ctx.store.subscribe(channel, b.onMessage);
      const published = ctx.store.publish(channel, 'hello');
      // Subscriber code never runs inside the publisher's call.
      expect(a.messages).toEqual([]);
      await published;
      await eventually(() => a.messages.length === 1 && b.messages.length === 1, 'both got the message');
      expect(a.messages).toEqual(['hello']);
      expect(b.messages).toEqual(['hello']);
    });

    it('keeps message order on a channel', async () => {
      const channel = ctx.key('order');
      const sub = collector();
      await ctx.store.subscribe(channel, sub.onMessage);
      for (let i = 0; i < 20; i++) await ctx.store.publish(channel, `m${i}`);
      await eventually(() => sub.messages.length === 20, 'all messages arrived');
      expect(sub.messages).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    });

    it('stops delivery after unsubscribe, only for that subscription', async () => {
      const channel = ctx.key('unsub');
      const gone = collector();
      const stays = collector();
      const subscription = await ctx.store.subscribe(channel, gone.onMessage);
      await ctx.store.subscribe(channel, stays.onMessage);
      await subscription.unsubscribe();
      await subscription.unsubscribe();
      await ctx.store.publish(channel, 'after');
      await eventually(() => stays.messages.length === 1, 'the remaining subscriber got it');
      expect(gone.messages).toEqual([]);
    });

    it('resubscribes after the last subscriber left', async () => {
      const channel = ctx.key('again');
      const first = await ctx.store.subscribe(channel, () => {});
      await first.unsubscribe();
      const sub = collector();
      await ctx.store.subscribe(channel, sub.onMessage);
      await ctx.store.publish(channel, 'back');
      await eventually(() => sub.messages.length === 1, 'the new subscriber got it');
    });

    it('keeps channels apart', async () => {
      const one = ctx.key('one');
      const two = ctx.key('two');
      const sub = collector();
      await ctx.store.subscribe(one, sub.onMessage);
      await ctx.store.publish(two, 'other');
      await ctx.store.publish(one, 'mine');
      await eventually(() => sub.messages.length > 0, 'the message arrived');
      expect(sub.messages).toEqual(['mine']);
    });

    it('isolates a throwing subscriber from the others', async () => {
      const channel = ctx.key('throws');
      const sub = collector();
      await ctx.store.subscribe(channel, () => {
        throw new Error('subscriber bug');
      });
      await ctx.store.subscribe(channel, sub.onMessage);
      await ctx.store.publish(channel, 'x');
      await ctx.store.publish(channel, 'y');
      await eventually(() => sub.messages.length === 2, 'the healthy subscriber got both');
    });

    it('delivers across store instances on the same backend', async () => {
      const channel = ctx.key('cross');
      const other = await ctx.second();
      const sub = collector();
      await other.subscribe(channel, sub.onMessage);
      await ctx.store.publish(channel, 'from-first');
      await eventually(() => sub.messages.length === 1, 'the other instance got it');
      expect(sub.messages).toEqual(['from-first']);
    });
  });
}
