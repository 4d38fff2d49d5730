import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@starter/contracts';
import type { AuthContext, TenantScope } from '../auth/auth-context.js';

/**
 * What @hono/node-server passes as `c.env`. Optional because `app.request()` (tests) and other
 * runtimes pass nothing: code that reaches for the Node objects must fall back to Hono's APIs.
 */
export interface AppBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Per-request values every middleware and handler can read with `c.get(...)`. */
export interface AppVariables {
  /** Id of this request: a well-formed incoming `X-Request-ID`, else generated (also echoed back). */
  requestId: string;
  /** A well-formed incoming `X-Correlation-ID`, else a fresh UUID (spec §0), echoed back. */
  correlationId: string;
  /** Logger bound to this request's context. */
  logger: Logger;
  /** Set by the not-found handler so metrics label the request `unmatched` instead of a path. */
  routeUnmatched: true;
  /** The verified caller; set by the auth middleware of protected routes only. */
  auth: AuthContext;
  /** The resolved tenant; set by `T` routes only. */
  tenant: TenantScope;
}

/** The Hono environment of the app. */
export interface AppEnv {
  Bindings: AppBindings;
  Variables: AppVariables;
}
