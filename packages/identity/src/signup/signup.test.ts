import { randomUUID } from 'node:crypto';
import { asId, type KeyValueStore } from '@starter/contracts';
import { createRateLimiter } from '@starter/providers';
import { createManualClock } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordPolicy } from '../passwords/password-policy.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createTenantSettingsRepository } from '../repositories/tenant-settings-repository.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createIdentityTestContext,
  createTestIssueSession,
  createTestPasswordHasher,
  type IdentityTestContext,
  rejectionOf,
} from '../test-support/identity-test-context.js';
import type { TokenService } from '../tokens/token-service.js';
import { createSignupAdministration, type SignupAdministration } from './signup-administration.js';
import type { ProvisionBillingInput, SignupBilling, SignupDeps } from './signup-deps.js';
import { createSignupInvitesRepository } from './signup-invites-repository.js';
import { IssueSignupInviteBodySchema, type RegisterBody } from './signup-schemas.js';
import { createSignupService, type SignupService } from './signup-service.js';
import { DEFAULT_SIGNUP_SETTINGS, type SignupSettings } from './signup-settings.js';
import { slugify } from './tenant-slug.js';
import { resolveTrialDays } from './trial-days.js';

const PASSWORD = 'Correct-Horse-Battery-Staple-42';
const operator = {
  userId: asId<'UserId'>(randomUUID()),
  scopes: ['platform:operator'],
  origin: { ip: null, userAgent: null },
};

const rejection = rejectionOf;

