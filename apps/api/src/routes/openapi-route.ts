import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import type { Settings } from '../settings/index.js';

/** Name of the bearer-token security scheme that authenticated routes reference. */
export const BEARER_SECURITY_SCHEME = 'bearerAuth';

const route = createRoute({
  method: 'get',
  path: '/openapi.json',
  hide: true,
  responses: {
    200: { description: 'The OpenAPI 3.1 document of this API' },
  },
});

/**
 * `GET /openapi.json`, generated from the route schemas. Built on the first request (every route is
 * registered by then) and kept, since generation walks every schema.
 */
export function registerOpenApiRoute(app: OpenAPIHono<AppEnv>, settings: Settings): void {
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'EdDSA-signed JWT access token.',
  });
  let document: string | undefined;
  app.openapi(route, (c) => {
    document ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: settings.appName,
          version: settings.appVersion,
          description: 'Backend for AI-agent SaaS products.',
        },
      }),
    );
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}
