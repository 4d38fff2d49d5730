import type { Clock } from '@starter/contracts';

/** The wall clock, for production and the embedded profile. */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    date: () => new Date(),
  };
}
