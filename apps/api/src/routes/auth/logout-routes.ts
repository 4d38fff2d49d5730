import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { AUTH_PREFIX, type AuthRouteDeps } from './auth-route-deps.js';
import { LogoutAllResponseSchema, LogoutResponseSchema, RefreshTokenRequestSchema } from './auth-schemas.js';

/** `POST /auth/logout` and `POST /auth/logout/all` (spec §1.2, auth AT). */
export function registerLogoutRoutes(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  const { authorizer, sessions } = deps;

  const logout = authorizer.protect(
    createRoute({
      method: 'post',
      path: `${AUTH_PREFIX}/logout`,
      tags: ['Auth'],
      summary: "Revoke one of the caller's refresh tokens and its session",
      request: {
        body: { required: true, content: { 'application/json': { schema: RefreshTokenRequestSchema } } },
      },
      responses: {
        200: {
          description: '`revoked` is false when the token was already inactive',
          content: { 'application/json': { schema: LogoutResponseSchema } },
        },
        403: errorResponse('The refresh token belongs to another user'),
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(logout, async (c) => {
    const { refresh_token } = c.req.valid('json');
    const result = await sessions.logout(c.get('auth').userId, refresh_token, requestOrigin(c));
    return c.json(
      successBody(result, result.revoked ? 'Session revoked.' : 'Session already inactive.'),
      200,
    );
  });

  const logoutAll = authorizer.protect(
    createRoute({
      method: 'post',
      path: `${AUTH_PREFIX}/logout/all`,
      tags: ['Auth'],
      summary: 'Revoke every session and refresh token of the caller',
      responses: {
        200: {
          description: '`revoked` is the number of refresh tokens revoked',
          content: { 'application/json': { schema: LogoutAllResponseSchema } },
        },
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(logoutAll, async (c) => {
    const result = await sessions.logoutAll(c.get('auth').userId, requestOrigin(c));
    return c.json(successBody(result, 'All sessions revoked.'), 200);
  });
}
