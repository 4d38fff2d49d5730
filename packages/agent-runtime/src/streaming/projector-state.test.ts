import { describe, expect, it } from 'vitest';
import { defaultTimestamp, formatIsoTimestamp } from './projector-state.js';

describe('formatIsoTimestamp', () => {
  it('matches Date#toISOString at the edges of every field', () => {
    const edges = [
      0,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 0, 1, 0, 0, 0, 0),
      Date.UTC(2024, 1, 29, 12, 0, 0, 5), // leap day
      Date.UTC(2026, 11, 3, 9, 59, 9, 10),
      Date.UTC(2026, 11, 3, 9, 59, 10, 99),
      Date.UTC(2026, 11, 3, 9, 59, 59, 100),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    for (const millis of edges) expect(formatIsoTimestamp(millis)).toBe(new Date(millis).toISOString());
  });

  it('matches Date#toISOString across minutes, hours and days, in order and out of order', () => {
    const start = Date.UTC(2026, 11, 31, 23, 58, 0, 0);
    const times: number[] = [];
    for (let step = 0; step < 5_000; step += 1) times.push(start + step * 97);
    // Going back to an earlier minute must not reuse the later minute's prefix.
    times.push(start - 1, start + 3 * 60_000 + 1, start + 7);
    for (const millis of times) expect(formatIsoTimestamp(millis)).toBe(new Date(millis).toISOString());
  });
});

describe('defaultTimestamp', () => {
  it('is the current time in ISO form', () => {
    const before = Date.now();
    const stamp = defaultTimestamp();
    const after = Date.now();
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stamp)).toBeLessThanOrEqual(after);
  });
});
