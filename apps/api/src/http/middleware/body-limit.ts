import { AppError } from '@starter/contracts';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.js';
import { hasNodeRequest, readRequestHeader } from '../node-io.js';

export interface BodyLimitOptions {
  maxBytes: number;
  /** Larger limits for paths that take uploads (e.g. signed storage URLs), matched by prefix. */
  overrides?: readonly { pathPrefix: string; maxBytes: number }[];
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('PayloadTooLarge', `Request body exceeds ${maxBytes} bytes.`);
}

/**
 * 413 for bodies over `maxBytes`. A declared `Content-Length` is judged before any byte is read; a
 * chunked body is counted as it streams by `hono/body-limit`, which stops reading at the limit.
 */
export function createBodyLimitMiddleware(options: BodyLimitOptions): MiddlewareHandler<AppEnv> {
  const limits = [...(options.overrides ?? []), { pathPrefix: '', maxBytes: options.maxBytes }].map(
    ({ pathPrefix, maxBytes }) => {
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
        throw new Error('createBodyLimitMiddleware: "maxBytes" must be a non-negative integer.');
      }
      return { pathPrefix, check: createLimitCheck(maxBytes) };
    },
  );

  return function limitBody(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const path = c.req.path;
    // The last entry has an empty prefix, so a limit is always found.
    const limit = limits.find((entry) => path.startsWith(entry.pathPrefix))!;
    return limit.check(c, next);
  };
}

function createLimitCheck(maxBytes: number): MiddlewareHandler<AppEnv> {
  const streamed = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  return function checkBody(c, next) {
    const chunked = readRequestHeader(c, 'transfer-encoding') !== undefined;
    const declared = readRequestHeader(c, 'content-length');
    if (!chunked && declared !== undefined) {
      if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    // On Node a request with neither header has no body; elsewhere (fetch) it may be a stream.
    if (!chunked && hasNodeRequest(c)) return next();
    return streamed(c, next);
  };
}
