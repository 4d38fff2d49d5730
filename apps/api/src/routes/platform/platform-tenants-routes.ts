import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreatePlatformTenantBodySchema,
  ListPlatformTenantsQuerySchema,
  UpdatePlatformTenantBodySchema,
} from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { accountCaller } from '../signup/operator-caller.js';
import { TenantAccountSchema } from '../tenants/tenant-schemas.js';
import { PLATFORM_PREFIX, type PlatformRouteDeps } from './platform-route-deps.js';
import { PlatformTenantPageSchema, TenantParamSchema } from './platform-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Platform'];
const OP = { kind: 'OP' } as const;
const tenant = (description: string) => ({
  200: { description, content: json(TenantAccountSchema) },
  404: errorResponse('No such tenant'),
});

/** Operator tenant list, create, detail and update (spec §1.10, OP). */
export function registerPlatformTenantsRoutes(app: OpenAPIHono<AppEnv>, deps: PlatformRouteDeps): void {
  const { authorizer, tenants } = deps;
  const path = `${PLATFORM_PREFIX}/tenants`;

  const list = createRoute({
    method: 'get',
    path,
    tags,
    summary: 'List tenants',
    request: { query: ListPlatformTenantsQuerySchema },
    responses: { 200: { description: 'A page of tenants', content: json(PlatformTenantPageSchema) } },
  });
  app.openapi(authorizer.protect(list, OP), async (c) =>
    c.json(await tenants.listTenants(c.req.valid('query')), 200),
  );

  const create = createRoute({
    method: 'post',
    path,
    tags,
    summary: 'Create a tenant',
    request: { body: { required: true, content: json(CreatePlatformTenantBodySchema) } },
    responses: {
      201: { description: 'The new tenant', content: json(TenantAccountSchema) },
      409: errorResponse('Slug taken'),
    },
  });
  app.openapi(authorizer.protect(create, OP), async (c) =>
    c.json(await tenants.createTenant(accountCaller(c), c.req.valid('json')), 201),
  );

  const detail = createRoute({
    method: 'get',
    path: `${path}/{tenant_id}`,
    tags,
    summary: 'Get a tenant',
    request: { params: TenantParamSchema },
    responses: tenant('The tenant'),
  });
  app.openapi(authorizer.protect(detail, OP), async (c) =>
    c.json(await tenants.getTenant(c.req.valid('param').tenant_id), 200),
  );

  const update = createRoute({
    method: 'patch',
    path: `${path}/{tenant_id}`,
    tags,
    summary: 'Rename a tenant or change its slug',
    request: {
      params: TenantParamSchema,
      body: { required: true, content: json(UpdatePlatformTenantBodySchema) },
    },
    responses: { ...tenant('The updated tenant'), 409: errorResponse('Slug taken') },
  });
  app.openapi(authorizer.protect(update, OP), async (c) =>
    c.json(await tenants.updateTenant(c.req.valid('param').tenant_id, c.req.valid('json')), 200),
  );
}
