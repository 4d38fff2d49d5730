import type { Context } from 'hono';
import type { LogContextFields } from '../observability/log-context.js';
import { clientIp } from './client-ip.js';
import type { RequestIds } from './request-ids.js';

/** The request's log context: one plain object, later extended in place by `bindLogContext`. */
export function requestLogContext(c: Context, ids: RequestIds): LogContextFields {
  return {
    correlation_id: ids.correlationId,
    request_id: ids.requestId,
    http_method: c.req.method,
    http_path: c.req.path,
    client_ip: clientIp(c),
  };
}
