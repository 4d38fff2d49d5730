import { AppError, type TenantId, type UserId } from '@starter/contracts';
import { inTransaction } from '../repositories/in-transaction.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import type { SignupDeps } from './signup-deps.js';
import { reserveSignupInvite } from './signup-invite-reservation.js';
import { createSignupInvitesRepository } from './signup-invites-repository.js';
import { createSignupQuotas } from './signup-quotas.js';
import { createSignupRequestsRepository } from './signup-requests-repository.js';
import type { RegisterBody } from './signup-schemas.js';
import { slugify, suffixedSlug } from './tenant-slug.js';
import { resolveTrialDays } from './trial-days.js';

/** POST /auth/register's 201 payload: the session tokens plus the new tenant's slug. */
export type RegisterResult = SessionTokens & { tenant_slug: string };

/** Registers a user with a new tenant they own (spec §1.6, §7.6). */
export type Register = (body: RegisterBody, origin: RequestOrigin) => Promise<RegisterResult>;

/** Creates the registration flow. */
export function createRegister(deps: SignupDeps): Register {
  const { db, clock, settings } = deps;
  const invites = createSignupInvitesRepository(db);
  const users = createUsersRepository(db);
  const tenants = createTenantsRepository(db);
  const requests = createSignupRequestsRepository(db);
  const quotas = createSignupQuotas(deps.rateLimiter, 'signup', settings);

  const trialFor = async (body: RegisterBody) => {
    const planCode = body.plan_code ?? settings.defaultPlanCode;
    if (!deps.billing) return { planCode, trialDays: settings.defaultTrialDays };
    const planTrialDays = await deps.billing.planTrialDays(planCode);
    if (planTrialDays === null) throw new AppError('NotFound', 'Plan not found.');
    const trialDays = resolveTrialDays({
      planTrialDays,
      requested: body.trial_days,
      allowOverride: settings.allowTrialOverride,
    });
    return { planCode, trialDays };
  };

  /** Undoes a registration whose billing failed: tenant deprovisioned, user removed, invite free again. */
  const rollBack = (
    tenantId: TenantId,
    userId: UserId,
    reservationId: string | undefined,
    origin: RequestOrigin,
  ) =>
    inTransaction(db, async (trx) => {
      await deps.activity?.record(
        {
          action: 'auth.signup.failure',
          tenantId,
          actor: { type: 'user', id: userId },
          status: 'failure',
          origin,
          metadata: { reason: 'billing_provisioning_failed', policy: settings.policy },
        },
        trx,
      );
      await createTenantsRepository(trx).updateStatus(tenantId, {
        status: 'deprovisioned',
        reason: 'billing_provisioning_failed',
        actor: 'system',
      });
      // Membership rows cascade; removing the user frees the email for a retry.
      await trx.deleteFrom('users').where('id', '=', userId).execute();
      if (reservationId !== undefined)
        await createSignupInvitesRepository(trx).release(reservationId, clock.date());
    });

  return async (body, origin) => {
    await quotas(origin.ip, body.email);
    if (await users.findByEmail(body.email)) {
      throw new AppError('Conflict', 'An account with this email already exists.');
    }
    deps.passwordPolicy.assertAcceptable(body.password, {
      email: body.email,
      userInputs: [body.tenant_name],
    });
    const plan = await trialFor(body);
    const reservation = await reserveSignupInvite({
      invites,
      clock,
      pepper: deps.inviteTokenPepper,
      policy: settings.policy,
      token: body.invite_token,
      email: body.email,
      reservationTtlSeconds: settings.reservationTtlSeconds,
      requestApproved: async (id) => (await requests.findById(id))?.status === 'approved',
    });
    const release = async () => {
      if (reservation) await invites.release(reservation.id, clock.date());
    };

    let created: { tenantId: TenantId; slug: string; userId: UserId };
    try {
      const passwordHash = await deps.passwordHasher.hash(body.password);
      const base = slugify(body.tenant_name);
      const slug = (await tenants.findBySlug(base)) ? suffixedSlug(base) : base;
      created = await inTransaction(db, async (trx) => {
        const { user } = await createUsersRepository(trx).create({
          user: { email: body.email, password_hash: passwordHash },
          profile: { display_name: body.display_name ?? null },
        });
        const { tenant } = await createTenantsRepository(trx).create({
          name: body.tenant_name,
          slug,
          status: 'provisioning',
          createdBy: `user:${user.id}`,
          ownerUserId: user.id,
        });
        return { tenantId: tenant.id, slug: tenant.slug, userId: user.id };
      });
    } catch (error) {
      await release();
      throw error;
    }

    if (deps.billing) {
      try {
        await deps.billing.provision({
          tenantId: created.tenantId,
          tenantName: body.tenant_name,
          ownerUserId: created.userId,
          ownerEmail: body.email,
          ...plan,
        });
      } catch (error) {
        await rollBack(created.tenantId, created.userId, reservation?.id, origin);
        deps.logger?.warn({ tenant_id: created.tenantId, err: error }, 'signup.billing_provisioning_failed');
        throw new AppError('BadGateway', 'Billing provisioning failed; please try again later.', {
          cause: error,
        });
      }
    }

    await inTransaction(db, async (trx) => {
      await createTenantsRepository(trx).updateStatus(created.tenantId, {
        status: 'active',
        reason: 'signup',
        actor: `user:${created.userId}`,
        from: ['provisioning'],
      });
      if (reservation) {
        await createSignupInvitesRepository(trx).consume(
          reservation.id,
          { tenantId: created.tenantId, userId: created.userId },
          clock.date(),
        );
      }
      await deps.activity?.record(
        {
          action: 'auth.signup.success',
          tenantId: created.tenantId,
          actor: { type: 'user', id: created.userId, role: 'owner' },
          object: { type: 'tenant', id: created.tenantId, name: body.tenant_name },
          origin,
          metadata: { policy: settings.policy, plan_code: plan.planCode, invite: Boolean(reservation) },
        },
        trx,
      );
    });

    if (deps.sendEmailVerification) {
      await deps
        .sendEmailVerification({ userId: created.userId, email: body.email })
        .catch((error: unknown) => {
          deps.logger?.warn({ user_id: created.userId, err: error }, 'signup.verification_email_failed');
        });
    }
    const tokens = await deps.issueSession({
      userId: created.userId,
      tenantId: created.tenantId,
      origin,
      reason: 'register',
    });
    return { ...tokens, tenant_slug: created.slug };
  };
}
