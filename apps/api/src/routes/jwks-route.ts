import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { KeyManager } from '@starter/identity';
import type { AppEnv } from '../http/app-env.js';
import type { AppMetrics } from '../observability/metrics.js';

const route = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  // Hidden from the OpenAPI document, as the spec's artifact lists it.
  hide: true,
  responses: {
    200: { description: 'The active and next public keys' },
    304: { description: 'Unchanged since the ETag the client holds' },
  },
});

/** True when an `If-None-Match` value (a list, `*`, or weak tags) matches the current ETag. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** What the JWKS route needs. */
export interface JwksRouteDeps {
  keys: KeyManager;
  maxAgeSeconds: number;
  metrics: Pick<AppMetrics, 'jwksRequestsTotal' | 'jwksNotModifiedTotal'>;
}

/** `GET /.well-known/jwks.json` (spec §1.1): active + next keys with HTTP cache validators. */
export function registerJwksRoute(app: OpenAPIHono<AppEnv>, deps: JwksRouteDeps): void {
  const { keys, metrics } = deps;
  const cacheControl = `public, max-age=${deps.maxAgeSeconds}`;
  app.openapi(route, async (c) => {
    metrics.jwksRequestsTotal.inc();
    const jwks = await keys.jwks();
    const headers = {
      'Cache-Control': cacheControl,
      ETag: jwks.etag,
      'Last-Modified': jwks.lastModified.toUTCString(),
    };
    if (matchesEtag(c.req.header('if-none-match'), jwks.etag)) {
      metrics.jwksNotModifiedTotal.inc();
      return c.body(null, 304, headers);
    }
    return c.json({ keys: jwks.keys }, 200, headers);
  });
}
