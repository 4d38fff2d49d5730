import { randomUUID } from 'node:crypto';
import { asId, type TenantId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createMembershipsRepository, type MembershipsRepository } from './memberships-repository.js';
import { createTenantsRepository, type TenantsRepository } from './tenants-repository.js';
import { createUsersRepository, type UsersRepository } from './users-repository.js';

describe('createMembershipsRepository', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let memberships: MembershipsRepository;
  let tenants: TenantsRepository;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    memberships = createMembershipsRepository(db);
    tenants = createTenantsRepository(db);
    users = createUsersRepository(db);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const newUser = async (name = 'Member') =>
    (
      await users.create({
        user: { email: `${randomUUID()}@example.com`, password_hash: null },
        profile: { display_name: name },
      })
    ).user;
  const newTenant = async (ownerName = 'Owner') => {
    const owner = await newUser(ownerName);
    const { tenant } = await tenants.create({
      name: 'Team',
      slug: `team-${randomUUID().slice(0, 8)}`,
      ownerUserId: owner.id,
    });
    return { tenant, owner };
  };

  it('adds members, refuses duplicates, and finds them', async () => {
    const { tenant, owner } = await newTenant();
    const user = await newUser();
    const added = await memberships.add(tenant.id, { userId: user.id, role: 'member', invitedBy: owner.id });
    expect(added).toMatchObject({
      tenant_id: tenant.id,
      user_id: user.id,
      role: 'member',
      invited_by: owner.id,
    });
    await expect(memberships.add(tenant.id, { userId: user.id, role: 'admin' })).rejects.toMatchObject({
      code: 'Conflict',
    });
    expect(await memberships.find(tenant.id, user.id)).toEqual(added);
  });

  it('lists a tenant page with user fields and total, never another tenant’s rows', async () => {
    const a = await newTenant('Owner A');
    const b = await newTenant('Owner B');
    for (let n = 0; n < 3; n++)
      await memberships.add(a.tenant.id, { userId: (await newUser(`A${n}`)).id, role: 'viewer' });
    const bUser = await newUser('B only');
    await memberships.add(b.tenant.id, { userId: bUser.id, role: 'admin' });

    const page = await memberships.listByTenant(a.tenant.id, { limit: 2, offset: 0 });
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({
      user_id: a.owner.id,
      role: 'owner',
      display_name: 'Owner A',
      user_status: 'active',
    });
    const next = await memberships.listByTenant(a.tenant.id, { limit: 10, offset: 2 });
    const everyone = [...page.items, ...next.items];
    expect(everyone.every((m) => m.tenant_id === a.tenant.id)).toBe(true);
    expect(everyone.map((m) => m.user_id)).not.toContain(bUser.id);
    expect(await memberships.find(a.tenant.id, bUser.id)).toBeUndefined();
    expect(
      (await memberships.listByTenant(asId<'TenantId'>(randomUUID()), { limit: 10, offset: 0 })).total,
    ).toBe(0);
  });

  it('lists a user’s tenants with their status', async () => {
    const user = await newUser();
    const a = await newTenant();
    const b = await newTenant();
    await memberships.add(a.tenant.id, { userId: user.id, role: 'member' });
    await memberships.add(b.tenant.id, { userId: user.id, role: 'viewer' });
    await tenants.updateStatus(b.tenant.id, { status: 'suspended', reason: 'test', actor: null });
    const mine = await memberships.listByUser(user.id);
    // Oldest first, but both may be added within one clock tick: compare without relying on that order.
    const byTenant = (rows: (readonly string[])[]) =>
      [...rows].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byTenant(mine.map((m) => [m.tenant_id, m.role, m.tenant_status]))).toEqual(
      byTenant([
        [a.tenant.id, 'member', 'active'],
        [b.tenant.id, 'viewer', 'suspended'],
      ]),
    );
    expect(mine.find((m) => m.tenant_id === a.tenant.id)?.tenant_slug).toBe(a.tenant.slug);
  });

  it('changes roles but never demotes the last owner', async () => {
    const { tenant, owner } = await newTenant();
    const admin = await newUser();
    await memberships.add(tenant.id, { userId: admin.id, role: 'admin' });

    expect(await memberships.changeRole(tenant.id, owner.id, 'admin')).toEqual({ status: 'last_owner' });
    expect(await memberships.countOwners(tenant.id)).toBe(1);

    const promoted = await memberships.changeRole(tenant.id, admin.id, 'owner');
    expect(promoted).toMatchObject({ status: 'ok', membership: { role: 'owner' } });
    expect(await memberships.countOwners(tenant.id)).toBe(2);
    expect(await memberships.changeRole(tenant.id, owner.id, 'member')).toMatchObject({ status: 'ok' });
    expect(await memberships.changeRole(tenant.id, asId<'UserId'>(randomUUID()), 'viewer')).toEqual({
      status: 'not_found',
    });
  });

  it('keeps an owner when two owners are demoted at the same time', async () => {
    const { tenant, owner } = await newTenant();
    const second = await newUser();
    await memberships.add(tenant.id, { userId: second.id, role: 'owner' });
    const results = await Promise.all([
      memberships.changeRole(tenant.id, owner.id, 'admin'),
      memberships.changeRole(tenant.id, second.id, 'admin'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['last_owner', 'ok']);
    expect(await memberships.countOwners(tenant.id)).toBe(1);
  });

  it('removes members but not the last owner, scoped by tenant', async () => {
    const { tenant, owner } = await newTenant();
    const other = await newTenant();
    const user = await newUser();
    await memberships.add(tenant.id, { userId: user.id, role: 'member' });
    await memberships.add(other.tenant.id, { userId: user.id, role: 'member' });

    expect(await memberships.remove(tenant.id, owner.id)).toEqual({ status: 'last_owner' });
    const removed = await memberships.remove(tenant.id, user.id);
    expect(removed).toMatchObject({ status: 'ok', membership: { user_id: user.id, tenant_id: tenant.id } });
    expect(await memberships.remove(tenant.id, user.id)).toEqual({ status: 'not_found' });
    // The same user's membership in another tenant is untouched.
    expect(await memberships.find(other.tenant.id, user.id)).toBeDefined();
  });

  it('counts owners per tenant', async () => {
    const a = await newTenant();
    const b: { tenant: { id: TenantId } } = await newTenant();
    await memberships.add(a.tenant.id, { userId: (await newUser()).id, role: 'owner' });
    expect(await memberships.countOwners(a.tenant.id)).toBe(2);
    expect(await memberships.countOwners(b.tenant.id)).toBe(1);
  });
});
