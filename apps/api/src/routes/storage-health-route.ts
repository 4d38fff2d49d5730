import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ObjectStorage } from '@starter/contracts';
import type { AppEnv } from '../http/app-env.js';
import { probeHealth } from './probe-health.js';

const StorageHealthSchema = z
  .object({
    status: z.enum(['healthy', 'unhealthy']),
    provider: z.string().openapi({ description: 'STORAGE_PROVIDER as configured', example: 'local' }),
    latency_ms: z.number(),
    detail: z.string().optional(),
  })
  .openapi('StorageHealth');

const route = createRoute({
  method: 'get',
  path: '/health/storage',
  tags: ['Health'],
  summary: 'Object storage health (informational)',
  responses: {
    200: {
      description: 'Storage probe result',
      content: { 'application/json': { schema: StorageHealthSchema } },
    },
  },
});

/** `GET /health/storage`: informational, so it answers 200 either way and readiness does not depend on it. */
export function registerStorageHealthRoute(
  app: OpenAPIHono<AppEnv>,
  deps: { storage: ObjectStorage; provider: string; timeoutMs: number; now: () => number },
): void {
  const { storage, provider, timeoutMs, now } = deps;
  app.openapi(route, async (c) => {
    const check = await probeHealth(storage, provider, timeoutMs, now);
    const body = {
      status: check.ok ? ('healthy' as const) : ('unhealthy' as const),
      provider,
      latency_ms: check.latency_ms,
      ...(check.detail === undefined ? {} : { detail: check.detail }),
    };
    return c.json(body, 200);
  });
}
