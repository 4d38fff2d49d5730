import type { OpenAPIHono } from '@hono/zod-openapi';
import { createActivityReceipts } from '@starter/identity';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerActivityFeedRoutes } from './activity-feed-routes.js';
import type { ActivityRouteDeps } from './activity-route-deps.js';
import { registerActivityStreamRoute } from './activity-stream-route.js';

export type { ActivityRouteDeps } from './activity-route-deps.js';

/** Spec §1.15: a `:` comment every 15 s on an idle stream. */
export const ACTIVITY_KEEPALIVE_MS = 15_000;

/** The activity routes' dependencies from the app's. */
export function activityRouteDeps(
  deps: AppDependencies,
  authorizer: Authorizer,
  keepaliveMs = ACTIVITY_KEEPALIVE_MS,
): ActivityRouteDeps {
  return {
    db: deps.identity.db,
    receipts: createActivityReceipts({ db: deps.identity.db, clock: deps.clock }),
    kv: deps.kv,
    streamEnabled: deps.settings.activityStreamEnabled,
    keepaliveMs,
    authorizer,
  };
}

/** The five activity routes of spec §1.15; returns them with their auth rule. */
export function registerActivityRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const routeDeps = activityRouteDeps(deps, recordingAuthorizer(authorizer, table));
  registerActivityStreamRoute(app, routeDeps);
  registerActivityFeedRoutes(app, routeDeps);
  return table;
}
