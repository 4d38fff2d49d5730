import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';

/** The activity routes; returns them with their auth rule. */
export function registerActivityRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const recorded = recordingAuthorizer(authorizer, table);
  void app;
  void deps;
  void recorded;
  return table;
}
