import type { PublicSseEvent } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createFrameQueue, type FrameQueueOptions } from './frame-queue.js';

const frame = (event_id: number, kind: string): PublicSseEvent =>
  ({ event_id, kind }) as unknown as PublicSseEvent;

function queueWith(options: Partial<FrameQueueOptions> = {}) {
  const calls = { demand: 0 };
  const queue = createFrameQueue({
    holdUntilTerminal: false,
    demand: () => {
      calls.demand += 1;
    },
    ...options,
  });
  return { queue, calls };
}

describe('createFrameQueue', () => {
  it('asks the producer for more only while the consumer waits, and hands pushed frames straight over', async () => {
    const { queue, calls } = queueWith();
    queue.push([frame(1, 'lifecycle'), frame(2, 'message.delta')]);
    expect(await queue.frames.next()).toEqual({ value: frame(1, 'lifecycle'), done: false });
    expect(await queue.frames.next()).toEqual({ value: frame(2, 'message.delta'), done: false });
    expect(calls.demand).toBe(0);
    expect(queue.hungry).toBe(false);

    const waiting = queue.frames.next();
    expect(calls.demand).toBe(1);
    expect(queue.hungry).toBe(true);
    queue.push([frame(3, 'final')]);
    expect(queue.hungry).toBe(false);
    expect(await waiting).toEqual({ value: frame(3, 'final'), done: false });

    const last = queue.frames.next();
    queue.close();
    expect(await last).toEqual({ value: undefined, done: true });
    queue.push([frame(4, 'lifecycle')]);
    expect(await queue.frames.next()).toEqual({ value: undefined, done: true });
  });

  it('awaits onFrame before handing a frame over', async () => {
    const order: string[] = [];
    const { queue } = queueWith({
      onFrame: async (item) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`persisted ${item.event_id}`);
      },
    });
    queue.push([frame(1, 'lifecycle'), frame(2, 'final')]);
    queue.close();
    for await (const item of queue.frames) order.push(`read ${item.event_id}`);
    expect(order).toEqual(['persisted 1', 'read 1', 'persisted 2', 'read 2']);
  });

  it('keeps the run going for no one once onFrame fails or the consumer stops', async () => {
    const failing = queueWith({
      onFrame: async () => {
        throw new Error('ledger down');
      },
    });
    failing.queue.push([frame(1, 'lifecycle')]);
    await expect(failing.queue.frames.next()).rejects.toThrow('ledger down');
    expect(failing.calls.demand).toBe(1);
    expect(failing.queue.hungry).toBe(true);
    expect(await failing.queue.frames.next()).toEqual({ value: undefined, done: true });

    const throwing = queueWith({
      onFrame: () => {
        throw new Error('ledger down at once');
      },
    });
    const pending = throwing.queue.frames.next();
    throwing.queue.push([frame(1, 'lifecycle')]);
    await expect(pending).rejects.toThrow('ledger down at once');
    expect(throwing.queue.hungry).toBe(true);

    const stopped = queueWith();
    const waiting = stopped.queue.frames.next();
    await stopped.queue.frames.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(stopped.calls.demand).toBe(2);
    expect(stopped.queue.hungry).toBe(true);
  });

  it('holds a blocking run until its terminal and drops the answer when it ends in an error', async () => {
    const passed = queueWith({ holdUntilTerminal: true });
    const waiting = passed.queue.frames.next();
    passed.queue.push([frame(1, 'lifecycle'), frame(2, 'message.delta')]);
    expect(passed.queue.hungry).toBe(true);
    passed.queue.push([frame(3, 'final')]);
    passed.queue.close();
    const kinds = [(await waiting).value?.kind];
    for await (const item of passed.queue.frames) kinds.push(item.kind);
    expect(kinds).toEqual(['lifecycle', 'message.delta', 'final']);

    const blocked = queueWith({ holdUntilTerminal: true });
    blocked.queue.push([frame(1, 'lifecycle'), frame(2, 'message.delta'), frame(3, 'error')]);
    blocked.queue.close();
    const released: Array<[number, string]> = [];
    for await (const item of blocked.queue.frames) released.push([item.event_id, item.kind]);
    expect(released).toEqual([
      [1, 'lifecycle'],
      [2, 'error'],
    ]);
  });

  it('persists frames in batches as they are produced, one call in flight, before handing them on', async () => {
    const batches: number[][] = [];
    const releases: Array<() => void> = [];
    const { queue, calls } = queueWith({
      onFrames: (list) => {
        batches.push(list.map((item) => item.event_id));
        return new Promise<void>((resolve) => releases.push(resolve));
      },
    });
    queue.push([frame(1, 'lifecycle')]);
    expect(batches).toEqual([[1]]);
    // While a batch is being persisted the producer reads ahead; what it produces forms the next batch.
    expect(queue.hungry).toBe(true);
    queue.push([frame(2, 'message.delta')]);
    queue.push([frame(3, 'message.delta')]);
    expect(batches).toEqual([[1]]);

    const first = queue.frames.next();
    expect(calls.demand).toBe(1);
    releases.shift()?.();
    expect(await first).toEqual({ value: frame(1, 'lifecycle'), done: false });
    expect(batches).toEqual([[1], [2, 3]]);

    const second = queue.frames.next();
    queue.push([frame(4, 'final')]);
    queue.close();
    releases.shift()?.();
    expect(await second).toEqual({ value: frame(2, 'message.delta'), done: false });
    releases.shift()?.();
    const rest: number[] = [];
    for await (const item of queue.frames) rest.push(item.event_id);
    expect(rest).toEqual([3, 4]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('keeps persisting for a consumer that left, and fails the iteration when a batch fails', async () => {
    const persisted: number[] = [];
    const left = queueWith({
      onFrames: async (list) => {
        for (const item of list) persisted.push(item.event_id);
      },
    });
    await left.queue.frames.return?.();
    left.queue.push([frame(1, 'lifecycle'), frame(2, 'final')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(persisted).toEqual([1, 2]);

    const failing = queueWith({
      onFrames: async () => {
        throw new Error('ledger down');
      },
    });
    const waiting = failing.queue.frames.next();
    failing.queue.push([frame(1, 'lifecycle')]);
    await expect(waiting).rejects.toThrow('ledger down');
    expect(failing.queue.hungry).toBe(true);
    expect(await failing.queue.frames.next()).toEqual({ value: undefined, done: true });

    // A batch failing while the consumer is busy elsewhere: its next read gets the failure.
    const later = queueWith({
      onFrames: async () => {
        throw new Error('ledger down later');
      },
    });
    later.queue.push([frame(1, 'lifecycle')]);
    await new Promise((resolve) => setImmediate(resolve));
    await expect(later.queue.frames.next()).rejects.toThrow('ledger down later');
    expect(later.queue.hungry).toBe(true);
  });

  it('refuses both hooks at once', () => {
    expect(() => queueWith({ onFrame: () => {}, onFrames: () => {} })).toThrow(/not both/);
  });
});
