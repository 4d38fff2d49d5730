import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from './group-commit.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createGroupCommitter', () => {
  it('writes a lone item at once and queues items that arrive during a write into the next one', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const committer = createGroupCommitter<number>({
      maxBatchSize: 100,
      maxBatchBytes: 1_000,
      sizeOf: () => 1,
      async write(batch) {
        batches.push([...batch]);
        if (batches.length === 1) await gate.promise;
        return batch.map(() => undefined);
      },
    });
    const first = committer.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = [2, 3, 4, 5].map((item) => committer.submit(item));
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(committer.stats()).toEqual({ items: 5, batches: 2, largestBatch: 4 });
  });

  it('caps batches by count and by bytes (a single oversized item still goes alone)', async () => {
    const batches: number[][] = [];
    const committer = createGroupCommitter<number>({
      maxBatchSize: 3,
      maxBatchBytes: 10,
      sizeOf: (item) => item,
      async write(batch) {
        batches.push([...batch]);
        return batch.map(() => undefined);
      },
    });
    await Promise.all([1, 1, 1, 1, 6, 6, 20, 1].map((item) => committer.submit(item)));
    expect(batches).toEqual([[1, 1, 1], [1, 6], [6], [20], [1]]);
  });

  it('rejects every item of a failed batch, per-item outcomes only their own, and carries on', async () => {
    let calls = 0;
    const committer = createGroupCommitter<string>({
      maxBatchSize: 10,
      maxBatchBytes: 100,
      sizeOf: () => 1,
      async write(batch) {
        calls += 1;
        if (calls === 1) throw new Error('connection lost');
        return batch.map((item) => (item === 'bad' ? new Error('duplicate') : undefined));
      },
    });
    const failed = await Promise.allSettled([committer.submit('a'), committer.submit('b')]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const mixed = await Promise.allSettled([committer.submit('ok'), committer.submit('bad')]);
    expect(mixed.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('flush waits for queued items and close rejects later submits', async () => {
    const written: number[] = [];
    const committer = createGroupCommitter<number>({
      maxBatchSize: 2,
      maxBatchBytes: 100,
      sizeOf: () => 1,
      async write(batch) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        written.push(...batch);
        return batch.map(() => undefined);
      },
    });
    for (const item of [1, 2, 3, 4, 5]) void committer.submit(item);
    await committer.close();
    expect(written).toEqual([1, 2, 3, 4, 5]);
    await expect(committer.submit(6)).rejects.toThrow('closed');
  });

  it('lingers: items submitted from separate timers within the window share one write', async () => {
    const batches: number[][] = [];
    const committer = createGroupCommitter<number>({
      maxBatchSize: 100,
      maxBatchBytes: 1_000,
      sizeOf: () => 1,
      lingerMs: 20,
      async write(batch) {
        batches.push([...batch]);
        return batch.map(() => undefined);
      },
    });
    const submitted: Promise<void>[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map(
        (item) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              submitted.push(committer.submit(item));
              resolve();
            }, item % 3),
          ),
      ),
    );
    await Promise.all(submitted);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.toSorted((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ends the linger early once lingerRows are queued, and flush does not wait it out', async () => {
    const batches: number[][] = [];
    const committer = createGroupCommitter<number>({
      maxBatchSize: 100,
      maxBatchBytes: 1_000,
      sizeOf: () => 1,
      lingerMs: 60_000,
      lingerRows: 3,
      async write(batch) {
        batches.push([...batch]);
        return batch.map(() => undefined);
      },
    });
    await Promise.all([1, 2, 3].map((item) => committer.submit(item)));
    const lone = committer.submit(4);
    await committer.flush();
    await lone;
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('keeps per-key order across concurrent lanes and never has two batches of one key in flight', async () => {
    const committed = new Map<string, number[]>();
    const inFlight = new Set<string>();
    let concurrent = 0;
    let maxConcurrent = 0;
    const committer = createGroupCommitter<{ key: string; seq: number }>({
      maxBatchSize: 7,
      maxBatchBytes: 1_000,
      sizeOf: () => 1,
      lanes: 4,
      laneKey: (item) => item.key,
      async write(batch) {
        const keys = new Set(batch.map((item) => item.key));
        for (const key of keys) {
          expect(inFlight.has(key)).toBe(false);
          inFlight.add(key);
        }
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        // Random latency, so that lanes overtake one another.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
        for (const item of batch) committed.set(item.key, [...(committed.get(item.key) ?? []), item.seq]);
        for (const key of keys) inFlight.delete(key);
        concurrent -= 1;
        return batch.map(() => undefined);
      },
    });
    const keys = Array.from({ length: 24 }, (_, index) => `stream_${index}`);
    const all: Promise<void>[] = [];
    for (let seq = 0; seq < 30; seq++) {
      for (const key of keys) all.push(committer.submit({ key, seq }));
      if (seq % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(all);
    expect(maxConcurrent).toBeGreaterThan(1);
    const expected = Array.from({ length: 30 }, (_, seq) => seq);
    for (const key of keys) expect(committed.get(key)).toEqual(expected);
  });

  it('resolves an item only after its batch committed; a failing batch rejects only its own items', async () => {
    const gate = deferred();
    const committed: string[] = [];
    const committer = createGroupCommitter<string>({
      maxBatchSize: 100,
      maxBatchBytes: 1_000,
      sizeOf: () => 1,
      lanes: 2,
      laneKey: (item) => item.slice(0, 1),
      async write(batch) {
        if (batch.some((item) => item.startsWith('a'))) {
          await gate.promise;
          throw new Error('lane a lost its connection');
        }
        committed.push(...batch);
        return batch.map(() => undefined);
      },
    });
    // 'a' and 'b' hash to different lanes (FNV-1a), so their batches are independent.
    let settledA = false;
    const a = committer.submit('a1').finally(() => {
      settledA = true;
    });
    const a2 = committer.submit('a2');
    const b = committer.submit('b1');
    await b;
    expect(committed).toEqual(['b1']);
    expect(settledA).toBe(false);
    gate.resolve();
    const results = await Promise.allSettled([a, a2]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(committer.submit('b2')).resolves.toBeUndefined();
    expect(committed).toEqual(['b1', 'b2']);
  });

  it('validates its lane and linger options', () => {
    const base = { maxBatchSize: 1, maxBatchBytes: 1, sizeOf: () => 1, write: async () => [] };
    expect(() => createGroupCommitter({ ...base, lanes: 0 })).toThrow(RangeError);
    expect(() => createGroupCommitter({ ...base, lanes: 2 })).toThrow(TypeError);
    expect(() => createGroupCommitter({ ...base, lingerMs: -1 })).toThrow(RangeError);
    expect(() => createGroupCommitter({ ...base, lingerRows: 0 })).toThrow(RangeError);
  });
});
