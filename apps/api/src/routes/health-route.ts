import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Clock } from '@starter/contracts';
import type { AppEnv } from '../http/app-env.js';

const LivenessSchema = z
  .object({
    status: z.literal('healthy'),
    timestamp: z.string().openapi({ format: 'date-time' }),
    version: z.string(),
    uptime: z.number().openapi({ description: 'Seconds since the app was created.' }),
  })
  .openapi('Liveness');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  summary: 'Liveness probe',
  responses: {
    200: { description: 'The process is up', content: { 'application/json': { schema: LivenessSchema } } },
  },
});

/** `GET /health`: liveness only, no I/O, since load balancers and benchmarks call it constantly. */
export function registerHealthRoute(app: OpenAPIHono<AppEnv>, deps: { clock: Clock; version: string }): void {
  const { clock, version } = deps;
  const startedAt = clock.now();
  app.openapi(route, (c) => {
    const now = clock.now();
    return c.json(
      {
        status: 'healthy' as const,
        timestamp: new Date(now).toISOString(),
        version,
        uptime: Math.round(now - startedAt) / 1000,
      },
      200,
    );
  });
}
