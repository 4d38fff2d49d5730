import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { CATALOG_PREFIX, type CatalogRouteDeps, json } from './catalog-route-deps.js';
import { FeaturesSchema } from './catalog-schemas.js';

/** `GET /features` (spec §1.13, T(v+)): the billing flags effective for the caller's tenant. */
export function registerFeatureRoutes(app: OpenAPIHono<AppEnv>, deps: CatalogRouteDeps): void {
  const route = createRoute({
    method: 'get',
    path: `${CATALOG_PREFIX}/features`,
    tags: ['Features'],
    summary: "The tenant's feature flags",
    responses: { 200: { description: 'Effective feature flags', content: json(FeaturesSchema) } },
  });
  app.openapi(deps.authorizer.protect(route, { kind: 'T', role: 'viewer' }), async (c) =>
    c.json(await deps.features(c.get('tenant').tenantId), 200),
  );
}
