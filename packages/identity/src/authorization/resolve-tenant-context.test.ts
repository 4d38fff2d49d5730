import { randomUUID } from 'node:crypto';
import type { AppError } from '@starter/contracts';
import { describe, expect, it, vi } from 'vitest';
import { type ResolveTenantContextInput, resolveTenantContext } from './resolve-tenant-context.js';
import { isTruthyHeader } from './tenant-status-gate.js';

const TENANT = randomUUID();
const OTHER = randomUUID();

function tenants(statuses: Record<string, string>) {
  return vi.fn(async (id: string) => (id in statuses ? { id, status: statuses[id]! } : null));
}

function input(overrides: Partial<ResolveTenantContextInput> = {}): ResolveTenantContextInput {
  return {
    claims: { tenant_id: TENANT, roles: ['admin'], scope: 'conversations:read' },
    headers: {},
    method: 'GET',
    loadTenant: tenants({ [TENANT]: 'active', [OTHER]: 'active' }),
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: AppError) => error,
  );
}

describe('resolveTenantContext — rule 1: token tenant wins (behaviour 10)', () => {
  it('uses the token tenant and the token role', async () => {
    await expect(resolveTenantContext(input())).resolves.toEqual({
      tenantId: TENANT,
      role: 'admin',
      tenantStatus: 'active',
      overrideUsed: false,
      overrideReason: null,
    });
  });

  it('accepts a matching X-Tenant-Id (case-insensitively)', async () => {
    const ctx = await resolveTenantContext(input({ headers: { tenantId: TENANT.toUpperCase() } }));
    expect(ctx.tenantId).toBe(TENANT);
  });

  it('rejects a mismatched X-Tenant-Id with 403 and never loads the other tenant', async () => {
    const loadTenant = tenants({ [TENANT]: 'active', [OTHER]: 'active' });
    const error = await rejection(resolveTenantContext(input({ headers: { tenantId: OTHER }, loadTenant })));
    expect(error).toMatchObject({
      code: 'Forbidden',
      status: 403,
      message: 'Tenant mismatch between token and X-Tenant-Id header.',
    });
    expect(loadTenant).not.toHaveBeenCalled();
  });

  it('requires the header when the token has no tenant (401), and then uses it', async () => {
    const claims = { roles: ['member'] };
    expect(await rejection(resolveTenantContext(input({ claims })))).toMatchObject({ status: 401 });
    expect(
      await rejection(resolveTenantContext(input({ claims, headers: { tenantId: '  ' } }))),
    ).toMatchObject({
      status: 401,
    });
    const ctx = await resolveTenantContext(input({ claims, headers: { tenantId: OTHER } }));
    expect(ctx).toMatchObject({ tenantId: OTHER, role: 'member' });
  });
});

describe('resolveTenantContext — rule 2: UUID and existence', () => {
  it('rejects a non-UUID tenant id with 400', async () => {
    const error = await rejection(
      resolveTenantContext(input({ claims: { roles: ['member'] }, headers: { tenantId: 'acme' } })),
    );
    expect(error).toMatchObject({ code: 'BadRequest', status: 400 });
    const fromToken = await rejection(resolveTenantContext(input({ claims: { tenant_id: 'not-a-uuid' } })));
    expect(fromToken.status).toBe(400);
  });

  it('rejects an unknown tenant with 404', async () => {
    const error = await rejection(resolveTenantContext(input({ loadTenant: tenants({}) })));
    expect(error).toMatchObject({ code: 'NotFound', status: 404 });
  });
});

describe('resolveTenantContext — rule 3: X-Tenant-Role only down-scopes (behaviour 10)', () => {
  it('lowers the role', async () => {
    const ctx = await resolveTenantContext(input({ headers: { tenantRole: 'viewer' } }));
    expect(ctx.role).toBe('viewer');
    expect((await resolveTenantContext(input({ headers: { tenantRole: 'ADMIN' } }))).role).toBe('admin');
  });

  it('never escalates (403), also for scope-derived roles', async () => {
    const error = await rejection(resolveTenantContext(input({ headers: { tenantRole: 'owner' } })));
    expect(error).toMatchObject({ code: 'Forbidden', status: 403 });
    const viewer = { tenant_id: TENANT, scope: 'billing:read' };
    expect(
      await rejection(resolveTenantContext(input({ claims: viewer, headers: { tenantRole: 'member' } }))),
    ).toMatchObject({
      status: 403,
    });
  });

  it('rejects an unknown role name with 400', async () => {
    const error = await rejection(resolveTenantContext(input({ headers: { tenantRole: 'superadmin' } })));
    expect(error).toMatchObject({ code: 'BadRequest', status: 400 });
  });

  it('maps billing:read to viewer and prefers the roles claim over scopes', async () => {
    const fromScopes = await resolveTenantContext(
      input({ claims: { tenant_id: TENANT, scope: 'billing:read' } }),
    );
    expect(fromScopes.role).toBe('viewer');
    const fromRoles = await resolveTenantContext(
      input({ claims: { tenant_id: TENANT, roles: ['member'], scope: 'billing:manage' } }),
    );
    expect(fromRoles.role).toBe('member');
  });
});

