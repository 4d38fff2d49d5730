import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from './recording-authorizer.js';
import { registerTenantAccountRoutes } from './tenant-account-routes.js';
import { registerTenantInviteAcceptRoutes } from './tenant-invite-accept-routes.js';
import { registerTenantInvitesRoutes } from './tenant-invites-routes.js';
import { registerTenantMembersRoutes } from './tenant-members-routes.js';
import type { TenantRouteDeps } from './tenant-route-deps.js';
import { registerTenantSettingsRoutes } from './tenant-settings-routes.js';

export { fillPath, type ProtectedRoute, recordingAuthorizer } from './recording-authorizer.js';
export { tenantAdminService } from './tenant-admin-service.js';
export type { TenantRouteDeps } from './tenant-route-deps.js';

/** The fourteen `/api/v1/tenants` routes of spec §1.8; returns the protected ones with their auth rule. */
export function registerTenantRoutes(app: OpenAPIHono<AppEnv>, deps: TenantRouteDeps): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const recorded = { ...deps, authorizer: recordingAuthorizer(deps.authorizer, table) };
  registerTenantAccountRoutes(app, recorded);
  registerTenantMembersRoutes(app, recorded);
  registerTenantInviteAcceptRoutes(app, recorded);
  registerTenantInvitesRoutes(app, recorded);
  registerTenantSettingsRoutes(app, recorded);
  return table;
}
