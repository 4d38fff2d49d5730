import { hasScope } from './scope-matching.js';

/** The scope that marks a platform operator. */
export const PLATFORM_OPERATOR_SCOPE = 'platform:operator';

/** True for operator callers: `platform:operator` granted (directly or via a wildcard such as `support:*`). */
export function isOperator(scopes: Iterable<string>): boolean {
  return hasScope(scopes, PLATFORM_OPERATOR_SCOPE);
}
