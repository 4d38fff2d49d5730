import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { exceptionFields } from '../../observability/exception-fields.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AppEnv } from '../app-env.js';
import { toErrorResponse } from './error-response.js';

export interface ErrorHandlerOptions {
  logger: AppLogger;
}

/** The app's `onError`: the only place errors become responses (spec §0 envelope). */
export function createErrorHandler(options: ErrorHandlerOptions): ErrorHandler<AppEnv> {
  const { logger } = options;
  if (logger === undefined) throw new Error('createErrorHandler: "logger" is required.');
  return (error, c) => {
    const response = toErrorResponse(error);
    if (response.status >= 500) {
      logger.error(
        { event: 'http.error', status_code: response.status, ...exceptionFields(error) },
        response.unexpected ? 'Unhandled error' : 'Server error',
      );
    }
    return c.json(response.body, response.status as ContentfulStatusCode, response.headers);
  };
}
