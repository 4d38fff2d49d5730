import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerPlatformFeaturesRoutes } from './platform-features-routes.js';
import { registerPlatformLifecycleRoutes } from './platform-lifecycle-routes.js';
import type { PlatformRouteDeps } from './platform-route-deps.js';
import { registerPlatformTenantsRoutes } from './platform-tenants-routes.js';

export { type PlatformRouteDeps, platformServices } from './platform-route-deps.js';

/** The nine operator routes of spec §1.10; returns them with their auth rule. */
export function registerPlatformRoutes(app: OpenAPIHono<AppEnv>, deps: PlatformRouteDeps): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const recorded = { ...deps, authorizer: recordingAuthorizer(deps.authorizer, table) };
  registerPlatformTenantsRoutes(app, recorded);
  registerPlatformLifecycleRoutes(app, recorded);
  registerPlatformFeaturesRoutes(app, recorded);
  return table;
}
