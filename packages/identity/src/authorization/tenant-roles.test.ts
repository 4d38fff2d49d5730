import { describe, expect, it } from 'vitest';
import { loginScopes, OPERATOR_SCOPES, scopesForRole } from './login-scopes.js';
import { requireEmailVerified } from './require-email-verified.js';
import { requireRole } from './require-role.js';
import { roleFromClaims } from './role-from-claims.js';
import { isTenantRole, roleAtLeast, roleRank, TENANT_ROLES } from './tenant-roles.js';

describe('tenant roles', () => {
  it('ranks viewer < member < admin < owner', () => {
    expect(TENANT_ROLES).toEqual({ viewer: 1, member: 2, admin: 3, owner: 4 });
    expect(roleRank('viewer')).toBeLessThan(roleRank('member'));
    expect(roleRank('admin')).toBeLessThan(roleRank('owner'));
    expect(roleAtLeast('admin', 'member')).toBe(true);
    expect(roleAtLeast('member', 'admin')).toBe(false);
    expect(isTenantRole('owner')).toBe(true);
    expect(isTenantRole('platform_operator')).toBe(false);
    expect(isTenantRole('toString')).toBe(false);
  });
});

describe('scopesForRole / OPERATOR_SCOPES (spec §7.8 scopes granted at login)', () => {
  it('grants the spec scopes per role', () => {
    const admin = [
      'conversations:read',
      'conversations:write',
      'conversations:delete',
      'workflows:delete',
      'tools:read',
      'billing:read',
      'billing:manage',
      'support:read',
      'activity:read',
    ];
    expect(scopesForRole('owner')).toEqual(admin);
    expect(scopesForRole('admin')).toEqual(admin);
    expect(scopesForRole('member')).toEqual(['conversations:read', 'conversations:write', 'tools:read']);
    expect(scopesForRole('viewer')).toEqual(['conversations:read', 'tools:read']);
    expect(OPERATOR_SCOPES).toEqual([
      'platform:operator',
      'auth:invites',
      'auth:signup_requests',
      'support:read',
      'activity:read',
    ]);
  });

  it('returns fresh arrays and adds operator scopes without duplicates', () => {
    scopesForRole('viewer').push('billing:manage');
    expect(scopesForRole('viewer')).not.toContain('billing:manage');
    const scopes = loginScopes('viewer', true);
    expect(scopes).toContain('platform:operator');
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(loginScopes('member', false)).toEqual(scopesForRole('member'));
  });

  it('round-trips: the role inferred from a role’s login scopes is that role (owner reads as admin)', () => {
    expect(roleFromClaims({ scope: scopesForRole('viewer').join(' ') })).toBe('viewer');
    expect(roleFromClaims({ scope: scopesForRole('member').join(' ') })).toBe('member');
    expect(roleFromClaims({ scope: scopesForRole('admin').join(' ') })).toBe('admin');
    expect(roleFromClaims({ scope: scopesForRole('owner').join(' ') })).toBe('admin');
  });
});

describe('roleFromClaims (behaviour 10)', () => {
  it('prefers the roles claim (its highest tenant role) over scope-derived roles', () => {
    expect(roleFromClaims({ roles: ['viewer'], scope: 'billing:manage' })).toBe('viewer');
    expect(roleFromClaims({ roles: ['member', 'owner', 'viewer'] })).toBe('owner');
    expect(roleFromClaims({ roles: ['platform_operator', 'member'] })).toBe('member');
  });

  it('infers from scopes when the roles claim has no tenant role', () => {
    for (const scope of [
      'billing:manage',
      'workflows:delete',
      'conversations:delete',
      'support:read',
      'activity:read',
    ]) {
      expect(roleFromClaims({ roles: [], scope })).toBe('admin');
    }
    expect(roleFromClaims({ roles: ['platform_operator'], scopes: ['conversations:write'] })).toBe('member');
    expect(roleFromClaims({ scope: 'conversations:read' })).toBe('viewer');
    expect(roleFromClaims({ scope: 'tools:read' })).toBe('viewer');
    expect(roleFromClaims({ scope: 'billing:read' })).toBe('viewer');
  });

  it('defaults to viewer, and wildcards never raise the inferred role', () => {
    expect(roleFromClaims({})).toBe('viewer');
    expect(roleFromClaims({ roles: 'owner' })).toBe('viewer');
    expect(roleFromClaims({ scope: 'support:* billing:*' })).toBe('viewer');
  });
});

describe('requireRole', () => {
  it('throws the spec 403 below the minimum role', () => {
    expect(() => requireRole('admin', 'admin')).not.toThrow();
    expect(() => requireRole('owner', 'viewer')).not.toThrow();
    expect(() => requireRole('member', 'admin')).toThrow(
      expect.objectContaining({
        code: 'Forbidden',
        message: 'Insufficient tenant privileges for this operation.',
      }),
    );
  });
});

describe('requireEmailVerified', () => {
  it('blocks only email_verified:false when verification is required', () => {
    expect(() => requireEmailVerified({ email_verified: false }, true)).toThrow(
      expect.objectContaining({ code: 'Forbidden', status: 403, message: 'Email verification required.' }),
    );
    expect(() => requireEmailVerified({ email_verified: true }, true)).not.toThrow();
    expect(() => requireEmailVerified({}, true)).not.toThrow();
    expect(() => requireEmailVerified({ email_verified: false }, false)).not.toThrow();
  });
});
