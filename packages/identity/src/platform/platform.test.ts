import { randomUUID } from 'node:crypto';
import { asId, type TenantId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantSettingsRepository } from '../repositories/tenant-settings-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createIdentityTestContext,
  type IdentityTestContext,
  rejectionOf,
} from '../test-support/identity-test-context.js';
import { createPlatformFeatures, type PlatformFeatures } from './platform-features.js';
import { ListPlatformTenantsQuerySchema, PutTenantFeaturesBodySchema } from './platform-schemas.js';
import { createPlatformTenants, type PlatformTenants } from './platform-tenants.js';

const operator = {
  userId: asId<'UserId'>(randomUUID()),
  scopes: ['platform:operator'],
  origin: { ip: null, userAgent: null },
};
const reason = { reason: 'contract ended' };

const rejection = rejectionOf;

describe('platform operator services', { timeout: 60_000 }, () => {
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let platform: PlatformTenants;
  let features: PlatformFeatures;
  const cancelled: TenantId[] = [];
  let failCancel = false;

  beforeAll(async () => {
    context = await createIdentityTestContext();
    ({ db } = context);
    platform = createPlatformTenants({
      db,
      cancelBilling: async (tenantId) => {
        if (failCancel) throw new Error('stripe is down');
        cancelled.push(tenantId);
      },
    });
    features = createPlatformFeatures({ db });
  }, 120_000);
  afterAll(() => context?.dispose(), 60_000);

  const create = (name = `Tenant ${randomUUID().slice(0, 6)}`) => platform.createTenant(operator, { name });

  it('creates, reads, updates and lists tenants with filters', async () => {
    const tenant = await create('Zebra Labs');
    expect(tenant).toMatchObject({
      name: 'Zebra Labs',
      status: 'active',
      created_by: `user:${operator.userId}`,
    });
    expect(tenant.slug).toMatch(/^zebra-labs/);
    const twin = await create('Zebra Labs');
    expect(twin.slug).not.toBe(tenant.slug);
    expect(await platform.getTenant(tenant.id)).toMatchObject({ id: tenant.id });
    expect((await rejection(platform.getTenant(randomUUID()))).code).toBe('NotFound');
    expect((await rejection(platform.getTenant('not-a-uuid'))).code).toBe('NotFound');

    const slug = `zeb-${randomUUID().slice(0, 6)}`;
    expect(await platform.updateTenant(tenant.id, { name: 'Zebra Inc', slug })).toMatchObject({
      name: 'Zebra Inc',
      slug,
    });
    expect((await rejection(platform.updateTenant(twin.id, { slug }))).code).toBe('Conflict');

    const found = await platform.listTenants(ListPlatformTenantsQuerySchema.parse({ q: 'zebra' }));
    expect(found.items.map((t) => t.id).sort()).toEqual([tenant.id, twin.id].sort());
    await platform.suspendTenant(operator, twin.id, reason);
    const suspended = await platform.listTenants(
      ListPlatformTenantsQuerySchema.parse({ q: 'zebra', status: 'suspended' }),
    );
    expect(suspended.items.map((t) => t.id)).toEqual([twin.id]);
  });

  it('suspends and reactivates with reason and actor recorded; invalid transitions → 409', async () => {
    const tenant = await create();
    const suspended = await platform.suspendTenant(operator, tenant.id, { reason: 'unpaid invoices' });
    expect(suspended).toMatchObject({
      status: 'suspended',
      status_reason: 'unpaid invoices',
      status_actor: `user:${operator.userId}`,
    });
    expect(suspended.suspended_at).not.toBeNull();
    expect((await rejection(platform.suspendTenant(operator, tenant.id, reason))).code).toBe('Conflict');
    const active = await platform.reactivateTenant(operator, tenant.id, { reason: 'paid' });
    expect(active).toMatchObject({ status: 'active', status_reason: 'paid', suspended_at: null });
    expect((await rejection(platform.reactivateTenant(operator, tenant.id, reason))).code).toBe('Conflict');
  });

  it('deprovisions (cancelling billing) once; repeating is a no-op', async () => {
    const tenant = await create();
    const done = await platform.deprovisionTenant(operator, tenant.id, reason);
    expect(done).toMatchObject({ status: 'deprovisioned', status_reason: 'contract ended' });
    expect(done.deprovisioned_at).not.toBeNull();
    expect(cancelled).toContain(tenant.id);
    const again = await platform.deprovisionTenant(operator, tenant.id, { reason: 'second time' });
    expect(again).toEqual(done);
    expect(cancelled.filter((id) => id === tenant.id)).toHaveLength(1);
    expect((await rejection(platform.reactivateTenant(operator, tenant.id, reason))).code).toBe('Conflict');
  });

  it('a billing cancellation failure surfaces and leaves the tenant deprovisioning', async () => {
    const tenant = await create();
    failCancel = true;
    try {
      await expect(platform.deprovisionTenant(operator, tenant.id, reason)).rejects.toThrow('stripe is down');
    } finally {
      failCancel = false;
    }
    expect(await platform.getTenant(tenant.id)).toMatchObject({ status: 'deprovisioning' });
    expect(await platform.deprovisionTenant(operator, tenant.id, reason)).toMatchObject({
      status: 'deprovisioned',
    });
  });

  it('feature overrides: only known keys, stored as feature.<key> flags, cleared with null', async () => {
    const tenant = await create();
    expect(await features.getFeatures(tenant.id)).toEqual({ tenant_id: tenant.id, flags: {} });
    expect(PutTenantFeaturesBodySchema.safeParse({ flags: { teleport: true } }).success).toBe(false);

    const set = await features.putFeatures(
      tenant.id,
      PutTenantFeaturesBodySchema.parse({ flags: { billing: true } }),
    );
    expect(set.flags).toEqual({ billing: true });
    const stored = await createTenantSettingsRepository(db).get(asId<'TenantId'>(tenant.id));
    expect(stored).toMatchObject({ version: 2, flags: { 'feature.billing': true } });

    await features.putFeatures(tenant.id, { flags: { billing_stream: false } });
    expect((await features.getFeatures(tenant.id)).flags).toEqual({ billing: true, billing_stream: false });
    await features.putFeatures(tenant.id, { flags: { billing: null } });
    expect((await features.getFeatures(tenant.id)).flags).toEqual({ billing_stream: false });
    expect((await rejection(features.getFeatures(randomUUID()))).code).toBe('NotFound');
  });
});
