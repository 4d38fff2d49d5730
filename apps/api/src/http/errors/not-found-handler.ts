import { errorEnvelope } from '@starter/contracts';
import type { NotFoundHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { createRouteMethods, type RouteEntry } from './route-methods.js';

/** What the handler needs of the app: its route table, read when the first miss happens. */
export interface RouteTableSource {
  readonly routes: readonly RouteEntry[];
}

/**
 * The app's `notFound`: 405 `MethodNotAllowed` with `Allow` when another method has a route on the
 * path, else the 404 envelope. The table is compiled lazily (routes are registered after the stack)
 * and again only if routes were added since.
 */
export function createNotFoundHandler(app: RouteTableSource): NotFoundHandler<AppEnv> {
  let compiledFor = -1;
  let methodsFor: (path: string) => string[] = () => [];
  return (c) => {
    c.set('routeUnmatched', true);
    if (compiledFor !== app.routes.length) {
      methodsFor = createRouteMethods(app.routes);
      compiledFor = app.routes.length;
    }
    const allowed = methodsFor(c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      return c.json(errorEnvelope('MethodNotAllowed', 'Method Not Allowed'), 405, {
        Allow: allowed.join(', '),
      });
    }
    return c.json(errorEnvelope('NotFound', 'Not Found'), 404);
  };
}
