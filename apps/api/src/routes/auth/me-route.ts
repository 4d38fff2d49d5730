import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { AUTH_PREFIX, type AuthRouteDeps } from './auth-route-deps.js';
import { MeResponseSchema } from './auth-schemas.js';

/** `GET /api/v1/auth/me`: echoes the caller and the verified access-token payload (auth AT, no DB). */
export function registerMeRoute(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  const route = deps.authorizer.protect(
    createRoute({
      method: 'get',
      path: `${AUTH_PREFIX}/me`,
      tags: ['Auth'],
      summary: 'Who am I: the verified access token',
      responses: {
        200: {
          description: "The caller's user id and token payload",
          content: { 'application/json': { schema: MeResponseSchema } },
        },
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(route, (c) => {
    const { userId, claims } = c.get('auth');
    return c.json(successBody({ user_id: userId, token_payload: claims }, 'Access token validated.'), 200);
  });
}
