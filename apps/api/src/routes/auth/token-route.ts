import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { asId, type TenantId } from '@starter/contracts';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { AUTH_PREFIX, type AuthRouteDeps } from './auth-route-deps.js';
import { LoginRequestSchema, MfaChallengeSchema, SessionTokensSchema } from './auth-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

const route = createRoute({
  method: 'post',
  path: `${AUTH_PREFIX}/token`,
  tags: ['Auth'],
  summary: 'Log in with email and password',
  request: { body: { required: true, content: json(LoginRequestSchema) } },
  responses: {
    200: { description: 'Session tokens', content: json(SessionTokensSchema) },
    202: { description: 'A second factor is required', content: json(MfaChallengeSchema) },
    400: errorResponse('tenant_id required: the user belongs to several tenants'),
    401: errorResponse('Invalid credentials, or no membership'),
    403: errorResponse('Account disabled or pending'),
    423: errorResponse('Account locked'),
    429: errorResponse('Too many failed logins from this network'),
  },
});

/** `POST /api/v1/auth/token`: password login (spec §1.2). */
export function registerTokenRoute(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const outcome = await deps.sessions.login({
      email: body.email,
      password: body.password,
      ...(body.tenant_id === undefined ? {} : { tenantId: asId<'TenantId'>(body.tenant_id) as TenantId }),
      origin: requestOrigin(c),
    });
    if (outcome.kind === 'mfa_required') return c.json(outcome.challenge, 202);
    return c.json(outcome.tokens, 200);
  });
}
