import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import type { AuthRouteDeps } from './auth-route-deps.js';
import { registerLogoutRoutes } from './logout-routes.js';
import { registerMeRoute } from './me-route.js';
import { registerRefreshRoute } from './refresh-route.js';
import { registerSessionsRoutes } from './sessions-routes.js';
import { registerTokenRoute } from './token-route.js';

export type { AuthRouteDeps } from './auth-route-deps.js';

/** The seven session routes of spec §1.2 under `/api/v1/auth`. */
export function registerAuthSessionRoutes(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  registerTokenRoute(app, deps);
  registerRefreshRoute(app, deps);
  registerLogoutRoutes(app, deps);
  registerSessionsRoutes(app, deps);
  registerMeRoute(app, deps);
}