describe('resolveTenantContext — rule 4: tenant status gates (behaviour 11)', () => {
  const operator = { tenant_id: TENANT, roles: ['viewer'], scope: 'platform:operator support:read' };
  const override = { operatorOverride: 'true', operatorReason: 'ticket #42' };

  it.each([
    ['provisioning', 'Tenant is still being provisioned.'],
    ['deprovisioning', 'Tenant is being deprovisioned.'],
    ['deprovisioned', 'Tenant has been deprovisioned.'],
    ['suspended', 'Tenant is suspended.'],
    ['weird-status', 'Tenant is not active.'],
  ])('refuses a %s tenant with 403', async (status, message) => {
    const error = await rejection(resolveTenantContext(input({ loadTenant: tenants({ [TENANT]: status }) })));
    expect(error).toMatchObject({ code: 'Forbidden', status: 403, message });
  });

  it('lets an operator read a suspended tenant with a reason, and reports the override', async () => {
    for (const method of ['GET', 'head', 'OPTIONS']) {
      const ctx = await resolveTenantContext(
        input({
          claims: operator,
          headers: override,
          method,
          loadTenant: tenants({ [TENANT]: 'suspended' }),
        }),
      );
      expect(ctx).toEqual({
        tenantId: TENANT,
        role: 'viewer',
        tenantStatus: 'suspended',
        overrideUsed: true,
        overrideReason: 'ticket #42',
      });
    }
  });

  it('keeps the override read-only: writes get 403', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const error = await rejection(
        resolveTenantContext(
          input({
            claims: operator,
            headers: override,
            method,
            loadTenant: tenants({ [TENANT]: 'suspended' }),
          }),
        ),
      );
      expect(error).toMatchObject({ code: 'Forbidden', status: 403 });
      expect(error.message).toContain('read-only');
    }
  });

  it('requires a reason (400)', async () => {
    for (const operatorReason of [undefined, '', '   ']) {
      const error = await rejection(
        resolveTenantContext(
          input({
            claims: operator,
            headers: { operatorOverride: 'yes', operatorReason },
            loadTenant: tenants({ [TENANT]: 'suspended' }),
          }),
        ),
      );
      expect(error).toMatchObject({ code: 'BadRequest', status: 400 });
    }
    const tooLong = await rejection(
      resolveTenantContext(
        input({
          claims: operator,
          headers: { operatorOverride: '1', operatorReason: 'x'.repeat(501) },
          loadTenant: tenants({ [TENANT]: 'suspended' }),
        }),
      ),
    );
    expect(tooLong.status).toBe(400);
  });

  it('refuses the override to non-operators (403) even with a reason', async () => {
    const error = await rejection(
      resolveTenantContext(input({ headers: override, loadTenant: tenants({ [TENANT]: 'suspended' }) })),
    );
    expect(error).toMatchObject({ code: 'Forbidden', status: 403 });
  });

  it('accepts support:* as operator scope', async () => {
    const ctx = await resolveTenantContext(
      input({
        claims: { tenant_id: TENANT, scope: 'support:*' },
        headers: override,
        loadTenant: tenants({ [TENANT]: 'suspended' }),
      }),
    );
    expect(ctx.overrideUsed).toBe(true);
  });

  it('does not let the override open provisioning/deprovisioned tenants', async () => {
    for (const status of ['provisioning', 'deprovisioned']) {
      const error = await rejection(
        resolveTenantContext(
          input({ claims: operator, headers: override, loadTenant: tenants({ [TENANT]: status }) }),
        ),
      );
      expect(error.status).toBe(403);
    }
  });

  it('ignores the override header on an active tenant', async () => {
    const ctx = await resolveTenantContext(input({ claims: operator, headers: override, method: 'POST' }));
    expect(ctx).toMatchObject({ overrideUsed: false, overrideReason: null });
  });

  it('without a truthy override header, a suspended tenant stays closed to operators too', async () => {
    const error = await rejection(
      resolveTenantContext(
        input({
          claims: operator,
          headers: { operatorOverride: 'false', operatorReason: 'x' },
          loadTenant: tenants({ [TENANT]: 'suspended' }),
        }),
      ),
    );
    expect(error).toMatchObject({ status: 403, message: 'Tenant is suspended.' });
  });
});

describe('isTruthyHeader', () => {
  it('accepts 1/true/yes/on in any case, nothing else', () => {
    for (const value of ['1', 'true', 'TRUE', ' yes ', 'On']) expect(isTruthyHeader(value)).toBe(true);
    for (const value of [undefined, '', '0', 'false', 'no', 'off', 'y'])
      expect(isTruthyHeader(value)).toBe(false);
  });
});
