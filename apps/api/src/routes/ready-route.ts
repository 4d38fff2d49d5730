import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorEnvelope } from '@starter/contracts';
import type { AppPorts } from '../dependencies/index.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponse } from './error-responses.js';
import { HealthCheckSchema } from './health-check-schema.js';
import { probeHealth } from './probe-health.js';

const ReadinessSchema = z
  .object({
    status: z.literal('ready'),
    checks: z.object({ database: HealthCheckSchema, kv: HealthCheckSchema }),
  })
  .openapi('Readiness');

const route = createRoute({
  method: 'get',
  path: '/health/ready',
  tags: ['Health'],
  summary: 'Readiness probe (database and key-value store)',
  responses: {
    200: {
      description: 'Every dependency answered',
      content: { 'application/json': { schema: ReadinessSchema } },
    },
    503: errorResponse('A dependency is down; `details.checks` says which'),
  },
});

/** `GET /health/ready`: probes the database and the key-value store concurrently. */
export function registerReadyRoute(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppPorts, 'database' | 'kv' | 'clock'> & { timeoutMs: number },
): void {
  const { database, kv, clock, timeoutMs } = deps;
  const now = () => clock.now();
  app.openapi(route, async (c) => {
    const [databaseCheck, kvCheck] = await Promise.all([
      probeHealth(database, database.dialect, timeoutMs, now),
      probeHealth(kv, kv.provider, timeoutMs, now),
    ]);
    const checks = { database: databaseCheck, kv: kvCheck };
    if (databaseCheck.ok && kvCheck.ok) return c.json({ status: 'ready' as const, checks }, 200);
    return c.json(
      errorEnvelope('ServiceUnavailable', 'Service is not ready.', { status: 'not_ready', checks }),
      503,
    );
  });
}
