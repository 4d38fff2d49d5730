import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { writeProcessTime } from '../process-time.js';
import { assignRequestIds } from '../request-ids.js';

/** `X-Request-ID`, `X-Correlation-ID` and `X-Process-Time` on their own (the observer does all three). */
export function createRequestIdMiddleware(): MiddlewareHandler<AppEnv> {
  return async function requestId(c, next) {
    const startedAt = performance.now();
    assignRequestIds(c);
    await next();
    writeProcessTime(c, startedAt);
  };
}
