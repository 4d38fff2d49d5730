import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, type TenantId, type UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { soleTenantOf } from '../activity/sole-tenant.js';
import {
  createLoginEventsRepository,
  type LoginEventInput,
} from '../repositories/login-events-repository.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createMfaRepository } from '../repositories/mfa-repository.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase, UserRow } from '../schema/identity-database.js';
import type { MfaMethodType } from '../schema/identity-enums.js';
import type { RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import { hashIp } from '../sessions/hash-ip.js';
import { admitAccount, lockedError, resolveLoginTenant } from './account-gates.js';
import type { SessionIssuer } from './session-issuer.js';
import { SESSION_MESSAGES, type SessionServiceDeps } from './session-service-deps.js';

// Requests without a known client address share one throttle bucket rather than escaping it.
const UNKNOWN_IP = 'unknown';

/** A login request (spec §1.2 `POST /auth/token`). */
export interface LoginInput {
  email: string;
  password: string;
  tenantId?: TenantId;
  origin: RequestOrigin;
}

/** The 202 body when a verified MFA method must complete the login. */
export interface MfaChallenge {
  mfa_required: true;
  challenge_token: string;
  methods: { id: string; method_type: MfaMethodType; label: string | null }[];
}

/** A login either issues tokens or asks for the second factor. */
export type LoginOutcome =
  | { kind: 'tokens'; tokens: SessionTokens }
  | { kind: 'mfa_required'; challenge: MfaChallenge };

/** Creates the login flow of spec §7.5 on top of the session issuer. */
export function createLogin(deps: SessionServiceDeps, issuer: SessionIssuer) {
  const { db, passwords, throttle, logger } = deps;
  let dummyHash: Promise<string> | undefined;
  // A real argon2id hash of a random password: verifying against it costs what a real check costs.
  const dummy = () => {
    dummyHash ??= passwords.hash(randomBytes(32).toString('hex'));
    return dummyHash;
  };

  const recordEvent = (event: LoginEventInput, origin: RequestOrigin) =>
    createLoginEventsRepository(db).record({
      ...event,
      ipHash: origin.ip === null ? null : hashIp(deps.secrets.ipHashSalt, origin.ip),
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });

  /** A failed login reaches the activity log only when its tenant is unambiguous (one membership). */
  const recordActivityFailure = async (userId: UserId, reason: string, origin: RequestOrigin) => {
    if (!deps.activity) return;
    const tenantId = await soleTenantOf(db, userId);
    if (tenantId === null) return;
    await deps.activity.record({
      action: 'auth.login.failure',
      tenantId,
      actor: { type: 'user', id: userId },
      status: 'failure',
      origin,
      metadata: { reason },
    });
  };

  const pepperVersion = deps.passwordPepperVersion ?? 1;

  /**
   * A hash of the just-verified password with the current parameters and pepper version when the stored
   * one is weaker or older (argon2 settings raised, pepper rotated); null when it is current.
   */
  const upgradedHash = async (stored: string, user: UserRow, password: string) =>
    passwords.needsRehash(stored) || user.password_pepper_version !== pepperVersion
      ? passwords.hash(password)
      : null;

  const storeRehash = async (
    trx: Kysely<IdentityDatabase>,
    userId: UserId,
    previousHash: string,
    passwordHash: string,
  ) => {
    if (
      await createUsersRepository(trx).rehashPassword(userId, previousHash, { passwordHash, pepperVersion })
    ) {
      logger.info({ event: 'auth.password_rehash', user_id: userId }, 'Password hash upgraded');
    }
  };

  const logAttempt = (result: string, fields: Record<string, unknown>) =>
    logger.info({ event: 'auth.login', result, ...fields }, `Login ${result}`);

  async function fail(userId: UserId | undefined, ip: string, origin: RequestOrigin, reason: string) {
    const outcome = await throttle.recordFailure(userId === undefined ? { ip } : { userId, ip });
    if (userId !== undefined) await recordActivityFailure(userId, reason, origin);
    if (userId !== undefined && outcome.userLocked && outcome.lockedUntil !== undefined) {
      await createUsersRepository(db).lock(userId, outcome.lockedUntil);
      await recordEvent({ result: 'locked', userId, reason }, origin);
      logAttempt('locked', { user_id: userId, reason });
      throw lockedError(outcome.lockedUntil);
    }
    await recordEvent({ result: 'failure', userId: userId ?? null, reason }, origin);
    logAttempt('failure', { user_id: userId ?? null, reason });
    return new AppError('Unauthorized', SESSION_MESSAGES.invalidCredentials);
  }

  return async function login(input: LoginInput): Promise<LoginOutcome> {
    const { origin } = input;
    const ip = origin.ip ?? UNKNOWN_IP;
    await throttle.checkIp(ip);
    const users = createUsersRepository(db);
    const found = await users.findByEmail(input.email.trim());
    if (!found || found.password_hash === null) {
      await passwords.verify(await dummy(), input.password);
      throw await fail(undefined, ip, origin, found ? 'no_password' : 'unknown_email');
    }
    let user: typeof found;
    try {
      user = await admitAccount(deps, users, found);
    } catch (error) {
      const locked = error instanceof AppError && error.code === 'Locked';
      await recordEvent(
        { result: locked ? 'locked' : 'failure', userId: found.id, reason: found.status },
        origin,
      );
      await recordActivityFailure(found.id, found.status, origin);
      logAttempt(locked ? 'locked' : 'failure', { user_id: found.id, reason: found.status });
      throw error;
    }
    const storedHash = found.password_hash;
    if (!(await passwords.verify(storedHash, input.password))) {
      throw await fail(user.id, ip, origin, 'invalid_password');
    }
    const tenant = await resolveLoginTenant(createMembershipsRepository(db), user.id, input.tenantId);
    await throttle.recordSuccess(user.id);
    const rehash = await upgradedHash(storedHash, found, input.password);

    const methods = await createMfaRepository(db).listActiveMethods(user.id);
    if (methods.length > 0) {
      // The password was right: its hash is upgraded now, whether or not the second factor follows.
      if (rehash) await storeRehash(db, user.id, storedHash, rehash);
      const challenge = await deps.tokens.signMfaChallengeToken({
        userId: user.id,
        tenantId: tenant.tenantId,
        sessionId: randomUUID(),
        loginReason: 'login',
      });
      logAttempt('mfa_required', { user_id: user.id, tenant_id: tenant.tenantId });
      return {
        kind: 'mfa_required',
        challenge: {
          mfa_required: true,
          challenge_token: challenge.token,
          methods: methods.map((method) => ({
            id: method.id,
            method_type: method.method_type,
            label: method.label,
          })),
        },
      };
    }

    const ipHash = origin.ip === null ? null : hashIp(deps.secrets.ipHashSalt, origin.ip);
    const tokens = await issuer.issueFor(
      { userId: user.id, tenantId: tenant.tenantId, origin, reason: 'login' },
      { user, role: tenant.role },
      async (trx) => {
        if (rehash) await storeRehash(trx, user.id, storedHash, rehash);
        await createUsersRepository(trx).recordLogin(user.id, deps.clock.date());
        await createLoginEventsRepository(trx).record({
          result: 'success',
          userId: user.id,
          tenantId: tenant.tenantId,
          ipHash,
          userAgent: origin.userAgent?.slice(0, 512) ?? null,
        });
        await createSecurityEventsRepository(trx).record({
          eventType: 'login_success',
          userId: user.id,
          tenantId: tenant.tenantId,
          ipHash,
          metadata: { method: 'password' },
        });
        await deps.activity?.record(
          {
            action: 'auth.login.success',
            tenantId: tenant.tenantId,
            actor: { type: 'user', id: user.id, role: tenant.role },
            origin,
            metadata: { method: 'password' },
          },
          trx,
        );
      },
    );
    logAttempt('success', { user_id: user.id, tenant_id: tenant.tenantId, session_id: tokens.session_id });
    return { kind: 'tokens', tokens };
  };
}
