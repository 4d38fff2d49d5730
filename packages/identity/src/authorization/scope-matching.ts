/** The superuser wildcard: granted `support:*` satisfies every scope. */
export const SUPERUSER_SCOPE = 'support:*';

/**
 * True when the granted scopes satisfy `required`: exact match, `support:*` (matches everything),
 * or a namespace wildcard `<ns>:*` matching any `<ns>:<x>`.
 */
export function hasScope(granted: Iterable<string>, required: string): boolean {
  for (const scope of granted) {
    if (scope === required || scope === SUPERUSER_SCOPE) return true;
    if (scope.endsWith(':*')) {
      const namespace = scope.slice(0, -1); // keeps the colon: `billing:*` → `billing:`
      if (namespace.length > 1 && required.startsWith(namespace) && required.length > namespace.length) {
        return true;
      }
    }
  }
  return false;
}

/** True when at least one of `required` is satisfied (false for an empty list). */
export function hasAnyScope(granted: Iterable<string>, required: readonly string[]): boolean {
  const list = [...granted];
  return required.some((scope) => hasScope(list, scope));
}

/** True when every one of `required` is satisfied (true for an empty list). */
export function hasAllScopes(granted: Iterable<string>, required: readonly string[]): boolean {
  const list = [...granted];
  return required.every((scope) => hasScope(list, scope));
}
