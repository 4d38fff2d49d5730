import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { parseIfMatchVersion, ReplaceTenantSettingsBodySchema, settingsEtag } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { tenantCaller } from './tenant-caller.js';
import { TENANTS_PREFIX, type TenantRouteDeps } from './tenant-route-deps.js';
import { TenantSettingsSchema } from './tenant-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const ADMIN = { kind: 'T', role: 'admin' } as const;
const tags = ['Tenants'];
const etagHeader = z.object({ ETag: z.string().openapi({ description: 'The settings version, quoted' }) });
const settingsResponse = (description: string) => ({
  200: { description, headers: etagHeader, content: json(TenantSettingsSchema) },
});

/** `GET|PUT /tenants/settings` with `ETag` / `If-Match` optimistic concurrency (spec §1.8, T(a+)). */
export function registerTenantSettingsRoutes(app: OpenAPIHono<AppEnv>, deps: TenantRouteDeps): void {
  const { authorizer, admin } = deps;
  const path = `${TENANTS_PREFIX}/settings`;

  const get = createRoute({
    method: 'get',
    path,
    tags,
    summary: 'Get tenant settings',
    responses: settingsResponse('The settings'),
  });
  app.openapi(authorizer.protect(get, ADMIN), async (c) => {
    const settings = await admin.getSettings(tenantCaller(c));
    c.header('ETag', settingsEtag(settings.version));
    return c.json(settings, 200);
  });

  const replace = createRoute({
    method: 'put',
    path,
    tags,
    summary: 'Replace tenant settings',
    request: {
      headers: z.object({
        'if-match': z.string().optional().openapi({ description: 'ETag of the settings read' }),
      }),
      body: { required: true, content: json(ReplaceTenantSettingsBodySchema) },
    },
    responses: {
      ...settingsResponse('The new settings'),
      409: errorResponse('The settings changed since they were read'),
      428: errorResponse('If-Match is missing'),
    },
  });
  app.openapi(authorizer.protect(replace, ADMIN), async (c) => {
    const version = parseIfMatchVersion(c.req.header('if-match'));
    const settings = await admin.replaceSettings(tenantCaller(c), version, c.req.valid('json'));
    c.header('ETag', settingsEtag(settings.version));
    return c.json(settings, 200);
  });
}
