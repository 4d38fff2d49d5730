import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { asId, type SessionId, successBody, type TenantId } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { AUTH_PREFIX, type AuthRouteDeps } from './auth-route-deps.js';
import {
  SessionIdParamSchema,
  SessionListQuerySchema,
  SessionPageSchema,
  SessionRevokedResponseSchema,
} from './auth-schemas.js';

/** `GET /auth/sessions` and `DELETE /auth/sessions/{session_id}` (spec §1.2, auth AT). */
export function registerSessionsRoutes(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  const { authorizer, sessions } = deps;

  const list = authorizer.protect(
    createRoute({
      method: 'get',
      path: `${AUTH_PREFIX}/sessions`,
      tags: ['Auth'],
      summary: "List the caller's sessions (devices)",
      request: { query: SessionListQuerySchema },
      responses: {
        200: {
          description: "The caller's sessions, newest first; `current` marks this token's session",
          content: { 'application/json': { schema: SessionPageSchema } },
        },
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const auth = c.get('auth');
    const page = await sessions.listSessions(
      auth.userId,
      {
        limit: query.limit,
        offset: query.offset,
        includeRevoked: query.include_revoked,
        ...(query.tenant_id === undefined ? {} : { tenantId: asId<'TenantId'>(query.tenant_id) as TenantId }),
      },
      auth.sessionId,
    );
    return c.json(page, 200);
  });

  const revoke = authorizer.protect(
    createRoute({
      method: 'delete',
      path: `${AUTH_PREFIX}/sessions/{session_id}`,
      tags: ['Auth'],
      summary: "Revoke one of the caller's sessions",
      request: { params: SessionIdParamSchema },
      responses: {
        200: {
          description: 'The session and its refresh token are revoked',
          content: { 'application/json': { schema: SessionRevokedResponseSchema } },
        },
        404: errorResponse('No such active session of the caller'),
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(revoke, async (c) => {
    const { session_id } = c.req.valid('param');
    await sessions.revokeSession(c.get('auth').userId, asId<'SessionId'>(session_id) as SessionId);
    return c.json(successBody({ session_id, revoked: true as const }, 'Session revoked.'), 200);
  });
}
