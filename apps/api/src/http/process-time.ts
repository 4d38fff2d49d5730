import type { Context } from 'hono';
import { setResponseHeader } from './node-io.js';

/** Sets `X-Process-Time` (seconds, 4 dp, spec §0) from a `performance.now()` start; returns seconds. */
export function writeProcessTime(c: Context, startedAt: number): number {
  const seconds = (performance.now() - startedAt) / 1000;
  setResponseHeader(c, 'X-Process-Time', seconds.toFixed(4));
  return seconds;
}
