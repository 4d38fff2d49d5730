import type { Hono } from 'hono';
import type { AppLogger } from '../observability/logger.js';
import type { AppMetrics } from '../observability/metrics.js';
import type { AppEnv } from './app-env.js';
import { createErrorHandler } from './errors/error-handler.js';
import { createNotFoundHandler } from './errors/not-found-handler.js';
import { createBodyLimitMiddleware } from './middleware/body-limit.js';
import { createCorsMiddleware } from './middleware/cors.js';
import { createRequestObserverMiddleware } from './middleware/request-observer.js';
import { createTrustedHostMiddleware } from './middleware/trusted-host.js';

export interface HttpStackDeps {
  logger: AppLogger;
  metrics: AppMetrics;
  cors: { origins: string[]; methods: string[]; headers: string[] };
  maxBodyBytes: number;
  /** Host names the app answers for (spec §0 trusted hosts); `*` or omitted allows every host. */
  allowedHosts?: readonly string[];
  /** Larger body limits for upload paths, matched by prefix. */
  bodyLimitOverrides?: readonly { pathPrefix: string; maxBytes: number }[];
}

/**
 * Installs the cross-cutting HTTP layers, before any route: ids + log context + timing + logging +
 * metrics (one middleware), then the trusted-host check, CORS and the body limit; plus `onError` and `notFound`. Takes any
 * Hono app (an `OpenAPIHono` in the app) since it only adds middleware and handlers.
 */
export function applyHttpStack(app: Hono<AppEnv>, deps: HttpStackDeps): void {
  // Built first so a bad option fails at startup, before anything is registered.
  const observer = createRequestObserverMiddleware({ logger: deps.logger, metrics: deps.metrics });
  const cors = createCorsMiddleware(deps.cors);
  const bodyLimit = createBodyLimitMiddleware({
    maxBytes: deps.maxBodyBytes,
    overrides: deps.bodyLimitOverrides ?? [],
  });
  const trustedHost = createTrustedHostMiddleware(deps.allowedHosts ?? ['*']);
  if (trustedHost === null) app.use('*', observer, cors, bodyLimit);
  else app.use('*', observer, trustedHost, cors, bodyLimit);
  app.onError(createErrorHandler({ logger: deps.logger }));
  app.notFound(createNotFoundHandler(app));
}
