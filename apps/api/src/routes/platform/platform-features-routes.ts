import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { PutTenantFeaturesBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { PLATFORM_PREFIX, type PlatformRouteDeps } from './platform-route-deps.js';
import { TenantFeaturesSchema, TenantParamSchema } from './platform-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Platform'];
const OP = { kind: 'OP' } as const;
const features = (description: string) => ({
  200: { description, content: json(TenantFeaturesSchema) },
  404: errorResponse('No such tenant'),
});

/** `GET|PUT /platform/tenants/{tenant_id}/features`: entitlement overrides (spec §1.10, OP). */
export function registerPlatformFeaturesRoutes(app: OpenAPIHono<AppEnv>, deps: PlatformRouteDeps): void {
  const { authorizer, features: service } = deps;
  const path = `${PLATFORM_PREFIX}/tenants/{tenant_id}/features`;

  const get = createRoute({
    method: 'get',
    path,
    tags,
    summary: "Get a tenant's feature overrides",
    request: { params: TenantParamSchema },
    responses: features('The overrides that are set'),
  });
  app.openapi(authorizer.protect(get, OP), async (c) =>
    c.json(await service.getFeatures(c.req.valid('param').tenant_id), 200),
  );

  const put = createRoute({
    method: 'put',
    path,
    tags,
    summary: 'Set or clear feature overrides',
    request: {
      params: TenantParamSchema,
      body: { required: true, content: json(PutTenantFeaturesBodySchema) },
    },
    responses: features('The overrides now set'),
  });
  app.openapi(authorizer.protect(put, OP), async (c) =>
    c.json(await service.putFeatures(c.req.valid('param').tenant_id, c.req.valid('json')), 200),
  );
}
