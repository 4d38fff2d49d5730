import type { RequestOrigin } from '@starter/identity';
import type { Context } from 'hono';
import { clientIp } from '../http/client-ip.js';

/** Where the request came from, as the session service records it. */
export function requestOrigin(c: Context): RequestOrigin {
  return { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null };
}
