import { AppError, asId, type UserId } from '@starter/contracts';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';
import type { FlowResult } from './caller-context.js';
import type { PasswordFlowsDeps } from './password-flows-deps.js';
import { hourlyQuota } from './rate-limit-port.js';
import { assertNewPasswordAcceptable, replacePassword } from './replace-password.js';
import { sendFlowEmail, tokenLink } from './send-flow-email.js';
import { createSingleUseTokenStore } from './single-use-token-store.js';

/** `POST /auth/password/forgot` and `POST /auth/password/confirm` (spec §1.3). */
export interface PasswordResetFlow {
  /** Emails a reset link when the account exists; the answer is the same either way (202). */
  forgotPassword(email: string, origin: RequestOrigin): Promise<FlowResult<null>>;
  /** Sets a new password with a reset token (single use) and revokes all the user's sessions. */
  confirmReset(
    token: string,
    newPassword: string,
  ): Promise<FlowResult<{ user_id: UserId; revoked_sessions: number }>>;
}

/** The one answer to every forgot-password request, so it cannot reveal whether an account exists. */
export const FORGOT_PASSWORD_MESSAGE =
  'If an account exists for this email, a password reset link has been sent.';

const INVALID = 'Invalid or expired password reset token.';

/** Creates the password reset flow. */
export function createPasswordResetFlow(deps: PasswordFlowsDeps): PasswordResetFlow {
  const { db, settings, logger } = deps;
  const tokens = createSingleUseTokenStore(deps.kv, 'auth:pwdreset:', settings.oneTimeTokenPepper);
  const perEmail = hourlyQuota(deps.rateLimiter, 'password_reset_email', 5, 'email');
  const perIp = hourlyQuota(deps.rateLimiter, 'password_reset_ip', 20, 'ip');
  const users = createUsersRepository(db);
  const pepperVersion = settings.passwordPepperVersion ?? 1;

  return {
    async forgotPassword(email, origin) {
      await perIp(origin.ip);
      await perEmail(email.trim().toLowerCase());
      const user = await users.findByEmail(email.trim());
      if (user && user.status !== 'disabled') {
        const ttlMinutes = settings.passwordResetTtlMinutes;
        const token = await tokens.issue({ userId: user.id, email: user.email }, ttlMinutes * 60_000);
        const link = tokenLink(settings.appPublicUrl, 'reset-password', token);
        await sendFlowEmail(
          deps.email,
          logger,
          {
            to: user.email,
            subject: 'Reset your password',
            text: `Choose a new password by opening this link within ${ttlMinutes} minutes:\n\n${link}\n\nIf you did not ask for this, ignore this email; your password stays unchanged.`,
          },
          { event: 'auth.password_reset_token', userId: user.id },
        );
        logger.info(
          { event: 'auth.password_reset_token', user_id: user.id, outcome: 'sent' },
          'Reset email sent',
        );
      }
      return { message: FORGOT_PASSWORD_MESSAGE, data: null };
    },

    async confirmReset(token, newPassword) {
      const pending = await tokens.inspect(token);
      if (pending === null) throw new AppError('BadRequest', INVALID);
      const user = await users.findById(asId<'UserId'>(pending.userId));
      if (!user || user.email.toLowerCase() !== pending.email.toLowerCase() || user.status === 'disabled') {
        await pending.consume();
        throw new AppError('BadRequest', INVALID);
      }
      // Checked before consuming, so a rejected password leaves the link usable for a better one.
      await assertNewPasswordAcceptable(deps, user, newPassword);
      if (!(await pending.consume())) throw new AppError('BadRequest', INVALID);
      const revoked = await replacePassword(
        { ...deps, pepperVersion },
        {
          user,
          newPassword,
          revokeReason: 'password_reset_token',
          eventType: 'password_reset_token',
          via: 'reset_token',
        },
      );
      logger.info(
        { event: 'auth.password_reset_token', user_id: user.id, outcome: 'reset', revoked_sessions: revoked },
        'Password reset with token',
      );
      return { message: 'Password has been reset.', data: { user_id: user.id, revoked_sessions: revoked } };
    },
  };
}