describe('signup', { timeout: 60_000 }, () => {
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let kv: KeyValueStore;
  let tokens: TokenService;
  let admin: SignupAdministration;
  const clock = createManualClock(Date.now());
  const runPrefix = `signup-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    context = await createIdentityTestContext({ clock, kvPrefix: `${runPrefix}:` });
    ({ db, kv, tokens } = context);
    admin = createSignupAdministration({ db, clock, inviteTokenPepper: 'invite-pepper' });
  }, 120_000);
  afterAll(() => context?.dispose(), 60_000);

  const hasher = createTestPasswordHasher('pepper', 64);
  const makeSignup = (
    settings: Partial<SignupSettings> = {},
    extra: Partial<SignupDeps> = {},
  ): SignupService =>
    createSignupService({
      db,
      clock,
      settings: { ...DEFAULT_SIGNUP_SETTINGS, ...settings },
      inviteTokenPepper: 'invite-pepper',
      ipHashSalt: 'ip-salt',
      passwordHasher: hasher,
      passwordPolicy: createPasswordPolicy(),
      issueSession: createTestIssueSession(tokens, { roles: ['owner'], emailVerified: false }),
      ...extra,
    });
  const email = () => `${randomUUID().slice(0, 12)}@example.com`;
  const body = (overrides: Partial<RegisterBody> = {}): RegisterBody => ({
    email: email(),
    password: PASSWORD,
    tenant_name: 'Acme Rockets',
    accept_terms: true,
    ...overrides,
  });
  const origin = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}`, userAgent: 'vitest' });
  const issueInvite = (fields: Record<string, unknown> = {}) =>
    admin.issueInvite(operator, IssueSignupInviteBodySchema.parse(fields));
  const inviteRow = (id: string) =>
    db.selectFrom('tenant_signup_invites').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('reports the policy snapshot', () => {
    expect(makeSignup().policy()).toEqual({
      policy: 'invite_only',
      invite_required: true,
      request_access_enabled: true,
    });
    expect(makeSignup({ policy: 'public' }).policy()).toEqual({
      policy: 'public',
      invite_required: false,
      request_access_enabled: false,
    });
  });

  describe('register under invite_only (behaviour 23)', () => {
    const signup = () => makeSignup();

    it('403 when the invite is missing, invalid or issued to another email', async () => {
      const missing = await rejection(signup().register(body(), origin()));
      expect(missing).toMatchObject({ code: 'Forbidden', message: 'An invite is required to sign up.' });
      const invalid = await rejection(signup().register(body({ invite_token: 'forged' }), origin()));
      expect(invalid).toMatchObject({ code: 'Forbidden', message: 'The invite is invalid.' });
      const invite = await issueInvite({ invited_email: 'someone@example.com' });
      const mismatch = await rejection(
        signup().register(body({ invite_token: invite.invite_token }), origin()),
      );
      expect(mismatch).toMatchObject({ code: 'Forbidden', details: { reason: 'email' } });
      expect((await inviteRow(invite.id)).redeemed_count).toBe(0);
    });

    it('creates user, active tenant, owner membership and settings, consumes the invite, issues a session', async () => {
      const invite = await issueInvite();
      const input = body({ invite_token: invite.invite_token, display_name: 'Ada' });
      const result = await signup().register(input, origin());
      expect(result.tenant_slug).toMatch(/^acme-rockets/);
      const claims = await tokens.verifyAccessToken(result.access_token);
      expect(claims.tenant_id).toBe(result.tenant_id);
      const tenant = await createTenantsRepository(db).findById(result.tenant_id);
      expect(tenant).toMatchObject({ status: 'active', slug: result.tenant_slug });
      expect(await createMembershipsRepository(db).find(result.tenant_id, result.user_id)).toMatchObject({
        role: 'owner',
      });
      expect(await createTenantSettingsRepository(db).get(result.tenant_id)).toMatchObject({ version: 1 });
      expect(await createUsersRepository(db).findProfile(result.user_id)).toMatchObject({
        display_name: 'Ada',
      });
      expect(await inviteRow(invite.id)).toMatchObject({ status: 'exhausted', redeemed_count: 1 });
      const reuse = await rejection(signup().register(body({ invite_token: invite.invite_token }), origin()));
      expect(reuse).toMatchObject({ code: 'Forbidden', details: { reason: 'exhausted' } });
    });

    it('duplicate email → 409 without using the invite', async () => {
      const first = await issueInvite();
      const input = body({ invite_token: first.invite_token });
      await signup().register(input, origin());
      const second = await issueInvite();
      const duplicate = await rejection(
        signup().register(
          { ...input, email: input.email.toUpperCase(), invite_token: second.invite_token },
          origin(),
        ),
      );
      expect(duplicate.code).toBe('Conflict');
      expect((await inviteRow(second.id)).redeemed_count).toBe(0);
    });

    it('refuses revoked and expired invites', async () => {
      const revoked = await issueInvite();
      expect(await admin.revokeInvite(operator, revoked.id)).toMatchObject({
        status: 'revoked',
        revoked_reason: 'operator_action',
      });
      const r = await rejection(signup().register(body({ invite_token: revoked.invite_token }), origin()));
      expect(r).toMatchObject({ code: 'Forbidden', details: { reason: 'revoked' } });
      const expiring = await issueInvite({ expires_in_hours: 1 });
      clock.advance(3_600_001);
      const e = await rejection(signup().register(body({ invite_token: expiring.invite_token }), origin()));
      expect(e).toMatchObject({ code: 'Forbidden', details: { reason: 'expired' } });
    });

    it('a held reservation blocks the last redemption until it is released', async () => {
      const invite = await issueInvite();
      const repo = createSignupInvitesRepository(db);
      const now = clock.date();
      const held = await repo.reserve(invite.id, 'a@example.com', now, new Date(now.getTime() + 900_000));
      expect(held.status).toBe('reserved');
      expect(
        (await repo.reserve(invite.id, 'b@example.com', now, new Date(now.getTime() + 900_000))).status,
      ).toBe('exhausted');
      if (held.status === 'reserved') await repo.release(held.reservation.id, now);
      expect(
        (await repo.reserve(invite.id, 'b@example.com', now, new Date(now.getTime() + 900_000))).status,
      ).toBe('reserved');
    });
  });

  describe('billing hook (behaviour 23)', () => {
    const billing = (fail: boolean, planTrialDays: number | null = 14) => {
      const calls: ProvisionBillingInput[] = [];
      const hook: SignupBilling = {
        planTrialDays: async () => planTrialDays,
        provision: async (input) => {
          calls.push(input);
          if (fail) throw new Error('stripe is down');
        },
      };
      return { hook, calls };
    };

    it('a provisioning failure → 502, tenant deprovisioned, user removed, invite released for reuse', async () => {
      const invite = await issueInvite();
      const failing = billing(true);
      const input = body({ invite_token: invite.invite_token });
      const error = await rejection(makeSignup({}, { billing: failing.hook }).register(input, origin()));
      expect(error.code).toBe('BadGateway');
      expect(error.status).toBe(502);
      const tenantId = failing.calls[0]?.tenantId;
      expect(tenantId).toBeDefined();
      if (tenantId) {
        expect(await createTenantsRepository(db).findById(tenantId)).toMatchObject({
          status: 'deprovisioned',
          status_reason: 'billing_provisioning_failed',
        });
      }
      expect(await createUsersRepository(db).findByEmail(input.email)).toBeUndefined();
      const reservations = await db
        .selectFrom('tenant_signup_invite_reservations')
        .select('status')
        .where('invite_id', '=', invite.id)
        .execute();
      expect(reservations.map((r) => r.status)).toEqual(['released']);
      expect(await inviteRow(invite.id)).toMatchObject({ status: 'active', redeemed_count: 0 });

      const working = billing(false);
      const result = await makeSignup({}, { billing: working.hook }).register(input, origin());
      expect(result.user_id).toBeDefined();
      expect(await inviteRow(invite.id)).toMatchObject({ status: 'exhausted', redeemed_count: 1 });
    });

    it('clamps a requested trial to the plan trial, and ignores it without the override', async () => {
      const allowed = billing(false, 14);
      const signup = makeSignup({ policy: 'public', allowTrialOverride: true }, { billing: allowed.hook });
      await signup.register(body({ trial_days: 30, plan_code: 'pro' }), origin());
      await signup.register(body({ trial_days: 5 }), origin());
      expect(allowed.calls.map((c) => [c.planCode, c.trialDays])).toEqual([
        ['pro', 14],
        ['starter', 5],
      ]);
      const fixed = billing(false, 14);
      await makeSignup({ policy: 'public' }, { billing: fixed.hook }).register(
        body({ trial_days: 5 }),
        origin(),
      );
      expect(fixed.calls[0]?.trialDays).toBe(14);
      expect(resolveTrialDays({ planTrialDays: 7, requested: 99, allowOverride: true })).toBe(7);
    });

    it('404 for an unknown plan', async () => {
      const unknown = billing(false, null);
      const error = await rejection(
        makeSignup({ policy: 'public' }, { billing: unknown.hook }).register(
          body({ plan_code: 'nope' }),
          origin(),
        ),
      );
      expect(error.code).toBe('NotFound');
      expect(unknown.calls).toHaveLength(0);
    });
  });

  describe('approval policy and access requests', () => {
    it('requires an invite from an approved request', async () => {
      const signup = makeSignup({ policy: 'approval' });
      const plain = await issueInvite();
      const refused = await rejection(signup.register(body({ invite_token: plain.invite_token }), origin()));
      expect(refused).toMatchObject({ code: 'Forbidden', details: { reason: 'approval' } });

      const requester = email();
      const from = origin();
      expect(
        await signup.requestAccess({ email: requester, organization: 'Org', full_name: 'Grace' }, from),
      ).toEqual(signup.policy());
      const pending = await admin.listRequests({ limit: 200, offset: 0, status: 'pending' });
      const request = pending.items.find((item) => item.email === requester);
      expect(request).toBeDefined();
      if (!request) return;
      const premature = await issueInvite({ signup_request_id: request.id });
      const unapproved = await rejection(
        signup.register(body({ email: requester, invite_token: premature.invite_token }), from),
      );
      expect(unapproved).toMatchObject({ code: 'Forbidden', details: { reason: 'approval' } });
      const approved = await admin.approveRequest(operator, request.id, { note: 'welcome' });
      expect(approved.request).toMatchObject({ status: 'approved', decided_by: `user:${operator.userId}` });
      expect(approved.invite).toMatchObject({ invited_email: requester, signup_request_id: request.id });
      expect((await rejection(admin.approveRequest(operator, request.id, {}))).code).toBe('Conflict');
      expect((await rejection(admin.rejectRequest(operator, randomUUID(), {}))).code).toBe('NotFound');

      const result = await signup.register(
        body({ email: requester, invite_token: approved.invite.invite_token }),
        from,
      );
      expect(result.tenant_id).toBeDefined();
    });

    it('drops honeypot submissions silently and limits pending requests per IP', async () => {
      const signup = makeSignup({ concurrentRequestsLimit: 2 });
      const from = origin();
      const bot = email();
      expect(
        await signup.requestAccess(
          { email: bot, organization: 'Bots', full_name: 'Bot', honeypot: 'gotcha' },
          from,
        ),
      ).toEqual(signup.policy());
      expect(
        await db.selectFrom('tenant_signup_requests').select('id').where('email', '=', bot).execute(),
      ).toEqual([]);

      const person = { organization: 'Org', full_name: 'Person' };
      const ip = { ip: '192.0.2.200', userAgent: 'vitest' };
      await signup.requestAccess({ ...person, email: email() }, ip);
      await signup.requestAccess({ ...person, email: email() }, ip);
      const limited = await rejection(signup.requestAccess({ ...person, email: email() }, ip));
      expect(limited.code).toBe('TooManyRequests');

      const rejectable = (await admin.listRequests({ limit: 200, offset: 0, status: 'pending' })).items[0];
      if (rejectable) {
        expect(await admin.rejectRequest(operator, rejectable.id, { reason: 'spam' })).toMatchObject({
          status: 'rejected',
          decision_reason: 'spam',
        });
      }
    });

    it('enforces the signup quotas through the rate limiter', async () => {
      const limiter = createRateLimiter({ kv, prefix: `${runPrefix}-rl` });
      const signup = makeSignup({ policy: 'public', ratePerEmailDay: 2 }, { rateLimiter: limiter });
      const input = body();
      await signup.register(input, origin());
      expect((await rejection(signup.register(input, origin()))).code).toBe('Conflict');
      const limited = await rejection(signup.register(input, origin()));
      expect(limited.code).toBe('TooManyRequests');
      expect(limited.headers['Retry-After']).toBeDefined();
    });
  });

  it('lists operator invites with filters and never exposes tokens in lists', async () => {
    const target = email();
    const issued = await issueInvite({ invited_email: target, max_redemptions: 3, note: 'vip' });
    expect(issued).toMatchObject({
      invited_email: target,
      max_redemptions: 3,
      issued_by: `user:${operator.userId}`,
    });
    const listed = await admin.listInvites({ limit: 50, offset: 0, email: target });
    expect(listed.items.map((i) => i.id)).toEqual([issued.id]);
    expect(listed.items[0]).not.toHaveProperty('invite_token');
    expect(slugify('  Ünïcode & Co!  ')).toBe('unicode-co');
  });
});
