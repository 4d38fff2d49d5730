import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerAgentRoutes } from './agent-routes.js';
import { conversationAgentStats } from './agent-stats.js';
import type { CatalogFeatures, CatalogRouteDeps } from './catalog-route-deps.js';
import { registerFeatureRoutes } from './feature-routes.js';
import { registerGuardrailRoutes } from './guardrail-routes.js';
import { registerToolRoutes } from './tool-routes.js';

export type { AgentStats, AgentStatsSource } from './agent-stats.js';
export type { CatalogFeatures, CatalogRouteDeps } from './catalog-route-deps.js';

// Billing (spec §1.19, §8) is not built yet, so no tenant has it: both flags are off until the billing
// settings and per-tenant entitlements exist, which will replace this function.
const NO_BILLING: CatalogFeatures = { billing_enabled: false, billing_stream_enabled: false };

/** The catalog's dependencies from the app's. */
export function catalogRouteDeps(deps: AppDependencies, authorizer: Authorizer): CatalogRouteDeps {
  return {
    runtime: deps.agents.runtime,
    modelSettings: deps.settings.agents.models,
    agentStats: conversationAgentStats(deps.agents.db),
    features: async () => NO_BILLING,
    authorizer,
  };
}

/** The eight agent, tool, guardrail and feature routes of spec §1.13; returns them with their auth rule. */
export function registerCatalogRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const routeDeps = catalogRouteDeps(deps, recordingAuthorizer(authorizer, table));
  registerAgentRoutes(app, routeDeps);
  registerToolRoutes(app, routeDeps);
  registerGuardrailRoutes(app, routeDeps);
  registerFeatureRoutes(app, routeDeps);
  return table;
}
