import type { OpenAPIHono } from '@hono/zod-openapi';
import { createKyselyUsageStore } from '@starter/agent-runtime';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerUsageRouteHandlers } from './usage-routes.js';

export { MAX_COST_WINDOW_DAYS, resolveCostWindow } from './cost-window.js';
export type { UsageRouteDeps } from './usage-routes.js';

/** The usage routes; returns them with their auth rule. */
export function registerUsageRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  // Reads only: the prices and clock of the store matter to recordRun, which the chat runs call.
  const usage = createKyselyUsageStore(deps.agents.db);
  registerUsageRouteHandlers(app, {
    authorizer: recordingAuthorizer(authorizer, table),
    usage,
    clock: deps.clock,
  });
  return table;
}
