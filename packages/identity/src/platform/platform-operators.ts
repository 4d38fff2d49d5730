import { AppError, type Clock, type TenantId, type UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { PLATFORM_OPERATOR_ROLE } from '../authorization/tenant-roles.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { PasswordPolicy } from '../passwords/password-policy.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { slugify, suffixedSlug } from '../signup/tenant-slug.js';

/** The tenant a new operator without any membership gets, so they can sign in (a login needs a tenant). */
export const DEFAULT_OPERATOR_TENANT_NAME = 'Platform operations';

/** What granting the operator role runs on. */
export interface PlatformOperatorDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  hasher: Pick<PasswordHasher, 'hash'>;
  policy: Pick<PasswordPolicy, 'assertAcceptable'>;
  activity?: ActivityRecorder;
  /** Where the grant came from, for the audit rows (`cli`). */
  via: string;
}

/** Whom to make an operator. */
export interface GrantPlatformOperatorInput {
  email: string;
  /** Required to create the account; an existing account keeps its password. */
  password?: string;
  /** Name of the tenant created when the user belongs to none; `Platform operations` by default. */
  tenantName?: string;
}

/** What the grant did. */
export interface GrantPlatformOperatorResult {
  userId: UserId;
  email: string;
  /** True when the account was created here. */
  created: boolean;
  /** False when the user already was an operator (nothing changed but the tenant, if one was missing). */
  promoted: boolean;
  /** The tenant created for a user who had none; null otherwise. */
  tenantId: TenantId | null;
}

/**
 * Creates a platform operator (active, email verified) or promotes an existing user, in one transaction
 * with a `platform_operator_granted` security event. The first operator of a deployment comes from here
 * (the CLI), not from SQL. A new password must pass the policy (400 with `details.problems`).
 */
export async function grantPlatformOperator(
  deps: PlatformOperatorDeps,
  input: GrantPlatformOperatorInput,
): Promise<GrantPlatformOperatorResult> {
  const email = input.email.trim();
  if (email === '' || !email.includes('@')) throw new AppError('BadRequest', 'A valid email is required.');
  const existing = await createUsersRepository(deps.db).findByEmail(email);
  if (existing === undefined) {
    if (input.password === undefined || input.password === '') {
      throw new AppError('BadRequest', 'A password is required to create the operator account.');
    }
    deps.policy.assertAcceptable(input.password, { email });
  }
  // Hashed before the transaction: argon2 takes a while and must not hold row locks.
  const passwordHash =
    existing === undefined && input.password !== undefined ? await deps.hasher.hash(input.password) : null;

  return inTransaction(deps.db, async (trx) => {
    const users = createUsersRepository(trx);
    let userId: UserId;
    let promoted = true;
    if (existing === undefined) {
      const { user } = await users.create({
        user: {
          email,
          password_hash: passwordHash,
          status: 'active',
          platform_role: PLATFORM_OPERATOR_ROLE,
          email_verified_at: deps.clock.date(),
        },
      });
      userId = user.id;
    } else {
      userId = existing.id;
      promoted = existing.platform_role !== PLATFORM_OPERATOR_ROLE;
      if (promoted) {
        await trx
          .updateTable('users')
          .set({ platform_role: PLATFORM_OPERATOR_ROLE, updated_at: deps.clock.date() })
          .where('id', '=', userId)
          .execute();
      }
    }

    let tenantId: TenantId | null = null;
    if ((await createMembershipsRepository(trx).listByUser(userId)).length === 0) {
      const name = input.tenantName?.trim() || DEFAULT_OPERATOR_TENANT_NAME;
      const { tenant } = await createTenantsRepository(trx).create({
        name,
        slug: suffixedSlug(slugify(name)),
        createdBy: `user:${userId}`,
        ownerUserId: userId,
      });
      tenantId = tenant.id;
      await deps.activity?.record(
        {
          action: 'tenant.account.created',
          tenantId,
          actor: { type: 'system' },
          object: { type: 'tenant', id: tenantId, name },
          source: deps.via,
          metadata: { slug: tenant.slug },
        },
        trx,
      );
    }

    if (promoted) {
      await createSecurityEventsRepository(trx).record({
        eventType: 'platform_operator_granted',
        userId,
        metadata: { created: existing === undefined, via: deps.via },
      });
    }
    return { userId, email, created: existing === undefined, promoted, tenantId };
  });
}
