import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';
import { readRequestHeader, setResponseHeader } from './node-io.js';

const WELL_FORMED_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** True for an incoming id safe to echo and log: 1–128 chars of `[A-Za-z0-9._-]`. */
export function isWellFormedId(value: string | undefined): value is string {
  return value !== undefined && WELL_FORMED_ID.test(value);
}

/**
 * Keeps a well-formed incoming id, else generates a UUID. Both ids accept the caller's value: a
 * gateway or upstream service that already stamped one wants to find this hop's lines by it. A
 * malformed value is replaced, never echoed, so headers and logs cannot be injected into.
 */
export function acceptOrGenerateId(incoming: string | undefined): string {
  return isWellFormedId(incoming) ? incoming : randomUUID();
}

/** The two ids of one request. */
export interface RequestIds {
  requestId: string;
  correlationId: string;
}

/** Resolves this request's ids, stores them on the context and sets their response headers. */
export function assignRequestIds(c: Context<AppEnv>): RequestIds {
  const requestId = acceptOrGenerateId(readRequestHeader(c, 'x-request-id'));
  const correlationId = acceptOrGenerateId(readRequestHeader(c, 'x-correlation-id'));
  c.set('requestId', requestId);
  c.set('correlationId', correlationId);
  setResponseHeader(c, 'X-Request-ID', requestId);
  setResponseHeader(c, 'X-Correlation-ID', correlationId);
  return { requestId, correlationId };
}
