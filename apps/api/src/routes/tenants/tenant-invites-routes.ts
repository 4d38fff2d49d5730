import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateMemberInviteBodySchema, ListMemberInvitesQuerySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { tenantCaller } from './tenant-caller.js';
import { TENANTS_PREFIX, type TenantRouteDeps } from './tenant-route-deps.js';
import {
  InviteParamSchema,
  InvitePolicySchema,
  IssuedMemberInviteSchema,
  MemberInvitePageSchema,
  MemberInviteSchema,
} from './tenant-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const ADMIN = { kind: 'T', role: 'admin' } as const;
const tags = ['Tenants'];

/** Team invites issued by the caller's tenant: policy (T(v+)), list, create, revoke (T(a+)), spec §1.8. */
export function registerTenantInvitesRoutes(app: OpenAPIHono<AppEnv>, deps: TenantRouteDeps): void {
  const { authorizer, admin } = deps;
  const path = `${TENANTS_PREFIX}/invites`;

  const policy = createRoute({
    method: 'get',
    path: `${path}/policy`,
    tags,
    summary: 'Invite expiry policy',
    responses: {
      200: { description: 'Default and maximum invite lifetime', content: json(InvitePolicySchema) },
    },
  });
  app.openapi(authorizer.protect(policy, { kind: 'T', role: 'viewer' }), (c) =>
    c.json(admin.invitePolicy(), 200),
  );

  const list = createRoute({
    method: 'get',
    path,
    tags,
    summary: 'List team invites',
    request: { query: ListMemberInvitesQuerySchema },
    responses: { 200: { description: 'A page of invites', content: json(MemberInvitePageSchema) } },
  });
  app.openapi(authorizer.protect(list, ADMIN), async (c) =>
    c.json(await admin.listInvites(tenantCaller(c), c.req.valid('query')), 200),
  );

  const create = createRoute({
    method: 'post',
    path,
    tags,
    summary: 'Invite someone to the team',
    request: { body: { required: true, content: json(CreateMemberInviteBodySchema) } },
    responses: {
      201: { description: 'The invite with its one-time token', content: json(IssuedMemberInviteSchema) },
      409: errorResponse('Already a member'),
    },
  });
  app.openapi(authorizer.protect(create, ADMIN), async (c) =>
    c.json(await admin.createInvite(tenantCaller(c), c.req.valid('json')), 201),
  );

  const revoke = createRoute({
    method: 'post',
    path: `${path}/{invite_id}/revoke`,
    tags,
    summary: 'Revoke a pending invite',
    request: { params: InviteParamSchema },
    responses: {
      200: { description: 'The revoked invite', content: json(MemberInviteSchema) },
      404: errorResponse('No such pending invite'),
    },
  });
  app.openapi(authorizer.protect(revoke, ADMIN), async (c) =>
    c.json(await admin.revokeInvite(tenantCaller(c), c.req.valid('param').invite_id), 200),
  );
}
