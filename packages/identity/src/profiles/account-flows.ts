import { AppError, isAppError, type UserId } from '@starter/contracts';
import type { CallerContext, FlowResult } from '../password-flows/caller-context.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { UserRow } from '../schema/identity-database.js';
import { disableAccount } from './disable-account.js';
import type { ChangeEmailBody, DisableAccountBody } from './profile-schemas.js';
import type { ProfileServiceDeps } from './profile-service-deps.js';

/** `PATCH /users/me/email` and `POST /users/me/disable` (spec §1.9). */
export interface AccountFlows {
  /** Changes the email (401 wrong password, 409 taken), clears verification and sends a new link. */
  changeEmail(
    caller: CallerContext,
    body: ChangeEmailBody,
  ): Promise<FlowResult<{ user_id: UserId; email: string; verification_sent: boolean }>>;
  /** Disables the caller's account and revokes their sessions; 409 for the last owner of a tenant. */
  disable(caller: CallerContext, body: DisableAccountBody): Promise<FlowResult<{ revoked_sessions: number }>>;
}

/** Creates the account flows. */
export function createAccountFlows(deps: ProfileServiceDeps): AccountFlows {
  const { db, logger } = deps;
  const users = createUsersRepository(db);

  const withPassword = async (caller: CallerContext, password: string): Promise<UserRow> => {
    const user = await users.findById(caller.userId);
    const matches =
      user !== undefined &&
      user.password_hash !== null &&
      (await deps.hasher.verify(user.password_hash, password));
    if (!user || !matches) throw new AppError('Unauthorized', 'Current password is incorrect.');
    return user;
  };

  return {
    async changeEmail(caller, body) {
      const user = await withPassword(caller, body.current_password);
      const email = body.new_email.trim();
      if (email.toLowerCase() === user.email.toLowerCase()) {
        throw new AppError('BadRequest', 'The new email is the current one.');
      }
      const changed = await users.changeEmail(user.id, email);
      if (!changed) throw new AppError('NotFound', 'User not found.');
      logger.info({ event: 'user.email_change', user_id: user.id }, 'Email changed');
      let sent = true;
      try {
        await deps.passwordFlows.sendVerification(caller);
      } catch (error) {
        // The change stands; the user can ask for another link (`POST /auth/email/send`).
        sent = false;
        logger.warn(
          {
            event: 'user.email_change',
            user_id: user.id,
            verification: 'not_sent',
            error_code: isAppError(error) ? error.code : 'unknown',
          },
          'Verification email not sent after email change',
        );
      }
      return {
        message: sent
          ? 'Email changed; check your inbox to verify it.'
          : 'Email changed; request a new verification email.',
        data: { user_id: user.id, email: changed.email, verification_sent: sent },
      };
    },

    async disable(caller, body) {
      const user = await withPassword(caller, body.current_password);
      const result = await disableAccount(db, user.id);
      if (result.status === 'last_owner') {
        throw new AppError('Conflict', 'You are the last owner of a tenant; transfer ownership first.', {
          details: { tenant_ids: result.tenantIds },
        });
      }
      logger.info(
        { event: 'user.disable', user_id: user.id, revoked_sessions: result.revokedSessions },
        'Account disabled',
      );
      return { message: 'Account disabled.', data: { revoked_sessions: result.revokedSessions } };
    },
  };
}
