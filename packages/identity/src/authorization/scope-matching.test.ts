import { describe, expect, it } from 'vitest';
import { isOperator } from './is-operator.js';
import { parseScopes } from './parse-scopes.js';
import { requireAnyScope, requireOperator, requireScopes } from './require-scopes.js';
import { hasAllScopes, hasAnyScope, hasScope } from './scope-matching.js';

describe('parseScopes (behaviour 9: claims from `scope` string or `scopes` array)', () => {
  it('reads the space-separated scope string', () => {
    expect(parseScopes({ scope: 'conversations:read  tools:read\tbilling:read' })).toEqual([
      'conversations:read',
      'tools:read',
      'billing:read',
    ]);
  });

  it('reads the scopes array, and merges both claims without duplicates', () => {
    expect(parseScopes({ scopes: ['a:x', 'b:y'] })).toEqual(['a:x', 'b:y']);
    expect(parseScopes({ scope: 'a:x b:y', scopes: ['b:y', 'c:z', 'a:x'] })).toEqual(['a:x', 'b:y', 'c:z']);
  });

  it('ignores missing, empty and malformed claims', () => {
    expect(parseScopes({})).toEqual([]);
    expect(parseScopes({ scope: '   ' })).toEqual([]);
    expect(parseScopes({ scope: 42, scopes: 'a:x' })).toEqual([]);
    expect(parseScopes({ scopes: ['a:x', 5, null, ''] })).toEqual(['a:x']);
  });
});

describe('hasScope (behaviour 9: exact, ns:* wildcard, support:* superuser)', () => {
  it('matches exactly', () => {
    expect(hasScope(['conversations:read'], 'conversations:read')).toBe(true);
    expect(hasScope(['conversations:read'], 'conversations:write')).toBe(false);
    expect(hasScope([], 'conversations:read')).toBe(false);
  });

  it('matches a namespace wildcard within its namespace only', () => {
    expect(hasScope(['billing:*'], 'billing:manage')).toBe(true);
    expect(hasScope(['billing:*'], 'billing:read')).toBe(true);
    expect(hasScope(['billing:*'], 'conversations:read')).toBe(false);
    expect(hasScope(['billing:*'], 'billingx:read')).toBe(false);
    expect(hasScope(['billing:*'], 'billing:')).toBe(false);
    expect(hasScope([':*'], 'anything:x')).toBe(false);
  });

  it('treats support:* as a superuser wildcard matching everything', () => {
    expect(hasScope(['support:*'], 'platform:operator')).toBe(true);
    expect(hasScope(['support:*'], 'billing:manage')).toBe(true);
    expect(hasScope(['support:*'], 'support:read')).toBe(true);
  });

  it('does not treat other text as a wildcard', () => {
    expect(hasScope(['*'], 'conversations:read')).toBe(false);
    expect(hasScope(['conversations'], 'conversations:read')).toBe(false);
  });

  it('hasAnyScope / hasAllScopes', () => {
    expect(hasAnyScope(['tools:read'], ['billing:read', 'tools:read'])).toBe(true);
    expect(hasAnyScope(['tools:read'], [])).toBe(false);
    expect(hasAllScopes(['tools:read', 'billing:*'], ['tools:read', 'billing:read'])).toBe(true);
    expect(hasAllScopes(['tools:read'], ['tools:read', 'billing:read'])).toBe(false);
    expect(hasAllScopes([], [])).toBe(true);
  });
});

describe('isOperator', () => {
  it('is true for platform:operator, support:* and platform:*', () => {
    expect(isOperator(['platform:operator'])).toBe(true);
    expect(isOperator(['support:*'])).toBe(true);
    expect(isOperator(['platform:*'])).toBe(true);
    expect(isOperator(['support:read', 'activity:read'])).toBe(false);
  });
});

describe('requireScopes / requireAnyScope / requireOperator (missing scope → 403)', () => {
  it('passes when granted and throws the spec 403 otherwise', () => {
    expect(() => requireScopes(['conversations:*'], ['conversations:write'])).not.toThrow();
    expect(() => requireScopes(['conversations:read'], ['conversations:write'])).toThrow(
      expect.objectContaining({
        code: 'Forbidden',
        status: 403,
        message: 'Insufficient scopes for this operation.',
      }),
    );
    expect(() => requireAnyScope(['a:x'], ['b:y', 'a:x'])).not.toThrow();
    expect(() => requireAnyScope(['a:x'], ['b:y'])).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => requireOperator(['support:*'])).not.toThrow();
    expect(() => requireOperator(['support:read'])).toThrow(
      expect.objectContaining({ message: 'Insufficient scopes for this operation.' }),
    );
  });
});
