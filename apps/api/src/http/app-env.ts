import type { Logger } from '@starter/contracts';

/** Per-request values every middleware and handler can read with `c.get(...)`. */
export interface AppVariables {
  /** Server-generated id of this request (also the `X-Request-ID` response header). */
  requestId: string;
  /** Fresh UUID per request, echoed as `X-Correlation-ID` (spec §0). */
  correlationId: string;
  /** Logger bound to this request's context. */
  logger: Logger;
}

/** The Hono environment of the app. */
export interface AppEnv {
  Variables: AppVariables;
}
