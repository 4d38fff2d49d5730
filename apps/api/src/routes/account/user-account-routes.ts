import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { ChangeEmailBodySchema, DisableAccountBodySchema, UpdateProfileBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { type AccountRouteDeps, USERS_PREFIX } from './account-route-deps.js';
import { callerContext } from './caller-context.js';
import { json, jsonBody } from './json-content.js';
import {
  AccountDisabledResponseSchema,
  EmailChangedResponseSchema,
  ProfileResponseSchema,
} from './user-schemas.js';

const at = { kind: 'AT' } as const;

/** The caller's profile, email and account state (spec §1.9, all AT). */
export function registerUserAccountRoutes(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  const { authorizer } = deps;
  const { profiles } = deps.services;

  const me = createRoute({
    method: 'get',
    path: `${USERS_PREFIX}/me`,
    tags: ['Users'],
    summary: "The caller's profile",
    responses: { 200: { description: 'Profile', content: json(ProfileResponseSchema) } },
  });
  app.openapi(authorizer.protect(me, at), async (c) => {
    const result = await profiles.getMe(callerContext(c));
    return c.json(successBody(result.data, result.message), 200);
  });

  const update = createRoute({
    method: 'patch',
    path: `${USERS_PREFIX}/me/profile`,
    tags: ['Users'],
    summary: 'Update some profile fields (null clears one)',
    request: { body: jsonBody(UpdateProfileBodySchema) },
    responses: { 200: { description: 'The updated profile', content: json(ProfileResponseSchema) } },
  });
  app.openapi(authorizer.protect(update, at), async (c) => {
    const result = await profiles.updateProfile(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });

  const email = createRoute({
    method: 'patch',
    path: `${USERS_PREFIX}/me/email`,
    tags: ['Users'],
    summary: 'Change the email address (needs re-verification)',
    request: { body: jsonBody(ChangeEmailBodySchema) },
    responses: {
      200: { description: 'Email changed', content: json(EmailChangedResponseSchema) },
      409: errorResponse('The email belongs to another account'),
    },
  });
  app.openapi(authorizer.protect(email, at), async (c) => {
    const result = await profiles.changeEmail(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });

  const disable = createRoute({
    method: 'post',
    path: `${USERS_PREFIX}/me/disable`,
    tags: ['Users'],
    summary: "Disable the caller's account (revokes their sessions)",
    request: { body: jsonBody(DisableAccountBodySchema) },
    responses: {
      200: { description: 'Account disabled', content: json(AccountDisabledResponseSchema) },
      409: errorResponse('The caller is the last owner of a tenant'),
    },
  });
  app.openapi(authorizer.protect(disable, at), async (c) => {
    const result = await profiles.disable(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });
}
