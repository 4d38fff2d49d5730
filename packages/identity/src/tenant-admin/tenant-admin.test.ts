import { randomUUID } from 'node:crypto';
import type { TenantId, UserId } from '@starter/contracts';
import { createManualClock } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityRecorder } from '../activity/activity-recorder.js';
import type { TenantRole } from '../authorization/tenant-roles.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createIdentityTestContext,
  createTestIssueSession,
  type IdentityTestContext,
  rejectionOf,
  seedTenantWithOwner,
  seedUser,
} from '../test-support/identity-test-context.js';
import type { TokenService } from '../tokens/token-service.js';
import type { TenantCaller } from './caller-context.js';
import { parseIfMatchVersion } from './if-match-version.js';
import { createTenantAdmin, type TenantAdmin } from './tenant-admin.js';
import { ReplaceTenantSettingsBodySchema } from './tenant-admin-schemas.js';

const origin = { ip: '203.0.113.7', userAgent: 'vitest' };
const STRONG_PASSWORD = 'Correct-Horse-Battery-Staple-42';

const rejection = rejectionOf;

describe('createTenantAdmin', { timeout: 60_000 }, () => {
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let admin: TenantAdmin;
  let tokens: TokenService;
  const clock = createManualClock(Date.now());

  beforeAll(async () => {
    context = await createIdentityTestContext({ clock, hasherPepper: 'test-pepper', hasherMemoryCost: 64 });
    ({ db, tokens } = context);
    admin = createTenantAdmin({
      db,
      clock,
      inviteTokenPepper: 'test-invite-pepper',
      passwordHasher: context.hasher,
      passwordPolicy: context.policy,
      issueSession: createTestIssueSession(tokens, { roles: ['member'], emailVerified: true }),
      activity: createActivityRecorder({ db, clock, ipHashSalt: 'ip-salt' }),
    });
  }, 120_000);
  afterAll(() => context?.dispose(), 60_000);

  const accountUpdates = (tenantId: TenantId) =>
    db
      .selectFrom('activity_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'tenant.account.updated')
      .orderBy('id')
      .execute();

  const newUser = async (email = `${randomUUID()}@example.com`) => seedUser(db, { user: { email } });

  /** A tenant with an owner; returns callers for it. */
  const newTenant = async () => {
    const { tenant, owner } = await seedTenantWithOwner(db);
    const caller = (userId: UserId, role: TenantRole, scopes: string[] = []): TenantCaller => ({
      userId,
      tenantId: tenant.id,
      role,
      scopes,
      origin,
    });
    const join = async (role: TenantRole) => {
      return seedUser(db, { membership: { tenantId: tenant.id, role } });
    };
    return { tenant, owner, ownerCaller: caller(owner.id, 'owner'), caller, join };
  };

  describe('members (behaviour 24)', () => {
    it('adds an existing user, 404 for an unknown email, 409 for an existing member', async () => {
      const t = await newTenant();
      const user = await newUser();
      const added = await admin.addMember(t.ownerCaller, { email: user.email.toUpperCase(), role: 'member' });
      expect(added).toMatchObject({ tenant_id: t.tenant.id, user_id: user.id, role: 'member' });
      expect(
        (await rejection(admin.addMember(t.ownerCaller, { email: user.email, role: 'viewer' }))).code,
      ).toBe('Conflict');
      const unknown = await rejection(
        admin.addMember(t.ownerCaller, { email: 'nobody@example.com', role: 'viewer' }),
      );
      expect(unknown.code).toBe('NotFound');
      const page = await admin.listMembers(t.ownerCaller, { limit: 1, offset: 0 });
      expect(page).toMatchObject({ total: 2, limit: 1, offset: 0, next_offset: 1 });
      expect(page.items[0]).toMatchObject({ user_id: t.owner.id, role: 'owner', email: t.owner.email });
    });

    it('admins cannot grant, demote or remove owners; owners can', async () => {
      const t = await newTenant();
      const adminUser = await t.join('admin');
      const member = await t.join('member');
      const asAdmin = t.caller(adminUser.id, 'admin');
      const outsider = await newUser();

      const grant = await rejection(admin.addMember(asAdmin, { email: outsider.email, role: 'owner' }));
      expect(grant.code).toBe('Forbidden');
      const promote = await rejection(admin.changeMemberRole(asAdmin, member.id, { role: 'owner' }));
      expect(promote.code).toBe('Forbidden');
      const demote = await rejection(admin.changeMemberRole(asAdmin, t.owner.id, { role: 'member' }));
      expect(demote.code).toBe('Forbidden');
      const remove = await rejection(admin.removeMember(asAdmin, t.owner.id));
      expect(remove.code).toBe('Forbidden');
      expect(await createMembershipsRepository(db).find(t.tenant.id, t.owner.id)).toMatchObject({
        role: 'owner',
      });

      // Admins still manage non-owners.
      expect(await admin.changeMemberRole(asAdmin, member.id, { role: 'viewer' })).toMatchObject({
        role: 'viewer',
      });
      // Owners may grant owner.
      expect(await admin.changeMemberRole(t.ownerCaller, member.id, { role: 'owner' })).toMatchObject({
        role: 'owner',
      });
      expect(await admin.removeMember(t.ownerCaller, member.id)).toMatchObject({ user_id: member.id });
    });

    it('the last owner can be neither demoted nor removed (409)', async () => {
      const t = await newTenant();
      const demote = await rejection(admin.changeMemberRole(t.ownerCaller, t.owner.id, { role: 'admin' }));
      expect(demote.code).toBe('Conflict');
      expect(demote.message).toMatch(/last owner/);
      const remove = await rejection(admin.removeMember(t.ownerCaller, t.owner.id));
      expect(remove.code).toBe('Conflict');
      expect(remove.message).toMatch(/last owner/);

      const second = await t.join('owner');
      expect(await admin.changeMemberRole(t.ownerCaller, t.owner.id, { role: 'admin' })).toMatchObject({
        role: 'admin',
      });
      const last = await rejection(admin.removeMember(t.caller(second.id, 'owner'), second.id));
      expect(last.code).toBe('Conflict');
    });

    it('404 for unknown or malformed member ids', async () => {
      const t = await newTenant();
      expect((await rejection(admin.removeMember(t.ownerCaller, randomUUID()))).code).toBe('NotFound');
      expect((await rejection(admin.changeMemberRole(t.ownerCaller, 'nope', { role: 'viewer' }))).code).toBe(
        'NotFound',
      );
    });
  });

  describe('settings (behaviour 24)', () => {
    const body = (flags: Record<string, unknown> = {}) =>
      ReplaceTenantSettingsBodySchema.parse({ billing_contacts: [{ email: 'billing@example.com' }], flags });

    it('PUT requires If-Match (428), refuses a stale version (409) and bumps the version', async () => {
      const t = await newTenant();
      const initial = await admin.getSettings(t.ownerCaller);
      expect(initial).toMatchObject({ tenant_id: t.tenant.id, version: 1, flags: {} });

      const missing = await rejection(
        admin.replaceSettings(t.ownerCaller, parseIfMatchVersion(undefined), body()),
      );
      expect(missing.code).toBe('PreconditionRequired');
      expect(missing.status).toBe(428);

      const updated = await admin.replaceSettings(
        t.ownerCaller,
        parseIfMatchVersion('"1"'),
        body({ theme: 'dark' }),
      );
      expect(updated).toMatchObject({ version: 2, flags: { theme: 'dark' } });
      expect(updated.billing_contacts).toEqual([{ email: 'billing@example.com' }]);

      const stale = await rejection(admin.replaceSettings(t.ownerCaller, 1, body()));
      expect(stale.code).toBe('Conflict');
      expect((await admin.getSettings(t.ownerCaller)).version).toBe(2);

      // Only the successful replacement is logged, naming the changed fields, never their values.
      const logged = await accountUpdates(t.tenant.id);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        actor_id: t.owner.id,
        actor_type: 'user',
        actor_role: 'owner',
        object_type: 'tenant_settings',
        object_id: t.tenant.id,
        metadata: { fields: ['billing_contacts', 'flags'] },
      });
      expect(JSON.stringify(logged[0]?.metadata)).not.toContain('billing@example.com');
    });

    it('reserved feature.* flags are operator-managed', async () => {
      const t = await newTenant();
      const refused = await rejection(
        admin.replaceSettings(t.ownerCaller, 1, body({ 'feature.billing': true })),
      );
      expect(refused.code).toBe('Forbidden');

      const operator = { ...t.ownerCaller, scopes: ['platform:operator'] };
      const set = await admin.replaceSettings(operator, 1, body({ 'feature.billing': true }));
      expect(set.flags).toEqual({ 'feature.billing': true });

      // A tenant admin replacing settings without the reserved flag keeps the operator's value.
      const kept = await admin.replaceSettings(t.ownerCaller, set.version, body({ theme: 'light' }));
      expect(kept.flags).toEqual({ theme: 'light', 'feature.billing': true });
    });

    it('rejects a malformed If-Match header', () => {
      expect(() => parseIfMatchVersion('abc')).toThrow(/If-Match/);
      expect(parseIfMatchVersion('W/"7"')).toBe(7);
    });
  });

  describe('account', () => {
    it('reads and renames the caller tenant', async () => {
      const t = await newTenant();
      expect(await admin.getAccount(t.ownerCaller)).toMatchObject({ id: t.tenant.id, status: 'active' });
      expect(await admin.renameAccount(t.ownerCaller, { name: 'Renamed' })).toMatchObject({
        name: 'Renamed',
      });
      // Renaming to the same name changes nothing and logs nothing.
      await admin.renameAccount(t.ownerCaller, { name: 'Renamed' });
      const logged = await accountUpdates(t.tenant.id);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        actor_id: t.owner.id,
        object_type: 'tenant',
        object_name: 'Renamed',
        metadata: { fields: ['name'] },
      });
    });
  });

  describe('invites', () => {
    it('creates an invite whose token is returned once and only hashed at rest', async () => {
      const t = await newTenant();
      const email = `${randomUUID()}@example.com`;
      const invite = await admin.createInvite(t.ownerCaller, { invited_email: email, role: 'member' });
      expect(invite.invite_token.length).toBeGreaterThan(30);
      expect(invite.token_hint).toBe(`${invite.invite_token.slice(0, 6)}…`);
      const row = await db
        .selectFrom('tenant_member_invites')
        .selectAll()
        .where('id', '=', invite.id)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).not.toContain(invite.invite_token);
      expect(row.expires_at.getTime() - clock.now()).toBe(72 * 3_600_000);
      const listed = await admin.listInvites(t.ownerCaller, { limit: 50, offset: 0, status: 'pending' });
      expect(listed.items.map((item) => item.id)).toEqual([invite.id]);
      expect(listed.items[0]).not.toHaveProperty('invite_token');
      expect(admin.invitePolicy()).toEqual({ default_expires_hours: 72, max_expires_hours: 336 });
    });

    it('admins cannot invite owners', async () => {
      const t = await newTenant();
      const adminUser = await t.join('admin');
      const refused = await rejection(
        admin.createInvite(t.caller(adminUser.id, 'admin'), {
          invited_email: 'x@example.com',
          role: 'owner',
        }),
      );
      expect(refused.code).toBe('Forbidden');
    });

    it('a new user accepts: user + membership created, then a session is issued', async () => {
      const t = await newTenant();
      const email = `${randomUUID()}@example.com`;
      const invite = await admin.createInvite(t.ownerCaller, { invited_email: email, role: 'admin' });
      const session = await admin.acceptInvite(
        { token: invite.invite_token, password: STRONG_PASSWORD, display_name: 'New Person' },
        origin,
      );
      expect(session.tenant_id).toBe(t.tenant.id);
      const claims = await tokens.verifyAccessToken(session.access_token);
      expect(claims.sub).toBe(`user:${session.user_id}`);
      const user = await createUsersRepository(db).findByEmail(email);
      expect(user?.id).toBe(session.user_id);
      expect(await createMembershipsRepository(db).find(t.tenant.id, session.user_id)).toMatchObject({
        role: 'admin',
      });
      const again = await rejection(
        admin.acceptInvite({ token: invite.invite_token, password: STRONG_PASSWORD }, origin),
      );
      expect(again.code).toBe('Conflict');
    });

    it('404 unknown, 410 expired, 409 revoked, 409 when the user exists, 400 weak password', async () => {
      const t = await newTenant();
      const unknown = await rejection(
        admin.acceptInvite({ token: 'not-a-token', password: STRONG_PASSWORD }, origin),
      );
      expect(unknown.code).toBe('NotFound');

      const expiring = await admin.createInvite(t.ownerCaller, {
        invited_email: `${randomUUID()}@example.com`,
        role: 'member',
        expires_in_hours: 1,
      });
      clock.advance(3_600_000 + 1);
      const expired = await rejection(
        admin.acceptInvite({ token: expiring.invite_token, password: STRONG_PASSWORD }, origin),
      );
      expect(expired.code).toBe('Gone');

      const revokedInvite = await admin.createInvite(t.ownerCaller, {
        invited_email: `${randomUUID()}@example.com`,
        role: 'member',
      });
      expect(await admin.revokeInvite(t.ownerCaller, revokedInvite.id)).toMatchObject({ status: 'revoked' });
      const revoked = await rejection(
        admin.acceptInvite({ token: revokedInvite.invite_token, password: STRONG_PASSWORD }, origin),
      );
      expect(revoked.code).toBe('Conflict');

      const existing = await newUser();
      const forExisting = await admin.createInvite(t.ownerCaller, {
        invited_email: existing.email,
        role: 'member',
      });
      const exists = await rejection(
        admin.acceptInvite({ token: forExisting.invite_token, password: STRONG_PASSWORD }, origin),
      );
      expect(exists.code).toBe('Conflict');

      const fresh = await admin.createInvite(t.ownerCaller, {
        invited_email: `${randomUUID()}@example.com`,
        role: 'member',
      });
      const weak = await rejection(
        admin.acceptInvite({ token: fresh.invite_token, password: 'short' }, origin),
      );
      expect(weak.code).toBe('BadRequest');
      expect(await createUsersRepository(db).findByEmail(fresh.invited_email)).toBeUndefined();
    });

    it('the current user accepts: 403 on an email mismatch, 409 when already a member', async () => {
      const t = await newTenant();
      const invitee = await newUser();
      const invite = await admin.createInvite(t.ownerCaller, {
        invited_email: invitee.email,
        role: 'viewer',
      });
      const stranger = await newUser();
      const mismatch = await rejection(
        admin.acceptInviteAsCurrentUser(
          { userId: stranger.id, scopes: [], origin },
          { token: invite.invite_token },
        ),
      );
      expect(mismatch.code).toBe('Forbidden');

      const joined = await admin.acceptInviteAsCurrentUser(
        { userId: invitee.id, scopes: [], origin },
        { token: invite.invite_token },
      );
      expect(joined).toMatchObject({ tenant_id: t.tenant.id, user_id: invitee.id, role: 'viewer' });

      const second = await admin.createInvite(t.ownerCaller, {
        invited_email: `${randomUUID()}@example.com`,
        role: 'viewer',
      });
      await db
        .updateTable('tenant_member_invites')
        .set({ invited_email: invitee.email })
        .where('id', '=', second.id)
        .execute();
      const already = await rejection(
        admin.acceptInviteAsCurrentUser(
          { userId: invitee.id, scopes: [], origin },
          { token: second.invite_token },
        ),
      );
      expect(already.code).toBe('Conflict');
    });
  });

  describe('cross-tenant isolation', () => {
    it("an admin of A can never read or change B's members, invites or settings", async () => {
      const a = await newTenant();
      const b = await newTenant();
      const bMember = await b.join('member');
      const bInvite = await admin.createInvite(b.ownerCaller, {
        invited_email: `${randomUUID()}@example.com`,
        role: 'member',
      });
      const aAdmin = a.ownerCaller;

      const members = await admin.listMembers(aAdmin, { limit: 200, offset: 0 });
      expect(members.items.map((m) => m.user_id)).toEqual([a.owner.id]);
      expect((await rejection(admin.changeMemberRole(aAdmin, bMember.id, { role: 'viewer' }))).code).toBe(
        'NotFound',
      );
      expect((await rejection(admin.removeMember(aAdmin, b.owner.id))).code).toBe('NotFound');
      expect((await admin.listInvites(aAdmin, { limit: 200, offset: 0 })).total).toBe(0);
      expect((await rejection(admin.revokeInvite(aAdmin, bInvite.id))).code).toBe('NotFound');

      await admin.replaceSettings(aAdmin, 1, ReplaceTenantSettingsBodySchema.parse({ flags: { a: true } }));
      const bSettings = await admin.getSettings(b.ownerCaller);
      expect(bSettings).toMatchObject({ version: 1, flags: {} });
      expect(await createMembershipsRepository(db).find(b.tenant.id, bMember.id)).toMatchObject({
        role: 'member',
      });
      expect(
        (
          await db
            .selectFrom('tenant_member_invites')
            .select('status')
            .where('id', '=', bInvite.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('pending');
    });
  });
});
