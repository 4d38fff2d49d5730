import { randomUUID } from 'node:crypto';
import { asId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createTenantSettingsRepository,
  type TenantSettingsRepository,
} from './tenant-settings-repository.js';
import { createTenantsRepository, type TenantsRepository } from './tenants-repository.js';
import { createUsersRepository, type UsersRepository } from './users-repository.js';

describe('createTenantsRepository and createTenantSettingsRepository', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let tenants: TenantsRepository;
  let settings: TenantSettingsRepository;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    tenants = createTenantsRepository(db);
    settings = createTenantSettingsRepository(db);
    users = createUsersRepository(db);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const slug = (prefix = 't'): string => `${prefix}-${randomUUID().slice(0, 8)}`;
  const newUser = async () =>
    (await users.create({ user: { email: `${randomUUID()}@example.com`, password_hash: null } })).user;
  const rowCounts = async () => {
    const count = (table: 'tenant_accounts' | 'tenant_settings' | 'tenant_user_memberships') =>
      db
        .selectFrom(table)
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
        .then((row) => Number(row.n));
    return {
      tenants: await count('tenant_accounts'),
      settings: await count('tenant_settings'),
      memberships: await count('tenant_user_memberships'),
    };
  };

  it('creates tenant, default settings and owner membership together', async () => {
    const owner = await newUser();
    const created = await tenants.create({
      name: 'Acme',
      slug: slug('acme'),
      ownerUserId: owner.id,
      createdBy: `user:${owner.id}`,
    });
    expect(created.tenant).toMatchObject({ name: 'Acme', status: 'active', created_by: `user:${owner.id}` });
    expect(created.tenant.activated_at).toBeInstanceOf(Date);
    expect(created.settings).toMatchObject({
      tenant_id: created.tenant.id,
      billing_contacts: [],
      billing_webhook_url: null,
      plan_metadata: {},
      flags: {},
      version: 1,
    });
    expect(created.ownerMembership).toMatchObject({
      tenant_id: created.tenant.id,
      user_id: owner.id,
      role: 'owner',
    });
    expect(await tenants.findById(created.tenant.id)).toEqual(created.tenant);
    expect(await tenants.findBySlug(created.tenant.slug.toUpperCase())).toEqual(created.tenant);
  });

  it('rejects a colliding slug with 409 and leaves no partial rows', async () => {
    const taken = slug('dup');
    await tenants.create({ name: 'First', slug: taken });
    const before = await rowCounts();
    const owner = await newUser();
    await expect(
      tenants.create({ name: 'Second', slug: taken, ownerUserId: owner.id }),
    ).rejects.toMatchObject({
      code: 'Conflict',
      details: { field: 'slug' },
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('rolls back tenant and settings when the owner membership fails', async () => {
    const before = await rowCounts();
    const missingUser = asId<'UserId'>(randomUUID());
    const wanted = slug('rollback');
    await expect(
      tenants.create({ name: 'Orphan', slug: wanted, ownerUserId: missingUser }),
    ).rejects.toMatchObject({
      code: '23503',
    });
    expect(await rowCounts()).toEqual(before);
    expect(await tenants.findBySlug(wanted)).toBeUndefined();
  });

  it('renames and re-slugs, with slug conflicts as 409', async () => {
    const a = await tenants.create({ name: 'Alpha', slug: slug('alpha') });
    const b = await tenants.create({ name: 'Beta', slug: slug('beta') });
    const renamed = await tenants.update(a.tenant.id, { name: 'Alpha Two' });
    expect(renamed).toMatchObject({ name: 'Alpha Two', slug: a.tenant.slug });
    await expect(tenants.update(a.tenant.id, { slug: b.tenant.slug })).rejects.toMatchObject({
      code: 'Conflict',
    });
    expect(await tenants.update(asId<'TenantId'>(randomUUID()), { name: 'Nobody' })).toBeUndefined();
  });

  it('moves through lifecycle statuses recording reason, actor and timestamps', async () => {
    const { tenant } = await tenants.create({ name: 'Life', slug: slug('life'), status: 'provisioning' });
    expect(tenant.activated_at).toBeNull();

    const active = await tenants.updateStatus(tenant.id, {
      status: 'active',
      reason: 'signup complete',
      actor: 'system',
    });
    expect(active?.activated_at).toBeInstanceOf(Date);

    const suspended = await tenants.updateStatus(tenant.id, {
      status: 'suspended',
      reason: 'unpaid',
      actor: 'user:op',
    });
    expect(suspended).toMatchObject({
      status: 'suspended',
      status_reason: 'unpaid',
      status_actor: 'user:op',
    });
    expect(suspended?.suspended_at).toBeInstanceOf(Date);
    expect(suspended?.status_changed_at).toBeInstanceOf(Date);

    const reactivated = await tenants.updateStatus(tenant.id, {
      status: 'active',
      reason: 'paid',
      actor: 'user:op',
    });
    expect(reactivated).toMatchObject({ status: 'active', suspended_at: null });
    expect(reactivated?.activated_at?.getTime()).toBe(active?.activated_at?.getTime());

    const gone = await tenants.updateStatus(tenant.id, {
      status: 'deprovisioned',
      reason: 'closed',
      actor: 'user:op',
      from: ['active', 'suspended', 'deprovisioning'],
    });
    expect(gone?.deprovisioned_at).toBeInstanceOf(Date);
    // Already deprovisioned: the conditional transition matches nothing.
    expect(
      await tenants.updateStatus(tenant.id, {
        status: 'deprovisioned',
        reason: 'again',
        actor: null,
        from: ['active'],
      }),
    ).toBeUndefined();
    expect((await tenants.findById(tenant.id))?.status_reason).toBe('closed');
  });

  it('lists with status and q filters, limit/offset and total', async () => {
    const marker = randomUUID().slice(0, 6);
    for (let n = 0; n < 5; n++) {
      await tenants.create({
        name: `List ${marker} ${n}`,
        slug: slug(`l${n}`),
        status: n % 2 === 0 ? 'active' : 'suspended',
      });
    }
    await tenants.create({ name: 'Percent 100% off', slug: slug('pct') });

    const all = await tenants.list({ q: marker.toUpperCase(), limit: 2, offset: 0 });
    expect(all.total).toBe(5);
    expect(all.items).toHaveLength(2);
    const rest = await tenants.list({ q: marker, limit: 10, offset: 2 });
    expect(rest.items).toHaveLength(3);
    expect(new Set([...all.items, ...rest.items].map((t) => t.id)).size).toBe(5);

    const suspended = await tenants.list({ q: marker, status: 'suspended', limit: 10, offset: 0 });
    expect(suspended.total).toBe(2);
    expect(suspended.items.every((t) => t.status === 'suspended')).toBe(true);

    const beyond = await tenants.list({ q: marker, limit: 10, offset: 50 });
    expect(beyond).toEqual({ items: [], total: 5 });

    // LIKE wildcards in q match literally.
    const literal = await tenants.list({ q: '100%', limit: 10, offset: 0 });
    expect(literal.items.map((t) => t.name)).toEqual(['Percent 100% off']);
    expect((await tenants.list({ q: `${marker}_`, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('reads settings and replaces them only at the expected version', async () => {
    const { tenant } = await tenants.create({ name: 'Settings', slug: slug('settings') });
    const current = await settings.get(tenant.id);
    expect(current?.version).toBe(1);

    const content = {
      billing_contacts: [{ email: 'billing@example.com', name: 'Billing' }],
      billing_webhook_url: 'https://example.com/hook',
      plan_metadata: { seats: 5, tier: 'pro' },
      flags: { 'feature.billing': true, beta: 'on' },
    };
    const replaced = await settings.replace(tenant.id, 1, content);
    expect(replaced).toMatchObject({ ...content, version: 2 });
    expect(await settings.get(tenant.id)).toEqual(replaced);

    // A stale writer (still at version 1) loses and changes nothing.
    expect(await settings.replace(tenant.id, 1, { ...content, flags: {} })).toBeNull();
    expect((await settings.get(tenant.id))?.flags).toEqual(content.flags);

    const [first, second] = await Promise.all([
      settings.replace(tenant.id, 2, { ...content, billing_webhook_url: null }),
      settings.replace(tenant.id, 2, { ...content, billing_webhook_url: 'https://example.com/other' }),
    ]);
    expect([first, second].filter((row) => row !== null)).toHaveLength(1);
    expect((await settings.get(tenant.id))?.version).toBe(3);
    expect(await settings.replace(asId<'TenantId'>(randomUUID()), 1, content)).toBeNull();
  });
});
