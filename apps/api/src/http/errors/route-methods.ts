/** The parts of a Hono route entry that matter for `Allow` (a subset of `app.routes` items). */
export interface RouteEntry {
  method: string;
  path: string;
}

interface CompiledRoute {
  method: string;
  pattern: RegExp;
}

/**
 * Answers "which methods does some route accept on this path?" from a route table, compiled once.
 * `ALL` entries (middleware, `app.all`) are skipped: they never make a path's method wrong.
 */
export function createRouteMethods(routes: readonly RouteEntry[]): (path: string) => string[] {
  const compiled: CompiledRoute[] = routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => ({ method: route.method.toUpperCase(), pattern: honoPathToRegExp(route.path) }));
  return (path) => {
    const methods = new Set<string>();
    for (const route of compiled) if (route.pattern.test(path)) methods.add(route.method);
    // Hono answers HEAD with the GET handler.
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}

/** Converts a Hono route path (`/a/:id`, `/a/:id{[0-9]+}`, `/a/:opt?`, `/files/*`) to an anchored RegExp. */
export function honoPathToRegExp(path: string): RegExp {
  if (path === '*' || path === '/*') return /^\/.*$/;
  const segments = path.split('/').slice(1);
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '*') {
      source += last ? '(?:/.*)?' : '/[^/]*';
      return;
    }
    const param = /^:[^{?]+(?:\{(.+)\})?(\?)?$/.exec(segment);
    if (param !== null) {
      const body = param[1] ?? '[^/]+';
      source += param[2] === '?' ? `(?:/(?:${body}))?` : `/(?:${body})`;
      return;
    }
    source += `/${segment.split('*').map(escapeRegExp).join('.*')}`;
  });
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
