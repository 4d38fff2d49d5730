import type { Clock } from '@starter/contracts';

/** A clock that only moves when told to, so expiry and windows can be tested without waiting. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms` (never backward). */
  advance(ms: number): void;
  /** Jumps to an absolute time in epoch milliseconds. */
  set(ms: number): void;
}

/** A manual clock starting at `startMs` (2024-01-01T00:00:00Z by default). */
export function createManualClock(startMs = Date.UTC(2024, 0, 1)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    date: () => new Date(current),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a finite, non-negative ms');
      current += ms;
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('set() takes a finite ms');
      current = ms;
    },
  };
}
