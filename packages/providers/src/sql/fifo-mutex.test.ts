import { describe, expect, it } from 'vitest';
import { createFifoMutex } from './fifo-mutex.js';

describe('createFifoMutex', () => {
  it('grants the lock in request order, one holder at a time', async () => {
    const mutex = createFifoMutex();
    const order: string[] = [];
    let inside = 0;
    const task = (name: string) =>
      mutex.run(async () => {
        inside += 1;
        expect(inside).toBe(1);
        order.push(`start:${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`end:${name}`);
        inside -= 1;
      });
    await Promise.all([task('a'), task('b'), task('c')]);
    expect(order).toEqual(['start:a', 'end:a', 'start:b', 'end:b', 'start:c', 'end:c']);
  });

  it('releases on task failure and ignores double release', async () => {
    const mutex = createFifoMutex();
    await expect(mutex.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    const release = await mutex.lock();
    release();
    release();
    const again = await mutex.lock();
    again();
  });

  it('rejects waiters and later callers once aborted', async () => {
    const mutex = createFifoMutex();
    const release = await mutex.lock();
    const waiting = mutex.lock();
    mutex.abort(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    await expect(mutex.lock()).rejects.toThrow('closed');
    release();
  });
});
