import { STATUS_CODES } from 'node:http';
import type { ErrorEnvelope } from '@starter/contracts';
import { AppError, errorEnvelope, errorNameForStatus, isAppError } from '@starter/contracts';
import { HTTPException } from 'hono/http-exception';

/** How one thrown value is answered. */
export interface ErrorResponse {
  status: number;
  body: ErrorEnvelope;
  headers: Record<string, string>;
  /** True when the client gets the generic 500: the error itself belongs in the log only. */
  unexpected: boolean;
}

const INTERNAL: ErrorEnvelope = errorEnvelope('InternalServerError', 'Internal server error.');
// Headers of an exception's own response that describe its body, which the envelope replaces.
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'transfer-encoding']);

/** Maps any thrown value to the spec §0 envelope, status and headers; never leaks internals. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isAppError(error)) return fromAppError(error);
  if (error instanceof HTTPException) return fromHttpException(error);
  if (isJsonSyntaxError(error)) {
    return fromAppError(new AppError('BadRequest', 'Malformed JSON in request body.'));
  }
  return { status: 500, body: INTERNAL, headers: {}, unexpected: true };
}

function fromAppError(error: AppError): ErrorResponse {
  return {
    status: error.status,
    body: errorEnvelope(error.code, error.message, error.details),
    headers: { ...error.headers },
    unexpected: false,
  };
}

function fromHttpException(error: HTTPException): ErrorResponse {
  const headers: Record<string, string> = {};
  error.res?.headers.forEach((value, name) => {
    if (!BODY_HEADERS.has(name)) headers[name] = value;
  });
  const message = error.message || STATUS_CODES[error.status] || 'HTTP error';
  return {
    status: error.status,
    body: errorEnvelope(errorNameForStatus(error.status), message),
    headers,
    unexpected: false,
  };
}

// `c.req.json()` on a malformed body rejects with JSON.parse's SyntaxError; that is the client's fault.
function isJsonSyntaxError(error: unknown): boolean {
  return error instanceof SyntaxError && error.message.includes('JSON');
}
