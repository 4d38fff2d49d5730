import { AppError } from '@starter/contracts';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';
import { hashIp } from '../sessions/hash-ip.js';
import type { SignupDeps } from './signup-deps.js';
import { createSignupQuotas } from './signup-quotas.js';
import { createSignupRequestsRepository } from './signup-requests-repository.js';
import type { RequestAccessBody } from './signup-schemas.js';
import { type SignupPolicySnapshot, signupPolicySnapshot } from './signup-settings.js';

/** POST /auth/request-access: records an access request and answers 202 with the policy snapshot. */
export type RequestAccess = (body: RequestAccessBody, origin: RequestOrigin) => Promise<SignupPolicySnapshot>;

/** Creates the access-request flow. */
export function createRequestAccess(deps: SignupDeps): RequestAccess {
  const requests = createSignupRequestsRepository(deps.db);
  const quotas = createSignupQuotas(deps.rateLimiter, 'signup_request', deps.settings);
  const snapshot = signupPolicySnapshot(deps.settings.policy);

  return async (body, origin) => {
    if (!snapshot.request_access_enabled) {
      throw new AppError('Forbidden', 'Access requests are not enabled; sign up directly.');
    }
    await quotas(origin.ip, body.email);
    // A filled honeypot is a bot: answer exactly as for a person, but store nothing.
    if (body.honeypot !== undefined && body.honeypot.trim() !== '') return snapshot;
    const ipHash = origin.ip === null ? null : hashIp(deps.ipHashSalt, origin.ip);
    if (
      ipHash !== null &&
      (await requests.countPendingByIpHash(ipHash)) >= deps.settings.concurrentRequestsLimit
    ) {
      throw new AppError('TooManyRequests', 'Too many pending access requests from this network.');
    }
    await requests.create({
      email: body.email,
      organization: body.organization,
      fullName: body.full_name,
      message: body.message ?? null,
      ipHash,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
    return snapshot;
  };
}
