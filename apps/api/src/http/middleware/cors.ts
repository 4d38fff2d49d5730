import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { appendResponseHeader, readRequestHeader, setResponseHeader } from '../node-io.js';

export interface CorsOptions {
  /** Allowed origins; `*` allows any (reflected, since credentials are allowed). */
  origins: string[];
  /** Allowed methods for preflight; spec §0 default omits PATCH on purpose. */
  methods: string[];
  /** Allowed request headers; `*` reflects what the preflight asks for. */
  headers: string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAgeSeconds?: number;
  /** Response headers scripts may read. */
  exposeHeaders?: string[];
}

const DEFAULT_EXPOSED = ['X-Request-ID', 'X-Correlation-ID', 'X-Process-Time'];

/**
 * CORS with credentials (spec §0). Not `hono/cors`: it appends `Vary` after `await next()`, which
 * rebuilds the handler's `Response` and knocks @hono/node-server off its fast path; every header here
 * is set before the handler runs.
 */
export function createCorsMiddleware(options: CorsOptions): MiddlewareHandler<AppEnv> {
  const origins = normaliseList(options.origins, 'origins');
  const methods = normaliseList(options.methods, 'methods').map((method) => method.toUpperCase());
  const headers = normaliseList(options.headers, 'headers');
  const anyOrigin = origins.includes('*');
  const allowedOrigins = new Set(origins);
  const reflectHeaders = headers.includes('*');
  const allowMethods = methods.includes('*') ? null : methods.join(', ');
  const allowHeaders = headers.join(', ');
  const maxAge = String(options.maxAgeSeconds ?? 600);
  const exposeHeaders = (options.exposeHeaders ?? DEFAULT_EXPOSED).join(', ');

  return function cors(c, next) {
    const origin = readRequestHeader(c, 'origin');
    // The answer depends on Origin whenever origins are listed, so shared caches must key on it.
    if (!anyOrigin) appendResponseHeader(c, 'Vary', 'Origin');
    const allowed = origin !== undefined && (anyOrigin || allowedOrigins.has(origin));
    if (allowed) {
      setResponseHeader(c, 'Access-Control-Allow-Origin', origin);
      setResponseHeader(c, 'Access-Control-Allow-Credentials', 'true');
    }
    const preflight = c.req.method === 'OPTIONS' && readRequestHeader(c, 'access-control-request-method');
    if (!preflight) {
      if (allowed) setResponseHeader(c, 'Access-Control-Expose-Headers', exposeHeaders);
      return next();
    }
    if (allowed) {
      setResponseHeader(c, 'Access-Control-Allow-Methods', allowMethods ?? preflight.toUpperCase());
      const requested = readRequestHeader(c, 'access-control-request-headers');
      if (!reflectHeaders) setResponseHeader(c, 'Access-Control-Allow-Headers', allowHeaders);
      else if (requested !== undefined) {
        setResponseHeader(c, 'Access-Control-Allow-Headers', requested);
        appendResponseHeader(c, 'Vary', 'Access-Control-Request-Headers');
      }
      setResponseHeader(c, 'Access-Control-Max-Age', maxAge);
    }
    // A disallowed origin still gets a bodyless 204: without the allow headers the browser refuses.
    return Promise.resolve(c.body(null, 204));
  };
}

function normaliseList(values: string[], name: string): string[] {
  if (!Array.isArray(values)) throw new Error(`createCorsMiddleware: "${name}" must be a list.`);
  const list = values.map((value) => value.trim()).filter((value) => value !== '');
  if (list.length === 0) throw new Error(`createCorsMiddleware: "${name}" must not be empty.`);
  return list;
}
