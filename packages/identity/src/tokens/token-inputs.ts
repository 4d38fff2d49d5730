const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the value when it is a UUID; a programming error (wrong id passed) otherwise. */
export function requireUuid(value: string, name: string): string {
  if (!UUID.test(value)) throw new TypeError(`${name} must be a UUID`);
  return value;
}

/** Returns the value when it is a positive whole number of seconds. */
export function requirePositiveSeconds(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

/** The `scope` claim: deduplicated, space-joined; a scope containing whitespace is rejected. */
export function joinScopes(scopes: readonly string[]): string {
  for (const scope of scopes) {
    if (scope === '' || /\s/.test(scope))
      throw new TypeError('scopes must be non-empty and contain no spaces');
  }
  return [...new Set(scopes)].join(' ');
}
