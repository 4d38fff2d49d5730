import { describe, expect, it } from 'vitest';
import { createSystemClock } from './system-clock.js';

describe('createSystemClock', () => {
  it('tells the wall-clock time', () => {
    const clock = createSystemClock();
    const before = Date.now();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(clock.date().getTime()).toBeGreaterThanOrEqual(now);
  });
});
