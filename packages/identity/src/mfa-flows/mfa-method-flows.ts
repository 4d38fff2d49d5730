import { AppError } from '@starter/contracts';
import { otpauthUrl } from '../mfa/otpauth-url.js';
import { generateRecoveryCodes, hashRecoveryCode } from '../mfa/recovery-codes.js';
import { generateTotpSecret } from '../mfa/totp.js';
import type { CallerContext, FlowResult } from '../password-flows/caller-context.js';
import { hourlyQuota } from '../password-flows/rate-limit-port.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { createMfaRepository } from '../repositories/mfa-repository.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { MfaMethodRow } from '../schema/identity-database.js';
import type { EnrollTotpQuery, VerifyTotpBody } from './mfa-flow-schemas.js';
import type { MfaFlowsDeps } from './mfa-flows-deps.js';
import { matchTotpStep, sealTotpSecret } from './totp-method-secret.js';

/** One MFA method as `GET /auth/mfa` lists it. */
export interface MfaMethodView {
  id: string;
  method_type: string;
  label: string | null;
  verified_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** What a TOTP enrolment returns; the secret is shown this once. */
export interface TotpEnrollment {
  method_id: string;
  secret: string;
  otpauth_url: string;
}

/** The caller's own MFA methods and recovery codes (spec §1.4). */
export interface MfaMethodFlows {
  listMethods(caller: CallerContext): Promise<FlowResult<MfaMethodView[]>>;
  /** Starts a TOTP enrolment (201); the method counts only after `verifyTotp`. */
  enrollTotp(caller: CallerContext, query: EnrollTotpQuery): Promise<FlowResult<TotpEnrollment>>;
  /** Accepts a code on a method (marks it verified and used); 400 invalid or replayed; rate-limited. */
  verifyTotp(caller: CallerContext, body: VerifyTotpBody): Promise<FlowResult<MfaMethodView>>;
  /** Soft-revokes a method; 404 when missing or already revoked. */
  revokeMethod(caller: CallerContext, methodId: string): Promise<FlowResult<MfaMethodView>>;
  /** Replaces all recovery codes with 10 fresh ones, shown this once. */
  regenerateRecoveryCodes(caller: CallerContext): Promise<FlowResult<{ codes: string[] }>>;
}

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The listed shape of a method row (never its secret). */
export function toMfaMethodView(row: MfaMethodRow): MfaMethodView {
  return {
    id: row.id,
    method_type: row.method_type,
    label: row.label,
    verified_at: iso(row.verified_at),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
  };
}

/** Creates the MFA method flows. */
export function createMfaMethodFlows(deps: MfaFlowsDeps): MfaMethodFlows {
  const { db, secretBox, logger } = deps;
  const mfa = createMfaRepository(db);
  const users = createUsersRepository(db);
  const events = createSecurityEventsRepository(db);
  const limit = deps.verifyLimitPerHour ?? 10;
  const perUser = hourlyQuota(deps.rateLimiter, 'mfa_verify_user', limit, 'user');
  const perIp = hourlyQuota(deps.rateLimiter, 'mfa_verify_ip', limit * 2, 'ip');

  return {
    async listMethods(caller) {
      const rows = await mfa.listMethods(caller.userId);
      return { message: 'MFA methods.', data: rows.map(toMfaMethodView) };
    },

    async enrollTotp(caller, query) {
      const user = await users.findById(caller.userId);
      if (!user) throw new AppError('NotFound', 'User not found.');
      const secret = generateTotpSecret();
      const url = otpauthUrl({ secret, accountName: user.email, issuer: deps.totpIssuer ?? 'OpenAI-Agent' });
      const method = await inTransaction(db, async (trx) => {
        // The row id is the encryption's associated data, so the secret is sealed after the insert.
        const created = await createMfaRepository(trx).createMethod(user.id, {
          methodType: 'totp',
          label: query.label ?? null,
          secretEncrypted: null,
        });
        await trx
          .updateTable('user_mfa_methods')
          .set({ secret_encrypted: sealTotpSecret(secretBox, created.id, secret) })
          .where('id', '=', created.id)
          .execute();
        await createSecurityEventsRepository(trx).record({
          eventType: 'mfa_totp_enroll_started',
          userId: user.id,
          tenantId: caller.tenantId,
          metadata: { method_id: created.id },
        });
        return created;
      });
      logger.info(
        { event: 'auth.mfa', action: 'totp_enroll_started', user_id: user.id, method_id: method.id },
        'TOTP enrolment started',
      );
      return {
        message: 'Scan the QR code, then verify a code to finish.',
        data: { method_id: method.id, secret, otpauth_url: url },
      };
    },

    async verifyTotp(caller, body) {
      await perIp(caller.origin.ip);
      await perUser(caller.userId);
      const method = await mfa.findMethod(caller.userId, body.method_id);
      const step = method ? matchTotpStep(secretBox, method, body.code, deps.clock.now()) : null;
      // The conditional update refuses a step already used, also when two requests race.
      const accepted =
        step === null ? undefined : await mfa.acceptTotpStep(caller.userId, body.method_id, step);
      if (!accepted) {
        logger.info(
          { event: 'auth.mfa', action: 'totp_verify', outcome: 'invalid', user_id: caller.userId },
          'Invalid MFA code',
        );
        throw new AppError('BadRequest', 'Invalid MFA code.');
      }
      await events.record({
        eventType: 'mfa_totp_verified',
        userId: caller.userId,
        tenantId: caller.tenantId,
        metadata: { method_id: accepted.id },
      });
      logger.info(
        { event: 'auth.mfa', action: 'totp_verified', user_id: caller.userId, method_id: accepted.id },
        'TOTP verified',
      );
      return { message: 'MFA method verified.', data: toMfaMethodView(accepted) };
    },

    async revokeMethod(caller, methodId) {
      const revoked = await inTransaction(db, async (trx) => {
        const repository = createMfaRepository(trx);
        if (!(await repository.revokeMethod(caller.userId, methodId))) return undefined;
        await createSecurityEventsRepository(trx).record({
          eventType: 'mfa_revoked',
          userId: caller.userId,
          tenantId: caller.tenantId,
          metadata: { method_id: methodId },
        });
        return repository.findMethod(caller.userId, methodId);
      });
      if (!revoked) throw new AppError('NotFound', 'MFA method not found.');
      logger.info(
        { event: 'auth.mfa', action: 'revoked', user_id: caller.userId, method_id: methodId },
        'MFA method revoked',
      );
      return { message: 'MFA method revoked.', data: toMfaMethodView(revoked) };
    },

    async regenerateRecoveryCodes(caller) {
      const codes = generateRecoveryCodes(10);
      const hashes = codes.map((code) => hashRecoveryCode(deps.secretKeyForRecoveryCodes, code));
      await inTransaction(db, async (trx) => {
        await createMfaRepository(trx).replaceRecoveryCodes(caller.userId, hashes);
        await createSecurityEventsRepository(trx).record({
          eventType: 'mfa_recovery_reset',
          userId: caller.userId,
          tenantId: caller.tenantId,
          metadata: { codes: codes.length },
        });
      });
      logger.info(
        { event: 'auth.mfa', action: 'recovery_reset', user_id: caller.userId },
        'Recovery codes regenerated',
      );
      return { message: 'Store these recovery codes safely; each works once.', data: { codes } };
    },
  };
}
