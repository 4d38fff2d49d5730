import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { createAccountServices } from './account-services.js';
import { registerEmailRoutes } from './email-routes.js';
import { registerMfaCompleteRoute } from './mfa-complete-route.js';
import { registerMfaMethodRoutes } from './mfa-method-routes.js';
import { registerPasswordChangeRoutes } from './password-change-routes.js';
import { registerPasswordResetRoutes } from './password-reset-routes.js';
import { registerUserAccountRoutes } from './user-account-routes.js';
import { registerUserPreferencesRoutes } from './user-preferences-routes.js';

export type { AccountServices } from './account-services.js';
export { createAccountServices } from './account-services.js';

/** The email/password (§1.3), MFA (§1.4) and `/users` (§1.9) routes under `/api/v1`. */
export function registerAccountRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): void {
  const routeDeps = { services: createAccountServices(deps), authorizer };
  registerEmailRoutes(app, routeDeps);
  registerPasswordResetRoutes(app, routeDeps);
  registerPasswordChangeRoutes(app, routeDeps);
  registerMfaMethodRoutes(app, routeDeps);
  registerMfaCompleteRoute(app, routeDeps);
  registerUserAccountRoutes(app, routeDeps);
  registerUserPreferencesRoutes(app, routeDeps);
}
