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
});
