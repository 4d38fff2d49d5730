import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { AUTH_PREFIX, type AuthRouteDeps } from './auth-route-deps.js';
import { RefreshTokenRequestSchema, SessionTokensSchema } from './auth-schemas.js';

const route = createRoute({
  method: 'post',
  path: `${AUTH_PREFIX}/refresh`,
  tags: ['Auth'],
  summary: 'Rotate a refresh token into a new token pair of the same session',
  request: {
    body: { required: true, content: { 'application/json': { schema: RefreshTokenRequestSchema } } },
  },
  responses: {
    200: {
      description: 'A new pair; the old refresh token is revoked',
      content: { 'application/json': { schema: SessionTokensSchema } },
    },
    401: errorResponse('Refresh token invalid, revoked, expired or reused'),
    403: errorResponse('Account disabled or pending'),
    423: errorResponse('Account locked'),
  },
});

/** `POST /api/v1/auth/refresh` (spec §1.2, §7.3). */
export function registerRefreshRoute(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  app.openapi(route, async (c) => {
    const { refresh_token } = c.req.valid('json');
    return c.json(await deps.sessions.refresh(refresh_token, requestOrigin(c)), 200);
  });
}
