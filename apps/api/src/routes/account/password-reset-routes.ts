import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { ConfirmPasswordResetBodySchema, ForgotPasswordBodySchema } from '@starter/identity';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { type AccountRouteDeps, AUTH_PREFIX } from './account-route-deps.js';
import { json, jsonBody } from './json-content.js';
import { MessageResponseSchema, PasswordChangedResponseSchema } from './password-schemas.js';

const forgot = createRoute({
  method: 'post',
  path: `${AUTH_PREFIX}/password/forgot`,
  tags: ['Auth'],
  summary: 'Email a password reset link',
  request: { body: jsonBody(ForgotPasswordBodySchema) },
  responses: {
    202: {
      description: 'The same answer whether or not the email is known',
      content: json(MessageResponseSchema),
    },
    429: errorResponse('Too many reset requests this hour'),
    502: errorResponse('The email could not be delivered'),
  },
});

const confirm = createRoute({
  method: 'post',
  path: `${AUTH_PREFIX}/password/confirm`,
  tags: ['Auth'],
  summary: "Set a new password with the emailed token (revokes the user's sessions)",
  request: { body: jsonBody(ConfirmPasswordResetBodySchema) },
  responses: {
    200: { description: 'Password replaced', content: json(PasswordChangedResponseSchema) },
    400: errorResponse('Invalid or expired token, or the password is refused by the policy'),
  },
});

/** `POST /auth/password/forgot` (202) and `POST /auth/password/confirm`, both public (spec §1.3). */
export function registerPasswordResetRoutes(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  const { passwords } = deps.services;

  app.openapi(forgot, async (c) => {
    const result = await passwords.forgotPassword(c.req.valid('json').email, requestOrigin(c));
    return c.json(successBody(result.data, result.message), 202);
  });

  app.openapi(confirm, async (c) => {
    const body = c.req.valid('json');
    const result = await passwords.confirmReset(body.token, body.new_password);
    return c.json(successBody(result.data, result.message), 200);
  });
}
