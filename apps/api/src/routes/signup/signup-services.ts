import {
  createSignupAdministration,
  createSignupService,
  DEFAULT_SIGNUP_SETTINGS,
  type SignupAdministration,
  type SignupService,
  type SignupSettings,
} from '@starter/identity';
import type { AppDependencies } from '../../dependencies/index.js';
import { createAccountServices } from '../account/account-services.js';
import type { SignupMetrics } from './signup-outcome.js';

/**
 * The signup settings from the app settings. Plan and trial choices have no settings yet (billing is
 * not wired), so they keep the spec §11 defaults.
 */
function signupSettings(deps: AppDependencies): SignupSettings {
  const { signup } = deps.settings.auth;
  return {
    ...DEFAULT_SIGNUP_SETTINGS,
    policy: signup.accessPolicy,
    reservationTtlSeconds: signup.inviteReservationTtlSeconds,
    ratePerHour: signup.perIpHour,
    ratePerIpDay: signup.perIpDay,
    ratePerEmailDay: signup.perEmailDay,
    ratePerDomainDay: signup.perDomainDay,
    concurrentRequestsLimit: signup.concurrentRequests,
  };
}

/** Composes the public signup flows, their operator administration and metrics from the app deps. */
export function signupServices(deps: AppDependencies): {
  signup: SignupService;
  administration: SignupAdministration;
  metrics: SignupMetrics;
} {
  const { identity, clock } = deps;
  const pepper = deps.settings.auth.oneTimeTokenPepper;
  const { passwords } = createAccountServices(deps);
  return {
    signup: createSignupService({
      db: identity.db,
      clock,
      settings: signupSettings(deps),
      inviteTokenPepper: pepper,
      ipHashSalt: deps.settings.auth.sessionIpHashSalt,
      passwordHasher: identity.passwords,
      passwordPolicy: identity.passwordPolicy,
      issueSession: identity.sessions.issue,
      rateLimiter: identity.rateLimiter,
      logger: deps.logger,
      activity: identity.activity,
      // §7.6: a new account gets its verification mail right away, through the same flow as /auth/email/send.
      sendEmailVerification: async ({ userId }) => {
        await passwords.sendVerification({
          userId,
          tenantId: null,
          sessionId: null,
          origin: { ip: null, userAgent: null },
        });
      },
    }),
    administration: createSignupAdministration({ db: identity.db, clock, inviteTokenPepper: pepper }),
    metrics: deps.metrics,
  };
}
