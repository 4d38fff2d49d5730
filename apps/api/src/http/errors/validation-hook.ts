import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import { AppError, type ValidationIssue } from '@starter/contracts';
import type { AppEnv } from '../app-env.js';

type DefaultHook = NonNullable<OpenAPIHonoOptions<AppEnv>['defaultHook']>;

/**
 * `defaultHook` of `OpenAPIHono`: a failed zod validation becomes the spec §0 422 envelope, thrown so
 * that `onError` stays the one place that writes error responses. `location` is the validation
 * target: json, form, query, param, header or cookie.
 */
export const validationHook: DefaultHook = (result) => {
  if (result.success) return;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
    code: issue.code,
    location: result.target,
  }));
  throw AppError.validation(issues);
};
