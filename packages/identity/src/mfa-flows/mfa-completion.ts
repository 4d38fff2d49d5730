import { AppError, asId, type TenantId, type UserId } from '@starter/contracts';
import { hashRecoveryCode } from '../mfa/recovery-codes.js';
import type { FlowResult } from '../password-flows/caller-context.js';
import { hourlyQuota } from '../password-flows/rate-limit-port.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { createLoginEventsRepository } from '../repositories/login-events-repository.js';
import { createMfaRepository } from '../repositories/mfa-repository.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { UserRow } from '../schema/identity-database.js';
import type { RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import type { CompleteMfaBody } from './mfa-flow-schemas.js';
import type { MfaFlowsDeps } from './mfa-flows-deps.js';
import { matchTotpStep } from './totp-method-secret.js';

/** `POST /auth/mfa/complete` (spec §1.4, §14). */
export interface MfaCompletion {
  /** Trades a login's MFA challenge and a TOTP or recovery code for session tokens; 401 on a bad token or code. */
  complete(body: CompleteMfaBody, origin: RequestOrigin): Promise<FlowResult<SessionTokens>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const unauthorized = (message: string) =>
  new AppError('Unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });

/** The same gates as login (spec §7.5): disabled or pending → 403, a running lock → 423. */
function assertMayLogIn(user: UserRow, nowMs: number): void {
  if (user.status === 'disabled' || user.status === 'pending') {
    throw new AppError('Forbidden', 'Account is not active.');
  }
  if (
    user.status === 'locked' &&
    (user.locked_until === null || new Date(user.locked_until).getTime() > nowMs)
  ) {
    throw new AppError('Locked', 'Account is locked. Try again later.');
  }
}

/** Creates the MFA completion step of login. */
export function createMfaCompletion(deps: MfaFlowsDeps): MfaCompletion {
  const { db, logger } = deps;
  const users = createUsersRepository(db);
  const mfa = createMfaRepository(db);
  const limit = deps.verifyLimitPerHour ?? 10;
  const perUser = hourlyQuota(deps.rateLimiter, 'mfa_verify_user', limit, 'user');
  const perIp = hourlyQuota(deps.rateLimiter, 'mfa_verify_ip', limit * 2, 'ip');

  const challengeSubject = async (token: string): Promise<{ userId: UserId; tenantId: TenantId }> => {
    const claims = await deps.tokens.verifyMfaChallengeToken(token).catch(() => {
      throw unauthorized('Invalid or expired MFA challenge.');
    });
    const userId = claims.sub.slice('user:'.length);
    if (!UUID.test(userId) || claims.tenant_id === undefined || !UUID.test(claims.tenant_id)) {
      throw unauthorized('Invalid or expired MFA challenge.');
    }
    return { userId: asId<'UserId'>(userId), tenantId: asId<'TenantId'>(claims.tenant_id) };
  };

  /** Marks a recovery code used (atomic: of two concurrent uses exactly one succeeds) and audits it. */
  const useRecoveryCode = (userId: UserId, tenantId: TenantId, code: string): Promise<boolean> =>
    inTransaction(db, async (trx) => {
      const repository = createMfaRepository(trx);
      const hash = hashRecoveryCode(deps.secretKeyForRecoveryCodes, code);
      if (!(await repository.useRecoveryCode(userId, hash))) return false;
      await createSecurityEventsRepository(trx).record({
        eventType: 'mfa_recovery_code_used',
        userId,
        tenantId,
        metadata: { remaining: await repository.countUnusedRecoveryCodes(userId) },
      });
      return true;
    });

  const useTotp = async (userId: UserId, methodId: string, code: string): Promise<boolean> => {
    const method = await mfa.findMethod(userId, methodId);
    if (!method || method.verified_at === null) return false;
    const step = matchTotpStep(deps.secretBox, method, code, deps.clock.now());
    return step !== null && (await mfa.acceptTotpStep(userId, methodId, step)) !== undefined;
  };

  return {
    async complete(body, origin) {
      const { userId, tenantId } = await challengeSubject(body.challenge_token);
      await perIp(origin.ip);
      await perUser(userId);
      const user = await users.findById(userId);
      if (!user) throw unauthorized('Invalid or expired MFA challenge.');
      // Checked before the code, so a refused login never burns a recovery code.
      assertMayLogIn(user, deps.clock.now());
      const recovery = body.method_id === 'recovery';
      const accepted = recovery
        ? await useRecoveryCode(userId, tenantId, body.code)
        : await useTotp(userId, body.method_id, body.code);
      if (!accepted) {
        logger.info(
          { event: 'auth.login', stage: 'mfa', outcome: 'invalid_code', user_id: userId, recovery },
          'MFA completion refused',
        );
        throw unauthorized('Invalid MFA code.');
      }
      const tokens = await deps.issueSession({ userId, tenantId, origin, reason: 'mfa' });
      const method = recovery ? 'mfa_recovery_code' : 'mfa';
      // The login bookkeeping commits as one unit, like the password login's.
      await inTransaction(db, async (trx) => {
        await createUsersRepository(trx).recordLogin(userId, deps.clock.date());
        await createLoginEventsRepository(trx).record({
          result: 'success',
          userId,
          tenantId,
          reason: method,
          userAgent: origin.userAgent,
        });
        await deps.activity?.record(
          {
            action: 'auth.login.success',
            tenantId,
            actor: { type: 'user', id: userId },
            origin,
            metadata: { method, session_id: tokens.session_id },
          },
          trx,
        );
      });
      logger.info(
        {
          event: 'auth.login',
          stage: 'mfa',
          outcome: 'success',
          user_id: userId,
          tenant_id: tenantId,
          recovery,
        },
        'MFA completed',
      );
      return { message: 'Login successful.', data: tokens };
    },
  };
}
