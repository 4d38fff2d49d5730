/** The scope-bearing claims of a token: `scope` (space-separated) and/or `scopes` (array). */
export interface ScopeClaims {
  scope?: unknown;
  scopes?: unknown;
}

/** The granted scopes of a token, from `scope` and `scopes`, deduplicated in first-seen order. */
export function parseScopes(claims: ScopeClaims): string[] {
  const found: string[] = [];
  if (typeof claims.scope === 'string') found.push(...claims.scope.split(/\s+/));
  if (Array.isArray(claims.scopes)) {
    for (const entry of claims.scopes) if (typeof entry === 'string') found.push(entry.trim());
  }
  return [...new Set(found.filter((scope) => scope !== ''))];
}
