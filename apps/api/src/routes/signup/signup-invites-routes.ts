import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IssueSignupInviteBodySchema, ListSignupInvitesQuerySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { AUTH_PREFIX } from '../auth/auth-route-deps.js';
import { errorResponse } from '../error-responses.js';
import { accountCaller } from './operator-caller.js';
import type { SignupRouteDeps } from './signup-route-deps.js';
import {
  IdParamSchema,
  IssuedSignupInviteSchema,
  SignupInvitePageSchema,
  SignupInviteSchema,
} from './signup-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Signup'];
const ISSUER = { kind: 'S°', scopes: ['auth:invites'] } as const;

/** Operator signup invites (spec §1.6, S°(auth:invites)). */
export function registerSignupInvitesRoutes(app: OpenAPIHono<AppEnv>, deps: SignupRouteDeps): void {
  const { authorizer, administration } = deps;
  const path = `${AUTH_PREFIX}/invites`;

  const list = createRoute({
    method: 'get',
    path,
    tags,
    summary: 'List signup invites',
    request: { query: ListSignupInvitesQuerySchema },
    responses: { 200: { description: 'A page of invites', content: json(SignupInvitePageSchema) } },
  });
  app.openapi(authorizer.protect(list, ISSUER), async (c) =>
    c.json(await administration.listInvites(c.req.valid('query')), 200),
  );

  const issue = createRoute({
    method: 'post',
    path,
    tags,
    summary: 'Issue a signup invite',
    request: { body: { required: true, content: json(IssueSignupInviteBodySchema) } },
    responses: {
      201: { description: 'The invite with its one-time token', content: json(IssuedSignupInviteSchema) },
      404: errorResponse('Unknown signup request'),
    },
  });
  app.openapi(authorizer.protect(issue, ISSUER), async (c) =>
    c.json(await administration.issueInvite(accountCaller(c), c.req.valid('json')), 201),
  );

  const revoke = createRoute({
    method: 'post',
    path: `${path}/{id}/revoke`,
    tags,
    summary: 'Revoke a signup invite',
    request: { params: IdParamSchema },
    responses: {
      200: { description: 'The revoked invite', content: json(SignupInviteSchema) },
      404: errorResponse('No such active invite'),
    },
  });
  app.openapi(authorizer.protect(revoke, ISSUER), async (c) =>
    c.json(await administration.revokeInvite(accountCaller(c), c.req.valid('param').id), 200),
  );
}
