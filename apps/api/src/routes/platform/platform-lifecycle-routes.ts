import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { TenantStatusReasonBodySchema } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { accountCaller } from '../signup/operator-caller.js';
import { TenantAccountSchema } from '../tenants/tenant-schemas.js';
import { PLATFORM_PREFIX, type PlatformRouteDeps } from './platform-route-deps.js';
import { TenantParamSchema } from './platform-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

/** The status transitions an operator can ask for, each with a mandatory reason. */
const TRANSITIONS = [
  { action: 'suspend', summary: 'Suspend a tenant', method: 'suspendTenant' },
  { action: 'reactivate', summary: 'Reactivate a suspended tenant', method: 'reactivateTenant' },
  { action: 'deprovision', summary: 'Deprovision a tenant', method: 'deprovisionTenant' },
] as const;

/** `POST /platform/tenants/{tenant_id}/suspend|reactivate|deprovision` (spec §1.10, OP). */
export function registerPlatformLifecycleRoutes(app: OpenAPIHono<AppEnv>, deps: PlatformRouteDeps): void {
  const { authorizer, tenants } = deps;
  for (const { action, summary, method } of TRANSITIONS) {
    const route = createRoute({
      method: 'post',
      path: `${PLATFORM_PREFIX}/tenants/{tenant_id}/${action}`,
      tags: ['Platform'],
      summary,
      request: {
        params: TenantParamSchema,
        body: { required: true, content: json(TenantStatusReasonBodySchema) },
      },
      responses: {
        200: { description: 'The tenant in its new status', content: json(TenantAccountSchema) },
        404: errorResponse('No such tenant'),
        409: errorResponse('Not allowed from the current status'),
      },
    });
    app.openapi(authorizer.protect(route, { kind: 'OP' }), async (c) =>
      c.json(
        await tenants[method](accountCaller(c), c.req.valid('param').tenant_id, c.req.valid('json')),
        200,
      ),
    );
  }
}
