import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../http/app-env.js';

// Hidden from the document, as in the reference service: scrapers are not API clients.
const route = createRoute({
  method: 'get',
  path: '/metrics',
  hide: true,
  responses: {
    200: { description: 'Prometheus exposition', content: { 'text/plain': { schema: z.string() } } },
  },
});

/** `GET /metrics`: the app's own registry in the Prometheus text format. */
export function registerMetricsRoute(app: OpenAPIHono<AppEnv>, registry: Registry): void {
  app.openapi(route, async (c) => {
    const body = await registry.metrics();
    return c.text(body, 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
  });
}
