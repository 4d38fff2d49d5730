import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { RenameTenantBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { tenantCaller } from './tenant-caller.js';
import { TENANTS_PREFIX, type TenantRouteDeps } from './tenant-route-deps.js';
import { TenantAccountSchema } from './tenant-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const ADMIN = { kind: 'T', role: 'admin' } as const;

/** `GET|PATCH /tenants/account` (spec §1.8, T(a+)). */
export function registerTenantAccountRoutes(app: OpenAPIHono<AppEnv>, deps: TenantRouteDeps): void {
  const { authorizer, admin } = deps;
  const path = `${TENANTS_PREFIX}/account`;
  const ok = { 200: { description: "The caller's tenant account", content: json(TenantAccountSchema) } };

  const get = createRoute({
    method: 'get',
    path,
    tags: ['Tenants'],
    summary: 'Get the tenant account',
    responses: ok,
  });
  app.openapi(authorizer.protect(get, ADMIN), async (c) =>
    c.json(await admin.getAccount(tenantCaller(c)), 200),
  );

  const rename = createRoute({
    method: 'patch',
    path,
    tags: ['Tenants'],
    summary: 'Rename the tenant',
    request: { body: { required: true, content: json(RenameTenantBodySchema) } },
    responses: ok,
  });
  app.openapi(authorizer.protect(rename, ADMIN), async (c) =>
    c.json(await admin.renameAccount(tenantCaller(c), c.req.valid('json')), 200),
  );
}
