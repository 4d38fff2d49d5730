import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { AdminPasswordResetBodySchema, ChangePasswordBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { type AccountRouteDeps, AUTH_PREFIX } from './account-route-deps.js';
import { callerContext } from './caller-context.js';
import { json, jsonBody } from './json-content.js';
import { PasswordChangedResponseSchema } from './password-schemas.js';

/** `POST /auth/password/change` (AT) and the admin `POST /auth/password/reset` (S(support:read)), spec §1.3. */
export function registerPasswordChangeRoutes(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  const { authorizer, services } = deps;

  const change = authorizer.protect(
    createRoute({
      method: 'post',
      path: `${AUTH_PREFIX}/password/change`,
      tags: ['Auth'],
      summary: "Change the caller's password (revokes all their sessions)",
      request: { body: jsonBody(ChangePasswordBodySchema) },
      responses: {
        200: { description: 'Password changed', content: json(PasswordChangedResponseSchema) },
        400: errorResponse('The new password is refused by the policy or was used before'),
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(change, async (c) => {
    const result = await services.passwords.changePassword(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });

  const reset = authorizer.protect(
    createRoute({
      method: 'post',
      path: `${AUTH_PREFIX}/password/reset`,
      tags: ['Auth'],
      summary: "Set a member's password inside the caller's tenant (revokes their sessions)",
      request: { body: jsonBody(AdminPasswordResetBodySchema) },
      responses: {
        200: { description: 'Password reset', content: json(PasswordChangedResponseSchema) },
        400: errorResponse('The new password is refused by the policy or was used before'),
        404: errorResponse("The user is not a member of the caller's tenant"),
      },
    }),
    { kind: 'S', scopes: ['support:read'] },
  );
  app.openapi(reset, async (c) => {
    const result = await services.passwords.adminReset(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });
}
