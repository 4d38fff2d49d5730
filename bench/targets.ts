import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../apps/api/src/http/app-env.js';
import { applyHttpStack } from '../apps/api/src/http/http-stack.js';
import { createBodyLimitMiddleware } from '../apps/api/src/http/middleware/body-limit.js';
import { createCorsMiddleware } from '../apps/api/src/http/middleware/cors.js';
import { createLogContextMiddleware } from '../apps/api/src/http/middleware/log-context.js';
import { createMetricsMiddleware } from '../apps/api/src/http/middleware/metrics.js';
import { createRequestIdMiddleware } from '../apps/api/src/http/middleware/request-id.js';
import { createRequestLoggingMiddleware } from '../apps/api/src/http/middleware/request-logging.js';
import { type AppLogger, createFileDestination, createLogger } from '../apps/api/src/observability/logger.js';
import { type AppMetrics, createMetrics } from '../apps/api/src/observability/metrics.js';

/** One benchmarked server: a name, a one-line description, and how to build its app. */
export interface Target {
  name: string;
  description: string;
  build(): Hono<AppEnv>;
}

// The spec §0 defaults, so CORS runs the same code as in production.
const CORS = {
  origins: ['http://localhost:3000', 'http://localhost:8000'],
  methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  headers: ['*'],
};
const MAX_BODY_BYTES = 1024 * 1024;
const VERSION = '1.0.0';

function benchLogger(): AppLogger {
  // A real sink, asynchronously flushed like production's: /dev/null still pays serialisation and writes.
  return createLogger({
    level: 'INFO',
    service: 'bench',
    environment: 'bench',
    version: VERSION,
    destination: createFileDestination('/dev/null'),
  });
}

// Same JSON shape as the app's `GET /health`.
function addHealthRoute(app: Hono<AppEnv>): Hono<AppEnv> {
  const startedAt = Date.now();
  app.get('/health', (c) => {
    const now = Date.now();
    return c.json({
      status: 'healthy' as const,
      timestamp: new Date(now).toISOString(),
      version: VERSION,
      uptime: Math.round(now - startedAt) / 1000,
    });
  });
  return app;
}

type Layer = (deps: { logger: AppLogger; metrics: AppMetrics }) => MiddlewareHandler<AppEnv>;

// Cumulative: layer N runs with layers 1..N-1 in front of it, in the order `applyHttpStack` uses.
const LAYERS: { name: string; description: string; layer: Layer }[] = [
  {
    name: '+ids+timing',
    description: 'X-Request-ID, X-Correlation-ID, X-Process-Time',
    layer: () => createRequestIdMiddleware(),
  },
  {
    name: '+als-context',
    description: 'AsyncLocalStorage log context',
    layer: () => createLogContextMiddleware(),
  },
  {
    name: '+request-log',
    description: 'http.response line per request (pino → /dev/null)',
    layer: ({ logger }) => createRequestLoggingMiddleware({ logger }),
  },
  {
    name: '+metrics',
    description: 'http_requests_total + duration histogram',
    layer: ({ metrics }) => createMetricsMiddleware({ metrics }),
  },
  {
    name: '+cors',
    description: 'CORS headers (no Origin sent: Vary only)',
    layer: () => createCorsMiddleware(CORS),
  },
  {
    name: '+body-limit',
    description: 'body size limit (GET: skipped)',
    layer: () => createBodyLimitMiddleware({ maxBytes: MAX_BODY_BYTES }),
  },
];

function layered(count: number): Hono<AppEnv> {
  const deps = { logger: benchLogger(), metrics: createMetrics() };
  const app = new Hono<AppEnv>();
  for (const { layer } of LAYERS.slice(0, count)) app.use('*', layer(deps));
  return addHealthRoute(app);
}

/** Every target, in the order the bench runs and prints them. */
export const TARGETS: Target[] = [
  {
    name: 'bare',
    description: 'Hono + @hono/node-server, no middleware',
    build: () => addHealthRoute(new Hono<AppEnv>()),
  },
  ...LAYERS.map((entry, index) => ({
    name: entry.name,
    description: `separate middlewares 1..${index + 1}: ${entry.description}`,
    build: () => layered(index + 1),
  })),
  {
    name: 'stack',
    description: 'applyHttpStack (fused observer + CORS + body limit + onError/notFound)',
    build: () => {
      const app = new Hono<AppEnv>();
      applyHttpStack(app, {
        logger: benchLogger(),
        metrics: createMetrics(),
        cors: CORS,
        maxBodyBytes: MAX_BODY_BYTES,
      });
      return addHealthRoute(app);
    },
  },
];

/** The target of that name; throws on an unknown one. */
export function findTarget(name: string): Target {
  const target = TARGETS.find((candidate) => candidate.name === name);
  if (target === undefined) throw new Error(`Unknown bench target "${name}".`);
  return target;
}
