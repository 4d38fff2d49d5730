import { AppError, asId, type UserId } from '@starter/contracts';
import { inTransaction } from '../repositories/in-transaction.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { CallerContext, FlowResult } from './caller-context.js';
import type { PasswordFlowsDeps } from './password-flows-deps.js';
import { hourlyQuota } from './rate-limit-port.js';
import { sendFlowEmail, tokenLink } from './send-flow-email.js';
import { createSingleUseTokenStore } from './single-use-token-store.js';

/** `POST /auth/email/send` and `POST /auth/email/verify` (spec §1.3). */
export interface EmailVerificationFlow {
  /** Emails a verification link to the caller (202); "Email already verified." when there is nothing to do. */
  sendVerification(caller: CallerContext): Promise<FlowResult<null>>;
  /** Consumes a verification token, marks the email verified and revokes all the user's sessions. */
  verifyEmail(token: string): Promise<FlowResult<{ user_id: UserId; revoked_sessions: number }>>;
}

const INVALID = 'Invalid or expired verification token.';

/** Creates the email verification flow. */
export function createEmailVerificationFlow(deps: PasswordFlowsDeps): EmailVerificationFlow {
  const { db, settings, logger } = deps;
  const tokens = createSingleUseTokenStore(deps.kv, 'auth:emailverify:', settings.oneTimeTokenPepper);
  const perUser = hourlyQuota(deps.rateLimiter, 'email_verify_user', 3, 'user');
  const perIp = hourlyQuota(deps.rateLimiter, 'email_verify_ip', 10, 'ip');
  const users = createUsersRepository(db);

  return {
    async sendVerification(caller) {
      const user = await users.findById(caller.userId);
      if (!user) throw new AppError('NotFound', 'User not found.');
      if (user.email_verified_at !== null) return { message: 'Email already verified.', data: null };
      await perIp(caller.origin.ip);
      await perUser(user.id);
      const ttlMinutes = settings.emailVerificationTtlMinutes;
      const token = await tokens.issue({ userId: user.id, email: user.email }, ttlMinutes * 60_000);
      const link = tokenLink(settings.appPublicUrl, 'verify-email', token);
      await sendFlowEmail(
        deps.email,
        logger,
        {
          to: user.email,
          subject: 'Verify your email address',
          text: `Confirm your email address by opening this link within ${ttlMinutes} minutes:\n\n${link}\n\nIf you did not ask for this, ignore this email.`,
        },
        { event: 'auth.email_verification', userId: user.id },
      );
      logger.info(
        { event: 'auth.email_verification', user_id: user.id, outcome: 'sent' },
        'Verification email sent',
      );
      return { message: 'Verification email sent.', data: null };
    },

    async verifyEmail(token) {
      const pending = await tokens.inspect(token);
      if (pending === null) throw new AppError('BadRequest', INVALID);
      const userId = asId<'UserId'>(pending.userId);
      const user = await users.findById(userId);
      // A token sent to an address the account no longer has must not verify the new one.
      if (!user || user.email.toLowerCase() !== pending.email.toLowerCase()) {
        await pending.consume();
        throw new AppError('BadRequest', INVALID);
      }
      if (!(await pending.consume())) throw new AppError('BadRequest', INVALID);
      const revoked = await inTransaction(db, async (trx) => {
        await createUsersRepository(trx).markEmailVerified(userId, deps.clock.date());
        const counts = await createSessionsRepository(trx).revokeAllForUser(userId, 'email_verified');
        await createSecurityEventsRepository(trx).record({
          eventType: 'email_verified',
          userId,
          metadata: { revoked_sessions: counts.sessions },
        });
        return counts.sessions;
      });
      logger.info(
        { event: 'auth.email_verification', user_id: userId, outcome: 'verified', revoked_sessions: revoked },
        'Email verified',
      );
      return { message: 'Email verified.', data: { user_id: userId, revoked_sessions: revoked } };
    },
  };
}
