import { AppError } from '@starter/contracts';
import { AUTHZ_MESSAGES } from './authorization-messages.js';
import { isOperator } from './is-operator.js';
import { hasAllScopes, hasAnyScope } from './scope-matching.js';

function forbidden(): AppError {
  return new AppError('Forbidden', AUTHZ_MESSAGES.insufficientScopes);
}

/** Throws 403 "Insufficient scopes for this operation." unless every required scope is granted. */
export function requireScopes(granted: Iterable<string>, required: readonly string[]): void {
  if (!hasAllScopes(granted, required)) throw forbidden();
}

/** Throws the same 403 unless at least one of the scopes is granted. */
export function requireAnyScope(granted: Iterable<string>, anyOf: readonly string[]): void {
  if (!hasAnyScope(granted, anyOf)) throw forbidden();
}

/** Throws the same 403 unless the caller is a platform operator (`OP` in the spec's auth legend). */
export function requireOperator(granted: Iterable<string>): void {
  if (!isOperator(granted)) throw forbidden();
}
