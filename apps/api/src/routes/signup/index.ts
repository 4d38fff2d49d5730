import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerSignupInvitesRoutes } from './signup-invites-routes.js';
import { registerSignupPublicRoutes } from './signup-public-routes.js';
import { registerSignupRequestsRoutes } from './signup-requests-routes.js';
import type { SignupRouteDeps } from './signup-route-deps.js';

export type { SignupRouteDeps } from './signup-route-deps.js';
export { signupServices } from './signup-services.js';

/** The nine signup, access-request and signup-invite routes of spec §1.6; returns the protected ones. */
export function registerSignupRoutes(app: OpenAPIHono<AppEnv>, deps: SignupRouteDeps): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const recorded = { ...deps, authorizer: recordingAuthorizer(deps.authorizer, table) };
  registerSignupPublicRoutes(app, recorded);
  registerSignupRequestsRoutes(app, recorded);
  registerSignupInvitesRoutes(app, recorded);
  return table;
}
