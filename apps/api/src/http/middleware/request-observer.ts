import type { Context, MiddlewareHandler, Next } from 'hono';
import { type LogContextFields, runWithLogContext } from '../../observability/log-context.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AppMetrics } from '../../observability/metrics.js';
import type { AppEnv } from '../app-env.js';
import { logHttpRequest, logHttpResponse } from '../http-log-events.js';
import { writeProcessTime } from '../process-time.js';
import { assignRequestIds } from '../request-ids.js';
import { requestLogContext } from '../request-log-context.js';
import { routeLabel } from '../route-label.js';

export interface RequestObserverOptions {
  logger: AppLogger;
  metrics: AppMetrics;
}

/**
 * Ids, log context, timing, request logging and metrics in one middleware: each extra layer costs
 * Hono a dispatch and Node 20 a few promise hooks per request, which the bench shows adds up.
 */
export function createRequestObserverMiddleware(options: RequestObserverOptions): MiddlewareHandler<AppEnv> {
  const { logger, metrics } = options;
  if (logger === undefined || metrics === undefined) {
    throw new Error('createRequestObserverMiddleware: "logger" and "metrics" are required.');
  }

  async function observe(
    c: Context<AppEnv>,
    next: Next,
    startedAt: number,
    context: LogContextFields,
  ): Promise<void> {
    logHttpRequest(logger, c);
    try {
      await next();
    } catch (error) {
      // Only non-Error throws get here (Hono routes Errors to onError); record them before Hono's fallback.
      record(c, startedAt, context, 500);
      throw error;
    }
    record(c, startedAt, context, c.res.status);
  }

  function record(c: Context<AppEnv>, startedAt: number, context: LogContextFields, status: number): void {
    const seconds = writeProcessTime(c, startedAt);
    metrics.observeHttpRequest(c.req.method, routeLabel(c), status, seconds);
    logHttpResponse(logger, c, startedAt, context);
  }

  return function requestObserver(c, next) {
    const startedAt = performance.now();
    const ids = assignRequestIds(c);
    c.set('logger', logger);
    const context = requestLogContext(c, ids);
    return runWithLogContext(context, observe, c, next, startedAt, context);
  };
}
