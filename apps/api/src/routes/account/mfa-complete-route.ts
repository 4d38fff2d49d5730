import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { CompleteMfaBodySchema } from '@starter/identity';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { type AccountRouteDeps, AUTH_PREFIX } from './account-route-deps.js';
import { json, jsonBody } from './json-content.js';
import { MfaCompleteResponseSchema } from './mfa-schemas.js';

const route = createRoute({
  method: 'post',
  path: `${AUTH_PREFIX}/mfa/complete`,
  tags: ['Auth'],
  summary: 'Finish a login with the challenge token and a TOTP or recovery code',
  request: { body: jsonBody(CompleteMfaBodySchema) },
  responses: {
    200: { description: 'Session tokens', content: json(MfaCompleteResponseSchema) },
    401: errorResponse('Invalid challenge token or code'),
    403: errorResponse('Account disabled or pending'),
    423: errorResponse('Account locked'),
    429: errorResponse('Too many attempts this hour'),
  },
});

/** `POST /auth/mfa/complete`: public, authenticated by the challenge token itself (spec §1.4). */
export function registerMfaCompleteRoute(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  app.openapi(route, async (c) => {
    const result = await deps.services.mfa.complete(c.req.valid('json'), requestOrigin(c));
    return c.json(successBody(result.data, result.message), 200);
  });
}
