import type { MiddlewareHandler } from 'hono';
import { runWithLogContext } from '../../observability/log-context.js';
import type { AppEnv } from '../app-env.js';
import { assignRequestIds } from '../request-ids.js';
import { requestLogContext } from '../request-log-context.js';

/** Runs the rest of the request inside its log context; reuses the ids when already assigned. */
export function createLogContextMiddleware(): MiddlewareHandler<AppEnv> {
  return function logContext(c, next) {
    const requestId = c.get('requestId');
    const correlationId = c.get('correlationId');
    const ids =
      requestId !== undefined && correlationId !== undefined
        ? { requestId, correlationId }
        : assignRequestIds(c);
    return runWithLogContext(requestLogContext(c, ids), next);
  };
}
