import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { UNMATCHED_ROUTE } from '../observability/metrics.js';
import type { AppEnv } from './app-env.js';

/**
 * The route template that answered (`/storage/local/*`), for metric labels; `unmatched` for 404/405
 * from the not-found handler, so arbitrary paths never become label values.
 */
export function routeLabel(c: Context<AppEnv>): string {
  if (c.get('routeUnmatched') === true) return UNMATCHED_ROUTE;
  return routePath(c) || UNMATCHED_ROUTE;
}
