import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { VerifyEmailBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { type AccountRouteDeps, AUTH_PREFIX } from './account-route-deps.js';
import { callerContext } from './caller-context.js';
import { json, jsonBody } from './json-content.js';
import { EmailVerifiedResponseSchema, MessageResponseSchema } from './password-schemas.js';

/** `POST /auth/email/send` (AT, 202) and `POST /auth/email/verify` (PUB), spec §1.3. */
export function registerEmailRoutes(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  const { authorizer, services } = deps;

  const send = authorizer.protect(
    createRoute({
      method: 'post',
      path: `${AUTH_PREFIX}/email/send`,
      tags: ['Auth'],
      summary: 'Send an email verification link to the caller',
      responses: {
        202: { description: 'Sent, or the email is already verified', content: json(MessageResponseSchema) },
        429: errorResponse('Too many verification emails this hour'),
        502: errorResponse('The email could not be delivered'),
      },
    }),
    { kind: 'AT' },
  );
  app.openapi(send, async (c) => {
    const result = await services.passwords.sendVerification(callerContext(c));
    return c.json(successBody(result.data, result.message), 202);
  });

  const verify = createRoute({
    method: 'post',
    path: `${AUTH_PREFIX}/email/verify`,
    tags: ['Auth'],
    summary: "Confirm an email address with the emailed token (revokes the user's sessions)",
    request: { body: jsonBody(VerifyEmailBodySchema) },
    responses: {
      200: { description: 'Email verified', content: json(EmailVerifiedResponseSchema) },
      400: errorResponse('Invalid or expired token'),
    },
  });
  app.openapi(verify, async (c) => {
    const result = await services.passwords.verifyEmail(c.req.valid('json').token);
    return c.json(successBody(result.data, result.message), 200);
  });
}
