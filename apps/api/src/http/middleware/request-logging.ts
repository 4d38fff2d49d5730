import type { MiddlewareHandler } from 'hono';
import { getLogContext } from '../../observability/log-context.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AppEnv } from '../app-env.js';
import { logHttpRequest, logHttpResponse } from '../http-log-events.js';

export interface RequestLoggingOptions {
  logger: AppLogger;
}

/** `http.request` (debug) and `http.response` (info, 5xx at error) on their own. */
export function createRequestLoggingMiddleware(options: RequestLoggingOptions): MiddlewareHandler<AppEnv> {
  const { logger } = options;
  if (logger === undefined) throw new Error('createRequestLoggingMiddleware: "logger" is required.');
  return async function requestLogging(c, next) {
    const startedAt = performance.now();
    c.set('logger', logger);
    logHttpRequest(logger, c);
    await next();
    logHttpResponse(logger, c, startedAt, getLogContext());
  };
}
