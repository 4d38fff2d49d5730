import type { RouteConfig } from '@hono/zod-openapi';
import type { Authorizer, AuthRequirement } from '../../auth/index.js';

/** One protected route as registered: where it is and which auth rule guards it. */
export interface ProtectedRoute {
  method: RouteConfig['method'];
  path: string;
  requirement: AuthRequirement;
}

/**
 * Wraps the authorizer so every `protect` call is also written to `table`. The register functions
 * return that table, so tests can sweep every tenant route (cross-tenant matrix) instead of a hand-kept
 * list that a new route could silently miss.
 */
export function recordingAuthorizer(authorizer: Authorizer, table: ProtectedRoute[]): Authorizer {
  return {
    authorize: (requirement) => authorizer.authorize(requirement),
    protect(route, requirement) {
      table.push({ method: route.method, path: route.path, requirement });
      return authorizer.protect(route, requirement);
    },
  };
}

// Keyed by app so any number of apps can coexist (tests build many) and a dropped app frees its table.
const appTables = new WeakMap<object, ProtectedRoute[]>();

/**
 * Wraps the app's one authorizer so every route it protects, whichever register function adds it, is
 * recorded against `app`. Only `protect` (route registration, at startup) records; requests are untouched.
 */
export function appRecordingAuthorizer(app: object, authorizer: Authorizer): Authorizer {
  const table: ProtectedRoute[] = [];
  appTables.set(app, table);
  return recordingAuthorizer(authorizer, table);
}

/**
 * Every protected route of an app built with `appRecordingAuthorizer` (i.e. by `createApp`), in
 * registration order. Throws for any other app, so a sweep can never silently iterate nothing.
 */
export function protectedRoutes(app: object): readonly ProtectedRoute[] {
  const table = appTables.get(app);
  if (table === undefined) throw new Error('protectedRoutes: app was not built with appRecordingAuthorizer');
  return table;
}

/** The OpenAPI path template as a Hono request path, with every `{param}` replaced by `value`. */
export function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}
