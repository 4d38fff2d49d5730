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

/** The OpenAPI path template as a Hono request path, with every `{param}` replaced by `value`. */
export function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}
