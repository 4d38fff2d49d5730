import { AppError, type UserId } from '@starter/contracts';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { CallerContext, FlowResult } from './caller-context.js';
import type { AdminPasswordResetBody, ChangePasswordBody } from './password-flow-schemas.js';
import type { PasswordFlowsDeps } from './password-flows-deps.js';
import { assertNewPasswordAcceptable, replacePassword } from './replace-password.js';

/** What a password change or admin reset returns. */
export interface PasswordChanged {
  user_id: UserId;
  revoked_sessions: number;
}

/** `POST /auth/password/change` and `POST /auth/password/reset` (spec §1.3). */
export interface PasswordChangeFlow {
  /** Changes the caller's password (401 wrong current, 400 policy/reuse) and revokes all their sessions. */
  changePassword(caller: CallerContext, body: ChangePasswordBody): Promise<FlowResult<PasswordChanged>>;
  /** Sets a member's password inside the caller's tenant (404 when not a member) and revokes their sessions. */
  adminReset(caller: CallerContext, body: AdminPasswordResetBody): Promise<FlowResult<PasswordChanged>>;
}

/** Creates the password change flow. */
export function createPasswordChangeFlow(deps: PasswordFlowsDeps): PasswordChangeFlow {
  const { db, hasher, logger } = deps;
  const users = createUsersRepository(db);
  const memberships = createMembershipsRepository(db);
  const replaceDeps = { ...deps, pepperVersion: deps.settings.passwordPepperVersion ?? 1 };

  return {
    async changePassword(caller, body) {
      const user = await users.findById(caller.userId);
      if (!user) throw new AppError('Unauthorized', 'Current password is incorrect.');
      const matches =
        user.password_hash !== null && (await hasher.verify(user.password_hash, body.current_password));
      if (!matches) throw new AppError('Unauthorized', 'Current password is incorrect.');
      await assertNewPasswordAcceptable(deps, user, body.new_password);
      const revoked = await replacePassword(replaceDeps, {
        user,
        newPassword: body.new_password,
        revokeReason: 'password_change',
        eventType: 'password_change',
        tenantId: caller.tenantId,
        via: 'change',
        origin: caller.origin,
      });
      logger.info(
        { event: 'auth.password_change', user_id: user.id, revoked_sessions: revoked },
        'Password changed',
      );
      return { message: 'Password changed.', data: { user_id: user.id, revoked_sessions: revoked } };
    },

    async adminReset(caller, body) {
      if (caller.tenantId === null) throw new AppError('BadRequest', 'A tenant-scoped token is required.');
      const membership = await memberships.find(caller.tenantId, body.user_id);
      const user = membership ? await users.findById(body.user_id) : undefined;
      if (!user) throw new AppError('NotFound', 'User is not a member of this tenant.');
      await assertNewPasswordAcceptable(deps, user, body.new_password);
      const revoked = await replacePassword(replaceDeps, {
        user,
        newPassword: body.new_password,
        revokeReason: 'password_reset',
        eventType: 'password_reset_admin',
        tenantId: caller.tenantId,
        actorId: caller.userId,
        via: 'admin_reset',
        origin: caller.origin,
      });
      logger.info(
        {
          event: 'auth.password_reset',
          user_id: user.id,
          actor_user_id: caller.userId,
          tenant_id: caller.tenantId,
          revoked_sessions: revoked,
        },
        'Password reset by an administrator',
      );
      return { message: 'Password has been reset.', data: { user_id: user.id, revoked_sessions: revoked } };
    },
  };
}
