import type { Context } from 'hono';
import type { LogContextFields } from '../observability/log-context.js';
import type { AppLogger } from '../observability/logger.js';
import type { AppBindings } from './app-env.js';

/** Logs `http.request` at debug: one more line per request at info would double the logging cost. */
export function logHttpRequest(logger: AppLogger, c: Context): void {
  if (logger.isLevelEnabled('debug')) {
    logger.debug(
      { event: 'http.request', user_agent: c.req.header('user-agent') ?? null },
      'Request started',
    );
  }
}

/**
 * Logs `http.response` (spec §10.1: status_code, duration_ms, content_length, content_type; 5xx at
 * error level). Under @hono/node-server the line is written when the Node response closes: its headers
 * are then final and cost nothing to read, whereas `c.res.headers` would build a WHATWG `Headers`
 * (~2.5 µs) and push the server onto its slower header path. The close event runs outside the
 * request's async context, so the context is passed in and merged explicitly.
 */
export function logHttpResponse(
  logger: AppLogger,
  c: Context,
  startedAt: number,
  context: LogContextFields | undefined,
): void {
  const outgoing = (c.env as AppBindings | undefined)?.outgoing;
  if (outgoing === undefined) {
    const headers = c.res.headers;
    const length = headers.get('content-length');
    writeLine(
      logger,
      context,
      c.res.status,
      startedAt,
      length === null ? null : Number(length),
      headers.get('content-type'),
    );
    return;
  }
  outgoing.once('close', () => {
    // node-server hands small bodies' length to Node as `_contentLength` instead of a header.
    const declared =
      outgoing.getHeader('content-length') ?? (outgoing as { _contentLength?: unknown })._contentLength;
    const type = outgoing.getHeader('content-type');
    writeLine(
      logger,
      context,
      outgoing.statusCode,
      startedAt,
      declared === undefined || declared === null ? null : Number(declared),
      type === undefined ? null : String(type),
      outgoing.writableFinished ? undefined : true,
    );
  });
}

function writeLine(
  logger: AppLogger,
  context: LogContextFields | undefined,
  status: number,
  startedAt: number,
  contentLength: number | null,
  contentType: string | null,
  aborted?: true,
): void {
  const fields: Record<string, unknown> = {
    event: 'http.response',
    status_code: status,
    duration_ms: Math.round((performance.now() - startedAt) * 1000) / 1000,
    content_length: Number.isFinite(contentLength) ? contentLength : null,
    content_type: contentType,
  };
  if (aborted) fields.aborted = true;
  const line = context === undefined ? fields : Object.assign({}, context, fields);
  if (status >= 500) logger.error(line, 'Request failed');
  else logger.info(line, 'Request completed');
}
