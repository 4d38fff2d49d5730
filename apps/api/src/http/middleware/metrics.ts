import type { MiddlewareHandler } from 'hono';
import type { AppMetrics } from '../../observability/metrics.js';
import type { AppEnv } from '../app-env.js';
import { routeLabel } from '../route-label.js';

export interface MetricsMiddlewareOptions {
  metrics: AppMetrics;
}

/** `http_requests_total` and `http_request_duration_seconds` on their own. */
export function createMetricsMiddleware(options: MetricsMiddlewareOptions): MiddlewareHandler<AppEnv> {
  const { metrics } = options;
  if (metrics === undefined) throw new Error('createMetricsMiddleware: "metrics" is required.');
  return async function httpMetrics(c, next) {
    const startedAt = performance.now();
    await next();
    metrics.observeHttpRequest(
      c.req.method,
      routeLabel(c),
      c.res.status,
      (performance.now() - startedAt) / 1000,
    );
  };
}
