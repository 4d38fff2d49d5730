import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { EnrollTotpQuerySchema, VerifyTotpBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { type AccountRouteDeps, AUTH_PREFIX } from './account-route-deps.js';
import { callerContext } from './caller-context.js';
import { json, jsonBody } from './json-content.js';
import {
  MfaMethodIdParamSchema,
  MfaMethodListResponseSchema,
  MfaMethodResponseSchema,
  RecoveryCodesResponseSchema,
  TotpEnrollmentResponseSchema,
} from './mfa-schemas.js';

const at = { kind: 'AT' } as const;

/** The caller's own MFA methods and recovery codes (spec §1.4, all AT). */
export function registerMfaMethodRoutes(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  const { authorizer } = deps;
  const { mfa } = deps.services;

  const list = createRoute({
    method: 'get',
    path: `${AUTH_PREFIX}/mfa`,
    tags: ['Auth'],
    summary: "List the caller's MFA methods",
    responses: { 200: { description: 'MFA methods', content: json(MfaMethodListResponseSchema) } },
  });
  app.openapi(authorizer.protect(list, at), async (c) => {
    const result = await mfa.listMethods(callerContext(c));
    return c.json(successBody(result.data, result.message), 200);
  });

  const enroll = createRoute({
    method: 'post',
    path: `${AUTH_PREFIX}/mfa/totp/enroll`,
    tags: ['Auth'],
    summary: 'Start a TOTP enrolment (counts once verified)',
    request: { query: EnrollTotpQuerySchema },
    responses: {
      201: { description: 'The new method and its secret', content: json(TotpEnrollmentResponseSchema) },
    },
  });
  app.openapi(authorizer.protect(enroll, at), async (c) => {
    const result = await mfa.enrollTotp(callerContext(c), c.req.valid('query'));
    return c.json(successBody(result.data, result.message), 201);
  });

  const verify = createRoute({
    method: 'post',
    path: `${AUTH_PREFIX}/mfa/totp/verify`,
    tags: ['Auth'],
    summary: 'Verify a TOTP method with a current code',
    request: { body: jsonBody(VerifyTotpBodySchema) },
    responses: {
      200: { description: 'The method is verified', content: json(MfaMethodResponseSchema) },
      400: errorResponse('Invalid code'),
      429: errorResponse('Too many attempts this hour'),
    },
  });
  app.openapi(authorizer.protect(verify, at), async (c) => {
    const result = await mfa.verifyTotp(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });

  const revoke = createRoute({
    method: 'delete',
    path: `${AUTH_PREFIX}/mfa/{method_id}`,
    tags: ['Auth'],
    summary: "Revoke one of the caller's MFA methods",
    request: { params: MfaMethodIdParamSchema },
    responses: {
      200: { description: 'The method is revoked', content: json(MfaMethodResponseSchema) },
      404: errorResponse('No such active method of the caller'),
    },
  });
  app.openapi(authorizer.protect(revoke, at), async (c) => {
    const result = await mfa.revokeMethod(callerContext(c), c.req.valid('param').method_id);
    return c.json(successBody(result.data, result.message), 200);
  });

  const regenerate = createRoute({
    method: 'post',
    path: `${AUTH_PREFIX}/mfa/recovery/regenerate`,
    tags: ['Auth'],
    summary: 'Replace the recovery codes (shown this once)',
    responses: {
      200: { description: 'Ten fresh recovery codes', content: json(RecoveryCodesResponseSchema) },
    },
  });
  app.openapi(authorizer.protect(regenerate, at), async (c) => {
    const result = await mfa.regenerateRecoveryCodes(callerContext(c));
    return c.json(successBody(result.data, result.message), 200);
  });
}
