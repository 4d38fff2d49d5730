import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import type { Settings } from '../settings/index.js';

const ServiceInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    description: z.string(),
    environment: z.string(),
    links: z.object({
      docs: z.string().nullable(),
      openapi: z.string(),
      health: z.string(),
      ready: z.string(),
      api: z.string(),
    }),
  })
  .openapi('ServiceInfo');

// Hidden from the document, as in the reference service: it is a signpost, not an API.
const route = createRoute({
  method: 'get',
  path: '/',
  hide: true,
  responses: {
    200: {
      description: 'Service information',
      content: { 'application/json': { schema: ServiceInfoSchema } },
    },
  },
});

/** `GET /`: what this service is and where to go next. */
export function registerRootRoute(app: OpenAPIHono<AppEnv>, settings: Settings): void {
  const body = {
    name: settings.appName,
    version: settings.appVersion,
    description: 'Backend for AI-agent SaaS products.',
    environment: settings.environment,
    links: {
      docs: settings.enableDocs ? '/docs' : null,
      openapi: '/openapi.json',
      health: '/health',
      ready: '/health/ready',
      api: '/api/v1',
    },
  };
  app.openapi(route, (c) => c.json(body, 200));
}
