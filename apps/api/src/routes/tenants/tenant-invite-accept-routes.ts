import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AcceptInviteBodySchema, AcceptInviteCurrentBodySchema } from '@starter/identity';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { SessionTokensSchema } from '../auth/auth-schemas.js';
import { errorResponse } from '../error-responses.js';
import { TENANTS_PREFIX, type TenantRouteDeps } from './tenant-route-deps.js';
import { MembershipSchema } from './tenant-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Tenants'];
const inviteErrors = {
  404: errorResponse('Unknown invite'),
  409: errorResponse('Invite revoked or used, or already a member'),
  410: errorResponse('Invite expired'),
};

/** Accepting a team invite: by a new user (PUB, logs in) or by the signed-in user (AT), spec §1.8. */
export function registerTenantInviteAcceptRoutes(app: OpenAPIHono<AppEnv>, deps: TenantRouteDeps): void {
  const { authorizer, admin } = deps;

  const accept = createRoute({
    method: 'post',
    path: `${TENANTS_PREFIX}/invites/accept`,
    tags,
    summary: 'Accept an invite as a new user',
    request: { body: { required: true, content: json(AcceptInviteBodySchema) } },
    responses: {
      201: { description: 'The new user is signed in', content: json(SessionTokensSchema) },
      ...inviteErrors,
    },
  });
  app.openapi(accept, async (c) =>
    c.json(await admin.acceptInvite(c.req.valid('json'), requestOrigin(c)), 201),
  );

  const current = createRoute({
    method: 'post',
    path: `${TENANTS_PREFIX}/invites/accept/current`,
    tags,
    summary: 'Accept an invite as the signed-in user',
    request: { body: { required: true, content: json(AcceptInviteCurrentBodySchema) } },
    responses: {
      200: { description: 'The new membership', content: json(MembershipSchema) },
      ...inviteErrors,
    },
  });
  app.openapi(authorizer.protect(current, { kind: 'AT' }), async (c) => {
    const { userId, scopes } = c.get('auth');
    const caller = { userId, scopes, origin: requestOrigin(c) };
    return c.json(await admin.acceptInviteAsCurrentUser(caller, c.req.valid('json')), 200);
  });
}
