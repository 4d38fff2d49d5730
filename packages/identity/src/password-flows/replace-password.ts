import { AppError, type TenantId, type UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { soleTenantOf } from '../activity/sole-tenant.js';
import type { LoginThrottle } from '../lockout/login-throttle.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { PasswordPolicy } from '../passwords/password-policy.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase, UserRow } from '../schema/identity-database.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';

/** What `replacePassword` needs. */
export interface ReplacePasswordDeps {
  db: Kysely<IdentityDatabase>;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  throttle: LoginThrottle;
  pepperVersion: number;
  activity?: ActivityRecorder;
}

/** One password replacement: who, the new password, and how it is recorded. */
export interface ReplacePasswordInput {
  user: UserRow;
  newPassword: string;
  /** Revocation reason of the user's sessions (`password_change`, `password_reset`, …). */
  revokeReason: string;
  /** Security event type recorded with the change. */
  eventType: string;
  tenantId?: TenantId | null;
  actorId?: UserId;
  /** How the password was replaced, as the activity log names it. */
  via: 'change' | 'admin_reset' | 'reset_token';
  origin?: RequestOrigin;
}

/** Throws a 400 unless the new password passes the policy and is not one of the recent ones. */
export async function assertNewPasswordAcceptable(
  deps: Pick<ReplacePasswordDeps, 'db' | 'hasher' | 'policy'>,
  user: UserRow,
  newPassword: string,
): Promise<void> {
  deps.policy.assertAcceptable(newPassword, { email: user.email });
  const history = await createUsersRepository(deps.db).recentPasswordHashes(
    user.id,
    deps.policy.historyCount,
  );
  const hashes = history.map((entry) => entry.password_hash);
  if (user.password_hash !== null && !hashes.includes(user.password_hash)) hashes.unshift(user.password_hash);
  if (await deps.policy.isReused(newPassword, hashes, deps.hasher)) {
    throw new AppError('BadRequest', 'Password was used recently; choose a different one.', {
      details: { problems: ['Password was used recently; choose a different one.'] },
    });
  }
}

/**
 * Sets a checked new password, appends it to history, revokes every session of the user and records
 * the security event, all in one transaction; then clears the login lockout. Returns revoked sessions.
 */
export async function replacePassword(
  deps: ReplacePasswordDeps,
  input: ReplacePasswordInput,
): Promise<number> {
  const { user } = input;
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const revoked = await inTransaction(deps.db, async (trx) => {
    const updated = await createUsersRepository(trx).updatePassword(user.id, {
      passwordHash,
      pepperVersion: deps.pepperVersion,
      historyLimit: deps.policy.historyCount,
    });
    if (!updated) throw new AppError('NotFound', 'User not found.');
    // A lock from failed logins ends with the new password (spec §7.5); other statuses stay.
    await createUsersRepository(trx).unlock(user.id);
    const counts = await createSessionsRepository(trx).revokeAllForUser(user.id, input.revokeReason);
    await createSecurityEventsRepository(trx).record({
      eventType: input.eventType,
      userId: user.id,
      tenantId: input.tenantId ?? null,
      metadata: {
        revoked_sessions: counts.sessions,
        ...(input.actorId === undefined ? {} : { actor_user_id: input.actorId }),
      },
    });
    // Without a tenant context (a token reset) the event is logged only under the user's sole tenant.
    const tenantId = deps.activity ? (input.tenantId ?? (await soleTenantOf(trx, user.id))) : null;
    if (tenantId !== null) {
      await deps.activity?.record(
        {
          action: 'auth.password.changed',
          tenantId,
          actor: { type: 'user', id: input.actorId ?? user.id },
          object: { type: 'user', id: user.id },
          ...(input.origin === undefined ? {} : { origin: input.origin }),
          metadata: { via: input.via, revoked_sessions: counts.sessions },
        },
        trx,
      );
    }
    return counts.sessions;
  });
  // Spec §7.5: a password change resets the failure counters and lifts a lock.
  await deps.throttle.clearUser(user.id);
  return revoked;
}
