import { randomUUID } from 'node:crypto';
import { isAppError, type Job, type JobQueue } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from './sql-conformance-helpers.js';

const POLL = { pollingIntervalSeconds: 0.5 };

/** Polls `check` until it returns a value other than `undefined`; fails after `timeoutMs` (not a timing assertion). */
async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Condition not reached in time.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The shared `JobQueue` suite. `factory` returns a new, not yet started queue over the same storage each
 * time it is called (the suite makes two, to check that competing workers never share a job) and closes them.
 */
export function describeJobQueueConformance(name: string, factory: () => Promise<JobQueue>): void {
  describe(`JobQueue conformance: ${name}`, { timeout: 90_000 }, () => {
    let first: JobQueue | undefined;
    let second: JobQueue | undefined;
    const queueA = (): JobQueue => {
      if (!first) throw new Error('The conformance job queue failed to start.');
      return first;
    };
    const queueB = (): JobQueue => {
      if (!second) throw new Error('The second conformance job queue failed to start.');
      return second;
    };
    const newQueue = async (): Promise<string> => {
      const queue = uniqueName('q');
      await queueA().createQueue(queue);
      return queue;
    };

    beforeAll(async () => {
      first = await factory();
      await first.start();
      second = await factory();
      await second.start();
    }, 180_000);

    afterAll(async () => {
      await Promise.all([first?.close(), second?.close()]);
    }, 60_000);

    it('delivers sent data to a worker and completes the job', async () => {
      const queue = await newQueue();
      const received: Job<{ n: number; text: string }>[] = [];
      const worker = await queueA().work<{ n: number; text: string }>(
        queue,
        async (job) => {
          received.push(job);
        },
        POLL,
      );
      const id = await queueA().send(queue, { n: 7, text: 'héllo' });
      expect(id).toEqual(expect.any(String));
      const job = await waitFor(() => received[0]);
      expect(job).toEqual({ id, queue, data: { n: 7, text: 'héllo' }, retryCount: 0 });
      await waitFor(async () =>
        (await queueA().getJob(queue, id ?? ''))?.state === 'completed' ? true : undefined,
      );
      await queueA().offWork(worker);
    });

    it('retries a throwing handler up to retryLimit, then marks the job failed', async () => {
      const queue = await newQueue();
      const attempts: number[] = [];
      const worker = await queueA().work(
        queue,
        async (job) => {
          attempts.push(job.retryCount);
          throw new Error('always fails');
        },
        POLL,
      );
      const id = await queueA().send(queue, { x: 1 }, { retryLimit: 2, retryDelaySeconds: 0 });
      const failed = await waitFor(async () => {
        const job = await queueA().getJob(queue, id ?? '');
        return job?.state === 'failed' ? job : undefined;
      });
      expect(failed.retryCount).toBe(2);
      expect(attempts).toEqual([0, 1, 2]);
      await queueA().offWork(worker);
    });

    it('suppresses a second queued job with the same singletonKey', async () => {
      const queue = await newQueue();
      const firstId = await queueA().send(queue, { v: 1 }, { singletonKey: 'k' });
      expect(firstId).toEqual(expect.any(String));
      expect(await queueA().send(queue, { v: 2 }, { singletonKey: 'k' })).toBeNull();
      expect(await queueB().send(queue, { v: 3 }, { singletonKey: 'k' })).toBeNull();
      expect(await queueA().send(queue, { v: 4 }, { singletonKey: 'other' })).toEqual(expect.any(String));
      const concurrent = await Promise.all(
        [1, 2, 3, 4].map((v) => queueA().send(queue, { v }, { singletonKey: 'race' })),
      );
      expect(concurrent.filter((id) => id !== null)).toHaveLength(1);

      const handled: unknown[] = [];
      const worker = await queueA().work(
        queue,
        async (job) => {
          handled.push(job.data);
        },
        POLL,
      );
      await waitFor(async () =>
        (await queueA().getJob(queue, firstId ?? ''))?.state === 'completed' ? true : undefined,
      );
      await queueA().offWork(worker);
      // Once the first job has left the queue, the key is free again.
      expect(await queueA().send(queue, { v: 5 }, { singletonKey: 'k' })).toEqual(expect.any(String));
      expect(handled).toContainEqual({ v: 1 });
      expect(handled).not.toContainEqual({ v: 2 });
    });

    it('hands each job to exactly one of several competing workers', async () => {
      const queue = await newQueue();
      const seen: string[] = [];
      const handler = async (job: Job): Promise<void> => {
        seen.push(job.id);
        await new Promise((resolve) => setImmediate(resolve));
      };
      const workers = [
        await queueA().work(queue, handler, { ...POLL, concurrency: 2 }),
        await queueB().work(queue, handler, { ...POLL, concurrency: 2 }),
      ];
      const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => queueA().send(queue, { n })));
      await waitFor(() => (seen.length >= ids.length ? true : undefined));
      await Promise.all([queueA().offWork(workers[0] ?? ''), queueB().offWork(workers[1] ?? '')]);
      expect([...seen].sort()).toEqual([...ids].sort());
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('holds back a job until startAfterSeconds has passed', async () => {
      const queue = await newQueue();
      const later = await queueA().send(queue, { when: 'later' }, { startAfterSeconds: 3600 });
      const now = await queueA().send(queue, { when: 'now' });
      const handled: string[] = [];
      const worker = await queueA().work<{ when: string }>(
        queue,
        async (job) => {
          handled.push(job.data.when);
        },
        POLL,
      );
      await waitFor(async () =>
        (await queueA().getJob(queue, now ?? ''))?.state === 'completed' ? true : undefined,
      );
      await queueA().offWork(worker);
      expect(handled).toEqual(['now']);
      expect((await queueA().getJob(queue, later ?? ''))?.state).toBe('created');
    });

    it('reports job states and stops a worker only after its running job', async () => {
      const queue = await newQueue();
      expect(await queueA().getJob(queue, randomUUID())).toBeNull();
      expect(await queueA().getJob(queue, 'not-a-uuid')).toBeNull();
      const id = (await queueA().send(queue, { step: 1 })) ?? '';
      expect(await queueA().getJob(queue, id)).toMatchObject({
        id,
        queue,
        data: { step: 1 },
        state: 'created',
      });

      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      let finished = false;
      const worker = await queueA().work(
        queue,
        async () => {
          await gate;
          finished = true;
        },
        POLL,
      );
      await waitFor(async () => ((await queueA().getJob(queue, id))?.state === 'active' ? true : undefined));
      const stopping = queueA().offWork(worker);
      open();
      await stopping;
      expect(finished).toBe(true);
      await waitFor(async () =>
        (await queueA().getJob(queue, id))?.state === 'completed' ? true : undefined,
      );

      // A stopped worker takes nothing more: the next job goes to a fresh worker.
      const next = (await queueA().send(queue, { step: 2 })) ?? '';
      const takenBy: string[] = [];
      const replacement = await queueA().work(
        queue,
        async (job) => {
          takenBy.push(job.id);
        },
        POLL,
      );
      await waitFor(() => (takenBy.length > 0 ? true : undefined));
      await queueA().offWork(replacement);
      expect(takenBy).toEqual([next]);
    });

    it('fails a job whose handler outlives expireInSeconds', async () => {
      const queue = await newQueue();
      let release!: () => void;
      const stuck = new Promise<void>((resolve) => {
        release = resolve;
      });
      const worker = await queueA().work(queue, () => stuck, POLL);
      const id = (await queueA().send(queue, { slow: true }, { expireInSeconds: 1, retryLimit: 0 })) ?? '';
      await waitFor(async () => ((await queueA().getJob(queue, id))?.state === 'failed' ? true : undefined));
      release();
      await queueA().offWork(worker);
    });

    it('rejects sends to an undeclared queue', async () => {
      const error = await queueA()
        .send(uniqueName('missing'), { a: 1 })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(isAppError(error) && error.code).toBe('NotFound');
    });

    // Runs last: closes the queues.
    it('reports health while started and closes idempotently', async () => {
      expect(await queueA().health()).toMatchObject({ ok: true, provider: expect.any(String) });
      await queueB().close();
      await queueB().close();
      const status = await queueB().health();
      expect(status.ok).toBe(false);
      expect(status.detail).toEqual(expect.any(String));
    });
  });
}
