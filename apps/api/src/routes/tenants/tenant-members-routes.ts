import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AddMemberBodySchema, AdminPageQuerySchema, ChangeMemberRoleBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { tenantCaller } from './tenant-caller.js';
import { TENANTS_PREFIX, type TenantRouteDeps } from './tenant-route-deps.js';
import { MemberPageSchema, MemberParamSchema, MembershipSchema } from './tenant-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const ADMIN = { kind: 'T', role: 'admin' } as const;
const tags = ['Tenants'];
const membership = (description: string) => ({ 200: { description, content: json(MembershipSchema) } });

/** Member administration of the caller's tenant (spec §1.8, T(a+); owner rules in the service). */
export function registerTenantMembersRoutes(app: OpenAPIHono<AppEnv>, deps: TenantRouteDeps): void {
  const { authorizer, admin } = deps;
  const path = `${TENANTS_PREFIX}/members`;

  const list = createRoute({
    method: 'get',
    path,
    tags,
    summary: 'List members',
    request: { query: AdminPageQuerySchema },
    responses: { 200: { description: 'A page of members', content: json(MemberPageSchema) } },
  });
  app.openapi(authorizer.protect(list, ADMIN), async (c) =>
    c.json(await admin.listMembers(tenantCaller(c), c.req.valid('query')), 200),
  );

  const add = createRoute({
    method: 'post',
    path,
    tags,
    summary: 'Add an existing user as a member',
    request: { body: { required: true, content: json(AddMemberBodySchema) } },
    responses: {
      201: { description: 'The new membership', content: json(MembershipSchema) },
      404: errorResponse('No user with this email'),
      409: errorResponse('Already a member'),
    },
  });
  app.openapi(authorizer.protect(add, ADMIN), async (c) =>
    c.json(await admin.addMember(tenantCaller(c), c.req.valid('json')), 201),
  );

  const changeRole = createRoute({
    method: 'patch',
    path: `${path}/{user_id}/role`,
    tags,
    summary: "Change a member's role",
    request: {
      params: MemberParamSchema,
      body: { required: true, content: json(ChangeMemberRoleBodySchema) },
    },
    responses: {
      ...membership('The updated membership'),
      404: errorResponse('Not a member'),
      409: errorResponse('Last owner'),
    },
  });
  app.openapi(authorizer.protect(changeRole, ADMIN), async (c) =>
    c.json(
      await admin.changeMemberRole(tenantCaller(c), c.req.valid('param').user_id, c.req.valid('json')),
      200,
    ),
  );

  const remove = createRoute({
    method: 'delete',
    path: `${path}/{user_id}`,
    tags,
    summary: 'Remove a member',
    request: { params: MemberParamSchema },
    responses: {
      ...membership('The removed membership'),
      404: errorResponse('Not a member'),
      409: errorResponse('Last owner'),
    },
  });
  app.openapi(authorizer.protect(remove, ADMIN), async (c) =>
    c.json(await admin.removeMember(tenantCaller(c), c.req.valid('param').user_id), 200),
  );
}
