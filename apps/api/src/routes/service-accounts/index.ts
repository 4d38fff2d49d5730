import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerServiceAccountAdminRoutes } from './service-account-admin-routes.js';
import { registerServiceAccountIssueRoute } from './service-account-issue-route.js';
import type { ServiceAccountRouteDeps } from './service-account-route-deps.js';

export type { ServiceAccountRouteDeps } from './service-account-route-deps.js';
export { serviceAccountServices } from './service-account-services.js';

/** The four service-account routes of spec §1.7; returns the protected (SA-actor) ones. */
export function registerServiceAccountRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: ServiceAccountRouteDeps,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const recorded = { ...deps, authorizer: recordingAuthorizer(deps.authorizer, table) };
  registerServiceAccountIssueRoute(app, recorded);
  registerServiceAccountAdminRoutes(app, recorded);
  return table;
}
