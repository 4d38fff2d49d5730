import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock.js';

describe('createManualClock', () => {
  it('moves only when told to', () => {
    const clock = createManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    expect(clock.date()).toEqual(new Date(1_500));
    clock.set(10);
    expect(clock.now()).toBe(10);
  });

  it('refuses to go backwards through advance', () => {
    const clock = createManualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
