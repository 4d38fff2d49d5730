import type { RequestOrigin } from '@starter/identity';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { clientIp } from '../http/client-ip.js';

/** Where the request came from, as the session service and the activity log record it. */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  return {
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
    requestId: c.get('requestId') ?? null,
  };
}
