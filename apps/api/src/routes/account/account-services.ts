import {
  createMfaFlows,
  createPasswordFlows,
  createProfileService,
  type MfaFlows,
  type PasswordFlows,
  type ProfileService,
} from '@starter/identity';
import type { AppDependencies } from '../../dependencies/index.js';

/** The identity flows behind the email, password, MFA and `/users` routes. */
export interface AccountServices {
  passwords: PasswordFlows;
  mfa: MfaFlows;
  profiles: ProfileService;
}

const SECONDS_PER_MINUTE = 60;

/** Builds the account flows over the identity kernel and the app settings. Pure wiring, no I/O. */
export function createAccountServices(deps: AppDependencies): AccountServices {
  const { identity, settings, clock, kv, email } = deps;
  const { auth } = settings;
  const logger = deps.logger.child({ logger: 'account' });
  const passwords = createPasswordFlows({
    db: identity.db,
    kv,
    email,
    clock,
    hasher: identity.passwords,
    policy: identity.passwordPolicy,
    throttle: identity.throttle,
    rateLimiter: identity.rateLimiter,
    logger,
    settings: {
      oneTimeTokenPepper: auth.oneTimeTokenPepper,
      emailVerificationTtlMinutes: auth.emailVerificationTokenTtlSeconds / SECONDS_PER_MINUTE,
      passwordResetTtlMinutes: auth.passwordResetTokenTtlSeconds / SECONDS_PER_MINUTE,
      appPublicUrl: settings.appPublicUrl,
    },
    activity: identity.activity,
  });
  const mfa = createMfaFlows({
    db: identity.db,
    clock,
    secretBox: identity.secretBox,
    secretKeyForRecoveryCodes: settings.secretKey,
    tokens: identity.tokens,
    issueSession: identity.sessions.issue,
    rateLimiter: identity.rateLimiter,
    logger,
    verifyLimitPerHour: auth.rateLimits.mfaVerifyPerUserHour,
    activity: identity.activity,
  });
  const profiles = createProfileService({
    db: identity.db,
    hasher: identity.passwords,
    passwordFlows: passwords,
    logger,
  });
  return { passwords, mfa, profiles };
}
