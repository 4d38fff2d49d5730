import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppBindings } from './app-env.js';
import { readRequestHeader } from './node-io.js';

/**
 * The caller's IP (spec §0): the first `X-Forwarded-For` entry, else the socket peer. Null when
 * neither is known (e.g. `app.request()` in tests without the header).
 */
export function clientIp(c: Context): string | null {
  const forwarded = readRequestHeader(c, 'x-forwarded-for');
  if (forwarded !== undefined) {
    const comma = forwarded.indexOf(',');
    const first = (comma === -1 ? forwarded : forwarded.slice(0, comma)).trim();
    if (first !== '') return first;
  }
  if ((c.env as AppBindings | undefined)?.incoming === undefined) return null;
  return getConnInfo(c).remote.address ?? null;
}
